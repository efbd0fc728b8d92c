import Foundation

/// Decodes a typed value straight from a `JSONValue` tree, without writing the tree out as bytes
/// and parsing them again with Foundation's JSONDecoder.
///
/// It follows JSONDecoder's default strategies and errors, so callers see the same
/// `DecodingError` cases and coding paths: numbers convert only when exact, a missing key is
/// `keyNotFound`, `null` for a non-optional is `valueNotFound`, a wrong JSON type is
/// `typeMismatch`. The API types use `Base64Bytes` and `Time` rather than `Data` and `Date`,
/// whose JSONDecoder strategies this decoder does not copy; decoding either is refused.
struct JSONValueDecoder: Decoder {
    let value: JSONValue
    /// The path to the container holding this value, and this value's key in it: the node for
    /// this value is made only when a nested container or an error needs it.
    let parent: CodingPathNode
    let key: IndexKey?
    let userInfo: [CodingUserInfoKey: Any]
    /// When set, every object opened as a keyed container records which keys were looked up.
    let usage: KeyUsage?

    init(
        _ value: JSONValue, parent: CodingPathNode = .root, key: IndexKey? = nil, userInfo: [CodingUserInfoKey: Any] = [:],
        usage: KeyUsage? = nil
    ) {
        self.value = value
        self.parent = parent
        self.key = key
        self.userInfo = userInfo
        self.usage = usage
    }

    var path: CodingPathNode { key.map { parent.appending($0) } ?? parent }
    var codingPath: [any CodingKey] { path.keys }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch value {
        case .object(let object):
            let path = self.path
            return KeyedDecodingContainer(KeyedContainer<Key>(
                object: object, path: path, userInfo: userInfo, usage: usage, used: usage?.opened(path, keyCount: object.count)))
        case .null:
            throw DecodingError.valueNotFound([String: Any].self, .init(
                codingPath: codingPath, debugDescription: "Cannot get keyed decoding container -- found null value instead"))
        default:
            throw mismatch([String: Any].self)
        }
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch value {
        case .array(let array):
            return UnkeyedContainer(array: array, path: path, userInfo: userInfo, usage: usage)
        case .null:
            throw DecodingError.valueNotFound([Any].self, .init(
                codingPath: codingPath, debugDescription: "Cannot get unkeyed decoding container -- found null value instead"))
        default:
            throw mismatch([Any].self)
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func mismatch(_ type: Any.Type) -> DecodingError {
        DecodingError.typeMismatch(type, .init(
            codingPath: codingPath, debugDescription: "Expected to decode \(type) but found \(value.typeName) instead."))
    }

    /// Decodes a nested value; `JSONValue` itself is handed over as it is.
    func decodeChild<T: Decodable>(_ type: T.Type) throws -> T {
        // Type identity, not `as?`: the cast is a runtime call on every field of every object.
        if T.self == JSONValue.self { return unsafeBitCast(value, to: T.self) }
        if T.self == String.self { return unsafeBitCast(try decode(String.self), to: T.self) }
        if T.self == Data.self || T.self == Date.self {
            throw DecodingError.dataCorrupted(.init(
                codingPath: codingPath, debugDescription: "\(T.self) is not decoded from a JSONValue tree"))
        }
        return try T(from: self)
    }
}

extension JSONValueDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value.isNull }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let b) = value else { throw failure(type) }
        return b
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let s) = value else { throw failure(type) }
        return s
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard let d = value.doubleValue else { throw failure(type) }
        return d
    }

    func decode(_ type: Float.Type) throws -> Float {
        guard let d = value.doubleValue else { throw failure(type) }
        guard d.isFinite, abs(d) <= Double(Float.greatestFiniteMagnitude) else { throw unrepresentable(type) }
        return Float(d)
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeChild(type) }

    /// An integer only when the number converts exactly (`3.0` is 3; `3.5` and `300` for
    /// `Int8` are refused), as JSONDecoder does.
    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        switch value {
        case .int(let i):
            guard let v = T(exactly: i) else { throw unrepresentable(type) }
            return v
        case .double(let d):
            guard let v = T(exactly: d) else { throw unrepresentable(type) }
            return v
        default:
            throw failure(type)
        }
    }

    private func failure(_ type: Any.Type) -> DecodingError {
        guard value.isNull else { return mismatch(type) }
        return DecodingError.valueNotFound(type, .init(
            codingPath: codingPath, debugDescription: "Expected \(type) value but found null instead."))
    }

    private func unrepresentable(_ type: Any.Type) -> DecodingError {
        DecodingError.dataCorrupted(.init(
            codingPath: codingPath, debugDescription: "Parsed JSON number <\(value.serialized())> does not fit in \(type)."))
    }
}

extension JSONValueDecoder {
    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let object: JSONObject
        let path: CodingPathNode
        let userInfo: [CodingUserInfoKey: Any]
        let usage: KeyUsage?
        /// This opening's record of the keys looked up, when `usage` is set.
        let used: KeyUsage.Opening?

        var codingPath: [any CodingKey] { path.keys }
        var allKeys: [Key] {
            used?.markAll()
            return object.keys.compactMap { Key(stringValue: $0) }
        }

        func contains(_ key: Key) -> Bool { lookUp(key.stringValue) != nil }

        /// The value under `name`, marking the key as known to the type being decoded.
        private func lookUp(_ name: String) -> JSONValue? {
            guard let used else { return object[name] }
            guard let i = object.index(forKey: name) else { return nil }
            used.mark(i)
            return object.values[i]
        }

        func decodeNil(forKey key: Key) throws -> Bool { try child(key).value.isNull }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).decode(type) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).decode(type) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).decode(type) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).decode(type) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).decode(type) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).decode(type) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).decode(type) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).decode(type) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).decode(type) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).decode(type) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).decode(type) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).decode(type) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).decode(type) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).decode(type) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decodeChild(type) }

        // Absent and `null` are both nil. One lookup each: the protocol's default implementations
        // look a key up three times (contains, decodeNil, decode).
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key)?.decode(type) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key)?.decode(type) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key)?.decode(type) }
        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present(key)?.decode(type) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key)?.decode(type) }
        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present(key)?.decode(type) }
        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present(key)?.decode(type) }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present(key)?.decode(type) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(key)?.decode(type) }
        func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present(key)?.decode(type) }
        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present(key)?.decode(type) }
        func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present(key)?.decode(type) }
        func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present(key)?.decode(type) }
        func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present(key)?.decode(type) }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try present(key)?.decodeChild(type) }

        private func present(_ key: Key) -> JSONValueDecoder? {
            let name = key.stringValue
            guard let value = lookUp(name), !value.isNull else { return nil }
            return JSONValueDecoder(value, parent: path, key: IndexKey(key, name: name), userInfo: userInfo, usage: usage)
        }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type, forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            try child(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try child(key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            JSONValueDecoder(lookUp("super") ?? .null, parent: path, key: IndexKey(stringValue: "super"), userInfo: userInfo, usage: usage)
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            JSONValueDecoder(lookUp(key.stringValue) ?? .null, parent: path, key: IndexKey(key), userInfo: userInfo, usage: usage)
        }

        private func child(_ key: Key) throws -> JSONValueDecoder {
            let name = key.stringValue
            guard let value = lookUp(name) else {
                throw DecodingError.keyNotFound(key, .init(
                    codingPath: codingPath,
                    debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
            }
            return JSONValueDecoder(value, parent: path, key: IndexKey(key, name: name), userInfo: userInfo, usage: usage)
        }
    }

    struct UnkeyedContainer: UnkeyedDecodingContainer {
        let array: [JSONValue]
        let path: CodingPathNode
        let userInfo: [CodingUserInfoKey: Any]
        let usage: KeyUsage?
        private(set) var currentIndex = 0

        init(array: [JSONValue], path: CodingPathNode, userInfo: [CodingUserInfoKey: Any], usage: KeyUsage?) {
            self.array = array
            self.path = path
            self.userInfo = userInfo
            self.usage = usage
        }

        var codingPath: [any CodingKey] { path.keys }
        var count: Int? { array.count }
        var isAtEnd: Bool { currentIndex >= array.count }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd else { throw atEnd(JSONValue.self) }
            guard array[currentIndex].isNull else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let v = try next(type).decodeChild(type)
            currentIndex += 1
            return v
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            let c = try next(KeyedDecodingContainer<NestedKey>.self).container(keyedBy: type)
            currentIndex += 1
            return c
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let c = try next((any UnkeyedDecodingContainer).self).unkeyedContainer()
            currentIndex += 1
            return c
        }

        mutating func superDecoder() throws -> any Decoder {
            let d = try next((any Decoder).self)
            currentIndex += 1
            return d
        }

        private func next(_ type: Any.Type) throws -> JSONValueDecoder {
            guard !isAtEnd else { throw atEnd(type) }
            return JSONValueDecoder(array[currentIndex], parent: path, key: IndexKey(index: currentIndex), userInfo: userInfo, usage: usage)
        }

        private func atEnd(_ type: Any.Type) -> DecodingError {
            DecodingError.valueNotFound(type, .init(
                codingPath: path.appending(IndexKey(index: currentIndex)).keys, debugDescription: "Unkeyed container is at end."))
        }
    }
}

/// A coding path kept as a chain to the root, so decoding a field costs no array copy; the
/// array is built only when an error or a type asks for `codingPath`.
final class CodingPathNode: Sendable {
    static let root = CodingPathNode(parent: nil, key: nil)

    let parent: CodingPathNode?
    let key: IndexKey?

    private init(parent: CodingPathNode?, key: IndexKey?) {
        self.parent = parent
        self.key = key
    }

    func appending(_ key: IndexKey) -> CodingPathNode {
        CodingPathNode(parent: self, key: key)
    }

    var keys: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node: CodingPathNode? = self
        while let n = node, let key = n.key {
            keys.append(key)
            node = n.parent
        }
        return keys.reversed()
    }
}

/// A coding key by string or array index, as JSONDecoder reports them in coding paths. An index
/// key is made for every array element, so its text ("Index 3") is written only when asked for.
struct IndexKey: CodingKey, Sendable {
    /// nil for an array index.
    let name: String?
    let intValue: Int?

    var stringValue: String { name ?? "Index \(intValue ?? 0)" }

    init(stringValue: String) {
        name = stringValue
        intValue = nil
    }

    init(intValue: Int) { self.init(index: intValue) }

    init(index: Int) {
        name = nil
        intValue = index
    }

    init(_ key: some CodingKey, name: String? = nil) {
        self.name = name ?? key.stringValue
        intValue = key.intValue
    }
}
