import ContainerRuntime
import Testing

@Suite struct WhiteoutTests {
    @Test func classifiesWhiteoutNames() {
        #expect(Whiteout.classify(".wh.config") == .remove(name: "config"))
        #expect(Whiteout.classify(".wh..wh..opq") == .opaque)
        #expect(Whiteout.classify("config") == .none)
        #expect(Whiteout.classify(".wh.") == .none)
        #expect(Whiteout.classify(".whatever") == .none)
    }

    @Test func convertsToOverlayActions() {
        let actions = Whiteout.actions(for: ["etc", "etc/.wh.passwd", "var/cache/.wh..wh..opq", ".wh.tmp", "usr/bin/ls"])
        #expect(actions.map(\.whiteoutFile) == ["etc/.wh.passwd", "var/cache/.wh..wh..opq", ".wh.tmp"])
        #expect(actions.map(\.action) == [
            .makeWhiteoutDevice(at: "etc/passwd"), .markOpaque(directory: "var/cache"), .makeWhiteoutDevice(at: "tmp"),
        ])
    }
}
