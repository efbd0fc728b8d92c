import Glibc
import Testing

@testable import Linux

@Suite struct SpawnTests {
    /// A parent descriptor that sits where an intermediate copy would go (a busy runtime
    /// process has descriptors in the hundreds) must still reach the right child descriptor.
    /// Descriptors are taken with F_DUPFD, never dup2 onto fixed numbers: other tests in this
    /// process own descriptors too.
    @Test func descriptorMappingSurvivesSourcesAtIntermediateNumbers() throws {
        let toChild = try Spawn.pipe()
        let fromChild = try Spawn.pipe()
        let writeSource = fcntl(fromChild.write, F_DUPFD_CLOEXEC, 103)
        let readSource = fcntl(toChild.read, F_DUPFD_CLOEXEC, writeSource + 1)
        close(toChild.read)
        close(fromChild.write)
        // Child `reader` gets readSource; child `writer` gets writeSource, which is exactly
        // where staging `reader` at a fixed +100 offset would have copied it.
        let reader = writeSource - 100
        let writer = reader + 1
        let pid = try Spawn.spawn(
            "/bin/bash", args: ["bash", "-c", "read x <&\(reader); echo \"got $x\" >&\(writer)"], env: ["PATH=/bin:/usr/bin"],
            fds: [reader: readSource, writer: writeSource])
        close(readSource)
        close(writeSource)
        _ = "hi\n".withCString { write(toChild.write, $0, 3) }
        close(toChild.write)
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(fromChild.read, &buffer, buffer.count)
        close(fromChild.read)
        let status = try Spawn.wait(pid)
        #expect(status.code == 0)
        #expect(String(decoding: buffer.prefix(max(n, 0)), as: UTF8.self) == "got hi\n")
    }
}
