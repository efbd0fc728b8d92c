import FoundationEssentials

/// The error a plugin prints on stdout (exit status 1): `{cniVersion, code, msg, details}`.
/// Codes 1–99 are the spec's; 100+ are plugin-specific; 999 is upstream's "internal".
public struct CNIError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public var cniVersion: String?
    public var code: Int
    public var msg: String
    public var details: String?

    public init(_ code: Code, _ msg: String, details: String? = nil, cniVersion: String? = nil) {
        self.code = code.rawValue
        self.msg = msg
        self.details = details
        self.cniVersion = cniVersion
    }

    public init(code: Int, msg: String, details: String? = nil, cniVersion: String? = nil) {
        self.code = code
        self.msg = msg
        self.details = details
        self.cniVersion = cniVersion
    }

    public struct Code: RawRepresentable, Sendable, Equatable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let incompatibleVersion = Code(rawValue: 1)
        public static let unsupportedField = Code(rawValue: 2)
        public static let unknownContainer = Code(rawValue: 3)
        public static let invalidEnvironmentVariables = Code(rawValue: 4)
        public static let ioFailure = Code(rawValue: 5)
        public static let decodingFailure = Code(rawValue: 6)
        public static let invalidNetworkConfig = Code(rawValue: 7)
        public static let tryAgainLater = Code(rawValue: 11)
        public static let pluginNotAvailable = Code(rawValue: 50)
        public static let internalError = Code(rawValue: 999)
    }

    public var description: String {
        var text = "CNI error \(code): \(msg)"
        if let details, !details.isEmpty { text += "; \(details)" }
        return text
    }

    /// Any other error, as upstream's skel reports it (code 999).
    public static func wrapping(_ error: any Error, cniVersion: String?) -> CNIError {
        if var error = error as? CNIError {
            if error.cniVersion == nil { error.cniVersion = cniVersion }
            return error
        }
        return CNIError(.internalError, String(describing: error), cniVersion: cniVersion)
    }
}
