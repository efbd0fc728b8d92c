import Foundation

/// One record of a CRI container log file: `<RFC3339Nano time> <stdout|stderr> <P|F> <message>`,
/// P marking a partial line whose message continues in the next record.
public struct CRILogRecord: Sendable, Equatable {
    public var timestamp: String
    public var stream: String
    public var partial: Bool
    public var message: [UInt8]

    public init(timestamp: String, stream: String, partial: Bool, message: [UInt8]) {
        self.timestamp = timestamp
        self.stream = stream
        self.partial = partial
        self.message = message
    }

    /// Parses one line (without its newline); nil when it is not in the CRI format.
    public init?(line: some Collection<UInt8>) {
        let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count >= 3 else { return nil }
        timestamp = String(decoding: fields[0], as: UTF8.self)
        stream = String(decoding: fields[1], as: UTF8.self)
        guard stream == "stdout" || stream == "stderr" else { return nil }
        // Tags are colon-separated; P (partial) or F (full) comes first.
        partial = fields[2].split(separator: UInt8(ascii: ":")).first.map { Array($0) } == [UInt8(ascii: "P")]
        message = fields.count > 3 ? Array(fields[3]) : []
    }

    /// What `logs` prints for this record: the message, a newline after a full line, the time first
    /// with `--timestamps` (as the kubelet's log reader does).
    public func rendered(timestamps: Bool) -> [UInt8] {
        var out: [UInt8] = []
        if timestamps { out += Array(timestamp.utf8) + [UInt8(ascii: " ")] }
        out += message
        if !partial { out.append(UInt8(ascii: "\n")) }
        return out
    }
}

/// Reads a CRI log file from a byte offset, splitting complete lines and keeping a trailing
/// incomplete one for the next read (the writer may be mid-line).
public struct CRILogReader: Sendable {
    public let path: String
    public private(set) var offset: UInt64 = 0
    var pending: [UInt8] = []

    public init(path: String) { self.path = path }

    /// The records appended since the last read.
    public mutating func readNew() throws(CRICtlError) -> [CRILogRecord] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CRICtlError("open log file \(path): no such file") }
        defer { try? handle.close() }
        let data: Data
        do {
            try handle.seek(toOffset: offset)
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw CRICtlError("read log file \(path)", error)
        }
        offset += UInt64(data.count)
        pending += data
        guard let lastNewline = pending.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        let complete = pending[..<lastNewline]
        pending = Array(pending[(lastNewline + 1)...])
        return complete.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).compactMap { CRILogRecord(line: $0) }
    }

    /// `--tail N`: the last N records (N < 0: all), counted as file lines as the kubelet counts them.
    public static func tail(_ records: [CRILogRecord], _ count: Int) -> [CRILogRecord] {
        count < 0 ? records : Array(records.suffix(count))
    }
}
