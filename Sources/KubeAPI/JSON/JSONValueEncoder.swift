import Foundation

/// Encodes a typed value straight into a `JSONValue` tree, without writing JSON bytes with
/// Foundation's JSONEncoder and parsing them back.
///
/// The tree is the one the bytes would parse to: a floating-point number is written as its
/// shortest text and read back (so `3.0` becomes the integer 3, as on the wire), non-finite
/// numbers are refused, and keys keep the order the type encodes them in. Like the decoder, it
/// refuses `Data` and `Date`, whose JSONEncoder strategies it does not copy.
final class JSONValueEncoder: Encoder {
    let path: CodingPathNode
    private(set) var slot = Slot.empty

    init(path: CodingPathNode = .root) {
        self.path = path
    }

    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        try encodeChild(value, path: .root, key: nil)
    }

    var codingPath: [any CodingKey] { path.keys }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// What was encoded; a value that asked for no container is an empty object, as JSONEncoder writes it.
    var result: JSONValue { slot.resolved ?? .object([:]) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: ObjectBox
        if case .object(let existing) = slot {
            box = existing
        } else {
            box = ObjectBox()
            slot = .object(box)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box, path: path))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: ArrayBox
        if case .array(let existing) = slot {
            box = existing
        } else {
            box = ArrayBox()
            slot = .array(box)
        }
        return UnkeyedContainer(box: box, path: path)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }

    fileprivate func set(_ value: JSONValue) { slot = .value(value) }

    /// The tree for one value: scalars directly, anything else through an encoder of its own.
    static func encodeChild<T: Encodable>(_ value: T, path: CodingPathNode, key: IndexKey?) throws -> JSONValue {
        // Type identity, not `as?`: the cast is a runtime call on every field of every object.
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == JSONValue.self { return unsafeBitCast(value, to: JSONValue.self) }
        if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if T.self == Int.self { return .int(Int64(unsafeBitCast(value, to: Int.self))) }
        if T.self == Int64.self { return .int(unsafeBitCast(value, to: Int64.self)) }
        if T.self == Int32.self { return .int(Int64(unsafeBitCast(value, to: Int32.self))) }
        if T.self == Double.self { return try number(unsafeBitCast(value, to: Double.self), path: path, key: key) }
        let childPath = key.map { path.appending($0) } ?? path
        if T.self == Data.self || T.self == Date.self {
            throw EncodingError.invalidValue(value, .init(
                codingPath: childPath.keys, debugDescription: "\(T.self) is not encoded into a JSONValue tree"))
        }
        let encoder = JSONValueEncoder(path: childPath)
        try value.encode(to: encoder)
        return encoder.result
    }

    /// A floating-point number as it reads back from the text JSONEncoder writes for it.
    static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(
        _ v: F, path: CodingPathNode, key: IndexKey?
    ) throws -> JSONValue {
        guard v.isFinite else {
            let at = key.map { path.appending($0) } ?? path
            throw EncodingError.invalidValue(v, .init(codingPath: at.keys, debugDescription: "Unable to encode \(F.self).\(v) directly in JSON."))
        }
        var text = v.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return (try? JSONValue.parse(text)) ?? .double(Double(v))
    }

    static func integer<I: BinaryInteger>(_ v: I) -> JSONValue {
        Int64(exactly: v).map { .int($0) } ?? .double(Double(v))
    }
}

extension JSONValueEncoder {
    /// Where an encoder or container writes. Values are stored as soon as they are known; a
    /// nested container or super-encoder is a box filled later and read when the result is.
    enum Slot {
        case empty
        case value(JSONValue)
        case object(ObjectBox)
        case array(ArrayBox)
        case encoder(JSONValueEncoder)

        var resolved: JSONValue? {
            switch self {
            case .empty: return nil
            case .value(let v): return v
            case .object(let box): return box.resolved
            case .array(let box): return box.resolved
            case .encoder(let e): return e.result
            }
        }
    }

    final class ObjectBox {
        var object = JSONObject()
        /// Keys whose value is still being written; each holds its place in `object` meanwhile.
        var pending: [(key: String, slot: Slot)] = []

        func set(_ key: String, _ slot: Slot) {
            object[key] = .null
            pending.append((key, slot))
        }

        var resolved: JSONValue {
            var o = object
            for (key, slot) in pending { o[key] = slot.resolved ?? .object([:]) }
            return .object(o)
        }
    }

    final class ArrayBox {
        var items: [JSONValue] = []
        var pending: [(index: Int, slot: Slot)] = []

        func append(_ slot: Slot) {
            pending.append((items.count, slot))
            items.append(.null)
        }

        var resolved: JSONValue {
            var a = items
            for (index, slot) in pending { a[index] = slot.resolved ?? .object([:]) }
            return .array(a)
        }
    }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: ObjectBox
        let path: CodingPathNode

        var codingPath: [any CodingKey] { path.keys }

        mutating func encodeNil(forKey key: Key) throws { box.object[key.stringValue] = .null }
        mutating func encode(_ value: Bool, forKey key: Key) throws { box.object[key.stringValue] = .bool(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { box.object[key.stringValue] = .string(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            box.object[key.stringValue] = try JSONValueEncoder.number(value, path: path, key: IndexKey(key))
        }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            box.object[key.stringValue] = try JSONValueEncoder.number(value, path: path, key: IndexKey(key))
        }
        mutating func encode(_ value: Int, forKey key: Key) throws { box.object[key.stringValue] = .int(Int64(value)) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { box.object[key.stringValue] = .int(Int64(value)) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { box.object[key.stringValue] = .int(Int64(value)) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { box.object[key.stringValue] = .int(Int64(value)) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { box.object[key.stringValue] = .int(value) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { box.object[key.stringValue] = JSONValueEncoder.integer(value) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { box.object[key.stringValue] = .int(Int64(value)) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { box.object[key.stringValue] = .int(Int64(value)) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { box.object[key.stringValue] = .int(Int64(value)) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { box.object[key.stringValue] = JSONValueEncoder.integer(value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            box.object[key.stringValue] = try JSONValueEncoder.encodeChild(value, path: path, key: IndexKey(key))
        }

        // Absent values are left out without the protocol's generic default, which builds
        // Optional's metadata at run time on every call.
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            let nested = ObjectBox()
            box.set(key.stringValue, .object(nested))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested, path: path.appending(IndexKey(key))))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = ArrayBox()
            box.set(key.stringValue, .array(nested))
            return UnkeyedContainer(box: nested, path: path.appending(IndexKey(key)))
        }

        mutating func superEncoder() -> any Encoder { superEncoder(named: IndexKey(stringValue: "super")) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: IndexKey(key)) }

        private func superEncoder(named key: IndexKey) -> any Encoder {
            let encoder = JSONValueEncoder(path: path.appending(key))
            box.set(key.stringValue, .encoder(encoder))
            return encoder
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let box: ArrayBox
        let path: CodingPathNode

        var codingPath: [any CodingKey] { path.keys }
        var count: Int { box.items.count }

        mutating func encodeNil() throws { box.items.append(.null) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            box.items.append(try JSONValueEncoder.encodeChild(value, path: path, key: IndexKey(index: box.items.count)))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = ObjectBox()
            let at = path.appending(IndexKey(index: box.items.count))
            box.append(.object(nested))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested, path: at))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = ArrayBox()
            let at = path.appending(IndexKey(index: box.items.count))
            box.append(.array(nested))
            return UnkeyedContainer(box: nested, path: at)
        }

        mutating func superEncoder() -> any Encoder {
            let encoder = JSONValueEncoder(path: path.appending(IndexKey(index: box.items.count)))
            box.append(.encoder(encoder))
            return encoder
        }
    }

    struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: JSONValueEncoder

        var codingPath: [any CodingKey] { encoder.codingPath }

        func encodeNil() throws { encoder.set(.null) }
        func encode(_ value: Bool) throws { encoder.set(.bool(value)) }
        func encode(_ value: String) throws { encoder.set(.string(value)) }
        func encode(_ value: Double) throws { encoder.set(try JSONValueEncoder.number(value, path: encoder.path, key: nil)) }
        func encode(_ value: Float) throws { encoder.set(try JSONValueEncoder.number(value, path: encoder.path, key: nil)) }
        func encode(_ value: Int) throws { encoder.set(.int(Int64(value))) }
        func encode(_ value: Int8) throws { encoder.set(.int(Int64(value))) }
        func encode(_ value: Int16) throws { encoder.set(.int(Int64(value))) }
        func encode(_ value: Int32) throws { encoder.set(.int(Int64(value))) }
        func encode(_ value: Int64) throws { encoder.set(.int(value)) }
        func encode(_ value: UInt) throws { encoder.set(JSONValueEncoder.integer(value)) }
        func encode(_ value: UInt8) throws { encoder.set(.int(Int64(value))) }
        func encode(_ value: UInt16) throws { encoder.set(.int(Int64(value))) }
        func encode(_ value: UInt32) throws { encoder.set(.int(Int64(value))) }
        func encode(_ value: UInt64) throws { encoder.set(JSONValueEncoder.integer(value)) }
        func encode<T: Encodable>(_ value: T) throws {
            encoder.set(try JSONValueEncoder.encodeChild(value, path: encoder.path, key: nil))
        }
    }
}
