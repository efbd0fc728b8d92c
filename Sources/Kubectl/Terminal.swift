import Foundation

/// Where kubectl writes. A task-local so tests can run commands in-process and capture both streams.
public final class Terminal: @unchecked Sendable {
    let lock = NSLock()
    let writeOut: @Sendable (String) -> Void
    let writeErr: @Sendable (String) -> Void
    public let stdin: @Sendable () -> Data

    public init(
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
        stdin: @escaping @Sendable () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }
    ) {
        self.writeOut = out
        self.writeErr = err
        self.stdin = stdin
    }

    public static let standard = Terminal(
        out: { s in FileHandle.standardOutput.write(Data(s.utf8)) },
        err: { s in FileHandle.standardError.write(Data(s.utf8)) })

    @TaskLocal public static var current: Terminal = .standard

    public func out(_ s: String) { lock.withLock { writeOut(s) } }
    public func err(_ s: String) { lock.withLock { writeErr(s) } }
}

/// Collects output in memory (for tests).
public final class CapturedOutput: @unchecked Sendable {
    let lock = NSLock()
    var outText = ""
    var errText = ""
    public init() {}
    public var stdout: String { lock.withLock { outText } }
    public var stderr: String { lock.withLock { errText } }
    public func terminal(stdin: Data = Data()) -> Terminal {
        Terminal(
            out: { [self] s in lock.withLock { outText += s } }, err: { [self] s in lock.withLock { errText += s } },
            stdin: { stdin })
    }
}
