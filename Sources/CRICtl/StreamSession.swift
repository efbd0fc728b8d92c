import Foundation
import Glibc
import RemoteCommand

/// One exec or attach session on a runtime streaming URL: the local stdin pumped in with `-i`,
/// the terminal in raw mode and its size followed with `-t`, output written as it arrives.
struct StreamSession {
    let url: String
    let stdin: Bool
    let tty: Bool

    /// crictl's rules: a TTY needs stdin, and stdin must then be a terminal.
    static func check(tty: Bool, interactive: Bool) throws(CRICtlError) {
        guard tty else { return }
        guard interactive else { throw CRICtlError("tty=true must be specified with interactive=true") }
        guard isatty(0) == 1 else { throw CRICtlError("input is not a terminal") }
    }

    func run(what: String) async throws(CRICtlError) -> Int32 {
        let raw = tty ? RawTerminal.enter() : nil
        defer { raw?.restore() }
        do {
            return try await RemoteCommandClient.run(
                url: url,
                stdin: stdin ? Self.stdinChunks() : nil,
                stdout: { Output.write(1, $0) }, stderr: { Output.write(2, $0) },
                resizes: tty ? Self.terminalSizes() : nil)
        } catch {
            raw?.restore()
            throw CRICtlError(what, error)
        }
    }

    /// fd 0 read on a thread of its own (a blocking read must not hold a concurrency thread).
    static func stdinChunks() -> AsyncStream<[UInt8]> {
        AsyncStream { continuation in
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
                guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
                return TerminalSize(width: size.ws_col, height: size.ws_row)
            }
            if let size = current() { continuation.yield(size) }
            signal(SIGWINCH, SIG_IGN)
            let source = SignalSource(DispatchSource.makeSignalSource(signal: SIGWINCH))
            source.source.setEventHandler { if let size = current() { continuation.yield(size) } }
            source.source.resume()
            continuation.onTermination = { _ in source.source.cancel() }
        }
    }
}

/// DispatchSource is thread-safe but not marked Sendable.
private final class SignalSource: @unchecked Sendable {
    let source: any DispatchSourceSignal
    init(_ source: any DispatchSourceSignal) { self.source = source }
}

/// The local terminal in raw mode for a TTY session, restored afterwards.
final class RawTerminal: @unchecked Sendable {
    private var saved: termios
    private var restored = false

    private init(saved: termios) { self.saved = saved }

    static func enter() -> RawTerminal? {
        var original = termios()
        guard tcgetattr(0, &original) == 0 else { return nil }
        var raw = original
        cfmakeraw(&raw)
        guard tcsetattr(0, TCSANOW, &raw) == 0 else { return nil }
        return RawTerminal(saved: original)
    }

    func restore() {
        guard !restored else { return }
        restored = true
        tcsetattr(0, TCSANOW, &saved)
    }
}
