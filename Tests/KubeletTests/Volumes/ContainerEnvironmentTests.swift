import Foundation
import KubeAPI
import Testing

@testable import Kubelet

@Suite("Container environment (makeEnvironmentVariables)")
struct ContainerEnvironmentTests {
    let objects = InMemoryObjectSource()

    func pod(_ spec: String, namespace: String = "team") throws -> Pod {
        try decode(#"""
        {"metadata":{"name":"web-1","namespace":"\#(namespace)","uid":"uid-123",
                     "labels":{"app":"web","tier":"front"},"annotations":{"note":"say \"hi\"\n"}},
         "spec":\#(spec),
         "status":{"hostIP":"10.0.0.5","podIP":"10.244.0.7"}}
        """#)
    }

    func resolve(_ pod: Pod, container index: Int = 0, allocatable: [String: Quantity] = [:]) async throws -> [(name: String, value: String)] {
        try await ContainerEnvironment.resolve(
            container: pod.spec.containers[index], pod: pod, podIP: "10.244.0.7", podIPs: ["10.244.0.7", "fd00::7"],
            hostIP: "10.0.0.5", hostIPs: [], nodeName: "node-a", nodeAllocatable: allocatable, objects: objects
        ).variables
    }

    func dictionary(_ list: [(name: String, value: String)]) -> [String: String] {
        Dictionary(list.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    @Test func plainValuesKeepDeclarationOrderAndExpandEarlierOnes() async throws {
        let p = try pod(#"""
        {"enableServiceLinks":false,"containers":[{"name":"c","env":[
          {"name":"A","value":"one"},
          {"name":"B","value":"$(A)-two"},
          {"name":"C","value":"$(D)"},
          {"name":"D","value":"four"},
          {"name":"E","value":"$$(A) $(UNKNOWN)"},
          {"name":"F"}
        ]}]}
        """#)
        let env = try await resolve(p)
        #expect(env.map(\.name) == ["A", "B", "C", "D", "E", "F"])
        #expect(env.map(\.value) == ["one", "one-two", "$(D)", "four", "$(A) $(UNKNOWN)", ""])
    }

    @Test func fieldRefsReadThePodAndTheNode() async throws {
        let p = try pod(#"""
        {"enableServiceLinks":false,"serviceAccountName":"builder","containers":[{"name":"c","env":[
          {"name":"NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
          {"name":"NS","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}},
          {"name":"UID","valueFrom":{"fieldRef":{"fieldPath":"metadata.uid"}}},
          {"name":"APP","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['app']"}}},
          {"name":"MISSING_LABEL","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['nope']"}}},
          {"name":"NOTE","valueFrom":{"fieldRef":{"fieldPath":"metadata.annotations['note']"}}},
          {"name":"LABELS","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels"}}},
          {"name":"ANNOTATIONS","valueFrom":{"fieldRef":{"fieldPath":"metadata.annotations"}}},
          {"name":"NODE","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}},
          {"name":"SA","valueFrom":{"fieldRef":{"fieldPath":"spec.serviceAccountName"}}},
          {"name":"HOST_IP","valueFrom":{"fieldRef":{"fieldPath":"status.hostIP"}}},
          {"name":"HOST_IPS","valueFrom":{"fieldRef":{"fieldPath":"status.hostIPs"}}},
          {"name":"POD_IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}},
          {"name":"POD_IPS","valueFrom":{"fieldRef":{"fieldPath":"status.podIPs"}}},
          {"name":"GREETING","value":"hello $(NAME) on $(NODE)"}
        ]}]}
        """#)
        let env = dictionary(try await resolve(p))
        #expect(env["NAME"] == "web-1")
        #expect(env["NS"] == "team")
        #expect(env["UID"] == "uid-123")
        #expect(env["APP"] == "web")
        #expect(env["MISSING_LABEL"] == "")
        #expect(env["NOTE"] == "say \"hi\"\n")
        #expect(env["LABELS"] == "app=\"web\"\ntier=\"front\"")
        #expect(env["ANNOTATIONS"] == #"note="say \"hi\"\n""#)
        #expect(env["NODE"] == "node-a")
        #expect(env["SA"] == "builder")
        #expect(env["HOST_IP"] == "10.0.0.5")
        #expect(env["HOST_IPS"] == "10.0.0.5")
        #expect(env["POD_IP"] == "10.244.0.7")
        #expect(env["POD_IPS"] == "10.244.0.7,fd00::7")
        #expect(env["GREETING"] == "hello web-1 on node-a")
    }

    @Test(arguments: [
        ("spec.containers", "field label not supported: spec.containers"),
        ("metadata.name['x']", "field label does not support subscript: metadata.name['x']"),
        ("status.phase", "unsupported fieldPath: status.phase"),
        ("metadata.labels['-bad-']", "invalid key subscript in metadata.labels['-bad-']"),
    ])
    func unsupportedFieldRefsFail(_ path: String, _ message: String) async throws {
        let p = try pod(#"{"enableServiceLinks":false,"containers":[{"name":"c","env":[{"name":"X","valueFrom":{"fieldRef":{"fieldPath":"\#(path)"}}}]}]}"#)
        #expect(await errorText { try await resolve(p) }?.hasPrefix(message) == true)
    }

    @Test func fieldRefWithAnotherAPIVersionFails() async throws {
        let p = try pod(#"{"enableServiceLinks":false,"containers":[{"name":"c","env":[{"name":"X","valueFrom":{"fieldRef":{"apiVersion":"v2","fieldPath":"metadata.name"}}}]}]}"#)
        #expect(await errorText { try await resolve(p) } == "unsupported pod version: v2")
    }

    @Test func resourceFieldRefsUseDivisorsAndDefaultToAllocatable() async throws {
        let p = try pod(#"""
        {"enableServiceLinks":false,"containers":[
          {"name":"app","resources":{"requests":{"cpu":"250m","memory":"64Mi","ephemeral-storage":"1Gi"},
                                     "limits":{"memory":"128Mi"}},
           "env":[
            {"name":"REQ_CPU","valueFrom":{"resourceFieldRef":{"resource":"requests.cpu"}}},
            {"name":"REQ_CPU_M","valueFrom":{"resourceFieldRef":{"resource":"requests.cpu","divisor":"1m"}}},
            {"name":"REQ_MEM_MI","valueFrom":{"resourceFieldRef":{"resource":"requests.memory","divisor":"1Mi"}}},
            {"name":"REQ_EPH","valueFrom":{"resourceFieldRef":{"resource":"requests.ephemeral-storage","divisor":"1Mi"}}},
            {"name":"LIM_MEM","valueFrom":{"resourceFieldRef":{"resource":"limits.memory"}}},
            {"name":"LIM_MEM_K","valueFrom":{"resourceFieldRef":{"resource":"limits.memory","divisor":"1k"}}},
            {"name":"LIM_CPU","valueFrom":{"resourceFieldRef":{"resource":"limits.cpu"}}},
            {"name":"LIM_CPU_M","valueFrom":{"resourceFieldRef":{"resource":"limits.cpu","divisor":"1m"}}},
            {"name":"LIM_EPH_GI","valueFrom":{"resourceFieldRef":{"resource":"limits.ephemeral-storage","divisor":"1Gi"}}},
            {"name":"SIDE_MEM","valueFrom":{"resourceFieldRef":{"containerName":"side","resource":"limits.memory","divisor":"1Mi"}}}
          ]},
          {"name":"side","resources":{"limits":{"memory":"32Mi"}}}
        ]}
        """#)
        let env = dictionary(try await resolve(p, allocatable: ["cpu": "2", "memory": "8Gi", "ephemeral-storage": "100Gi"]))
        #expect(env["REQ_CPU"] == "1")  // 250m rounds up to one core
        #expect(env["REQ_CPU_M"] == "250")
        #expect(env["REQ_MEM_MI"] == "64")
        #expect(env["REQ_EPH"] == "1024")
        #expect(env["LIM_MEM"] == "134217728")
        #expect(env["LIM_MEM_K"] == "134218")  // ceil(134217728 / 1000)
        #expect(env["LIM_CPU"] == "2")  // no limit: node allocatable
        #expect(env["LIM_CPU_M"] == "2000")
        #expect(env["LIM_EPH_GI"] == "100")
        #expect(env["SIDE_MEM"] == "32")
    }

    @Test func resourceFieldRefErrors() async throws {
        let unknownContainer = try pod(#"{"enableServiceLinks":false,"containers":[{"name":"c","env":[{"name":"X","valueFrom":{"resourceFieldRef":{"containerName":"ghost","resource":"limits.cpu"}}}]}]}"#)
        #expect(await errorText { try await resolve(unknownContainer) } == "container ghost not found")
        let unknownResource = try pod(#"{"enableServiceLinks":false,"containers":[{"name":"c","env":[{"name":"X","valueFrom":{"resourceFieldRef":{"resource":"limits.gpu"}}}]}]}"#)
        #expect(await errorText { try await resolve(unknownResource) } == "unsupported container resource : limits.gpu")
    }

    @Test func configMapAndSecretKeyRefs() async throws {
        objects.put(configMap("team", "settings", ["mode": "fast", "level": "3"]))
        objects.put(secret("team", "creds", ["password": "s3cr3t"]))
        let p = try pod(#"""
        {"enableServiceLinks":false,"containers":[{"name":"c","env":[
          {"name":"MODE","valueFrom":{"configMapKeyRef":{"name":"settings","key":"mode"}}},
          {"name":"PASSWORD","valueFrom":{"secretKeyRef":{"name":"creds","key":"password"}}},
          {"name":"OPT_KEY","valueFrom":{"configMapKeyRef":{"name":"settings","key":"absent","optional":true}}},
          {"name":"OPT_MAP","valueFrom":{"configMapKeyRef":{"name":"nowhere","key":"x","optional":true}}},
          {"name":"OPT_SECRET_KEY","valueFrom":{"secretKeyRef":{"name":"creds","key":"absent","optional":true}}},
          {"name":"OPT_SECRET","valueFrom":{"secretKeyRef":{"name":"nowhere","key":"x","optional":true}}},
          {"name":"DSN","value":"user:$(PASSWORD)@$(MODE)"}
        ]}]}
        """#)
        let env = try await resolve(p)
        #expect(env.map(\.name) == ["MODE", "PASSWORD", "DSN"])  // optional misses are left out entirely
        #expect(dictionary(env)["DSN"] == "user:s3cr3t@fast")
    }

    @Test(arguments: [
        (#"{"configMapKeyRef":{"name":"nowhere","key":"x"}}"#, #"configmap "nowhere" not found"#),
        (#"{"configMapKeyRef":{"name":"settings","key":"absent"}}"#, "couldn't find key absent in ConfigMap team/settings"),
        (#"{"secretKeyRef":{"name":"nowhere","key":"x"}}"#, #"secret "nowhere" not found"#),
        (#"{"secretKeyRef":{"name":"creds","key":"absent"}}"#, "couldn't find key absent in Secret team/creds"),
    ])
    func missingRequiredReferencesFailWithUpstreamMessages(_ source: String, _ message: String) async throws {
        objects.put(configMap("team", "settings", ["mode": "fast"]))
        objects.put(secret("team", "creds", ["password": "x"]))
        let p = try pod(#"{"enableServiceLinks":false,"containers":[{"name":"c","env":[{"name":"X","valueFrom":\#(source)}]}]}"#)
        #expect(await errorText { try await resolve(p) } == message)
    }

    @Test func envFromWithPrefixOptionalAndInvalidKeys() async throws {
        objects.put(configMap("team", "base", ["LOG": "info", "PORT": "80", "bad key": "x", "1NUM": "n", "dotted.ok": "d"]))
        objects.put(secret("team", "tokens", ["API": "abc", "PORT": "8080"]))
        let p = try pod(#"""
        {"enableServiceLinks":false,"containers":[{"name":"c",
          "envFrom":[{"configMapRef":{"name":"base"}},
                     {"prefix":"S_","secretRef":{"name":"tokens"}},
                     {"configMapRef":{"name":"absent","optional":true}},
                     {"secretRef":{"name":"absent","optional":true}},
                     {"secretRef":{"name":"tokens"}}],
          "env":[{"name":"LOG","value":"debug"},{"name":"URL","value":"http://x:$(PORT)/$(S_API)"}]}]}
        """#)
        let resolution = try await ContainerEnvironment.resolve(
            container: p.spec.containers[0], pod: p, podIP: nil, podIPs: [], hostIP: nil, hostIPs: [], nodeName: "n",
            nodeAllocatable: [:], objects: objects)
        let env = dictionary(resolution.variables)
        #expect(env["LOG"] == "debug")  // env overrides envFrom
        #expect(env["PORT"] == "8080")  // a later envFrom source overrides an earlier one
        #expect(env["S_API"] == "abc")
        #expect(env["S_PORT"] == "8080")
        #expect(env["dotted.ok"] == "d")
        #expect(env["URL"] == "http://x:8080/abc")
        #expect(env["bad key"] == nil && env["1NUM"] == nil)
        #expect(resolution.invalidKeys.count == 1)
        #expect(resolution.invalidKeys.first?.source == "configMap team/base")
        #expect(resolution.invalidKeys.first?.keys == ["1NUM", "bad key"])
        #expect(resolution.invalidKeyEventMessages == [
            "Keys [1NUM, bad key] from the EnvFrom configMap team/base were skipped since they are considered invalid environment variable names."
        ])
        #expect(resolution.variables.filter { $0.name == "LOG" }.count == 1)
    }

    @Test func envFromMissingRequiredSourceFails() async throws {
        let p = try pod(#"{"enableServiceLinks":false,"containers":[{"name":"c","envFrom":[{"secretRef":{"name":"gone"}}]}]}"#)
        #expect(await errorText { try await resolve(p) } == #"secret "gone" not found"#)
    }

    @Test func serviceVariablesForTheNamespaceAndTheMasterService() async throws {
        objects.put(try service("default", "kubernetes", clusterIP: "10.96.0.1", ports: #"[{"name":"https","port":443,"protocol":"TCP"}]"#))
        objects.put(try service("default", "other", clusterIP: "10.96.0.9", ports: #"[{"port":1}]"#))
        objects.put(try service("team", "redis-master", clusterIP: "10.96.0.20",
                                ports: #"[{"port":6379},{"name":"metrics","port":9121,"protocol":"TCP"},{"name":"dns-udp","port":53,"protocol":"UDP"}]"#))
        objects.put(try service("team", "headless", clusterIP: "None", ports: #"[{"port":80}]"#))
        objects.put(try service("team", "3d", clusterIP: "10.96.0.30", ports: #"[{"port":80}]"#))
        let p = try pod(#"{"containers":[{"name":"c","env":[{"name":"REDIS","value":"$(REDIS_MASTER_SERVICE_HOST):$(REDIS_MASTER_SERVICE_PORT)"},{"name":"REDIS_MASTER_PORT","value":"mine"}]}]}"#)
        let env = try await resolve(p)
        let values = dictionary(env)
        #expect(values["KUBERNETES_SERVICE_HOST"] == "10.96.0.1")
        #expect(values["KUBERNETES_SERVICE_PORT"] == "443")
        #expect(values["KUBERNETES_SERVICE_PORT_HTTPS"] == "443")
        #expect(values["KUBERNETES_PORT"] == "tcp://10.96.0.1:443")
        #expect(values["KUBERNETES_PORT_443_TCP"] == "tcp://10.96.0.1:443")
        #expect(values["KUBERNETES_PORT_443_TCP_PROTO"] == "tcp")
        #expect(values["KUBERNETES_PORT_443_TCP_PORT"] == "443")
        #expect(values["KUBERNETES_PORT_443_TCP_ADDR"] == "10.96.0.1")
        #expect(values["OTHER_SERVICE_HOST"] == nil)  // other default-namespace services are not linked
        #expect(values["REDIS_MASTER_SERVICE_HOST"] == "10.96.0.20")
        #expect(values["REDIS_MASTER_SERVICE_PORT"] == "6379")
        #expect(values["REDIS_MASTER_SERVICE_PORT_METRICS"] == "9121")
        #expect(values["REDIS_MASTER_SERVICE_PORT_DNS_UDP"] == "53")
        #expect(values["REDIS_MASTER_PORT_53_UDP"] == "udp://10.96.0.20:53")
        #expect(values["REDIS_MASTER_PORT_53_UDP_PROTO"] == "udp")
        #expect(values["REDIS_MASTER_PORT_6379_TCP_ADDR"] == "10.96.0.20")
        #expect(values["HEADLESS_SERVICE_HOST"] == nil)
        #expect(values["_3D_SERVICE_HOST"] == "10.96.0.30")
        #expect(values["REDIS"] == "10.96.0.20:6379")  // service variables feed $(VAR) expansion
        #expect(values["REDIS_MASTER_PORT"] == "mine")  // the container's own value wins, listed once
        #expect(env.filter { $0.name == "REDIS_MASTER_PORT" }.count == 1)
        #expect(env.first?.name == "REDIS")  // the container's variables come before the service ones
    }

    @Test func serviceLinksDisabledStillGetsTheMasterService() async throws {
        objects.put(try service("default", "kubernetes", clusterIP: "10.96.0.1", ports: #"[{"name":"https","port":443}]"#))
        objects.put(try service("team", "db", clusterIP: "10.96.0.40", ports: #"[{"port":5432}]"#))
        let p = try pod(#"{"enableServiceLinks":false,"containers":[{"name":"c"}]}"#)
        let values = dictionary(try await resolve(p))
        #expect(values["KUBERNETES_SERVICE_HOST"] == "10.96.0.1")
        #expect(values["DB_SERVICE_HOST"] == nil)
    }

    @Test func commandAndArgsExpandAgainstTheFinalEnvironment() throws {
        let container = try decode(#"{"name":"c","command":["sh","-c","echo $(MSG)"],"args":["$$(MSG)","$(NOPE)"]}"#, as: Container.self)
        let expanded = ContainerEnvironment.expandCommandAndArgs(container, environment: ["MSG": "hi"])
        #expect(expanded.command == ["sh", "-c", "echo hi"])
        #expect(expanded.args == ["$(MSG)", "$(NOPE)"])
    }

    @Test func contractSignatureResolvesToo() async throws {
        let p = try pod(#"{"enableServiceLinks":false,"containers":[{"name":"c","env":[{"name":"IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}}]}]}"#)
        let env = try await ContainerEnvironment.resolve(container: p.spec.containers[0], pod: p, podIP: "10.1.2.3", podIPs: [],
                                                         hostIP: nil, nodeName: "n", objects: objects)
        #expect(env.count == 1 && env[0].name == "IP" && env[0].value == "10.1.2.3")
    }
}
