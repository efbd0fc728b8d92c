import CLinux
import Glibc
import Linux

/// The monitor side of the container-init helper, once the container runs: it owns the
/// container (its parent), copies the container's stdout/stderr pipes into the CRI log,
/// reopens the log when asked (a line on the `control` FIFO), and on exit drains the pipes,
/// writes `exit.json`, and reports. Single-threaded; every descriptor it needs is opened
/// before the container's pivot_root, which also moves the helper's root (same mount
/// namespace), so host paths are reached only through directory descriptors.
struct ContainerMonitor {
    /// Opened before fork: the CRI log and the pipes the container writes into.
    struct LogPipes {
        var stdoutRead: Int32
        var stdoutWrite: Int32
        var stderrRead: Int32
        var stderrWrite: Int32
    }

    let logDirectoryFD: Int32
    let logName: String
    var logFD: Int32
    let pipes: LogPipes?
    /// The container's directory (exit.json, control FIFO); -1 when not monitored on disk.
    let stateDirectoryFD: Int32
    let controlFD: Int32

    static let controlName = "control"

    /// Opens the log (CRI format) and the state directory. Raw output is redirected by the caller.
    static func prepare(output: ContainerOutput, stateDirectory: String?) throws(SyscallError) -> ContainerMonitor {
        var logDirectoryFD: Int32 = -1
        var logName = ""
        var logFD: Int32 = -1
        var pipes: LogPipes?
        if output.format == .cri {
            let path = output.stdoutPath
            let slash = path.lastIndex(of: "/") ?? path.startIndex
            let directory = slash == path.startIndex ? "/" : String(path[..<slash])
            logName = String(path[path.index(after: slash)...])
            try FileIO.makeDirectories(directory)
            logDirectoryFD = try retryingEINTR("open(\(directory))") { ks_open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0) }
            logFD = try openLog(directoryFD: logDirectoryFD, name: logName)
            let out = try Spawn.pipe()
            let err = try Spawn.pipe()
            pipes = LogPipes(stdoutRead: out.read, stdoutWrite: out.write, stderrRead: err.read, stderrWrite: err.write)
        }
        var stateDirectoryFD: Int32 = -1
        var controlFD: Int32 = -1
        if let stateDirectory {
            stateDirectoryFD = try retryingEINTR("open(\(stateDirectory))") {
                ks_open(stateDirectory, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
            }
            unlinkat(stateDirectoryFD, controlName, 0)
            try retryingEINTR("mkfifo(\(stateDirectory)/\(controlName))") { mkfifoat(stateDirectoryFD, controlName, 0o600) }
            // Read-write so the FIFO never reports end of file when a writer goes away.
            controlFD = try retryingEINTR("open(\(stateDirectory)/\(controlName))") {
                openat(stateDirectoryFD, controlName, O_RDWR | O_NONBLOCK | O_CLOEXEC)
            }
        }
        return ContainerMonitor(logDirectoryFD: logDirectoryFD, logName: logName, logFD: logFD, pipes: pipes,
                                stateDirectoryFD: stateDirectoryFD, controlFD: controlFD)
    }

    static func openLog(directoryFD: Int32, name: String) throws(SyscallError) -> Int32 {
        try retryingEINTR("open(log \(name))") { openat(directoryFD, name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640) }
    }

    /// In the container child, before exec: the pipes become stdout and stderr.
    func attachChild() {
        guard let pipes else { return }
        dup2(pipes.stdoutWrite, 1)
        dup2(pipes.stderrWrite, 2)
    }

    /// In the helper after fork: only the container holds the write ends.
    func closeChildEnds() {
        guard let pipes else { return }
        close(pipes.stdoutWrite)
        close(pipes.stderrWrite)
    }

    /// Runs until the container exits; returns how it ended (after the pipes are drained).
    mutating func run(pid: pid_t) -> ExitStatus {
        var formatters = [CRILogFormatter(stream: .stdout), CRILogFormatter(stream: .stderr)]
        var streams: [Int32] = pipes.map { [$0.stdoutRead, $0.stderrRead] } ?? []
        var open = streams.map { _ in true }
        let pidFD = ks_pidfd_open(pid, 0)
        var status: ExitStatus?
        var drainDeadline: Int64 = 0
        var buffer = [UInt8](repeating: 0, count: 65536)

        while true {
            if status != nil && (!open.contains(true) || Self.monotonicMilliseconds() >= drainDeadline) { break }
            var fds: [pollfd] = []
            for (index, fd) in streams.enumerated() where open[index] { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            if controlFD >= 0 { fds.append(pollfd(fd: controlFD, events: Int16(POLLIN), revents: 0)) }
            if status == nil && pidFD >= 0 { fds.append(pollfd(fd: pidFD, events: Int16(POLLIN), revents: 0)) }
            // Without a pidfd (old kernels), poll wakes every 100 ms to try waitpid.
            let timeout: Int32 = status != nil ? 100 : (pidFD >= 0 ? -1 : 100)
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 && errno != EINTR { break }
            for entry in fds where entry.revents != 0 {
                if let index = streams.firstIndex(of: entry.fd), open[index] {
                    let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, 65536) }
                    if count > 0 {
                        write(formatters[index].feed(buffer[0..<count], timestamp: CRILogFormatter.now()))
                    } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                        open[index] = false
                        write(formatters[index].finish(timestamp: CRILogFormatter.now()))
                    }
                } else if entry.fd == controlFD {
                    handleControl()
                }
            }
            if status == nil {
                var raw: Int32 = 0
                let waited = waitpid(pid, &raw, WNOHANG)
                if waited == pid {
                    status = ExitStatus(raw: raw)
                    // The pid namespace died with its init, so the pipes close promptly; a
                    // process outside it (hostPID) may hold them, hence the bound.
                    drainDeadline = Self.monotonicMilliseconds() + 2000
                } else if waited < 0 && errno == ECHILD {
                    status = ExitStatus(code: 255, signal: nil)
                    drainDeadline = Self.monotonicMilliseconds()
                }
            }
        }
        for index in streams.indices where open[index] {
            write(formatters[index].finish(timestamp: CRILogFormatter.now()))
        }
        streams.forEach { close($0) }
        streams.removeAll()
        if pidFD >= 0 { close(pidFD) }
        let final = status ?? ExitStatus(code: 255, signal: nil)
        if stateDirectoryFD >= 0 {
            try? ExitRecord(exitCode: final.code, signal: final.signal, finishedAt: ExitRecord.nowNanoseconds())
                .write(directoryFD: stateDirectoryFD)
            unlinkat(stateDirectoryFD, Self.controlName, 0)
        }
        return final
    }

    func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty, logFD >= 0 else { return }
        try? FileIO.writeAll(fd: logFD, bytes, stage: "write(log)")
    }

    /// `reopen\n`: the kubelet rotated the log (renamed it); start a new file at the path.
    mutating func handleControl() {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { read(controlFD, $0.baseAddress, 256) }
        guard count > 0 else { return }
        if String(decoding: buffer[0..<count], as: UTF8.self).contains("reopen"), logDirectoryFD >= 0 {
            if let reopened = try? Self.openLog(directoryFD: logDirectoryFD, name: logName) {
                close(logFD)
                logFD = reopened
            }
        }
    }

    static func monotonicMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
