/// Writes a JSON object as protobuf the way upstream's generated Go marshallers do: fields in
/// number order, value fields always (zero when absent from JSON), pointers only when set, map
/// entries sorted by key, repeated scalars unpacked (proto2).
struct ProtobufMessageEncoder {
    let schema: ProtobufSchema

    func encodeObject(_ name: String, _ object: JSONObject, path: String) throws(ProtobufEncodingError) -> [UInt8] {
        guard let message = schema[name] else {
            throw ProtobufEncodingError(path: path, reason: "no schema for message \(name)")
        }
        var writer = ProtobufWriter()
        for index in message.numberOrder {
            let field = message.fields[index]
            let fieldPath = path.isEmpty ? field.jsonName : "\(path).\(field.jsonName)"
            if field.presence == .inline {
                guard case .message(let inner) = field.kind else {
                    throw ProtobufEncodingError(path: fieldPath, reason: "inline field is not a message")
                }
                writer.writeBytesField(field.number, try encodeObject(inner, object, path: path))
                continue
            }
            let value = object[field.jsonName]?.nonNull
            switch field.kind {
            case .repeated(let element):
                guard let value else { continue }
                guard case .array(let elements) = value else {
                    throw ProtobufEncodingError(path: fieldPath, reason: "expected array, got \(value.typeName)")
                }
                for (i, item) in elements.enumerated() {
                    try writeSingle(element, item, number: field.number, path: "\(fieldPath)[\(i)]", into: &writer)
                }
            case .map(let keyKind, let valueKind):
                guard let value else { continue }
                guard case .object(let members) = value else {
                    throw ProtobufEncodingError(path: fieldPath, reason: "expected object, got \(value.typeName)")
                }
                for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                    var entry = ProtobufWriter()
                    let keyValue: JSONValue
                    switch keyKind {
                    case .string: keyValue = .string(key)
                    case .int32, .int64:
                        guard let i = Int64(key) else {
                            throw ProtobufEncodingError(path: "\(fieldPath).\(key)", reason: "map key is not an integer")
                        }
                        keyValue = .int(i)
                    default:
                        throw ProtobufEncodingError(path: fieldPath, reason: "unsupported map key kind")
                    }
                    try writeSingle(keyKind, keyValue, number: 1, path: "\(fieldPath).\(key)", into: &entry)
                    try writeSingle(
                        valueKind, members[key] ?? .null, number: 2, path: "\(fieldPath).\(key)", into: &entry)
                    writer.writeBytesField(field.number, entry.bytes)
                }
            default:
                if let value {
                    try writeSingle(field.kind, value, number: field.number, path: fieldPath, into: &writer)
                } else if field.presence != .pointer {
                    // Go value fields are always on the wire; absent from JSON means the zero value.
                    try writeSingle(field.kind, nil, number: field.number, path: fieldPath, into: &writer)
                }
            }
        }
        return writer.bytes
    }

    /// Writes one value of `kind` as field `number`; `nil` writes the kind's zero value.
    private func writeSingle(
        _ kind: ProtobufFieldKind, _ value: JSONValue?, number: Int, path: String, into writer: inout ProtobufWriter
    ) throws(ProtobufEncodingError) {
        let value = value?.nonNull
        func mismatch(_ expected: String) -> ProtobufEncodingError {
            ProtobufEncodingError(path: path, reason: "expected \(expected), got \(value?.typeName ?? "null")")
        }
        switch kind {
        case .string:
            guard let value else { return writer.writeStringField(number, "") }
            guard case .string(let s) = value else { throw mismatch("string") }
            writer.writeStringField(number, s)
        case .bool:
            guard let value else { return writer.writeVarintField(number, 0) }
            guard case .bool(let b) = value else { throw mismatch("boolean") }
            writer.writeVarintField(number, b ? 1 : 0)
        case .int32, .int64:
            guard let value else { return writer.writeVarintField(number, 0) }
            guard let i = value.intValue else { throw mismatch("integer") }
            if kind == .int32 && Int64(Int32(truncatingIfNeeded: i)) != i {
                throw ProtobufEncodingError(path: path, reason: "\(i) does not fit in int32")
            }
            writer.writeIntField(number, i)
        case .double:
            guard let value else { return writer.writeDoubleField(number, 0) }
            guard let d = value.doubleValue else { throw mismatch("number") }
            writer.writeDoubleField(number, d)
        case .bytes:
            guard let value else { return }
            guard case .string(let text) = value else { throw mismatch("base64 string") }
            guard let bytes = try? Base64.decode(text) else {
                throw ProtobufEncodingError(path: path, reason: "invalid base64 \(text.prefix(32).debugDescription)")
            }
            writer.writeBytesField(number, bytes)
        case .message(let name):
            var members = JSONObject()
            if let value {
                guard case .object(let object) = value else { throw mismatch("object") }
                members = object
            }
            writer.writeBytesField(number, try encodeObject(name, members, path: path))
        case .repeated, .map:
            throw ProtobufEncodingError(path: path, reason: "nested lists and maps have no protobuf form")
        case .quantity:
            var inner = ProtobufWriter()
            switch value {
            case nil: inner.writeStringField(1, "0")
            case .string(let s)?: inner.writeStringField(1, s)
            case .int(let i)?: inner.writeStringField(1, String(i))
            case .double(let d)?: inner.writeStringField(1, JSONValue.double(d).serialized())
            default: throw mismatch("quantity string")
            }
            writer.writeBytesField(number, inner.bytes)
        case .intOrString:
            var inner = ProtobufWriter()
            switch value {
            case .string(let s)?:
                inner.writeVarintField(1, 1)
                inner.writeVarintField(2, 0)
                inner.writeStringField(3, s)
            case nil, .int?, .double?:
                let i = value?.intValue ?? 0
                guard value == nil || value?.intValue != nil, Int64(Int32(truncatingIfNeeded: i)) == i else {
                    throw mismatch("int32 or string")
                }
                inner.writeVarintField(1, 0)
                inner.writeIntField(2, i)
                inner.writeStringField(3, "")
            default: throw mismatch("int32 or string")
            }
            writer.writeBytesField(number, inner.bytes)
        case .time, .microTime:
            var inner = ProtobufWriter()
            if let value {
                guard case .string(let text) = value else { throw mismatch("RFC 3339 string") }
                guard let parsed = RFC3339.parse(text) else {
                    throw ProtobufEncodingError(path: path, reason: "invalid RFC 3339 time \(text.debugDescription)")
                }
                // JSON carries what the Go value held after parsing: seconds for Time, microseconds for MicroTime.
                let nanos = kind == .time ? 0 : parsed.nanoseconds / 1000 * 1000
                // Go's zero time is written as an empty message; every other instant (the epoch too) in full.
                if parsed.seconds != -62_135_596_800 || nanos != 0 {
                    inner.writeIntField(1, parsed.seconds)
                    inner.writeIntField(2, nanos)
                }
            }
            writer.writeBytesField(number, inner.bytes)
        case .duration:
            var nanoseconds: Int64 = 0
            if let value {
                guard case .string(let text) = value, let parsed = GoDuration.parse(text) else {
                    throw mismatch("duration string")
                }
                nanoseconds = parsed
            }
            var inner = ProtobufWriter()
            inner.writeIntField(1, nanoseconds)
            writer.writeBytesField(number, inner.bytes)
        case .rawExtension, .fieldsV1:
            var inner = ProtobufWriter()
            if let value { inner.writeBytesField(1, value.serializedBytes()) }
            writer.writeBytesField(number, inner.bytes)
        }
    }
}

extension JSONValue {
    /// nil for JSON null: Go decodes null into the zero value (nil pointer, empty list).
    fileprivate var nonNull: JSONValue? { isNull ? Optional.none : self }
}
