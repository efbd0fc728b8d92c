import Testing

@testable import RemoteCommand

@Suite struct RemoteCommandStatusTests {
    @Test(arguments: [Int32(0), 1, 3, 42, 255])
    func exitCodesRoundTrip(code: Int32) throws {
        let json = RemoteCommandStatus.json(exitCode: code, command: ["sh", "-c", "exit \(code)"])
        #expect(try RemoteCommandStatus.exitCode(fromJSON: json) == code)
    }

    @Test func successIsUpstreamShape() {
        #expect(String(decoding: RemoteCommandStatus.json(exitCode: 0), as: UTF8.self) == #"{"metadata":{},"status":"Success"}"#)
    }

    /// The Status a real kubelet sends for `sh -c 'exit 7'` (client-go's errorDecoderV4 input).
    @Test func parsesUpstreamNonZeroExitStatus() throws {
        let upstream = #"""
            {"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [sh -c exit 7], exit code 7","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"7"}]}}
            """#
        #expect(try RemoteCommandStatus.exitCode(fromJSON: Array(upstream.utf8)) == 7)
    }

    @Test func otherFailuresThrowTheirMessage() {
        let json = RemoteCommandStatus.json(failure: "container not found (\"abc\")")
        #expect(throws: RemoteCommandError.remoteFailure("container not found (\"abc\")")) {
            try RemoteCommandStatus.exitCode(fromJSON: json)
        }
    }

    @Test func nonZeroWithoutExitCodeIsMalformed() {
        let json = #"{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[]}}"#
        #expect(throws: RemoteCommandError.self) { try RemoteCommandStatus.exitCode(fromJSON: Array(json.utf8)) }
        #expect(throws: RemoteCommandError.self) { try RemoteCommandStatus.exitCode(fromJSON: Array("{".utf8)) }
    }
}
