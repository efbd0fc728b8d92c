import Foundation
import Testing
@testable import ClusterDNS

/// The server over real UDP and TCP sockets on loopback, with a fake upstream resolver (this
/// module's own server with a fixed answer) that names outside the zone are forwarded to.
@Suite struct ServerTests {
    /// Answers every query with A 192.0.2.53 and counts what it was asked.
    static func fakeUpstream() async throws -> (ClusterDNSServer, ClusterDNSServer.Bound) {
        let upstream = ClusterDNSServer(
            handler: DNSQueryHandler(
                answer: { query in
                    var response = DNSMessage.response(to: query)
                    response.answers = [DNSResourceRecord(name: query.questions[0].name, ttl: 60, data: .a(IPv4Address("192.0.2.53")!))]
                    return response
                }, forwarder: nil),
            host: "127.0.0.1", port: 0)
        return (upstream, try await upstream.bind())
    }

    static func withServer(_ body: (UpstreamForwarder, UpstreamForwarder) async throws -> Void) async throws {
        let (upstream, upstreamBound) = try await fakeUpstream()
        let resolvConf = NSTemporaryDirectory() + "ks-dns-resolv-\(UInt32.random(in: 0..<UInt32.max)).conf"
        try "nameserver 127.0.0.1:\(upstreamBound.udpPort)\n".write(toFile: resolvConf, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: resolvConf) }
        let servers = try ResolvConf.load(path: resolvConf).nameservers
        let zone = ClusterZone(domain: "cluster.local", records: ZoneFixtures.records())
        let server = ClusterDNSServer(handler: DNSQueryHandler(zone: zone, forwarder: UpstreamForwarder(servers: servers)), host: "127.0.0.1", port: 0)
        let bound = try await server.bind()
        // The test's client: the forwarder's own exchange, pointed at the server under test.
        let udp = UpstreamForwarder(servers: [.init(host: "127.0.0.1", port: bound.udpPort)])
        let tcp = UpstreamForwarder(servers: [.init(host: "127.0.0.1", port: bound.tcpPort)])
        do {
            try await body(udp, tcp)
        } catch {
            await bound.close()
            await upstreamBound.close()
            await server.shutdown()
            await upstream.shutdown()
            throw error
        }
        await bound.close()
        await upstreamBound.close()
        await server.shutdown()
        await upstream.shutdown()
    }

    static func ask(_ client: UpstreamForwarder, _ name: String, _ type: DNSRecordType, tcp: Bool = false) async throws -> DNSMessage {
        let id = UInt16.random(in: 1...UInt16.max)
        let reply = try await client.forward(DNSMessageEncoder.encode(ZoneFixtures.query(name, type, id: id)), overTCP: tcp)
        let message = try DNSMessageDecoder.decode(reply)
        #expect(message.id == id && message.isResponse)
        return message
    }

    @Test func answersOverUDPAndTCP() async throws {
        try await Self.withServer { udp, tcp in
            for (client, overTCP) in [(udp, false), (tcp, true)] {
                let a = try await Self.ask(client, "web.default.svc.cluster.local", .a, tcp: overTCP)
                #expect(a.answers.map(\.data) == [.a(IPv4Address("10.96.0.20")!)])
                let srv = try await Self.ask(client, "_http._tcp.web.default.svc.cluster.local", .srv, tcp: overTCP)
                #expect(srv.answers.count == 1)
                let headless = try await Self.ask(client, "db.data.svc.cluster.local", .a, tcp: overTCP)
                #expect(headless.answers.count == 2)
                let pod = try await Self.ask(client, "10-244-3-4.default.pod.cluster.local", .a, tcp: overTCP)
                #expect(pod.answers.map(\.data) == [.a(IPv4Address("10.244.3.4")!)])
                let missing = try await Self.ask(client, "nope.default.svc.cluster.local", .a, tcp: overTCP)
                #expect(missing.responseCode == .nameError)
            }
        }
    }

    @Test func otherNamesAreForwardedUpstream() async throws {
        try await Self.withServer { udp, tcp in
            let viaUDP = try await Self.ask(udp, "www.example.com", .a)
            #expect(viaUDP.answers.map(\.data) == [.a(IPv4Address("192.0.2.53")!)])
            #expect(viaUDP.answers.first?.ttl == 60)
            let viaTCP = try await Self.ask(tcp, "www.example.org", .a, tcp: true)
            #expect(viaTCP.answers.map(\.data) == [.a(IPv4Address("192.0.2.53")!)])
        }
    }

    @Test func unreachableUpstreamIsSERVFAIL() async throws {
        let zone = ClusterZone(domain: "cluster.local", records: ZoneFixtures.records())
        // A port nothing listens on (bound and closed again) stands for a dead resolver.
        let dead = try await Self.fakeUpstream()
        let deadPort = dead.1.udpPort
        await dead.1.close()
        await dead.0.shutdown()
        let server = ClusterDNSServer(
            handler: DNSQueryHandler(zone: zone, forwarder: UpstreamForwarder(servers: [.init(host: "127.0.0.1", port: deadPort)], timeout: .milliseconds(300))),
            host: "127.0.0.1", port: 0)
        let bound = try await server.bind()
        let client = UpstreamForwarder(servers: [.init(host: "127.0.0.1", port: bound.udpPort)], timeout: .seconds(3))
        let reply = try await Self.ask(client, "www.example.com", .a)
        #expect(reply.responseCode == .serverFailure)
        await bound.close()
        await server.shutdown()
    }
}
