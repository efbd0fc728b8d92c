/// Watch streams in protobuf (`application/vnd.kubernetes.protobuf;stream=watch`): each event is a
/// frame of a 4-byte big-endian length and a bare `meta.v1.WatchEvent` message (upstream's raw
/// serializer: no magic, no `runtime.Unknown`), whose object is a full `k8s\0` protobuf body.
extension KubernetesProtobuf {
    public static let watchStreamMediaType = "application/vnd.kubernetes.protobuf;stream=watch"

    /// One frame for `type` (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR) carrying `object`.
    public static func encodeWatchEventFrame(type: String, object: JSONValue) throws(ProtobufEncodingError) -> [UInt8] {
        let body = try encode(object)
        var inner = ProtobufWriter()
        inner.writeBytesField(1, body)
        var event = ProtobufWriter()
        event.writeStringField(1, type)
        event.writeBytesField(2, inner.bytes)
        let length = UInt32(event.bytes.count)
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + event.bytes
    }

    /// Splits complete frames off the front of `buffer`, leaving any partial frame in it.
    /// Returns each event as `{"type": …, "object": …}`.
    public static func decodeWatchEventFrames(_ buffer: inout [UInt8]) throws(ProtobufDecodingError) -> [JSONValue] {
        var events: [JSONValue] = []
        var start = 0
        while buffer.count - start >= 4 {
            let length = Int(buffer[start]) << 24 | Int(buffer[start + 1]) << 16 | Int(buffer[start + 2]) << 8 | Int(buffer[start + 3])
            guard buffer.count - start - 4 >= length else { break }
            let frame = buffer[(start + 4)..<(start + 4 + length)]
            events.append(.object(try ProtobufMessageDecoder(schema: .kubernetes).decodeObject("meta.v1.WatchEvent", frame)))
            start += 4 + length
        }
        buffer.removeFirst(start)
        return events
    }
}
