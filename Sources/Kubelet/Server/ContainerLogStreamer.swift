import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads one container's CRI log file and produces what `kubectl logs` shows, as upstream's
/// kubelet does (pkg/kubelet/kuberuntime/logs.ReadLogs): the CRI prefix stripped (or replaced by
/// the fixed-width timestamp), partial records joined, `tailLines` counted in file lines from the
/// end, `since` applied per record, output cut at `limitBytes`. With `follow` it keeps reading
/// as the file grows (and across rotation) until the container stops running.
struct ContainerLogStreamer: Sendable {
    var path: String
    var options: ContainerLogOptions
    /// Asked at most once per `runningCheckInterval` while following; false or a throw ends the stream.
    var isRunning: @Sendable () async throws -> Bool
    var pollInterval: Duration = .milliseconds(100)
    var runningCheckInterval: Duration = .seconds(1)

    /// Calls `emit` with output chunks until done. `emit` throwing (the client went away) ends it.
    func stream(_ emit: ([UInt8]) async throws -> Void) async throws {
        var file = try LogFile(path: path)
        defer { file.close() }
        if let tail = options.tailLines { try file.seek(to: file.startOfLastLines(tail)) }
        var writer = ContainerLogWriter(options: options)
        var pending: [UInt8] = []
        var lastRunningCheck = ContinuousClock.now
        var stopAfterDrain = false

        while true {
            let chunk = try file.read()
            if !chunk.isEmpty {
                pending += chunk
                var output: [UInt8] = []
                var start = 0
                while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                    let done = writer.write(line: pending[start..<newline], into: &output)
                    start = newline + 1
                    if done { break }
                }
                pending.removeFirst(start)
                if !output.isEmpty { try await emit(output) }
                if writer.limitReached { return }
                continue
            }
            // End of the file as it is now.
            guard options.follow, !stopAfterDrain else { break }
            if try file.wasReplaced() {
                // Rotated: what was read is complete; continue from the start of the new file.
                file.close()
                file = try LogFile(path: path)
                continue
            }
            if ContinuousClock.now - lastRunningCheck >= runningCheckInterval {
                lastRunningCheck = .now
                let running = (try? await isRunning()) ?? false
                // One more read picks up what the container wrote before it stopped.
                if !running { stopAfterDrain = true; continue }
            }
            try await Task.sleep(for: pollInterval)
        }
        // Not following: an unterminated last line is still shown.
        if !pending.isEmpty {
            var output: [UInt8] = []
            _ = writer.write(line: pending[...], into: &output)
            if !output.isEmpty { try await emit(output) }
        }
    }
}

/// Turns CRI records into output bytes: prefix, partial-line joining, since, byte limit.
struct ContainerLogWriter {
    let options: ContainerLogOptions
    private var remaining: Int64
    /// Whether the next record starts a new logical line (the previous one was not partial).
    private var atLineStart = true
    private(set) var limitReached = false

    init(options: ContainerLogOptions) {
        self.options = options
        remaining = options.limitBytes ?? .max
    }

    /// Appends one file line's output; returns true once the byte limit is reached.
    mutating func write(line: ArraySlice<UInt8>, into output: inout [UInt8]) -> Bool {
        guard !limitReached, let record = try? CRILogRecord(parsing: line) else { return limitReached }
        let startsLine = atLineStart
        atLineStart = !record.partial
        if let since = options.since, record.time < since { return false }
        var bytes: [UInt8] = []
        if options.timestamps && startsLine {
            bytes += Array(record.time.rfc3339NanoFixed.utf8)
            bytes.append(UInt8(ascii: " "))
        }
        bytes += record.content
        if !record.partial { bytes.append(UInt8(ascii: "\n")) }
        if Int64(bytes.count) >= remaining {
            output += bytes.prefix(Int(remaining))
            remaining = 0
            limitReached = true
            return true
        }
        remaining -= Int64(bytes.count)
        output += bytes
        return false
    }
}

/// A log file read with plain reads, so a growing file is seen as it grows.
struct LogFile {
    let path: String
    private var fd: Int32
    private let inode: UInt64

    init(path: String) throws(KubeletServerError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw KubeletServerError(status: 400, "failed to open log file \"\(path)\": \(String(cString: strerror(errno)))")
        }
        var st = stat()
        fstat(fd, &st)
        inode = UInt64(st.st_ino)
    }

    mutating func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    func read(max: Int = 64 * 1024) throws(KubeletServerError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, max) }
            if n >= 0 { return Array(buffer.prefix(n)) }
            if errno == EINTR { continue }
            throw KubeletServerError(status: 400, "failed to read log file \"\(path)\": \(String(cString: strerror(errno)))")
        }
    }

    func seek(to offset: Int64) throws(KubeletServerError) {
        guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else {
            throw KubeletServerError(status: 400, "failed to seek log file \"\(path)\": \(String(cString: strerror(errno)))")
        }
    }

    /// The path now names another file (the runtime rotated or recreated the log).
    func wasReplaced() throws(KubeletServerError) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return false }
        return UInt64(st.st_ino) != inode
    }

    /// Offset of the first of the last `n` newline-terminated lines (upstream's FindTailLineStartIndex:
    /// whole file lines, so a long line split into partial records counts once per record).
    func startOfLastLines(_ n: Int64) throws(KubeletServerError) -> Int64 {
        var st = stat()
        fstat(fd, &st)
        let size = Int64(st.st_size)
        let block: Int64 = 64 * 1024
        var right = size
        var left = size
        var newlines: Int64 = 0
        var buffer: [UInt8] = []
        while right > 0 && newlines <= n {
            left = Swift.max(0, right - block)
            var chunk = [UInt8](repeating: 0, count: Int(right - left))
            let got = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, Int(right - left), off_t(left)) }
            guard got == Int(right - left) else {
                throw KubeletServerError(status: 400, "failed to read log file \"\(path)\": short read")
            }
            newlines += Int64(chunk.lazy.filter { $0 == UInt8(ascii: "\n") }.count)
            chunk += buffer
            buffer = chunk
            right = left
        }
        var index = 0
        while newlines > n, let newline = buffer[index...].firstIndex(of: UInt8(ascii: "\n")) {
            index = newline + 1
            newlines -= 1
        }
        return left + Int64(index)
    }
}
