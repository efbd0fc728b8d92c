import Testing
@testable import KubeProxy

/// A streamed stdin reaches the command whole, and a command that stops reading early neither
/// blocks nor kills the writer (SIGPIPE).
@Suite struct StreamingRunnerTests {
    static let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)

    @Test func everyByteReachesTheCommand() async throws {
        let (result, written) = try await HostCommandRunner().run(["wc", "-c"], streamingStdin: { write in
            for _ in 0..<160 { write(Self.chunk[...]) }
            return 160 * Self.chunk.count
        })
        #expect(result.status == 0)
        #expect(Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) == written)
    }

    @Test func aCommandThatStopsReadingDoesNotStopTheWriter() async throws {
        let (result, finished) = try await HostCommandRunner().run(["sh", "-c", "head -c 10 >/dev/null; exit 3"], streamingStdin: { write in
            for _ in 0..<160 { write(Self.chunk[...]) }
            return true
        })
        #expect(result.status == 3)
        #expect(finished)
    }
}
