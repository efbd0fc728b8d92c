/// A failure reported the way kubectl reports it: `error: <message>` on stderr, exit status 1.
public struct KubectlError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// When true the message is printed as is (server errors already carry their own prefix).
    public var raw: Bool
    public init(_ message: String, raw: Bool = false) {
        self.message = message
        self.raw = raw
    }
    public var description: String { raw ? message : "error: \(message)" }
}
