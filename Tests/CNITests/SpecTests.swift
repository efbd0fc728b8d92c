import Foundation
import Testing

@testable import CNI
import Linux

/// A plugin that records what it was asked and answers with a fixed result.
struct EchoPlugin: CNIPlugin {
    var type: String { "echo" }
    func add(_ arguments: PluginArguments, config: Data) throws -> CNIResult {
        CNIResult(interfaces: [.init(name: arguments.ifName, sandbox: arguments.netns)],
                  ips: [.init(address: "10.1.0.5/24", gateway: "10.1.0.1", interface: 0)])
    }
    func del(_ arguments: PluginArguments, config: Data) throws {
        if arguments.containerID == "fail" { throw CNIError(code: 123, msg: "plugin-specific failure", details: "because") }
    }
    func check(_ arguments: PluginArguments, config: Data) throws { throw NSError(domain: "x", code: 1) }
}

func json(_ data: Data) throws -> [String: Any] { try JSONSerialization.jsonObject(with: data) as! [String: Any] }

@Suite struct SkelTests {
    let environment = ["CNI_COMMAND": "ADD", "CNI_CONTAINERID": "abc", "CNI_NETNS": "/var/run/netns/x", "CNI_IFNAME": "eth0", "CNI_PATH": "/opt/cni/bin"]
    let config = Data(#"{"cniVersion":"1.0.0","name":"net","type":"echo"}"#.utf8)

    @Test func addPrintsTheResultInTheConfigsVersion() throws {
        let outcome = PluginMain.execute(EchoPlugin(), environment: environment, stdin: config)
        #expect(outcome.status == 0)
        let result = try json(outcome.output)
        #expect(result["cniVersion"] as? String == "1.0.0")
        let ips = result["ips"] as! [[String: Any]]
        #expect(ips[0]["address"] as? String == "10.1.0.5/24" && ips[0]["interface"] as? Int == 0 && ips[0]["version"] == nil)
        let interfaces = result["interfaces"] as! [[String: Any]]
        #expect(interfaces[0]["sandbox"] as? String == "/var/run/netns/x")

        let old = PluginMain.execute(EchoPlugin(), environment: environment, stdin: Data(#"{"cniVersion":"0.4.0","name":"n","type":"echo"}"#.utf8))
        #expect(((try json(old.output))["ips"] as! [[String: Any]])[0]["version"] as? String == "4")
    }

    @Test func missingEnvironmentIsCode4WithExitStatus1() throws {
        var environment = self.environment
        environment["CNI_NETNS"] = nil
        environment["CNI_IFNAME"] = ""
        let outcome = PluginMain.execute(EchoPlugin(), environment: environment, stdin: config)
        #expect(outcome.status == 1)
        let error = try json(outcome.output)
        #expect(error["code"] as? Int == 4)
        #expect(error["msg"] as? String == "required env variables [CNI_NETNS,CNI_IFNAME] missing")
        #expect(error["cniVersion"] as? String == "1.0.0")
    }

    @Test func unknownCommandAndBadInterfaceName() throws {
        var environment = self.environment
        environment["CNI_COMMAND"] = "FROB"
        #expect((try json(PluginMain.execute(EchoPlugin(), environment: environment, stdin: config).output))["code"] as? Int == 4)
        environment["CNI_COMMAND"] = "ADD"
        environment["CNI_IFNAME"] = "a/b"
        #expect((try json(PluginMain.execute(EchoPlugin(), environment: environment, stdin: config).output))["code"] as? Int == 4)
    }

    @Test func versionNeedsNoConfig() throws {
        let outcome = PluginMain.execute(EchoPlugin(), environment: ["CNI_COMMAND": "VERSION"], stdin: Data())
        #expect(outcome.status == 0)
        let info = try json(outcome.output)
        #expect(info["cniVersion"] as? String == "1.0.0")
        #expect((info["supportedVersions"] as? [String])?.contains("0.4.0") == true)
    }

    @Test func incompatibleVersionIsCode1AndGarbageIsCode6() throws {
        let future = PluginMain.execute(EchoPlugin(), environment: environment, stdin: Data(#"{"cniVersion":"9.9.9","name":"n","type":"echo"}"#.utf8))
        #expect(future.status == 1)
        #expect((try json(future.output))["code"] as? Int == 1)
        #expect((try json(future.output))["cniVersion"] as? String == "9.9.9")
        let garbage = PluginMain.execute(EchoPlugin(), environment: environment, stdin: Data("not json".utf8))
        #expect((try json(garbage.output))["code"] as? Int == 6)
    }

    @Test func pluginErrorsKeepTheirCodeAndOthersBecome999() throws {
        var environment = self.environment
        environment["CNI_COMMAND"] = "DEL"
        environment["CNI_CONTAINERID"] = "fail"
        let failure = try json(PluginMain.execute(EchoPlugin(), environment: environment, stdin: config).output)
        #expect(failure["code"] as? Int == 123 && failure["msg"] as? String == "plugin-specific failure" && failure["details"] as? String == "because")
        environment["CNI_COMMAND"] = "CHECK"
        environment["CNI_CONTAINERID"] = "x"
        #expect((try json(PluginMain.execute(EchoPlugin(), environment: environment, stdin: config).output))["code"] as? Int == 999)
    }

    @Test func delWithoutNetnsIsAllowed() {
        var environment = self.environment
        environment["CNI_COMMAND"] = "DEL"
        environment["CNI_NETNS"] = ""
        let outcome = PluginMain.execute(EchoPlugin(), environment: environment, stdin: config)
        #expect(outcome.status == 0 && outcome.output.isEmpty)
    }

    @Test func cniArgsParse() throws {
        var environment = self.environment
        environment["CNI_ARGS"] = "IgnoreUnknown=1;K8S_POD_NAME=web-0;IP=10.1.0.9"
        let arguments = try PluginArguments.parse(environment)
        #expect(arguments.arg("K8S_POD_NAME") == "web-0" && arguments.arg("IP") == "10.1.0.9")
        #expect(arguments.environment()["CNI_ARGS"] == "IgnoreUnknown=1;K8S_POD_NAME=web-0;IP=10.1.0.9")
    }

    @Test func argv0Dispatch() {
        #expect(BuiltinPlugin.requested(by: ["/opt/cni/bin/kubeswift-bridge"]) == .bridge)
        #expect(BuiltinPlugin.requested(by: ["kubeswift-host-local"]) == .hostLocal)
        #expect(BuiltinPlugin.requested(by: ["/usr/bin/kubeswift", "cni", "loopback"]) == .loopback)
        #expect(BuiltinPlugin.requested(by: ["/usr/bin/kubeswift", "cni", "install"]) == nil)
        #expect(BuiltinPlugin.requested(by: ["/usr/bin/kubeswift", "apiserver"]) == nil)
    }
}

@Suite struct ConfigTests {
    @Test func conflistInjectsNameVersionAndPrevResult() throws {
        let list = try NetworkConfigList.parse(Data("""
            {"cniVersion":"1.0.0","name":"k8s-pod-network","plugins":[
              {"type":"bridge","bridge":"cni0","ipam":{"type":"host-local","ranges":[[{"subnet":"10.244.0.0/24"}]]}},
              {"type":"portmap","capabilities":{"portMappings":true}}]}
            """.utf8), source: "10-net.conflist")
        #expect(list.name == "k8s-pod-network" && list.plugins.count == 2)
        let previous = CNIResult(ips: [.init(address: "10.244.0.2/24", gateway: "10.244.0.1", interface: 2)])
        let second = try json(try list.pluginConfig(1, prevResult: previous))
        #expect(second["name"] as? String == "k8s-pod-network" && second["cniVersion"] as? String == "1.0.0")
        #expect(second["type"] as? String == "portmap")
        #expect(((second["prevResult"] as? [String: Any])?["ips"] as? [[String: Any]])?.first?["address"] as? String == "10.244.0.2/24")
        #expect((second["capabilities"] as? [String: Any])?["portMappings"] as? Bool == true)
        let first = try json(try list.pluginConfig(0, prevResult: nil))
        #expect(first["prevResult"] == nil && (first["ipam"] as? [String: Any])?["type"] as? String == "host-local")
    }

    @Test func singleConfIsAChainOfOne() throws {
        let list = try NetworkConfigList.parse(Data(#"{"cniVersion":"0.4.0","name":"n","type":"bridge"}"#.utf8), source: "x.conf")
        #expect(list.plugins.count == 1 && list.cniVersion == "0.4.0")
    }

    @Test func invalidConfigsAreRejectedWithTheReason() {
        for (text, reason) in [("{}", "no network name"), (#"{"name":"n"}"#, "no plugin type"),
                               (#"{"name":"n","plugins":[]}"#, "no plugins in list"), ("[", "not JSON")] {
            #expect(throws: CNIConfigError.self) { try NetworkConfigList.parse(Data(text.utf8), source: "f") }
            do { _ = try NetworkConfigList.parse(Data(text.utf8), source: "f") } catch {
                #expect("\(error)".contains(reason), "\(error)")
            }
        }
    }

    @Test func managerPicksTheFirstValidFileInLexicalOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ks-cni-conf-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("not json".utf8).write(to: URL(fileURLWithPath: directory + "/05-broken.conf"))
        try Data(#"{"cniVersion":"1.0.0","name":"second","type":"bridge"}"#.utf8).write(to: URL(fileURLWithPath: directory + "/20-b.conf"))
        try Data(#"{"cniVersion":"1.0.0","name":"first","plugins":[{"type":"bridge"}]}"#.utf8).write(to: URL(fileURLWithPath: directory + "/10-a.conflist"))
        try Data(#"{"cniVersion":"1.0.0","name":"ignored","type":"bridge"}"#.utf8).write(to: URL(fileURLWithPath: directory + "/00-a.txt"))
        #expect(try CNIManager(configDirectory: directory).loadNetwork().name == "first")
        #expect(throws: CNIManagerError.self) { try CNIManager(configDirectory: directory + "/missing").status() }
    }

    @Test func resultRoundTripsAndStatusPicksThePodInterface() throws {
        let text = """
            {"cniVersion":"1.0.0","interfaces":[{"name":"cni0","mac":"aa:bb:cc:dd:ee:ff"},{"name":"veth1"},{"name":"eth0","sandbox":"/var/run/netns/p"}],
             "ips":[{"address":"10.244.0.7/24","gateway":"10.244.0.1","interface":2}],"routes":[{"dst":"0.0.0.0/0","gw":"10.244.0.1"}],
             "dns":{"nameservers":["10.96.0.10"]}}
            """
        let result = try JSONDecoder().decode(CNIResult.self, from: Data(text.utf8))
        let status = PodNetworkStatus(network: "n", result: result, interfaceName: "eth0")
        #expect(status.ips == ["10.244.0.7"] && status.gateway == "10.244.0.1")
        #expect(try JSONDecoder().decode(CNIResult.self, from: try JSONEncoder().encode(result)) == result)
        let attachment = PodNetworkAttachment(podNamespace: "default", podName: "web", podUID: "u1", sandboxID: "s1", netnsPath: "/p")
        #expect(attachment.cniArgs.map { "\($0)=\($1)" }.joined(separator: ";")
            == "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web;K8S_POD_INFRA_CONTAINER_ID=s1;K8S_POD_UID=u1")
    }

    @Test func masqueradeChainIsNamedAsUpstreamAndRulesHaveItsShape() {
        // sha512("abc") from FIPS 180-2's example; the chain name is upstream's for network "smoke", id "c1".
        #expect(SHA512.hex("abc").hasPrefix("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"))
        #expect(SHA512.hex(String(repeating: "a", count: 200)) == "4b11459c33f52a22ee8236782714c150a3b2c60994e9acee17fe68947a3e6789f31e7668394592da7bef827cddca88c4e6f86e4df7ed1ae6cba71f3e98faee9f")  // two blocks
        let masquerade = IPMasquerade(network: "smoke", containerID: "c1")
        #expect(masquerade.chain == "CNI-04e0e119cfba3d7ceb0f2500")
        #expect(masquerade.setupRules([IPv4CIDR("10.99.0.2/24")!]) == """
            *nat
            :CNI-04e0e119cfba3d7ceb0f2500 - [0:0]
            -A CNI-04e0e119cfba3d7ceb0f2500 -d 10.99.0.0/24 -j ACCEPT -m comment --comment "name: \\"smoke\\" id: \\"c1\\""
            -A CNI-04e0e119cfba3d7ceb0f2500 ! -d 224.0.0.0/4 -j MASQUERADE -m comment --comment "name: \\"smoke\\" id: \\"c1\\""
            -A POSTROUTING -s 10.99.0.2/32 -j CNI-04e0e119cfba3d7ceb0f2500 -m comment --comment "name: \\"smoke\\" id: \\"c1\\""
            COMMIT

            """)
    }
}
