import Foundation
import Testing
@testable import KubeProxy

@Suite struct HashingTests {
    @Test func base32MatchesRFC4648() {
        #expect(Base32.encode(Array("".utf8)) == "")
        #expect(Base32.encode(Array("f".utf8)) == "MY======")
        #expect(Base32.encode(Array("fo".utf8)) == "MZXQ====")
        #expect(Base32.encode(Array("foo".utf8)) == "MZXW6===")
        #expect(Base32.encode(Array("foob".utf8)) == "MZXW6YQ=")
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI======")
    }

    /// The names upstream's own tests expect for ns1/svc1:p80 → 10.180.0.1:80.
    @Test func chainNamesMatchUpstream() {
        #expect(ChainName.service("ns1/svc1:p80", "tcp") == "KUBE-SVC-XPGD46QRK7WJZT7O")
        #expect(ChainName.endpoint("ns1/svc1:p80", "tcp", "10.180.0.1:80") == "KUBE-SEP-SXIVWICOYRO3J4NJ")
        #expect(ChainName.service("ns1/svc1:p80", "tcp").count <= 28)
    }
}
