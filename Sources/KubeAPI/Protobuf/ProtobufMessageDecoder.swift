/// Turns protobuf message bytes into the JSON the same Go object would marshal to.
///
/// Go writes every value field on the wire (even `""` and `0`) and pointers only when set; JSON
/// leaves out zero values of `omitempty` fields. So a present field becomes a JSON member unless it
/// is a zero-valued `omitempty` value field; an absent one is left out unless the Go field has no
/// `omitempty` (then it is the zero value) or is a struct (Go's JSON always writes those).
struct ProtobufMessageDecoder {
    let schema: ProtobufSchema
    /// How many `k8s\0` bodies enclose this one (RawExtensions may hold whole objects); bounded so
    /// a crafted body cannot recurse without end.
    var embeddingDepth = 0
    static let maxEmbeddingDepth = 8

    func decodeObject(_ name: String, _ bytes: ArraySlice<UInt8>) throws(ProtobufDecodingError) -> JSONObject {
        guard let message = schema[name] else { throw .unknownMessage(name) }
        var values: [Int: [ProtobufWireValue]] = [:]
        var reader = ProtobufReader(bytes)
        do {
            while let (number, value) = try reader.next() {
                // Unknown field numbers are skipped, as proto2 readers do.
                if message.field(number: number) != nil { values[number, default: []].append(value) }
            }
        } catch {
            throw .inField(name, error)
        }
        var object = JSONObject()
        for field in message.fields {
            do {
                try decodeField(field, values[field.number] ?? [], into: &object)
            } catch {
                throw .inField("\(name).\(field.jsonName)", error)
            }
        }
        return object
    }

    private func decodeField(
        _ field: ProtobufField, _ values: [ProtobufWireValue], into object: inout JSONObject
    ) throws(ProtobufDecodingError) {
        switch field.kind {
        case .repeated(let element):
            guard !values.isEmpty else {
                if field.presence == .always { object[field.jsonName] = .null }
                return
            }
            var array: [JSONValue] = []
            for value in values { try appendElements(element, value, to: &array) }
            object[field.jsonName] = .array(array)
        case .map(let key, let value):
            guard !values.isEmpty else {
                if field.presence == .always { object[field.jsonName] = .null }
                return
            }
            var entries: [String: JSONValue] = [:]
            for entry in values {
                let (k, v) = try decodeMapEntry(entry, key: key, value: value)
                entries[k] = v
            }
            // Go's encoding/json writes map keys sorted bytewise.
            var sorted = JSONObject()
            for k in entries.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { sorted[k] = entries[k] }
            object[field.jsonName] = .object(sorted)
        case .string, .bool, .int32, .int64, .double, .bytes:
            if let last = values.last {
                let value = try decodeSingle(field.kind, last)
                if field.presence == .omitEmpty && value.isZeroScalar { return }
                object[field.jsonName] = value
            } else if field.presence == .always {
                object[field.jsonName] = field.kind.zeroJSON
            }
        case .message, .quantity, .intOrString, .time, .microTime, .duration, .rawExtension, .fieldsV1:
            if values.isEmpty && field.presence == .pointer { return }
            // A message sent in several pieces is their concatenation (proto merge semantics).
            var bytes: [UInt8] = []
            for value in values {
                guard case .bytes(let piece) = value else { throw .wireTypeMismatch(expected: "message", got: value.wireName) }
                bytes.append(contentsOf: piece)
            }
            let decoded = try decodeSingle(field.kind, .bytes(bytes[...]))
            if field.presence == .inline {
                if case .object(let members) = decoded {
                    for (key, member) in members { object[key] = member }
                }
            } else {
                object[field.jsonName] = decoded
            }
        }
    }

    private func appendElements(
        _ element: ProtobufFieldKind, _ value: ProtobufWireValue, to array: inout [JSONValue]
    ) throws(ProtobufDecodingError) {
        // Packed scalars: one length-delimited run of varints or fixed-size values.
        if case .bytes(let run) = value, element.packedWireType != nil {
            var reader = ProtobufReader(run)
            while !reader.isAtEnd {
                switch element.packedWireType {
                case .fixed64: array.append(try decodeSingle(element, .fixed64(try reader.readFixed(8))))
                default: array.append(try decodeSingle(element, .varint(try reader.readVarint())))
                }
            }
            return
        }
        array.append(try decodeSingle(element, value))
    }

    private func decodeMapEntry(
        _ entry: ProtobufWireValue, key: ProtobufFieldKind, value: ProtobufFieldKind
    ) throws(ProtobufDecodingError) -> (String, JSONValue) {
        guard case .bytes(let bytes) = entry else { throw .wireTypeMismatch(expected: "map entry", got: entry.wireName) }
        var reader = ProtobufReader(bytes)
        var keyValue: JSONValue?
        var valueValue: JSONValue?
        while let (number, field) = try reader.next() {
            switch number {
            case 1: keyValue = try decodeSingle(key, field)
            case 2: valueValue = try decodeSingle(value, field)
            default: continue
            }
        }
        let keyText: String
        switch keyValue ?? key.zeroJSON {
        case .string(let s): keyText = s
        case .int(let i): keyText = String(i)
        case .bool(let b): keyText = String(b)
        case let other: keyText = other.serialized()
        }
        if let valueValue { return (keyText, valueValue) }
        // An entry without a value carries the zero value; for messages that is the empty message.
        switch value {
        case .string, .bool, .int32, .int64, .double: return (keyText, value.zeroJSON)
        case .bytes: return (keyText, .string(""))
        default: return (keyText, try decodeSingle(value, .bytes([][...])))
        }
    }

    func decodeSingle(_ kind: ProtobufFieldKind, _ value: ProtobufWireValue) throws(ProtobufDecodingError) -> JSONValue {
        switch kind {
        case .string:
            return .string(String(decoding: try value.lengthDelimited(), as: UTF8.self))
        case .bool:
            return .bool(try value.varint() != 0)
        case .int32:
            return .int(Int64(Int32(truncatingIfNeeded: try value.varint())))
        case .int64:
            return .int(Int64(bitPattern: try value.varint()))
        case .double:
            guard case .fixed64(let bits) = value else { throw .wireTypeMismatch(expected: "fixed64", got: value.wireName) }
            return .double(Double(bitPattern: bits))
        case .bytes:
            return .string(Base64.encode(Array(try value.lengthDelimited())))
        case .message(let name):
            return .object(try decodeObject(name, try value.lengthDelimited()))
        case .repeated, .map:
            throw .wireTypeMismatch(expected: "a single value", got: "a nested list or map")
        case .quantity:
            // The zero Quantity marshals to "0".
            let fields = try wellKnownFields(try value.lengthDelimited())
            return .string(try fields.string(1) ?? "0")
        case .intOrString:
            let fields = try wellKnownFields(try value.lengthDelimited())
            if try fields.varint(1) == 1 { return .string(try fields.string(3) ?? "") }
            return .int(Int64(Int32(truncatingIfNeeded: try fields.varint(2) ?? 0)))
        case .time, .microTime:
            let bytes = try value.lengthDelimited()
            // metav1.Time writes nothing for the zero time, which JSON writes as null.
            if bytes.isEmpty { return .null }
            let fields = try wellKnownFields(bytes)
            let seconds = Int64(bitPattern: try fields.varint(1) ?? 0)
            let nanos = Int64(Int32(truncatingIfNeeded: try fields.varint(2) ?? 0))
            if seconds == -62_135_596_800 && nanos == 0 { return .null }
            guard (0..<1_000_000_000).contains(nanos) else { throw .invalidTime(seconds: seconds, nanos: nanos) }
            return .string(RFC3339.format(seconds: seconds, nanoseconds: nanos, fractionDigits: kind == .microTime ? 6 : 0))
        case .duration:
            let fields = try wellKnownFields(try value.lengthDelimited())
            return .string(GoDuration.format(nanoseconds: Int64(bitPattern: try fields.varint(1) ?? 0)))
        case .rawExtension, .fieldsV1:
            let fields = try wellKnownFields(try value.lengthDelimited())
            guard let raw = try fields.bytes(1), !raw.isEmpty else { return .null }
            if raw.starts(with: KubernetesProtobuf.magic) {
                guard embeddingDepth < ProtobufMessageDecoder.maxEmbeddingDepth else { throw .tooDeeplyNested }
                var nested = self
                nested.embeddingDepth += 1
                return try KubernetesProtobuf.decode(Array(raw), decoder: nested)
            }
            do {
                return try JSONValue.parse(raw)
            } catch {
                throw .invalidJSON(error.description)
            }
        }
    }

    private func wellKnownFields(_ bytes: ArraySlice<UInt8>) throws(ProtobufDecodingError) -> WellKnownFields {
        var fields = WellKnownFields()
        var reader = ProtobufReader(bytes)
        while let (number, value) = try reader.next() { fields.values[number] = value }
        return fields
    }
}

/// The last value of each field of a small apimachinery message (Time, Quantity, IntOrString…).
private struct WellKnownFields {
    var values: [Int: ProtobufWireValue] = [:]

    func varint(_ number: Int) throws(ProtobufDecodingError) -> UInt64? {
        try values[number].map { v throws(ProtobufDecodingError) in try v.varint() }
    }

    func bytes(_ number: Int) throws(ProtobufDecodingError) -> ArraySlice<UInt8>? {
        try values[number].map { v throws(ProtobufDecodingError) in try v.lengthDelimited() }
    }

    func string(_ number: Int) throws(ProtobufDecodingError) -> String? {
        try bytes(number).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension ProtobufWireValue {
    var wireName: String {
        switch self {
        case .varint: return "varint"
        case .fixed64: return "fixed64"
        case .fixed32: return "fixed32"
        case .bytes: return "length-delimited"
        }
    }

    func varint() throws(ProtobufDecodingError) -> UInt64 {
        guard case .varint(let v) = self else { throw .wireTypeMismatch(expected: "varint", got: wireName) }
        return v
    }

    func lengthDelimited() throws(ProtobufDecodingError) -> ArraySlice<UInt8> {
        guard case .bytes(let b) = self else { throw .wireTypeMismatch(expected: "length-delimited", got: wireName) }
        return b
    }
}

extension ProtobufFieldKind {
    /// The wire type of one element when a repeated field of this kind is packed; nil if it cannot be.
    var packedWireType: ProtobufWireType? {
        switch self {
        case .bool, .int32, .int64: return .varint
        case .double: return .fixed64
        default: return nil
        }
    }

    /// The JSON a Go zero value of this kind marshals to.
    var zeroJSON: JSONValue {
        switch self {
        case .string: return .string("")
        case .bool: return .bool(false)
        case .int32, .int64, .intOrString: return .int(0)
        case .double: return .double(0)
        case .quantity: return .string("0")
        case .duration: return .string("0s")
        case .message: return .object([:])
        case .bytes, .repeated, .map, .time, .microTime, .rawExtension, .fieldsV1: return .null
        }
    }
}

extension JSONValue {
    /// Whether `omitempty` would drop this scalar.
    var isZeroScalar: Bool {
        switch self {
        case .string(let s): return s.isEmpty
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .double(let d): return d == 0
        case .null: return true
        default: return false
        }
    }
}
