import Foundation

/// `JSONValue` is Codable so typed structs can carry free-form JSON (`fieldsV1`, `RawExtension`).
extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int64.self) {
            self = .int(i)
        } else if let d = try? container.decode(Double.self) {
            self = .double(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else if let o = try? container.decode(OrderedDictionaryBox.self) {
            self = .object(o.object)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case .bool(let b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case .int(let i):
            var c = encoder.singleValueContainer()
            try c.encode(i)
        case .double(let d):
            var c = encoder.singleValueContainer()
            try c.encode(d)
        case .string(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .array(let a):
            var c = encoder.unkeyedContainer()
            for v in a { try c.encode(v) }
        case .object(let o):
            var c = encoder.container(keyedBy: AnyCodingKey.self)
            for (k, v) in o { try c.encode(v, forKey: AnyCodingKey(k)) }
        }
    }
}

struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

/// Decodes an object keeping key order as the decoder reports it.
private struct OrderedDictionaryBox: Decodable {
    var object: JSONObject
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        var o = JSONObject()
        for key in c.allKeys { o[key.stringValue] = try c.decode(JSONValue.self, forKey: key) }
        object = o
    }
}

/// Conversion between typed API structs and the generic tree, without JSON bytes in between
/// (`JSONValueEncoder`, `JSONValueDecoder`): the tree is the one the bytes would parse to.
extension JSONValue {
    /// Encodes a Codable value into a tree.
    public init<T: Encodable>(encoding value: T) throws {
        self = try JSONValueEncoder.encode(value)
    }

    /// Decodes this tree into a typed value; `userInfo` is what the types' decoders see, as
    /// `JSONDecoder.userInfo` (`.skipManagedFields`).
    public func decode<T: Decodable>(as type: T.Type = T.self, userInfo: [CodingUserInfoKey: Any] = [:]) throws -> T {
        try JSONValueDecoder(self, userInfo: userInfo).decodeChild(T.self)
    }
}
