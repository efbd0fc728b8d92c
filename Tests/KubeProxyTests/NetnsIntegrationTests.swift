import Foundation
import Glibc
import KubeAPI
import Linux
import Testing
@testable import KubeProxy

/// The rules for real: a node namespace with a bridge, two endpoint namespaces running
/// busybox httpd that answer their own names, and the proxier applying its restore input
/// with `ip netns exec NODE iptables-…-restore`. Everything lives in namespaces this test
/// creates (no route out) and deletes, even on failure; the root namespace is never touched.
@Suite(.serialized) struct NetnsIntegrationTests {
    static var skipReason: String? {
        if getuid() != 0 { return "needs root (creates network namespaces)" }
        for tool in ["/usr/sbin/ip", "/usr/bin/busybox", "/usr/bin/curl"] where access(tool, X_OK) != 0 { return "needs \(tool)" }
        return nil
    }

    static var backends: [IPTablesBackend] {
        IPTablesBackend.allCases.filter { access("/usr/sbin/\($0.restoreBinary)", X_OK) == 0 }
    }

    @Test(arguments: backends)
    func clusterIPAndNodePortReachBothEndpoints(backend: IPTablesBackend) async throws {
        if let reason = Self.skipReason {
            print("SKIP NetnsIntegrationTests: \(reason)")
            return
        }
        let lab = try await NetnsLab.create()
        do {
            try await lab.run(backend: backend)
        } catch {
            await lab.destroy()
            throw error
        }
        await lab.destroy()
    }
}

/// The namespaces, links and httpd processes of one test run.
final class NetnsLab: Sendable {
    let node: String
    let endpoints: [(ns: String, ip: String)]
    let root: String
    let httpds: [pid_t]
    let host = HostCommandRunner()

    private init(node: String, endpoints: [(ns: String, ip: String)], root: String, httpds: [pid_t]) {
        self.node = node
        self.endpoints = endpoints
        self.root = root
        self.httpds = httpds
    }

    static func sh(_ argv: [String], runner: HostCommandRunner = HostCommandRunner()) async throws -> String {
        let result = try await runner.run(argv, stdin: [])
        guard result.status == 0 else {
            throw CommandError(command: argv, reason: "exit \(result.status): \(result.stderr)")
        }
        return result.output
    }

    static func create() async throws -> NetnsLab {
        let tag = String(UInt32.random(in: 0..<UInt32.max), radix: 36)
        let node = "ks-proxy-\(tag)"
        let endpoints = [("ks-proxy-\(tag)-e1", "10.244.0.11"), ("ks-proxy-\(tag)-e2", "10.244.0.12")]
        let root = NSTemporaryDirectory() + "ks-proxy-\(tag)"
        var created: [String] = []
        var pids: [pid_t] = []
        do {
            for ns in [node] + endpoints.map(\.0) {
                _ = try await sh(["ip", "netns", "add", ns])
                created.append(ns)
            }
            let inNode = ["ip", "netns", "exec", node]
            _ = try await sh(inNode + ["ip", "link", "set", "lo", "up"])
            _ = try await sh(inNode + ["ip", "link", "add", "br0", "type", "bridge"])
            _ = try await sh(inNode + ["ip", "addr", "add", "10.244.0.1/24", "dev", "br0"])
            _ = try await sh(inNode + ["ip", "link", "set", "br0", "up"])
            // The service CIDR routes towards the pods, so a ClusterIP has a source address to use.
            _ = try await sh(inNode + ["ip", "route", "add", "10.96.0.0/12", "dev", "br0"])
            for (index, (ns, ip)) in endpoints.enumerated() {
                let inEndpoint = ["ip", "netns", "exec", ns]
                _ = try await sh(inNode + ["ip", "link", "add", "veth\(index)", "type", "veth", "peer", "name", "eth0", "netns", ns])
                _ = try await sh(inNode + ["ip", "link", "set", "veth\(index)", "master", "br0", "up"])
                _ = try await sh(inEndpoint + ["ip", "link", "set", "lo", "up"])
                _ = try await sh(inEndpoint + ["ip", "addr", "add", "\(ip)/24", "dev", "eth0"])
                _ = try await sh(inEndpoint + ["ip", "link", "set", "eth0", "up"])
                _ = try await sh(inEndpoint + ["ip", "route", "add", "default", "via", "10.244.0.1"])
                let dir = "\(root)/e\(index + 1)"
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                try "e\(index + 1)\n".write(toFile: "\(dir)/index.html", atomically: true, encoding: .utf8)
                // `ip netns exec` execs in place, so the pid is httpd's own.
                pids.append(
                    try Spawn.spawn(
                        "/usr/sbin/ip", args: ["ip", "netns", "exec", ns, "/usr/bin/busybox", "httpd", "-f", "-p", "8080", "-h", dir],
                        env: ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"], fds: [0: 0, 1: 2, 2: 2]))
            }
        } catch {
            let partial = NetnsLab(node: node, endpoints: endpoints, root: root, httpds: pids)
            await partial.destroy(namespaces: created)
            throw error
        }
        return NetnsLab(node: node, endpoints: endpoints, root: root, httpds: pids)
    }

    func destroy(namespaces: [String]? = nil) async {
        for pid in httpds { kill(pid, SIGKILL) }
        for pid in httpds { _ = try? await NetnsLab.waitOffPool(pid) }
        for ns in namespaces ?? ([node] + endpoints.map(\.ns)) {
            _ = try? await host.run(["ip", "netns", "del", ns], stdin: [])
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    static func waitOffPool(_ pid: pid_t) async throws -> Linux.ExitStatus {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try Spawn.wait(pid) }) }
        }
    }

    /// One HTTP GET from the node namespace; nil when the connection fails.
    func get(_ url: String) async -> String? {
        // curl, not busybox wget: Debian's busybox-static 1.35 wget crashes with -T.
        let result = try? await host.run(["ip", "netns", "exec", node, "curl", "-s", "-m", "2", url], stdin: [])
        guard let result, result.status == 0 else { return nil }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func waitForHTTPD() async throws {
        for (ns, ip) in endpoints {
            var up = false
            for _ in 0..<100 where !up {
                up = await get("http://\(ip):8080/") != nil
                if !up { try await Task.sleep(for: .milliseconds(50)) }
            }
            guard up else { throw CommandError(command: ["busybox", "httpd"], reason: "no answer from \(ns) (\(ip):8080)") }
        }
    }

    func run(backend: IPTablesBackend) async throws {
        try await waitForHTTPD()
        let runner = HostCommandRunner(netns: node)
        let proxier = Proxier(
            iptables: IPTables(backend: backend, runner: runner),
            options: Proxier.Options(hostname: "node1", rules: ProxyRuleConfig(clusterCIDR: "10.244.0.0/16"), minSyncInterval: .zero))
        proxier.onServicesSynced()
        proxier.onEndpointsSynced()
        proxier.onServiceAdd(Fixtures.service("default", "web", clusterIP: "10.96.0.100", ports: [("http", 80, 30080)], type: "NodePort"))
        proxier.onServiceAdd(Fixtures.service("default", "nobody", clusterIP: "10.96.0.101", ports: [("http", 80, nil)]))
        let slice = Fixtures.slice("default", service: "web", port: ("http", 8080), endpoints: endpoints.map { ($0.ip, true) })
        proxier.onEndpointSliceAdd(slice)
        let first = try #require(await proxier.syncProxyRules())
        #expect(first.error == nil, "\(first.error ?? "")")

        // 100 requests to the ClusterIP reach both endpoints.
        var seen: [String: Int] = [:]
        for _ in 0..<100 {
            let answer = await get("http://10.96.0.100/") ?? "failed"
            seen[answer, default: 0] += 1
        }
        #expect(seen["e1", default: 0] > 10, "\(backend): \(seen)")
        #expect(seen["e2", default: 0] > 10, "\(backend): \(seen)")
        #expect(seen["failed"] == nil, "\(backend): \(seen)")

        // The NodePort, from the node namespace, on the node's address.
        #expect(["e1", "e2"].contains(await get("http://10.244.0.1:30080/") ?? "failed"))

        // A Service without endpoints is rejected at once, not left to time out.
        let start = ContinuousClock.now
        #expect(await get("http://10.96.0.101/") == nil)
        #expect(ContinuousClock.now - start < .seconds(1))

        // An endpoint turning unready drops out after a partial sync.
        var unready = slice
        unready.endpoints[1].conditions = EndpointConditions(ready: false, serving: false, terminating: false)
        proxier.onEndpointSliceUpdate(slice, unready)
        let partial = try #require(await proxier.syncProxyRules())
        #expect(!partial.full && partial.error == nil, "\(partial.error ?? "")")
        for _ in 0..<20 { #expect(await get("http://10.96.0.100/") == "e1") }

        // A forced full sync finds its jump rules in place and does not add them twice.
        proxier.forceFullSync()
        let full = try #require(await proxier.syncProxyRules())
        #expect(full.full && full.error == nil, "\(full.error ?? "")")
        #expect(full.input.nat.jumps.isEmpty && full.input.filter.jumps.isEmpty)
        let nat = try await IPTables(backend: backend, runner: runner).save(.nat)
        #expect(nat.split(separator: "\n").filter { $0.hasSuffix("-j KUBE-SERVICES") && $0.hasPrefix("-A PREROUTING") }.count == 1)
        #expect(!nat.contains(ChainName.endpoint("default/web:http", "tcp", "10.244.0.12:8080")))

        // --cleanup: every KUBE chain and jump rule goes, what is not kube-proxy's stays; twice is harmless.
        let iptables = IPTables(backend: backend, runner: runner)
        try await iptables.restore("*filter\n:OTHER - [0:0]\n-A OTHER -j ACCEPT\n-A INPUT -j OTHER\nCOMMIT\n")
        try await ProxyCleanup.run(iptables: iptables)
        try await ProxyCleanup.run(iptables: iptables)
        for table in IPTablesTable.allCases {
            let left = try await iptables.save(table)
            #expect(!left.contains("KUBE-"), "\(backend) \(table): \(left)")
        }
        let filter = try await iptables.save(.filter)
        #expect(filter.contains("-A INPUT -j OTHER") && filter.contains("-A OTHER -j ACCEPT"))
        #expect(await get("http://10.96.0.100/") == nil)
    }
}
