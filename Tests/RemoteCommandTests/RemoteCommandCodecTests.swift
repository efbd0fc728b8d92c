import Testing

@testable import RemoteCommand

@Suite struct RemoteCommandCodecTests {
    @Test func dataFramesRoundTrip() throws {
        for channel in RemoteCommandChannel.allCases {
            let frame = RemoteCommandFrame.data(channel, [1, 2, 255, 0])
            let bytes = frame.encoded()
            #expect(bytes.first == channel.rawValue)
            #expect(try RemoteCommandFrame(decoding: bytes) == frame)
        }
        #expect(try RemoteCommandFrame(decoding: [1]) == .data(.stdout, []))
    }

    @Test func closeFrameIsTwoBytes() throws {
        #expect(RemoteCommandFrame.close(.stdin).encoded() == [255, 0])
        #expect(try RemoteCommandFrame(decoding: [255, 0]) == .close(.stdin))
    }

    @Test func malformedFramesThrow() {
        #expect(throws: RemoteCommandError.self) { try RemoteCommandFrame(decoding: [UInt8]()) }
        #expect(throws: RemoteCommandError.self) { try RemoteCommandFrame(decoding: [9, 1]) }
        #expect(throws: RemoteCommandError.self) { try RemoteCommandFrame(decoding: [255, 9]) }
        #expect(throws: RemoteCommandError.self) { try RemoteCommandFrame(decoding: [255, 0, 0]) }
    }

    @Test func terminalSizeUsesUpstreamFieldNames() throws {
        let size = TerminalSize(width: 120, height: 40)
        let text = String(decoding: size.encoded(), as: UTF8.self)
        #expect(text.contains("\"Width\":120") && text.contains("\"Height\":40"))
        #expect(try TerminalSize(decoding: Array(#"{"Width":80,"Height":24}"#.utf8)) == TerminalSize(width: 80, height: 24))
        #expect(throws: RemoteCommandError.self) { try TerminalSize(decoding: Array("nope".utf8)) }
    }
}

@Suite struct RemoteCommandProtocolTests {
    @Test func negotiatesBestOffered() {
        #expect(RemoteCommandProtocol.negotiate(offered: ["v4.channel.k8s.io, v5.channel.k8s.io"]) == "v5.channel.k8s.io")
        #expect(RemoteCommandProtocol.negotiate(offered: ["channel.k8s.io", "v4.channel.k8s.io"]) == "v4.channel.k8s.io")
        #expect(RemoteCommandProtocol.negotiate(offered: ["base64.channel.k8s.io"]) == nil)
        #expect(RemoteCommandProtocol.negotiate(offered: []) == nil)
    }
}
