/// Kubernetes' protobuf encoding of API objects (`application/vnd.kubernetes.protobuf`).
///
/// A body is the magic `k8s\0` and a `runtime.Unknown` {typeMeta = 1 {apiVersion = 1, kind = 2},
/// raw = 2, contentEncoding = 3, contentType = 4}; `raw` is the object as upstream's generated.proto
/// for that kind. Objects come out as the JSON the Go object would marshal to, `apiVersion` and
/// `kind` first, so the rest of the apiserver only ever sees `JSONValue`.
public enum KubernetesProtobuf {
    public static let mediaType = "application/vnd.kubernetes.protobuf"
    public static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// The schema message for a kind (`core.v1.Pod` for v1 Pod), nil if Kubeswift has none.
    public static func messageName(apiVersion: String, kind: String) -> String? {
        ProtobufKinds.messageName(apiVersion: apiVersion, kind: kind)
    }

    public static func decode(_ bytes: [UInt8]) throws(ProtobufDecodingError) -> JSONValue {
        try decode(bytes, schema: .kubernetes)
    }

    public static func decode(_ bytes: [UInt8], schema: ProtobufSchema) throws(ProtobufDecodingError) -> JSONValue {
        try decode(bytes, decoder: ProtobufMessageDecoder(schema: schema))
    }

    static func decode(_ bytes: [UInt8], decoder: ProtobufMessageDecoder) throws(ProtobufDecodingError) -> JSONValue {
        guard bytes.starts(with: magic) else { throw .missingMagic }
        var apiVersion = ""
        var kind = ""
        var raw: ArraySlice<UInt8> = []
        var contentEncoding = ""
        var contentType = ""
        var reader = ProtobufReader(bytes[magic.count...])
        do {
            while let (number, value) = try reader.next() {
                switch number {
                case 1:
                    var typeMeta = ProtobufReader(try value.lengthDelimited())
                    while let (metaNumber, metaValue) = try typeMeta.next() {
                        if metaNumber == 1 { apiVersion = String(decoding: try metaValue.lengthDelimited(), as: UTF8.self) }
                        if metaNumber == 2 { kind = String(decoding: try metaValue.lengthDelimited(), as: UTF8.self) }
                    }
                case 2: raw = try value.lengthDelimited()
                case 3: contentEncoding = String(decoding: try value.lengthDelimited(), as: UTF8.self)
                case 4: contentType = String(decoding: try value.lengthDelimited(), as: UTF8.self)
                default: continue
                }
            }
        } catch {
            throw .inField("runtime.Unknown", error)
        }
        guard contentEncoding.isEmpty else { throw .unsupportedContentEncoding(contentEncoding) }
        var object = JSONObject()
        object["apiVersion"] = .string(apiVersion)
        object["kind"] = .string(kind)
        switch contentType {
        case "", mediaType:
            guard let name = messageName(apiVersion: apiVersion, kind: kind) else {
                throw .unknownKind(apiVersion: apiVersion, kind: kind)
            }
            for (key, value) in try decoder.decodeObject(name, raw) { object[key] = value }
        case "application/json":
            let embedded: JSONValue
            do { embedded = try JSONValue.parse(raw) } catch { throw .invalidJSON(error.description) }
            guard case .object(let members) = embedded else { throw .invalidJSON("raw is a \(embedded.typeName), not an object") }
            for (key, value) in members where key != "apiVersion" && key != "kind" { object[key] = value }
        default:
            throw .unsupportedContentType(contentType)
        }
        return .object(object)
    }

    /// Decodes one message without the envelope (a `raw` payload, or a nested type in tests).
    public static func decodeMessage(
        _ name: String, _ bytes: [UInt8], schema: ProtobufSchema = .kubernetes
    ) throws(ProtobufDecodingError) -> JSONValue {
        .object(try ProtobufMessageDecoder(schema: schema).decodeObject(name, bytes[...]))
    }

    /// Encodes an object (with `apiVersion` and `kind`) as magic + `runtime.Unknown`, as upstream's
    /// protobuf serializer writes it.
    public static func encode(_ object: JSONValue) throws(ProtobufEncodingError) -> [UInt8] {
        try encode(object, schema: .kubernetes)
    }

    public static func encode(_ object: JSONValue, schema: ProtobufSchema) throws(ProtobufEncodingError) -> [UInt8] {
        guard case .object(let members) = object else {
            throw ProtobufEncodingError(path: "", reason: "expected object, got \(object.typeName)")
        }
        let apiVersion = members["apiVersion"]?.stringValue ?? ""
        let kind = members["kind"]?.stringValue ?? ""
        guard let name = messageName(apiVersion: apiVersion, kind: kind) else {
            throw .unknownKind(apiVersion: apiVersion, kind: kind)
        }
        let raw = try ProtobufMessageEncoder(schema: schema).encodeObject(name, members, path: "")
        var typeMeta = ProtobufWriter()
        typeMeta.writeStringField(1, apiVersion)
        typeMeta.writeStringField(2, kind)
        var unknown = ProtobufWriter()
        unknown.bytes = magic
        unknown.writeBytesField(1, typeMeta.bytes)
        unknown.writeBytesField(2, raw)
        unknown.writeStringField(3, "")
        unknown.writeStringField(4, "")
        return unknown.bytes
    }

    /// Encodes one message without the envelope.
    public static func encodeMessage(
        _ name: String, _ object: JSONValue, schema: ProtobufSchema = .kubernetes
    ) throws(ProtobufEncodingError) -> [UInt8] {
        guard case .object(let members) = object else {
            throw ProtobufEncodingError(path: "", reason: "expected object, got \(object.typeName)")
        }
        return try ProtobufMessageEncoder(schema: schema).encodeObject(name, members, path: "")
    }
}
