/// A CRI call that failed, named by call and object: `StartContainer(3f2a…): failed precondition: …`.
public struct RuntimeCallError: Error, CustomStringConvertible, Sendable {
    public var call: String
    public var object: String
    public var underlying: String

    public init(_ call: String, _ object: String, _ error: any Error) {
        self.call = call
        self.object = object
        self.underlying = Self.describe(error)
    }

    public var description: String { "\(call)(\(object)): \(underlying)" }

    static func describe(_ error: any Error) -> String {
        if let call = error as? RuntimeCallError { return call.description }
        return String(describing: error)
    }
}
