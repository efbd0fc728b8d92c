import Glibc
import Testing

@testable import Linux

@Suite struct SpawnTests {
    /// Parent descriptors that sit where the intermediate copies would go must still reach the
    /// right child descriptors (a busy runtime process has descriptors in the hundreds).
    @Test func descriptorMappingSurvivesSourcesAtIntermediateNumbers() throws {
        let toChild = try Spawn.pipe()
        let fromChild = try Spawn.pipe()
        // Child 3 reads from fd 104 and child 4 writes to fd 103: the numbers a fixed +100
        // offset would dup2 onto.
        guard dup2(toChild.read, 104) == 104, dup2(fromChild.write, 103) == 103,
              fcntl(104, F_SETFD, FD_CLOEXEC) == 0, fcntl(103, F_SETFD, FD_CLOEXEC) == 0 else {
            Issue.record("could not place descriptors at 103/104")
            return
        }
        close(toChild.read)
        close(fromChild.write)
        let pid = try Spawn.spawn(
            "/bin/sh", args: ["sh", "-c", "read x <&3; echo \"got $x\" >&4"], env: ["PATH=/bin:/usr/bin"],
            fds: [3: 104, 4: 103])
        close(104)
        close(103)
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
