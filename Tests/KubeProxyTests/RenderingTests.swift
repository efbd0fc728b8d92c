import KubeAPI
import Testing
@testable import KubeProxy

/// Rendered restore text against expected text (the shape of upstream's proxier_test.go).
@Suite struct RenderingTests {
    static let natHeader = """
        *nat
        :KUBE-SERVICES - [0:0]
        :KUBE-NODEPORTS - [0:0]
        :KUBE-POSTROUTING - [0:0]
        :KUBE-MARK-MASQ - [0:0]

        """
    static let header = """
        *filter
        :KUBE-SERVICES - [0:0]
        :KUBE-EXTERNAL-SERVICES - [0:0]
        :KUBE-FORWARD - [0:0]
        :KUBE-NODEPORTS - [0:0]
        :KUBE-PROXY-FIREWALL - [0:0]

        """
    static let forward = """
        -A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
        -A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
        -A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT

        """
    static let postrouting = """
        -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
        -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
        -A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
        -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000

        """
    static let nodePortsTail = """
        -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j KUBE-NODEPORTS

        """

    /// A full first sync, jump rules excluded (the fake save returns an empty table, so all
    /// twelve are inserted; they are checked separately).
    static func withoutJumps(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("-I ") }.joined(separator: "\n")
    }

    @Test func clusterIPWithOneEndpoint() async throws {
        let (proxier, _) = Fixtures.proxier()
        proxier.onServiceAdd(Fixtures.service("ns1", "svc1", clusterIP: "10.20.30.41", ports: [("p80", 80, nil)]))
        proxier.onEndpointSliceAdd(Fixtures.slice("ns1", service: "svc1", port: ("p80", 80), endpoints: [("10.180.0.1", true)]))
        let outcome = try #require(await proxier.syncProxyRules())
        #expect(outcome.full)
        #expect(outcome.error == nil)
        // nat first: the Services' chains, each declared just before its rules and after the
        // chains it jumps to, between the shared chains' declarations and their rules.
        let expected =
            Self.natHeader + """
            :KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]
            -A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ
            -A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80
            :KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
            -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 10.20.30.41 --dport 80 ! -s 10.0.0.0/24 -j KUBE-MARK-MASQ
            -A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ
            -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 10.20.30.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O

            """ + Self.nodePortsTail + Self.postrouting + "COMMIT\n" + Self.header + Self.forward + """
            COMMIT

            """
        #expect(Self.withoutJumps(outcome.text) == expected)
    }

    @Test func firstSyncInsertsEveryJumpRuleOnce() async throws {
        let (proxier, runner) = Fixtures.proxier()
        let outcome = try #require(await proxier.syncProxyRules())
        let inserts = outcome.text.split(separator: "\n").filter { $0.hasPrefix("-I ") }
        #expect(inserts.count == JumpRule.all.count)
        #expect(inserts.contains("-I PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"))
        #expect(inserts.contains("-I INPUT -m conntrack --ctstate NEW -m comment --comment \"kubernetes externally-visible service portals\" -j KUBE-EXTERNAL-SERVICES"))
        // A later full sync that sees them in the save does not insert them again.
        let savedNat = "*nat\n:PREROUTING ACCEPT [0:0]\n" + JumpRule.all.filter { $0.table == .nat }.map(\.savedLine).joined(separator: "\n") + "\nCOMMIT\n"
        let savedFilter = "*filter\n" + JumpRule.all.filter { $0.table == .filter }.map(\.savedLine).joined(separator: "\n") + "\nCOMMIT\n"
        runner.respond(to: "iptables-legacy-save", with: CommandResult(status: 0, stdout: Array(savedFilter.utf8)))
        runner.respond(to: "iptables-legacy-save", with: CommandResult(status: 0, stdout: Array(savedNat.utf8)))
        proxier.forceFullSync()
        let again = try #require(await proxier.syncProxyRules())
        #expect(again.full)
        #expect(!again.text.contains("\n-I "))
    }

    @Test func nodePortWithTwoEndpointsAndAffinity() async throws {
        let (proxier, _) = Fixtures.proxier()
        proxier.onServiceAdd(
            Fixtures.service("ns2", "web", clusterIP: "10.96.0.20", ports: [("http", 80, 30080)], type: "NodePort", affinity: 600))
        proxier.onEndpointSliceAdd(
            Fixtures.slice("ns2", service: "web", port: ("http", 8080), endpoints: [("10.244.0.10", true), ("10.244.0.9", true)]))
        let outcome = try #require(await proxier.syncProxyRules())
        let svc = ChainName.service("ns2/web:http", "tcp")
        let ext = ChainName.external("ns2/web:http", "tcp")
        let sep9 = ChainName.endpoint("ns2/web:http", "tcp", "10.244.0.9:8080")
        let sep10 = ChainName.endpoint("ns2/web:http", "tcp", "10.244.0.10:8080")
        let nat = Self.natHeader + """
            :\(sep9) - [0:0]
            -A \(sep9) -m comment --comment ns2/web:http -s 10.244.0.9 -j KUBE-MARK-MASQ
            -A \(sep9) -m comment --comment ns2/web:http -m recent --name \(sep9) --set -m tcp -p tcp -j DNAT --to-destination 10.244.0.9:8080
            :\(sep10) - [0:0]
            -A \(sep10) -m comment --comment ns2/web:http -s 10.244.0.10 -j KUBE-MARK-MASQ
            -A \(sep10) -m comment --comment ns2/web:http -m recent --name \(sep10) --set -m tcp -p tcp -j DNAT --to-destination 10.244.0.10:8080
            :\(svc) - [0:0]
            -A \(svc) -m comment --comment "ns2/web:http cluster IP" -m tcp -p tcp -d 10.96.0.20 --dport 80 ! -s 10.0.0.0/24 -j KUBE-MARK-MASQ
            -A \(svc) -m comment --comment "ns2/web:http -> 10.244.0.9:8080" -m recent --name \(sep9) --rcheck --seconds 600 --reap -j \(sep9)
            -A \(svc) -m comment --comment "ns2/web:http -> 10.244.0.10:8080" -m recent --name \(sep10) --rcheck --seconds 600 --reap -j \(sep10)
            -A \(svc) -m comment --comment "ns2/web:http -> 10.244.0.9:8080" -m statistic --mode random --probability 0.5000000000 -j \(sep9)
            -A \(svc) -m comment --comment "ns2/web:http -> 10.244.0.10:8080" -j \(sep10)
            :\(ext) - [0:0]
            -A \(ext) -m comment --comment "masquerade traffic for ns2/web:http external destinations" -j KUBE-MARK-MASQ
            -A \(ext) -j \(svc)
            -A KUBE-SERVICES -m comment --comment "ns2/web:http cluster IP" -m tcp -p tcp -d 10.96.0.20 --dport 80 -j \(svc)

            """ + Self.nodePortsTail + """
            -A KUBE-NODEPORTS -m comment --comment ns2/web:http -m tcp -p tcp --dport 30080 -j \(ext)

            """ + Self.postrouting + "COMMIT\n"
        let text = Self.withoutJumps(outcome.text)
        #expect(text.hasPrefix(nat))
    }

    @Test func serviceWithoutEndpointsIsRejectedInFilter() async throws {
        let (proxier, _) = Fixtures.proxier()
        proxier.onServiceAdd(Fixtures.service("ns1", "empty", clusterIP: "10.96.0.30", ports: [("dns", 53, 30053)], type: "NodePort"))
        let outcome = try #require(await proxier.syncProxyRules())
        let text = Self.withoutJumps(outcome.text)
        let filter = Self.header + """
            -A KUBE-SERVICES -m comment --comment "ns1/empty:dns has no endpoints" -m tcp -p tcp -d 10.96.0.30 --dport 53 -j REJECT
            -A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/empty:dns has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30053 -j REJECT

            """ + Self.forward + "COMMIT\n"
        #expect(text.hasSuffix(filter))
        #expect(!text.contains("KUBE-SVC-"))
        #expect(!text.contains("KUBE-EXT-"))
    }

    /// A full sync is streamed to iptables-restore as it is rendered: every chain a rule jumps
    /// to must already be declared in the text above it, whatever the Service's shape.
    @Test func everyJumpTargetIsDeclaredBeforeTheRuleThatUsesIt() async throws {
        let (proxier, _) = Fixtures.proxier()
        proxier.onServiceAdd(Fixtures.service("a", "plain", clusterIP: "10.96.0.1", ports: [("p", 80, nil)]))
        proxier.onServiceAdd(Fixtures.service("a", "sticky", clusterIP: "10.96.0.2", ports: [("p", 80, 30002)], type: "NodePort", affinity: 60))
        proxier.onServiceAdd(
            Fixtures.service("b", "local", clusterIP: "10.96.0.3", ports: [("p", 80, 30003), ("q", 81, 30004)], type: "NodePort", externalTrafficPolicy: "Local"))
        proxier.onServiceAdd(Fixtures.service("b", "empty", clusterIP: "10.96.0.4", ports: [("p", 80, nil)]))
        for (ns, name) in [("a", "plain"), ("a", "sticky"), ("b", "local")] {
            proxier.onEndpointSliceAdd(
                Fixtures.slice(ns, service: name, port: ("p", 8080), endpoints: [("10.244.0.5", true), ("10.244.1.6", true)], nodeName: "node1"))
        }
        let outcome = try #require(await proxier.syncProxyRules())
        #expect(outcome.full && outcome.error == nil)
        let builtIn: Set<String> = ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"]
        var declared: Set<String> = []
        var checked = 0
        for line in outcome.text.split(separator: "\n") {
            if line.hasPrefix("*") { declared = builtIn }
            if line.hasPrefix(":") { declared.insert(String(line.dropFirst().prefix { $0 != " " })) }
            guard line.hasPrefix("-A ") || line.hasPrefix("-I ") else { continue }
            let chain = String(line.dropFirst(3).prefix { $0 != " " })
            #expect(declared.contains(chain), "\(line)")
            if let jump = line.range(of: " -j KUBE-") {
                let target = String(line[line.index(jump.lowerBound, offsetBy: 4)...].prefix { $0 != " " })
                #expect(declared.contains(target), "\(line)")
                checked += 1
            }
        }
        #expect(checked > 20)
        #expect(outcome.text.contains("KUBE-SVL-") && outcome.text.contains("KUBE-EXT-"))
    }

    @Test func probabilitiesSplitEvenly() {
        #expect(ServicePortRenderer.probability(2) == "0.5000000000")
        #expect(ServicePortRenderer.probability(3) == "0.3333333333")
        #expect(ServicePortRenderer.probability(100) == "0.0100000000")
    }

    @Test func unreadyEndpointsAreLeftOutUnlessNoneIsReady() {
        let service = ServicePortInfo(name: ServicePortName(namespace: "a", name: "b", port: "", protocol: "TCP"), clusterIP: "10.96.0.1", port: 80)
        let ready = EndpointInfo(ip: "10.0.0.1", port: 80)
        let unready = EndpointInfo(ip: "10.0.0.2", port: 80, ready: false)
        let draining = EndpointInfo(ip: "10.0.0.3", port: 80, ready: false, serving: true, terminating: true)
        #expect(CategorizedEndpoints([ready, unready, draining], service: service).cluster == [ready])
        #expect(CategorizedEndpoints([unready, draining], service: service).cluster == [draining])
        #expect(CategorizedEndpoints([unready], service: service).hasAny == false)
    }

    @Test func headlessAndExternalNameServicesGetNoRules() {
        var headless = Fixtures.service("a", "h", clusterIP: "None", ports: [("p", 80, nil)])
        #expect(ServicePortInfo.ports(of: headless).isEmpty)
        headless.spec.clusterIP = "10.96.0.5"
        headless.spec.type = "ExternalName"
        #expect(ServicePortInfo.ports(of: headless).isEmpty)
    }
}

@Suite struct ProxyCleanupTests {
    @Test func removesOnlyKubeProxysJumpsAndChains() {
        let filter = SavedTable("""
            :INPUT ACCEPT [0:0]
            :KUBE-SERVICES - [0:0]
            :KUBE-FORWARD - [0:0]
            :MINE - [0:0]
            -A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS
            -A INPUT -j MINE
            """)
        let nat = SavedTable("""
            :PREROUTING ACCEPT [0:0]
            :KUBE-SERVICES - [0:0]
            :KUBE-SVC-ABC - [0:0]
            :KUBE-SEP-DEF - [0:0]
            -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
            """)
        let input = ProxyCleanup.restoreInput(filter: filter, nat: nat)
        #expect(input.filter.jumps == ["-D INPUT -m comment --comment \"kubernetes health check service ports\" -j KUBE-NODEPORTS"])
        #expect(input.filter.deletedChains == ["KUBE-FORWARD", "KUBE-SERVICES"])
        #expect(input.nat.jumps == ["-D PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES"])
        #expect(input.nat.deletedChains == ["KUBE-SEP-DEF", "KUBE-SERVICES", "KUBE-SVC-ABC"])
        // Jumps out before the chains they point at are deleted.
        let natText = input.text[input.text.range(of: "*nat\n")!.upperBound...]
        let delete = natText.range(of: "-D PREROUTING")!.lowerBound
        let remove = natText.range(of: "-X KUBE-SERVICES\n")!.lowerBound
        #expect(delete < remove)
        #expect(ProxyCleanup.restoreInput(filter: SavedTable(":INPUT ACCEPT [0:0]"), nat: SavedTable("")).isEmpty)
    }
}
