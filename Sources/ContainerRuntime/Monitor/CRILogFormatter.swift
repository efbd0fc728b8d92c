import Glibc

/// The CRI container log format (k8s.io/cri-api/pkg/apis/runtime/v1 "LogTag"; what
/// containerd's cri plugin writes and kubelet parses): one line per record,
/// `<RFC3339Nano timestamp> <stdout|stderr> <F|P> <content>\n`. A line longer than
/// `maxLineLength` is split into partial (`P`) records ending with a full (`F`) one;
/// bytes left without a newline when the stream ends are written as a full record.
public struct CRILogFormatter: Sendable {
    public enum Stream: String, Sendable {
        case stdout, stderr
    }

    public static let maxLineLength = 16 * 1024

    public let stream: Stream
    public let maxLineLength: Int
    private var pending: [UInt8] = []

    public init(stream: Stream, maxLineLength: Int = CRILogFormatter.maxLineLength) {
        self.stream = stream
        self.maxLineLength = maxLineLength
    }

    /// Feeds bytes read from the stream; returns the records now complete.
    public mutating func feed(_ bytes: some Collection<UInt8>, timestamp: String) -> [UInt8] {
        pending.append(contentsOf: bytes)
        var output: [UInt8] = []
        var start = 0
        while start < pending.count {
            if let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")), newline - start <= maxLineLength {
                append(pending[start..<newline], tag: "F", timestamp: timestamp, to: &output)
                start = newline + 1
            } else if pending.count - start > maxLineLength {
                append(pending[start..<(start + maxLineLength)], tag: "P", timestamp: timestamp, to: &output)
                start += maxLineLength
            } else {
                break
            }
        }
        pending.removeFirst(start)
        return output
    }

    /// The stream ended: whatever is pending becomes a full record.
    public mutating func finish(timestamp: String) -> [UInt8] {
        guard !pending.isEmpty else { return [] }
        var output: [UInt8] = []
        append(pending[...], tag: "F", timestamp: timestamp, to: &output)
        pending.removeAll()
        return output
    }

    private func append(_ content: ArraySlice<UInt8>, tag: String, timestamp: String, to output: inout [UInt8]) {
        output.append(contentsOf: timestamp.utf8)
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: stream.rawValue.utf8)
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: tag.utf8)
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: content)
        output.append(UInt8(ascii: "\n"))
    }

    /// Go's time.RFC3339Nano in UTC: fractional seconds with trailing zeros trimmed.
    public static func timestamp(seconds: Int, nanoseconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
        if nanoseconds > 0 {
            var fraction = pad(Int32(nanoseconds), 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    public static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return timestamp(seconds: spec.tv_sec, nanoseconds: spec.tv_nsec)
    }
}
