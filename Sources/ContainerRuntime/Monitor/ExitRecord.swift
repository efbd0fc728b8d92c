import Foundation
import Glibc
import Linux

/// What a container's monitor leaves on disk when the container exits (`exit.json` in the
/// container's directory), so a runtime that was down at the time still learns the real
/// exit code and finish time.
public struct ExitRecord: Codable, Sendable, Equatable {
    public var exitCode: Int32
    public var signal: Int32?
    /// Unix time in nanoseconds.
    public var finishedAt: Int64

    public init(exitCode: Int32, signal: Int32?, finishedAt: Int64) {
        self.exitCode = exitCode
        self.signal = signal
        self.finishedAt = finishedAt
    }

    public static let fileName = "exit.json"

    /// In the monitor (single-threaded, possibly without the host's root directory since the
    /// container's pivot_root): writes through a directory descriptor opened beforehand, then
    /// renames, so readers never see a partial file.
    func write(directoryFD: Int32) throws(SyscallError) {
        let json = "{\"exitCode\":\(exitCode),\"signal\":\(signal.map(String.init) ?? "null"),\"finishedAt\":\(finishedAt)}\n"
        let temporary = Self.fileName + ".tmp"
        let fd = try retryingEINTR("openat(\(temporary))") {
            openat(directoryFD, temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        defer { close(fd) }
        try FileIO.writeAll(fd: fd, Array(json.utf8), stage: "write(\(temporary))")
        fsync(fd)
        try retryingEINTR("renameat(\(temporary) → \(Self.fileName))") {
            renameat(directoryFD, temporary, directoryFD, Self.fileName)
        }
    }

    public static func read(directory: String) -> ExitRecord? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + fileName) else { return nil }
        return try? JSONDecoder().decode(ExitRecord.self, from: data)
    }

    public static func nowNanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
