import CLinux
import Foundation
import Glibc
import Linux
import Synchronization

/// Which of the command's streams a streaming exec connects (CRI ExecRequest's flags).
public struct ExecStreams: Sendable, Equatable {
    public var stdin: Bool
    public var stdout: Bool
    public var stderr: Bool
    /// stdout and stderr are one terminal; `stderr` is ignored.
    public var tty: Bool

    public init(stdin: Bool, stdout: Bool, stderr: Bool, tty: Bool) {
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.tty = tty
    }
}

/// What a streaming exec produces, in order: output chunks, then one `.exited`.
public enum ExecEvent: Sendable, Equatable {
    case stdout([UInt8])
    case stderr([UInt8])
    /// The command's exit code (128+n for a signal).
    case exited(Int32)
    /// The helper could not start the command (no such executable, container gone).
    case failed(ExecError)
}

/// A command running inside a container with its stdio streamed: the exec helper (as for
/// ExecSync) started with pipes, or with the slave of a pseudo-terminal the runtime opened
/// (the command makes it its controlling terminal). One thread per process polls the output
/// and the exit; stdin writes go through a serial queue so a full pipe never blocks a task.
public final class StreamingExecProcess: Sendable {
    public let events: AsyncStream<ExecEvent>
    let pid: pid_t
    /// Pipe write end or pty master; nil when stdin is not streamed.
    let input: Mutex<Int32?>
    let terminal: Int32?
    let writer = DispatchQueue(label: "kubeswift.exec.stdin")

    public static func start(_ plan: ExecPlan, streams: ExecStreams, configuration: RuntimeConfiguration) throws(ExecError) -> StreamingExecProcess {
        var plan = plan
        plan.tty = streams.tty
        return try launch(configuration.helperPath, arguments: ["kubeswift"] + configuration.helperArguments + ["exec"],
                          streams: streams, plan: plan)
    }

    /// Starts `path` with the streams connected and, when given, sends it the plan on the
    /// helper's request pipe (tests start plain commands without a plan).
    static func launch(_ path: String, arguments: [String], streams: ExecStreams, plan: ExecPlan?) throws(ExecError) -> StreamingExecProcess {
        var parentEnds: [Int32] = []
        var childEnds: [Int32] = []
        do {
            let requests = try Spawn.pipe(), events = try Spawn.pipe()
            defer { [requests.read, events.write].forEach { close($0) } }
            let devNull = try retryingEINTR("open(/dev/null)") { ks_open("/dev/null", O_RDWR | O_CLOEXEC, 0) }
            childEnds.append(devNull)
            var fds: [Int32: Int32] = [InitDescriptors.requests: requests.read, InitDescriptors.events: events.write]
            var outputs: [(Int32, Bool)] = []  // fd, isStdout
            var input: Int32?
            var terminal: Int32?
            if streams.tty {
                var master: Int32 = -1, slave: Int32 = -1
                _ = try retryingEINTR("open pseudo-terminal") { ks_open_pty(&master, &slave) }
                parentEnds.append(master)
                childEnds.append(slave)
                fds[0] = slave; fds[1] = slave; fds[2] = slave
                terminal = master
                outputs.append((master, true))
                if streams.stdin { input = master }
            } else {
                if streams.stdin {
                    let pipe = try Spawn.pipe()
                    parentEnds.append(pipe.write); childEnds.append(pipe.read)
                    fds[0] = pipe.read
                    input = pipe.write
                } else {
                    fds[0] = devNull
                }
                for (child, wanted) in [(Int32(1), streams.stdout), (2, streams.stderr)] {
                    if wanted {
                        let pipe = try Spawn.pipe()
                        parentEnds.append(pipe.read); childEnds.append(pipe.write)
                        fds[child] = pipe.write
                        outputs.append((pipe.read, child == 1))
                    } else {
                        fds[child] = devNull
                    }
                }
            }
            let pid = try Spawn.spawn(path, args: arguments, env: ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"], fds: fds)
            // The child holds its own copies: EOF (or EIO on the pty) comes when the command's side closes.
            childEnds.forEach { close($0) }
            childEnds = []
            let requestChannel = LineChannel(fd: requests.write)
            if let plan { try? requestChannel.send(plan) }
            requestChannel.close()
            let process = StreamingExecProcess(pid: pid, input: input, terminal: terminal)
            let helperEvents = LineChannel(fd: events.read)
            let streamed = outputs
            let thread = Thread { process.pump(outputs: streamed, helperEvents: helperEvents) }
            thread.name = "kubeswift-exec-\(pid)"
            thread.start()
            return process
        } catch {
            (parentEnds + childEnds).forEach { close($0) }
            throw .helper("\(error)")
        }
    }

    let continuation: AsyncStream<ExecEvent>.Continuation

    private init(pid: pid_t, input: Int32?, terminal: Int32?) {
        self.pid = pid
        self.input = Mutex(input)
        self.terminal = terminal
        let (stream, continuation) = AsyncStream.makeStream(of: ExecEvent.self)
        events = stream
        self.continuation = continuation
    }

    /// Writes to the command's stdin (ignored once stdin is closed or when it is not streamed).
    public func write(_ bytes: [UInt8]) async {
        guard !bytes.isEmpty else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            writer.async {
                self.input.withLock { fd in
                    guard let descriptor = fd else { return }
                    var offset = 0
                    while offset < bytes.count {
                        let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                        if written < 0 {
                            if errno == EINTR { continue }
                            return  // EPIPE: the command stopped reading
                        }
                        offset += written
                    }
                }
                continuation.resume()
            }
        }
    }

    /// stdin EOF. With a terminal the master stays open (it carries the output too); the
    /// terminal's EOF character is sent instead, as a user typing ^D would.
    public func closeStdin() async {
        if terminal != nil {
            await write([0x04])
            input.withLock { $0 = nil }
            return
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            writer.async {
                self.input.withLock { fd in
                    if let descriptor = fd { close(descriptor) }
                    fd = nil
                }
                continuation.resume()
            }
        }
    }

    public func resize(_ columns: UInt16, _ rows: UInt16) {
        guard let terminal else { return }
        _ = ks_set_window_size(terminal, rows, columns)
    }

    /// SIGKILL to the helper; the command dies with it (PDEATHSIG).
    public func kill() {
        _ = Glibc.kill(pid, SIGKILL)
    }

    /// The output/exit loop, on its own thread until the process has exited and its output
    /// drained (or 500 ms after the exit, when background processes keep the streams open).
    func pump(outputs: [(Int32, Bool)], helperEvents: LineChannel) {
        var open = outputs.map { _ in true }
        let pidFD = ks_pidfd_open(pid, 0)
        var exitedAt: Int64?
        var status = ExitStatus(code: 255, signal: nil)
        var buffer = [UInt8](repeating: 0, count: 32768)
        while true {
            let now = ContainerMonitor.monotonicMilliseconds()
            if exitedAt == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid {
                    status = ExitStatus(raw: raw)
                    exitedAt = now
                }
            }
            if let exitedAt, !open.contains(true) || now - exitedAt > 500 { break }
            var fds: [pollfd] = []
            for (index, output) in outputs.enumerated() where open[index] {
                fds.append(pollfd(fd: output.0, events: Int16(POLLIN), revents: 0))
            }
            if exitedAt == nil && pidFD >= 0 { fds.append(pollfd(fd: pidFD, events: Int16(POLLIN), revents: 0)) }
            _ = poll(&fds, nfds_t(fds.count), exitedAt != nil ? 50 : 1000)
            for entry in fds where entry.revents != 0 {
                guard let index = outputs.firstIndex(where: { $0.0 == entry.fd }), open[index] else { continue }
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    let chunk = Array(buffer[0..<count])
                    continuation.yield(outputs[index].1 ? .stdout(chunk) : .stderr(chunk))
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    // EIO on a pty master: every slave descriptor is closed.
                    open[index] = false
                }
            }
        }
        input.withLock { fd in
            if let descriptor = fd, descriptor != terminal { close(descriptor) }
            fd = nil
        }
        outputs.forEach { close($0.0) }
        if pidFD >= 0 { close(pidFD) }
        var failure: ExecError?
        while let event = try? helperEvents.receive(InitEvent.self) {
            if case .failed(let error) = event { failure = .setup(error) }
        }
        helperEvents.close()
        continuation.yield(failure.map { .failed($0) } ?? .exited(status.code))
        continuation.finish()
    }
}
