import Foundation
import Glibc
import Linux

/// JSON lines over a pipe: one Codable value per line. Blocking; used by the single-threaded
/// helper directly and by the runtime on a non-cooperative dispatch queue.
public final class LineChannel: @unchecked Sendable {
    public let fd: Int32
    private var buffer: [UInt8] = []

    public init(fd: Int32) { self.fd = fd }

    public func send<T: Encodable>(_ value: T) throws {
        var data = try JSONEncoder().encode(value)
        data.append(UInt8(ascii: "\n"))
        try FileIO.writeAll(fd: fd, Array(data), stage: "write(init pipe \(fd))")
    }

    /// The next value, or nil at end of file.
    public func receive<T: Decodable>(_ type: T.Type) throws -> T? {
        guard let line = try readLine() else { return nil }
        return try JSONDecoder().decode(T.self, from: Data(line))
    }

    public func readLine() throws -> [UInt8]? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = try retryingEINTR("read(init pipe \(fd))") { chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65536) } }
            if count == 0 { return nil }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    public func close() { Glibc.close(fd) }
}
