import Testing
@testable import ClusterDNS

@Suite struct MessageCodecTests {
    @Test func queryEncodesToWireFormat() {
        let query = DNSMessage(id: 0xBEEF, recursionDesired: true, questions: [DNSQuestion(name: DNSName("a.bc"), type: .a)])
        #expect(
            DNSMessageEncoder.encode(query) == [
                0xBE, 0xEF, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
                1, 0x61, 2, 0x62, 0x63, 0, 0, 1, 0, 1,
            ])
    }

    @Test func answerNamesAreCompressedToPointers() {
        let name = DNSName("web.default.svc.cluster.local")
        var response = DNSMessage(id: 1, isResponse: true, questions: [DNSQuestion(name: name, type: .a)])
        response.answers = [DNSResourceRecord(name: name, ttl: 5, data: .a(IPv4Address("10.96.0.1")!))]
        response.authorities = [
            DNSResourceRecord(name: DNSName("cluster.local"), ttl: 5, data: .ns(DNSName("ns.dns.cluster.local")))
        ]
        let bytes = DNSMessageEncoder.encode(response)
        // The answer's owner is a pointer to the question name at offset 12.
        let answerAt = 12 + 31 + 4
        #expect(Array(bytes[answerAt..<(answerAt + 2)]) == [0xC0, 0x0C])
        // cluster.local inside the question starts at 12 + 4 + 8 + 4 = 28.
        let authorityAt = answerAt + 2 + 10 + 4
        #expect(Array(bytes[authorityAt..<(authorityAt + 2)]) == [0xC0, 28])
        // ns.dns.<pointer to cluster.local>: "ns", "dns", then the pointer.
        #expect(Array(bytes[(authorityAt + 12)..<(authorityAt + 12 + 9)]) == [2, 0x6E, 0x73, 3, 0x64, 0x6E, 0x73, 0xC0, 28])
        #expect(bytes.count == authorityAt + 12 + 9)
        #expect((try? DNSMessageDecoder.decode(bytes)) == response)
    }

    @Test func everyRecordTypeRoundTrips() throws {
        var message = DNSMessage(id: 7, isResponse: true, authoritative: true, responseCode: .nameError)
        message.questions = [DNSQuestion(name: DNSName("_http._tcp.web.ns.svc.cluster.local"), type: .srv)]
        message.answers = [
            DNSResourceRecord(name: DNSName("_http._tcp.web.ns.svc.cluster.local"), ttl: 5, data: .srv(priority: 0, weight: 50, port: 8080, target: DNSName("a.web.ns.svc.cluster.local"))),
            DNSResourceRecord(name: DNSName("x.cluster.local"), ttl: 30, data: .cname(DNSName("example.com"))),
            DNSResourceRecord(name: DNSName("x.cluster.local"), ttl: 30, data: .txt(["hello", "world"])),
            DNSResourceRecord(name: DNSName("x.cluster.local"), ttl: 30, data: .aaaa(Array(repeating: 1, count: 16))),
        ]
        message.authorities = [
            DNSResourceRecord(
                name: DNSName("cluster.local"), ttl: 5,
                data: .soa(mname: DNSName("ns.dns.cluster.local"), rname: DNSName("hostmaster.cluster.local"), serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5))
        ]
        message.additionals = [DNSResourceRecord(name: .root, class: 1232, ttl: 0, data: .other(type: .opt, bytes: []))]
        #expect(try DNSMessageDecoder.decode(DNSMessageEncoder.encode(message)) == message)
    }

    @Test func namesCompareCaseInsensitively() {
        #expect(DNSName("WEB.Default.svc.cluster.local.") == DNSName("web.default.svc.cluster.local"))
        #expect(DNSName("a.b.cluster.local").isSubdomain(of: DNSName("Cluster.Local")))
        #expect(!DNSName("cluster.localx").isSubdomain(of: DNSName("cluster.local")))
    }

    @Test func malformedMessagesAreRejected() {
        // A pointer to itself would loop forever.
        let loop: [UInt8] = [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1]
        #expect(throws: DNSDecodingError.badPointer(at: 12, target: 12)) { try DNSMessageDecoder.decode(loop) }
        let short: [UInt8] = [0, 1, 0, 0, 0, 1]
        #expect(throws: DNSDecodingError.self) { try DNSMessageDecoder.decode(short) }
        let overrun: [UInt8] = [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 9, 0x61]
        #expect(throws: DNSDecodingError.truncated(at: 12, needed: 9)) { try DNSMessageDecoder.decode(overrun) }
    }

    @Test func udpAnswersAreTruncatedToFit() {
        let name = DNSName("big.ns.svc.cluster.local")
        var response = DNSMessage(id: 1, isResponse: true, questions: [DNSQuestion(name: name, type: .a)])
        response.answers = (0..<100).map { DNSResourceRecord(name: name, ttl: 5, data: .a(IPv4Address(octets: [10, 0, 0, UInt8($0)]))) }
        let bytes = DNSMessageEncoder.encode(response, limit: 512)
        #expect(bytes.count <= 512)
        let decoded = try? DNSMessageDecoder.decode(bytes)
        #expect(decoded?.truncated == true)
        #expect((decoded?.answers.count ?? 0) > 20)
    }
}
