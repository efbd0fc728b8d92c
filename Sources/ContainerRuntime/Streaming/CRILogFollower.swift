import Foundation
import Glibc

/// Follows a CRI log file (`<RFC3339Nano> <stdout|stderr> <P|F> <content>`) from its current
/// end, turning new lines back into the container's stdout/stderr bytes (F lines regain their
/// newline, P lines are partial). Attach uses it: the monitor owns the container's stdio.
struct CRILogFollower {
    enum Output: Equatable {
        case stdout([UInt8])
        case stderr([UInt8])
    }

    let path: String
    private var offset: UInt64
    private var pending: [UInt8] = []

    /// Starts at the file's current end (attach shows what comes next, as upstream).
    init(path: String) {
        self.path = path
        offset = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? UInt64) ?? 0
    }

    /// New complete lines since the last call. A rotated (shorter) file is read from its start.
    mutating func poll() -> [Output] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        if size < offset { offset = 0; pending = [] }
        guard size > offset else { return [] }
        try? handle.seek(toOffset: offset)
        let data = (try? handle.read(upToCount: Int(size - offset))) ?? Data()
        offset += UInt64(data.count)
        pending += data
        var outputs: [Output] = []
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = Array(pending[..<newline])
            pending.removeSubrange(...newline)
            if let output = Self.parse(line) { outputs.append(output) }
        }
        return outputs
    }

    /// One log line → the bytes the container wrote. Malformed lines are skipped.
    static func parse(_ line: [UInt8]) -> Output? {
        let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count >= 3 else { return nil }
        let content = fields.count == 4 ? Array(fields[3]) : []
        let tag = String(decoding: fields[2], as: UTF8.self)
        let bytes = tag.split(separator: ":").first == "P" ? content : content + [UInt8(ascii: "\n")]
        switch String(decoding: fields[1], as: UTF8.self) {
        case "stdout": return .stdout(bytes)
        case "stderr": return .stderr(bytes)
        default: return nil
        }
    }
}
