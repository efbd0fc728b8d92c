/// Why protobuf bytes could not be turned into a Kubernetes object. Offsets count from the start
/// of the message being read; `inField` says which field of which message contained the failure.
public indirect enum ProtobufDecodingError: Error, Equatable, CustomStringConvertible, Sendable {
    case missingMagic
    case truncated(offset: Int, what: String)
    case malformedVarint(offset: Int)
    case invalidFieldNumber(offset: Int)
    case invalidWireType(offset: Int, wireType: UInt8)
    /// The field's wire type does not fit its kind in the schema (a string sent as varint).
    case wireTypeMismatch(expected: String, got: String)
    case invalidUTF8
    case invalidJSON(String)
    case invalidTime(seconds: Int64, nanos: Int64)
    case unsupportedContentEncoding(String)
    case unsupportedContentType(String)
    case unknownKind(apiVersion: String, kind: String)
    case unknownMessage(String)
    case tooDeeplyNested
    case inField(String, ProtobufDecodingError)

    public var description: String {
        switch self {
        case .missingMagic: return "protobuf: body does not start with the k8s\\0 magic"
        case .truncated(let offset, let what): return "protobuf: truncated \(what) at offset \(offset)"
        case .malformedVarint(let offset): return "protobuf: varint longer than 64 bits at offset \(offset)"
        case .invalidFieldNumber(let offset): return "protobuf: invalid field number at offset \(offset)"
        case .invalidWireType(let offset, let wireType): return "protobuf: unsupported wire type \(wireType) at offset \(offset)"
        case .wireTypeMismatch(let expected, let got): return "protobuf: expected \(expected), got \(got)"
        case .invalidUTF8: return "protobuf: string is not valid UTF-8"
        case .invalidJSON(let message): return "protobuf: embedded JSON: \(message)"
        case .invalidTime(let seconds, let nanos): return "protobuf: time out of range (seconds \(seconds), nanos \(nanos))"
        case .unsupportedContentEncoding(let encoding): return "protobuf: unsupported contentEncoding \(encoding)"
        case .unsupportedContentType(let type): return "protobuf: unsupported contentType \(type)"
        case .unknownKind(let apiVersion, let kind): return "protobuf: no schema for \(apiVersion), Kind=\(kind)"
        case .unknownMessage(let name): return "protobuf: no schema for message \(name)"
        case .tooDeeplyNested: return "protobuf: objects nested in RawExtensions more than \(ProtobufMessageDecoder.maxEmbeddingDepth) deep"
        case .inField(let path, let underlying):
            var names = [path]
            var inner = underlying
            while case .inField(let next, let deeper) = inner {
                names.append(next)
                inner = deeper
            }
            return "\(names.joined(separator: " → ")): \(inner)"
        }
    }
}

/// Why a JSON object could not be written as protobuf; `path` is the JSON path (`spec.replicas`).
public struct ProtobufEncodingError: Error, Equatable, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String

    public var description: String { "protobuf encode \(path.isEmpty ? "<root>" : path): \(reason)" }

    public static func unknownKind(apiVersion: String, kind: String) -> ProtobufEncodingError {
        ProtobufEncodingError(path: "", reason: "no schema for \(apiVersion), Kind=\(kind)")
    }
}
