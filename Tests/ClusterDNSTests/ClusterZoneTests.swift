import Testing
@testable import ClusterDNS

@Suite struct ClusterZoneTests {
    let zone = ClusterZone(domain: "cluster.local", records: ZoneFixtures.records())

    func answer(_ name: String, _ type: DNSRecordType) throws -> DNSMessage {
        try #require(zone.answer(ZoneFixtures.query(name, type)))
    }

    @Test func serviceARecordIsTheClusterIP() throws {
        let response = try answer("web.default.svc.cluster.local", .a)
        #expect(response.responseCode == .noError && response.authoritative)
        #expect(response.answers.map(\.data) == [.a(IPv4Address("10.96.0.20")!)])
        #expect(response.answers.first?.ttl == 5)
    }

    @Test func headlessServiceAnswersReadyEndpoints() throws {
        let response = try answer("db.data.svc.cluster.local", .a)
        #expect(Set(response.answers.map(\.data)) == [.a(IPv4Address("10.244.0.5")!), .a(IPv4Address("10.244.0.6")!)])
        #expect(try answer("db-0.db.data.svc.cluster.local", .a).answers.map(\.data) == [.a(IPv4Address("10.244.0.5")!)])
        #expect(try answer("10-244-0-6.db.data.svc.cluster.local", .a).answers.map(\.data) == [.a(IPv4Address("10.244.0.6")!)])
        #expect(try answer("10-244-0-7.db.data.svc.cluster.local", .a).responseCode == .nameError)
    }

    @Test func srvForNamedPorts() throws {
        let srv = try answer("_http._tcp.web.default.svc.cluster.local", .srv)
        #expect(srv.answers.map(\.data) == [.srv(priority: 0, weight: 100, port: 80, target: DNSName("web.default.svc.cluster.local"))])
        #expect(srv.additionals.map(\.data) == [.a(IPv4Address("10.96.0.20")!)])
        #expect(try answer("_dns._udp.web.default.svc.cluster.local", .srv).answers.count == 1)
        #expect(try answer("_dns._tcp.web.default.svc.cluster.local", .srv).responseCode == .nameError)
        let headless = try answer("_pg._tcp.db.data.svc.cluster.local", .srv)
        #expect(Set(headless.answers.compactMap { if case .srv(_, _, let port, let target) = $0.data { "\(target):\(port)" } else { nil } })
            == ["db-0.db.data.svc.cluster.local.:5432", "10-244-0-6.db.data.svc.cluster.local.:5432"])
        #expect(headless.additionals.count == 2)
    }

    @Test func podNames() throws {
        #expect(try answer("10-244-1-7.default.pod.cluster.local", .a).answers.map(\.data) == [.a(IPv4Address("10.244.1.7")!)])
        #expect(try answer("not-an-ip.default.pod.cluster.local", .a).responseCode == .nameError)
    }

    @Test func missingNamesAreNXDOMAINWithSOA() throws {
        for name in ["nope.default.svc.cluster.local", "web.other.svc.cluster.local", "x.y.z.cluster.local", "a.b.c.d.e.default.svc.cluster.local"] {
            let response = try answer(name, .a)
            #expect(response.responseCode == .nameError, "\(name)")
            #expect(response.answers.isEmpty)
            #expect(response.authorities.first?.type == .soa)
        }
    }

    @Test func existingNameWithoutThatTypeIsNODATA() throws {
        let response = try answer("web.default.svc.cluster.local", .aaaa)
        #expect(response.responseCode == .noError)
        #expect(response.answers.isEmpty)
        #expect(response.authorities.first?.type == .soa)
        #expect(try answer("default.svc.cluster.local", .a).responseCode == .noError)
    }

    @Test func externalNameIsACNAME() throws {
        #expect(try answer("ext.default.svc.cluster.local", .a).answers.map(\.data) == [.cname(DNSName("example.com"))])
    }

    @Test func namesOutsideTheZoneAreNotAnswered() {
        #expect(zone.answer(ZoneFixtures.query("example.com", .a)) == nil)
        #expect(zone.answer(ZoneFixtures.query("cluster.local.example.com", .a)) == nil)
    }

    @Test func resolvConfNameservers() {
        let conf = ResolvConf(contents: "# comment\nsearch a b\nnameserver 10.0.0.2\nnameserver 127.0.0.1:5353\nnameserver [::1]:53\nnameserver fe80::1\n")
        #expect(conf.nameservers == [.init(host: "10.0.0.2"), .init(host: "127.0.0.1", port: 5353), .init(host: "::1"), .init(host: "fe80::1")])
    }
}
