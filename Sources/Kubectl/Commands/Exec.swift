import ArgumentParser
import Foundation
import KubeAPI
import KubeClient
import RemoteCommand
#if canImport(Glibc)
import Glibc
#endif

/// `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`, as upstream's
/// kubectl/pkg/cmd/exec: the pod resolved and checked, the container defaulted, the session run over
/// the websocket channel protocol (`pods/exec`), and a non-zero exit reported as
/// `command terminated with exit code N` with that exit status.
struct Exec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exec", abstract: "Execute a command in a container.")

    @OptionGroup var global: GlobalOptions
    @Option(name: [.customShort("c"), .long]) var container: String?
    @Flag(name: [.customShort("i"), .long]) var stdin = false
    @Flag(name: [.customShort("t"), .long]) var tty = false
    @Flag(name: [.customShort("q"), .long]) var quiet = false
    @Option(name: .customLong("pod-running-timeout")) var podRunningTimeout = "1m0s"
    @Argument var target: String?
    /// Everything after `--` (the older `exec POD COMMAND` form without `--` is not accepted).
    @Argument(parsing: .postTerminator) var command: [String] = []

    static let usage = "expected 'exec (POD | TYPE/NAME) COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD or TYPE/NAME is a required argument for the exec command\nSee 'kubectl exec -h' for help and examples"

    func run() async throws {
        guard let podArgument = target else { throw KubectlError(Self.usage) }
        guard !command.isEmpty else { throw KubectlError("you must specify at least one command for the container") }
        let session = try global.session()
        let pod = try await session.podForObject(podArgument, timeout: GlobalOptions.parseDuration(podRunningTimeout) ?? .seconds(60))
        let phase = pod[path: ["status", "phase"]]?.stringValue ?? ""
        if phase == "Succeeded" || phase == "Failed" {
            throw KubectlError("cannot exec into a container in a completed pod; current phase is \(phase)")
        }
        let containerName = try container ?? ContainerNames(pod: pod).defaulted(podName: pod.name, quiet: quiet)
        let streams = StreamSetup(stdin: stdin, tty: tty, quiet: quiet)
        var query: [(String, String)] = command.map { ("command", $0) }
        query.append(("container", containerName))
        if !streams.tty { query.append(("stderr", "true")) }
        if streams.stdin { query.append(("stdin", "true")) }
        query.append(("stdout", "true"))
        if streams.tty { query.append(("tty", "true")) }
        let path = ResourcePath(resource: "pods", namespace: pod.namespace, name: pod.name, subresource: "exec").urlPath
        try await RemoteSession(session: session, path: path, query: query, streams: streams).run()
    }
}

/// Which streams a session attaches, decided as upstream's StreamOptions.SetupTTY: a TTY only with
/// stdin, and only when stdin is a terminal; in TTY mode stderr is merged into stdout.
struct StreamSetup: Sendable {
    var stdin: Bool
    var tty: Bool

    init(stdin: Bool, tty: Bool, quiet: Bool) {
        self.stdin = stdin
        guard stdin && tty else {
            self.tty = false
            return
        }
        let interactive = Terminal.current === Terminal.standard && isatty(0) == 1
        if !interactive && !quiet {
            Terminal.current.err("Unable to use a TTY - input is not a terminal or the right kind of file\n")
        }
        self.tty = interactive
    }
}

/// One exec or attach over the websocket channel protocol through the apiserver.
struct RemoteSession {
    let session: Session
    let path: String
    let query: [(String, String)]
    let streams: StreamSetup

    func run() async throws {
        let client = session.client
        let url = client.config.server + path + "?" + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        let terminal = Terminal.current
        let out = TextSink { terminal.out($0) }, err = TextSink { terminal.err($0) }
        let raw = streams.tty ? RawMode.enter() : nil
        defer { raw?.restore() }
        let code: Int32
        do {
            code = try await RemoteCommandClient.run(
                url: url, headers: client.authorizationHeaders,
                tls: RemoteCommandTLS(
                    insecureSkipVerify: client.config.insecureSkipTLSVerify, certificateAuthorityPEM: client.config.caData,
                    clientCertificatePEM: client.config.clientCertificateData, clientKeyPEM: client.config.clientKeyData),
                stdin: streams.stdin ? Self.stdinChunks(terminal) : nil,
                stdout: { out.write($0) }, stderr: { err.write($0) },
                resizes: streams.tty ? Self.terminalSizes() : nil)
        } catch let error as RemoteCommandError {
            out.flush()
            err.flush()
            if case .remoteFailure(let message) = error { throw KubectlError(message) }
            // The upgrade was refused: the same request without websockets gets the reason as a
            // Status (as kubectl's fallback to SPDY does).
            _ = try await client.json(method: .POST, path: path, query: Dictionary(query, uniquingKeysWith: { a, _ in a }))
            throw KubectlError("\(error)")
        }
        out.flush()
        err.flush()
        raw?.restore()
        if code != 0 {
            terminal.err("command terminated with exit code \(code)\n")
            throw ExitCode(code)
        }
    }

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// The local stdin as chunks: read as it comes from the real terminal, or all at once from a
    /// test's terminal.
    static func stdinChunks(_ terminal: Terminal) -> AsyncStream<[UInt8]> {
        AsyncStream { continuation in
            if terminal !== Terminal.standard {
                continuation.yield(Array(terminal.stdin()))
                continuation.finish()
                return
            }
            let thread = Thread {
                var buffer = [UInt8](repeating: 0, count: 32 * 1024)
                while true {
                    let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { break }
                    continuation.yield(Array(buffer.prefix(n)))
                }
                continuation.finish()
            }
            thread.start()
        }
    }

    /// The terminal's size now and after every SIGWINCH.
    static func terminalSizes() -> AsyncStream<TerminalSize> {
        AsyncStream { continuation in
            func current() -> TerminalSize? {
                var size = winsize()
                let ok = withUnsafeMutablePointer(to: &size) { ioctl(1, UInt(TIOCGWINSZ), $0) } == 0
                guard ok, size.ws_col > 0 else { return nil }
                return TerminalSize(width: size.ws_col, height: size.ws_row)
            }
            if let size = current() { continuation.yield(size) }
            signal(SIGWINCH, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: SIGWINCH)
            source.setEventHandler { if let size = current() { continuation.yield(size) } }
            source.resume()
            let box = SignalSourceBox(source)
            continuation.onTermination = { _ in box.source.cancel() }
        }
    }
}

/// Bytes from a remote stream written as text without splitting a UTF-8 character.
final class TextSink: @unchecked Sendable {
    private let lock = NSLock()
    private var decoder = UTF8Chunks()
    private let write: (String) -> Void

    init(_ write: @escaping (String) -> Void) { self.write = write }

    func write(_ bytes: [UInt8]) {
        let text = lock.withLock { decoder.feed(bytes) }
        if !text.isEmpty { write(text) }
    }

    func flush() {
        let text = lock.withLock { decoder.finish() }
        if !text.isEmpty { write(text) }
    }
}

/// The local terminal in raw mode for a TTY session, restored afterwards.
final class RawMode: @unchecked Sendable {
    private var saved: termios
    private var restored = false

    private init(saved: termios) { self.saved = saved }

    static func enter() -> RawMode? {
        var original = termios()
        guard tcgetattr(0, &original) == 0 else { return nil }
        var raw = original
        cfmakeraw(&raw)
        guard tcsetattr(0, TCSANOW, &raw) == 0 else { return nil }
        return RawMode(saved: original)
    }

    func restore() {
        guard !restored else { return }
        restored = true
        tcsetattr(0, TCSANOW, &saved)
    }
}

/// DispatchSource is thread-safe but not marked Sendable.
private final class SignalSourceBox: @unchecked Sendable {
    let source: any DispatchSourceSignal
    init(_ source: any DispatchSourceSignal) { self.source = source }
}
