import Foundation
import Testing

@testable import KubeAPIServer

/// metadata.uid of created objects: random version-4 UUIDs in upstream's lowercase form.
@Suite struct UIDTests {
    @Test func uidsAreLowercaseVersion4UUIDs() throws {
        for _ in 0..<1_000 {
            let uid = UIDs.random()
            let chars = Array(uid)
            #expect(chars.count == 36)
            #expect([8, 13, 18, 23].allSatisfy { chars[$0] == "-" }, "\(uid)")
            #expect(chars.enumerated().allSatisfy { [8, 13, 18, 23].contains($0.offset) || "0123456789abcdef".contains($0.element) }, "\(uid)")
            #expect(chars[14] == "4", "version 4: \(uid)")
            #expect("89ab".contains(chars[19]), "RFC 4122 variant: \(uid)")
            let parsed = try #require(UUID(uuidString: uid))
            #expect(parsed.uuidString.lowercased() == uid)
        }
    }

    @Test func uidsDoNotRepeat() {
        let uids = (0..<10_000).map { _ in UIDs.random() }
        #expect(Set(uids).count == uids.count)
    }
}
