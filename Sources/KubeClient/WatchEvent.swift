import KubeAPI

/// One line of a watch stream: `{"type":"ADDED","object":{...}}`.
public struct WatchEvent: Hashable, Sendable {
    public enum EventType: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
        case bookmark = "BOOKMARK"
        case error = "ERROR"
    }

    public var type: EventType
    public var object: JSONValue

    public init(type: EventType, object: JSONValue) {
        self.type = type
        self.object = object
    }

    public init(json: JSONValue) throws(WatchDecodingError) {
        guard let raw = json["type"]?.stringValue else { throw WatchDecodingError(message: "watch event without a type: \(json)") }
        guard let type = EventType(rawValue: raw) else { throw WatchDecodingError(message: "unknown watch event type \"\(raw)\"") }
        self.init(type: type, object: json["object"] ?? .null)
    }
}

public struct WatchDecodingError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// Splits a byte stream into newline-delimited JSON documents, carrying partial lines across chunks.
public struct NewlineDelimitedSplitter: Sendable {
    var pending: [UInt8] = []
    public init() {}

    public mutating func feed(_ chunk: some Sequence<UInt8>) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for byte in chunk {
            if byte == 0x0A {
                if pending.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) { lines.append(pending) }
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
            }
        }
        return lines
    }

    /// Whatever remains at end of stream (a last line without a newline).
    public mutating func finish() -> [UInt8]? {
        defer { pending = [] }
        return pending.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) ? pending : nil
    }
}
