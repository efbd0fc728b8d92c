import Foundation
import Testing
@testable import KubeProxy

@Suite struct HashingTests {
    @Test func sha256KnownVectors() {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(SHA256.hash([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // Two blocks: the 56-byte boundary forces padding into a second block.
        #expect(
            hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

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
