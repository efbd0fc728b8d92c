import Testing

@testable import KubeAPI

/// Objects are defaulted first, as the apiserver does before validating.
private func validate(_ group: String, _ kind: String, _ object: JSONValue, defaulted: Bool = true) -> [String] {
    var o = object
    if defaulted { Defaulting.apply(group: group, kind: kind, to: &o) }
    return Validation.validateCreate(group: group, kind: kind, object: o).map(\.description)
}

private func validateUpdate(_ group: String, _ kind: String, _ new: JSONValue, _ old: JSONValue) -> [String] {
    var n = new, o = old
    Defaulting.apply(group: group, kind: kind, to: &n)
    Defaulting.apply(group: group, kind: kind, to: &o)
    return Validation.validateUpdate(group: group, kind: kind, object: n, old: o).map(\.description)
}

/// Every expected prefix matches exactly one error and there are no others.
private func expectErrors(_ actual: [String], _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    var remaining = actual
    for prefix in expected {
        if let i = remaining.firstIndex(where: { $0.hasPrefix(prefix) }) {
            remaining.remove(at: i)
        } else {
            Issue.record("missing error \(prefix)\nactual: \(actual)", sourceLocation: sourceLocation)
        }
    }
    #expect(remaining.isEmpty, "unexpected errors: \(remaining)", sourceLocation: sourceLocation)
}

extension JSONValue {
    /// Test helper: edit a nested value by keys and array indexes, e.g. `["spec", "containers", 0, "name"]`.
    fileprivate func with(_ path: [any Sendable], _ value: JSONValue?) -> JSONValue {
        guard let first = path.first else { return value ?? .null }
        let rest = Array(path.dropFirst())
        if let i = first as? Int, var a = arrayValue {
            a[i] = a[i].with(rest, value)
            return .array(a)
        }
        var o = objectValue ?? [:]
        let key = first as! String
        if rest.isEmpty { o[key] = value } else { o[key] = (o[key] ?? .object([:])).with(rest, value) }
        return .object(o)
    }
}

enum ValidationFixtures {
    static let podSpec: JSONValue = [
        "containers": [["name": "web", "image": "nginx:1.25", "ports": [["containerPort": 80, "name": "http"]]]],
    ]
    static let pod: JSONValue = ["metadata": ["name": "web", "namespace": "default"], "spec": podSpec]
    static let template: JSONValue = ["metadata": ["labels": ["app": "web"]], "spec": podSpec]
    static let selector: JSONValue = ["matchLabels": ["app": "web"]]
    static let deployment: JSONValue = [
        "metadata": ["name": "web"], "spec": ["selector": selector, "template": template],
    ]
    static let service: JSONValue = [
        "metadata": ["name": "web"], "spec": ["selector": ["app": "web"], "ports": [["port": 80]]],
    ]
    static let jobTemplate: JSONValue = template.with(["spec", "restartPolicy"], "Never")
    static let job: JSONValue = ["metadata": ["name": "once"], "spec": ["template": jobTemplate]]
    static let cronJob: JSONValue = [
        "metadata": ["name": "tick"],
        "spec": ["schedule": "*/5 * * * *", "jobTemplate": ["spec": ["template": jobTemplate]]],
    ]
}

@Suite struct NameValidationTests {
    @Test(arguments: ["a", "abc", "a-b", "0", "a.b.c", "example.com", String(repeating: "a", count: 63)])
    func subdomainAccepts(_ s: String) { #expect(NameValidation.isDNS1123Subdomain(s).isEmpty) }

    @Test(arguments: ["", "A", "-a", "a-", "a_b", "a..b", ".a", "a.", String(repeating: "a", count: 254)])
    func subdomainRejects(_ s: String) { #expect(!NameValidation.isDNS1123Subdomain(s).isEmpty) }

    @Test(arguments: ["a", "a-b", "0a", String(repeating: "a", count: 63)])
    func labelAccepts(_ s: String) { #expect(NameValidation.isDNS1123Label(s).isEmpty) }

    @Test(arguments: ["", "a.b", "A", "a-", String(repeating: "a", count: 64)])
    func labelRejects(_ s: String) { #expect(!NameValidation.isDNS1123Label(s).isEmpty) }

    @Test(arguments: ["app", "App_1.x", "example.com/name", "k8s.io/a-b"])
    func qualifiedNameAccepts(_ s: String) { #expect(NameValidation.isQualifiedName(s).isEmpty) }

    @Test(arguments: ["", "/a", "a/", "a/b/c", "-a", "Example.com/a", String(repeating: "a", count: 64)])
    func qualifiedNameRejects(_ s: String) { #expect(!NameValidation.isQualifiedName(s).isEmpty) }

    @Test func labelValues() {
        #expect(NameValidation.isValidLabelValue("").isEmpty)
        #expect(NameValidation.isValidLabelValue("v1.2_x-Y").isEmpty)
        #expect(NameValidation.isValidLabelValue("-x") == [
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ])
        #expect(NameValidation.isValidLabelValue(String(repeating: "a", count: 64)) == ["must be no more than 63 characters"])
    }

    @Test func upstreamMessagesVerbatim() {
        #expect(NameValidation.isDNS1123Label("a_b") == [
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        ])
        #expect(NameValidation.isQualifiedName("a/b/c") == [
            "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
        ])
    }

    @Test func portNames() {
        #expect(NameValidation.isValidPortName("http").isEmpty)
        #expect(NameValidation.isValidPortName("h-2").isEmpty)
        #expect(NameValidation.isValidPortName("0123456789abcdef") == ["must be no more than 15 characters"])
        #expect(NameValidation.isValidPortName("123") == ["must contain at least one letter (a-z)"])
        #expect(NameValidation.isValidPortName("a--b") == ["must not contain consecutive hyphens"])
        #expect(NameValidation.isValidPortName("-ab") == ["must not begin or end with a hyphen"])
        #expect(NameValidation.isValidPortName("HTTP").count == 2)
    }

    @Test func configKeysAndEnvNames() {
        #expect(NameValidation.isConfigMapKey("app.properties").isEmpty)
        #expect(NameValidation.isConfigMapKey("..data") == ["must not start with '..'"])
        #expect(NameValidation.isConfigMapKey("a/b").count == 1)
        #expect(NameValidation.isRelaxedEnvVarName("1-weird.NAME").isEmpty)
        #expect(NameValidation.isRelaxedEnvVarName("A=B").count == 1)
        #expect(NameValidation.isRelaxedEnvVarName("tab\there").count == 1)
    }
}

@Suite struct ValidationTests {
    @Test func fullMessageForBadName() {
        let errs = validate("", "Pod", ValidationFixtures.pod.with(["metadata", "name"], "Bad_Name"))
        #expect(errs == [
            #"metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
        ])
    }

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var group = ""
        var kind: String
        var object: JSONValue
        var expected: [String]
    }

    static let cases: [Case] = [
        // ObjectMeta
        Case(description: "valid pod", kind: "Pod", object: ValidationFixtures.pod, expected: []),
        Case(description: "name required", kind: "Pod", object: ValidationFixtures.pod.with(["metadata", "name"], nil),
             expected: ["metadata.name: Required value: name or generateName is required"]),
        Case(description: "generateName suffices", kind: "Pod",
             object: ValidationFixtures.pod.with(["metadata", "name"], nil).with(["metadata", "generateName"], "web-"), expected: []),
        Case(description: "bad generateName", kind: "Pod",
             object: ValidationFixtures.pod.with(["metadata", "name"], nil).with(["metadata", "generateName"], "Web-"),
             expected: [#"metadata.generateName: Invalid value: "Web-""#]),
        Case(description: "labels key and value", kind: "Pod",
             object: ValidationFixtures.pod.with(["metadata", "labels"], ["bad key": "ok", "ok": "-bad"]),
             expected: [#"metadata.labels: Invalid value: "bad key": name part"#, #"metadata.labels: Invalid value: "-bad": a valid label"#]),
        Case(description: "annotations too large", kind: "ConfigMap",
             object: ["metadata": ["name": "c", "annotations": ["big": .string(String(repeating: "x", count: 262_145))]]],
             expected: ["metadata.annotations: Too long: may not be more than 262144 bytes"]),
        Case(description: "annotation key", kind: "ConfigMap",
             object: ["metadata": ["name": "c", "annotations": ["Example.COM/Key": "v", "a/b/c": "v"]]],
             expected: [#"metadata.annotations: Invalid value: "a/b/c""#]),
        Case(description: "namespace name is a label", kind: "Namespace", object: ["metadata": ["name": "a.b"]],
             expected: [#"metadata.name: Invalid value: "a.b": a lowercase RFC 1123 label"#]),
        Case(description: "service name is a DNS-1035 label", kind: "Service",
             object: ValidationFixtures.service.with(["metadata", "name"], "1web"),
             expected: [#"metadata.name: Invalid value: "1web": a DNS-1035 label"#]),
        Case(description: "persistent volume names are path segments", kind: "PersistentVolume",
             object: ["metadata": ["name": "a/b%"]],
             expected: [#"metadata.name: Invalid value: "a/b%": may not contain '/'"#, #"metadata.name: Invalid value: "a/b%": may not contain '%'"#]),

        Case(description: "RBAC names are path segments", group: "rbac.authorization.k8s.io", kind: "ClusterRole",
             object: ["metadata": ["name": "system:controller:x"]], expected: []),
        Case(description: "other kinds use subdomain names", kind: "ServiceAccount",
             object: ["metadata": ["name": "system:x"]], expected: [#"metadata.name: Invalid value: "system:x""#]),

        // Pods
        Case(description: "containers required", kind: "Pod", object: ValidationFixtures.pod.with(["spec", "containers"], []),
             expected: ["spec.containers: Required value"]),
        Case(description: "container name and image", kind: "Pod",
             object: ValidationFixtures.pod.with(["spec", "containers", 0, "name"], "Web").with(["spec", "containers", 0, "image"], nil),
             expected: [#"spec.containers[0].name: Invalid value: "Web""#, "spec.containers[0].image: Required value"]),
        Case(description: "duplicate names across init and regular containers", kind: "Pod",
             object: ValidationFixtures.pod.with(["spec", "initContainers"], [["name": "web", "image": "busybox"]]),
             expected: [#"spec.containers[0].name: Duplicate value: "web""#]),
        Case(description: "ports", kind: "Pod",
             object: ValidationFixtures.pod.with(["spec", "containers", 0, "ports"], [
                 ["containerPort": 0, "name": "http"], ["containerPort": 70000, "name": "http", "protocol": "ICMP"],
                 ["containerPort": 81, "name": "way-too-long-port-name", "hostPort": -1],
             ]),
             expected: [
                 "spec.containers[0].ports[0].containerPort: Required value",
                 #"spec.containers[0].ports[1].name: Duplicate value: "http""#,
                 "spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                 #"spec.containers[0].ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP""#,
                 #"spec.containers[0].ports[2].name: Invalid value: "way-too-long-port-name": must be no more than 15 characters"#,
                 "spec.containers[0].ports[2].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive",
             ]),
        Case(description: "enums", kind: "Pod",
             object: ValidationFixtures.pod.with(["spec", "restartPolicy"], "Sometimes").with(["spec", "dnsPolicy"], "Google")
                 .with(["spec", "containers", 0, "imagePullPolicy"], "Maybe"),
             expected: [
                 #"spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never""#,
                 #"spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None""#,
                 #"spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never""#,
             ]),
        Case(description: "volumes", kind: "Pod",
             object: ValidationFixtures.pod.with(["spec", "volumes"], [
                 ["name": "data", "emptyDir": [:]], ["name": "data", "emptyDir": [:]],
                 ["name": "two", "emptyDir": [:], "hostPath": ["path": "/x"]], ["name": "Bad_Vol", "configMap": [:]],
                 ["name": "three", "secret": ["secretName": "s"], "downwardAPI": [:]],
                 ["name": "size", "emptyDir": ["sizeLimit": "-1Gi"]],
             ]).with(["spec", "containers", 0, "volumeMounts"], [
                 ["name": "data", "mountPath": "/data"], ["name": "missing", "mountPath": "/data"],
             ]),
             expected: [
                 #"spec.volumes[1].name: Duplicate value: "data""#,
                 "spec.volumes[2].hostPath: Forbidden: may not specify more than 1 volume type",
                 "spec.volumes[3].configMap.name: Required value",
                 "spec.volumes[4].downwarAPI: Forbidden: may not specify more than 1 volume type",
                 "spec.volumes[5].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity",
                 #"spec.volumes[3].name: Invalid value: "Bad_Vol""#,
                 #"spec.containers[0].volumeMounts[1].name: Not found: "missing""#,
                 #"spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique"#,
             ]),
        Case(description: "volume with no source", kind: "Pod",
             object: ValidationFixtures.pod.with(["spec", "volumes"], [["name": "v"]]), expected: []),  // defaulted to emptyDir
        Case(description: "env", kind: "Pod",
             object: ValidationFixtures.pod.with(["spec", "containers", 0, "env"], [
                 ["name": "OK.weird-1", "value": "x"], ["name": "A=B"], ["name": ""],
                 ["name": "X", "valueFrom": [:]], ["name": "Y", "value": "v", "valueFrom": ["secretKeyRef": ["name": "s", "key": "k"]]],
             ]),
             expected: [
                 #"spec.containers[0].env[1].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='"#,
                 "spec.containers[0].env[2].name: Required value",
                 #"spec.containers[0].env[3].valueFrom: Invalid value: "": must specify one of"#,
                 #"spec.containers[0].env[4].valueFrom: Invalid value: "": may not be specified when `value` is not empty"#,
             ]),
        Case(description: "resources", kind: "Pod",
             object: ValidationFixtures.pod.with(["spec", "containers", 0, "resources"], [
                 "limits": ["cpu": "1", "memory": "1Gi", "example.com/gpu": "2"],
                 "requests": ["cpu": "2", "memory": "-1", "storage": "1", "example.com/gpu": "1", "hugepages-2Mi": "1.x"],
             ]),
             expected: [
                 #"spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1"#,
                 #"spec.containers[0].resources.requests[memory]: Invalid value: "-1": must be greater than or equal to 0"#,
                 #"spec.containers[0].resources.requests[storage]: Invalid value: "storage": must be a standard resource for containers"#,
                 #"spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2"#,
                 #"spec.containers[0].resources.requests[hugepages-2Mi]: Invalid value: "1.x": quantities must match the regular expression"#,
             ]),
        Case(description: "resources within limits", kind: "Pod",
             object: ValidationFixtures.pod.with(["spec", "containers", 0, "resources"], [
                 "limits": ["cpu": "1", "memory": "1Gi"], "requests": ["cpu": "500m", "memory": "1024Mi"],
             ]), expected: []),
        Case(description: "probes", kind: "Pod",
             object: ValidationFixtures.pod
                 .with(["spec", "containers", 0, "livenessProbe"], ["httpGet": ["port": 80], "exec": ["command": ["true"]], "successThreshold": 2])
                 .with(["spec", "containers", 0, "readinessProbe"], ["periodSeconds": -1])
                 .with(["spec", "containers", 0, "startupProbe"], ["tcpSocket": ["port": "no_such"]]),
             expected: [
                 "spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type",
                 "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
                 "spec.containers[0].readinessProbe: Required value: must specify a handler type",
                 "spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
                 #"spec.containers[0].startupProbe.tcpSocket.port: Invalid value: "no_such""#,
             ]),
        Case(description: "init container probes need restartPolicy Always", kind: "Pod",
             object: ValidationFixtures.pod.with(["spec", "initContainers"], [
                 ["name": "init", "image": "busybox", "readinessProbe": ["exec": ["command": ["true"]]], "restartPolicy": "Never"],
                 ["name": "sidecar", "image": "envoy", "restartPolicy": "Always", "readinessProbe": ["exec": ["command": ["true"]]]],
             ]).with(["spec", "containers", 0, "restartPolicy"], "Always"),
             expected: [
                 "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always",
                 #"spec.initContainers[0].restartPolicy: Unsupported value: "Never": supported values: "Always""#,
                 "spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers",
             ]),
        Case(description: "dns config, host aliases, host network", kind: "Pod",
             object: ValidationFixtures.pod.with(["spec", "dnsPolicy"], "None").with(["spec", "dnsConfig"], [
                 "nameservers": ["1.1.1.1", "8.8.8.8", "9.9.9.9", "bad"], "searches": ["ns.svc.cluster.local.", "Bad_Domain"], "options": [["value": "2"]],
             ]).with(["spec", "hostAliases"], [["ip": "10.0.0.1", "hostnames": ["db.local", "DB"]]])
                 .with(["spec", "hostNetwork"], true).with(["spec", "containers", 0, "ports", 0, "hostPort"], 8080)
                 .with(["spec", "ephemeralContainers"], [["name": "debug", "image": "busybox"]]),
             expected: [
                 #"spec.dnsConfig.nameservers: Invalid value: ["1.1.1.1","8.8.8.8","9.9.9.9","bad"]: must not have more than 3 nameservers"#,
                 #"spec.dnsConfig.nameservers[3]: Invalid value: "bad": must be a valid IP address"#,
                 #"spec.dnsConfig.searches[1]: Invalid value: "Bad_Domain""#,
                 "spec.dnsConfig.options[0]: Required value: must not be empty",
                 #"spec.hostAliases[0].hostnames[1]: Invalid value: "DB""#,
                 "spec.containers[0].ports[0].containerPort: Invalid value: 80: must match `hostPort` when `hostNetwork` is true",
                 "spec.ephemeralContainers: Forbidden: cannot be set on create",
             ]),
        Case(description: "dnsPolicy None needs nameservers", kind: "Pod",
             object: ValidationFixtures.pod.with(["spec", "dnsPolicy"], "None").with(["spec", "dnsConfig"], ["searches": ["a"]]),
             expected: ["spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None"]),
        Case(description: "host network defaults hostPort", kind: "Pod",
             object: ValidationFixtures.pod.with(["spec", "hostNetwork"], true), expected: []),
        Case(description: "grace period", kind: "Pod", object: ValidationFixtures.pod.with(["spec", "terminationGracePeriodSeconds"], -1),
             expected: ["spec.terminationGracePeriodSeconds: Invalid value: -1: must be greater than or equal to 0"]),
        Case(description: "tolerations", kind: "Pod",
             object: ValidationFixtures.pod.with(["spec", "tolerations"], [
                 ["operator": "Exists"], ["key": "k", "operator": "Equal", "value": "v", "effect": "NoSchedule"],
                 ["operator": "Equal", "value": "v"], ["key": "k", "operator": "Exists", "effect": "Sometimes", "tolerationSeconds": 5],
             ]),
             expected: [
                 #"spec.tolerations[2].operator: Invalid value: "Equal": operator must be Exists when `key` is empty"#,
                 #"spec.tolerations[3].effect: Invalid value: "Sometimes": effect must be 'NoExecute' when `tolerationSeconds` is set"#,
                 #"spec.tolerations[3].effect: Unsupported value: "Sometimes""#,
             ]),
        Case(description: "pod template", kind: "PodTemplate",
             object: ["metadata": ["name": "t"], "template": ValidationFixtures.template.with(["spec", "containers"], [])],
             expected: ["template.spec.containers: Required value"]),

        // Services
        Case(description: "valid service", kind: "Service", object: ValidationFixtures.service, expected: []),
        Case(description: "ports required", kind: "Service", object: ValidationFixtures.service.with(["spec", "ports"], []),
             expected: ["spec.ports: Required value"]),
        Case(description: "headless needs no ports", kind: "Service",
             object: ValidationFixtures.service.with(["spec", "ports"], []).with(["spec", "clusterIP"], "None"), expected: []),
        Case(description: "external name", kind: "Service",
             object: ["metadata": ["name": "ext"], "spec": ["type": "ExternalName", "externalName": "db.example.com."]], expected: []),
        Case(description: "service ports", kind: "Service",
             object: ValidationFixtures.service.with(["spec", "type"], "NodePort").with(["spec", "ports"], [
                 ["port": 80, "name": "http", "nodePort": 30080], ["port": 0], ["port": 80, "name": "http", "nodePort": 80],
             ]),
             expected: [
                 "spec.ports[1].name: Required value",
                 "spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                 "spec.ports[1].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
                 #"spec.ports[2].name: Duplicate value: "http""#,
                 "spec.ports[2]: Duplicate value:",
                 "spec.ports[2].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767",
             ]),
        Case(description: "service type and clusterIP", kind: "Service",
             object: ValidationFixtures.service.with(["spec", "type"], "Magic").with(["spec", "clusterIP"], "10.0.0.300")
                 .with(["spec", "ports", 0, "nodePort"], 30001),
             expected: [
                 #"spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort""#,
                 #"spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"#,
             ]),
        Case(description: "service affinity and headless NodePort", kind: "Service",
             object: ValidationFixtures.service.with(["spec", "type"], "NodePort").with(["spec", "clusterIP"], "None")
                 .with(["spec", "sessionAffinity"], "ClientIP").with(["spec", "sessionAffinityConfig"], ["clientIP": ["timeoutSeconds": 0]])
                 .with(["spec", "externalIPs"], ["127.0.0.1"]),
             expected: [
                 #"spec.clusterIP: Invalid value: "None": may not be set to 'None' for NodePort services"#,
                 "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400",
                 #"spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range"#,
             ]),
        Case(description: "nodePort forbidden for ClusterIP", kind: "Service",
             object: ValidationFixtures.service.with(["spec", "ports", 0, "nodePort"], 30001),
             expected: ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]),

        // apps
        Case(description: "valid deployment", group: "apps", kind: "Deployment", object: ValidationFixtures.deployment, expected: []),
        Case(description: "deployment selector required", group: "apps", kind: "Deployment",
             object: ValidationFixtures.deployment.with(["spec", "selector"], nil),
             expected: ["spec.selector: Required value", "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"]),
        Case(description: "daemonset without selector", group: "apps", kind: "DaemonSet",
             object: ValidationFixtures.deployment.with(["spec", "selector"], nil),
             expected: ["spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"]),
        Case(description: "deployment selector mismatch and counts", group: "apps", kind: "Deployment",
             object: ValidationFixtures.deployment.with(["spec", "selector"], ["matchLabels": ["app": "other"]]).with(["spec", "replicas"], -1)
                 .with(["spec", "strategy"], ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 0, "maxUnavailable": "0%"]]),
             expected: [
                 "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                 #"spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`"#,
                 #"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0"#,
             ]),
        Case(description: "deployment restart policy and empty selector", group: "apps", kind: "Deployment",
             object: ValidationFixtures.deployment.with(["spec", "selector"], [:]).with(["spec", "template", "spec", "restartPolicy"], "Never"),
             expected: [
                 "spec.selector: Invalid value: {}: empty selector is invalid for deployment",
                 #"spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always""#,
             ]),
        Case(description: "deployment bad percent", group: "apps", kind: "Deployment",
             object: ValidationFixtures.deployment.with(["spec", "strategy"], ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": "x", "maxUnavailable": "120%"]]),
             expected: [
                 #"spec.strategy.rollingUpdate.maxSurge: Invalid value: "x": a valid percent string"#,
                 #"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%"#,
             ]),
        Case(description: "valid replicaset", group: "apps", kind: "ReplicaSet", object: ValidationFixtures.deployment, expected: []),
        Case(description: "replicaset matchExpressions", group: "apps", kind: "ReplicaSet",
             object: ValidationFixtures.deployment.with(["spec", "selector"], ["matchExpressions": [["key": "app", "operator": "In", "values": ["web", "api"]], ["key": "x", "operator": "Near"]]]),
             expected: [
                 #"spec.selector.matchExpressions[1].operator: Invalid value: "Near": not a valid selector operator"#,
                 #"spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match"#,
             ]),
        Case(description: "valid daemonset", group: "apps", kind: "DaemonSet", object: ValidationFixtures.deployment, expected: []),
        Case(description: "daemonset surge and unavailable", group: "apps", kind: "DaemonSet",
             object: ValidationFixtures.deployment.with(["spec", "updateStrategy"], ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 1, "maxUnavailable": 1]]),
             expected: ["spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"]),
        Case(description: "valid statefulset", group: "apps", kind: "StatefulSet",
             object: ValidationFixtures.deployment.with(["spec", "serviceName"], "web"), expected: []),
        Case(description: "statefulset policies", group: "apps", kind: "StatefulSet",
             object: ValidationFixtures.deployment.with(["spec", "podManagementPolicy"], "Random")
                 .with(["spec", "updateStrategy"], ["type": "OnDelete", "rollingUpdate": ["partition": 1]]),
             expected: [
                 #"spec.podManagementPolicy: Invalid value: "Random": must be 'OrderedReady' or 'Parallel'"#,
                 #"spec.updateStrategy.rollingUpdate: Invalid value: {"partition":1}: only allowed for updateStrategy 'RollingUpdate'"#,
             ]),
        Case(description: "replication controller", kind: "ReplicationController",
             object: ["metadata": ["name": "rc"], "spec": ["selector": ["app": "other"], "template": ValidationFixtures.template]],
             expected: [#"spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`"#]),

        // batch
        Case(description: "valid job", group: "batch", kind: "Job", object: ValidationFixtures.job, expected: []),
        Case(description: "job restart policy and counts", group: "batch", kind: "Job",
             object: ValidationFixtures.job.with(["spec", "template", "spec", "restartPolicy"], nil).with(["spec", "backoffLimit"], -1)
                 .with(["spec", "completionMode"], "Sometimes"),
             expected: [
                 "spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0",
                 #"spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed""#,
                 #"spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never""#,
             ]),
        Case(description: "job manual selector", group: "batch", kind: "Job",
             object: ValidationFixtures.job.with(["spec", "manualSelector"], true),
             expected: ["spec.selector: Required value", "spec.template.metadata.labels: Invalid value:"]),
        Case(description: "valid cronjob", group: "batch", kind: "CronJob", object: ValidationFixtures.cronJob, expected: []),
        Case(description: "cronjob schedule and policy", group: "batch", kind: "CronJob",
             object: ValidationFixtures.cronJob.with(["spec", "schedule"], "61 * * * *").with(["spec", "concurrencyPolicy"], "Sometimes")
                 .with(["metadata", "name"], .string(String(repeating: "a", count: 53))),
             expected: [
                 #"metadata.name: Invalid value: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": must be no more than 52 characters"#,
                 #"spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61"#,
                 #"spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace""#,
             ]),
        Case(description: "cronjob template selector and TZ", group: "batch", kind: "CronJob",
             object: ValidationFixtures.cronJob.with(["spec", "schedule"], "TZ=UTC 0 * * * *")
                 .with(["spec", "jobTemplate", "spec", "selector"], ValidationFixtures.selector),
             expected: [
                 #"spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"#,
                 #"spec.jobTemplate.spec.selector: Invalid value: {"matchLabels":{"app":"web"}}: `selector` will be auto-generated"#,
             ]),

        // config
        Case(description: "configmap keys and size", kind: "ConfigMap",
             object: ["metadata": ["name": "c"], "data": ["ok.key": "v", "bad/key": "v", "dup": "v"],
                      "binaryData": ["dup": "AAAA", "big": .string(Base64.encode(Array(repeating: 0, count: 1024 * 1024)))]],
             expected: [
                 #"data[bad/key]: Invalid value: "bad/key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"#,
                 #"data[dup]: Invalid value: "dup": duplicate of key present in binaryData"#,
                 ": Too long: may not be more than 1048576 bytes",
             ]),
        Case(description: "secret base64 and type", kind: "Secret",
             object: ["metadata": ["name": "s"], "type": "kubernetes.io/tls", "data": ["tls.crt": "not base64!"]],
             expected: [
                 #"data[tls.crt]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 3"#,
                 "data[tls.key]: Required value",
             ]),
        Case(description: "valid secret", kind: "Secret", object: ["metadata": ["name": "s"], "data": ["a": "aGVsbG8="]], expected: []),
        Case(description: "secret data size", kind: "Secret",
             object: ["metadata": ["name": "s"], "data": [
                 "a": .string(Base64.encode(Array(repeating: 1, count: 600 * 1024))),
                 "b": .string(Base64.encode(Array(repeating: 2, count: 600 * 1024))),
             ]],
             expected: ["data: Too long: may not be more than 1048576 bytes"]),
        Case(description: "service account token secret", kind: "Secret",
             object: ["metadata": ["name": "s"], "type": "kubernetes.io/service-account-token"],
             expected: ["metadata.annotations[kubernetes.io/service-account.name]: Required value"]),
        Case(description: "valid configmap", kind: "ConfigMap",
             object: ["metadata": ["name": "c"], "data": ["app.properties": "x=1"], "binaryData": ["blob": "AAEC"]], expected: []),
        Case(description: "dockerconfigjson must be JSON", kind: "Secret",
             object: ["metadata": ["name": "s"], "type": "kubernetes.io/dockerconfigjson", "data": [".dockerconfigjson": "WzFd"]],
             expected: [#"data[.dockerconfigjson]: Invalid value: "<secret contents redacted>""#]),

        // cluster kinds
        Case(description: "namespace finalizers", kind: "Namespace",
             object: ["metadata": ["name": "ns"], "spec": ["finalizers": ["kubernetes", "custom"]]],
             expected: [#"spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified"#]),
        Case(description: "owner references and finalizers", kind: "ConfigMap",
             object: ["metadata": ["name": "c", "finalizers": ["example.com/cleanup", "orphan", "foregroundDeletion", "custom"],
                      "ownerReferences": [
                          ["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "a", "uid": "1", "controller": true],
                          ["apiVersion": "", "kind": "", "name": "b", "uid": "2", "controller": true],
                      ]]],
             expected: [
                 #"metadata.ownerReferences[1].apiVersion: Invalid value: "": version must not be empty"#,
                 #"metadata.ownerReferences[1].kind: Invalid value: "": must not be empty"#,
                 #"metadata.ownerReferences: Invalid value: [{"#,
                 #"metadata.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified"#,
                 #"metadata.finalizers: Invalid value: ["example.com/cleanup","orphan","foregroundDeletion","custom"]: finalizer orphan and foregroundDeletion cannot be both set"#,
             ]),
        Case(description: "node taints and CIDR", kind: "Node",
             object: ["metadata": ["name": "node-1"], "spec": ["podCIDRs": ["10.244.0.0/24", "10.244.1.0/33"], "taints": [
                 ["key": "k", "effect": "NoSchedule"], ["key": "k", "effect": "NoSchedule"], ["key": "k2", "effect": "Never"],
             ]]],
             expected: [
                 "spec.taints[1]: Duplicate value:",
                 #"spec.taints[2].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute""#,
                 #"spec.podCIDRs[1]: Invalid value: "10.244.1.0/33""#,
             ]),
        Case(description: "valid namespace", kind: "Namespace", object: ["metadata": ["name": "team-a"]], expected: []),
        Case(description: "valid node", kind: "Node",
             object: ["metadata": ["name": "node-1.example"], "spec": ["podCIDRs": ["10.244.0.0/24", "fd00::/64"],
                      "taints": [["key": "k", "effect": "NoSchedule"], ["key": "k", "effect": "NoExecute"]]]], expected: []),
        Case(description: "valid lease", group: "coordination.k8s.io", kind: "Lease",
             object: ["metadata": ["name": "node-1"], "spec": ["holderIdentity": "node-1", "leaseDurationSeconds": 40]], expected: []),
        Case(description: "valid endpointslice", group: "discovery.k8s.io", kind: "EndpointSlice",
             object: ["metadata": ["name": "web-abc"], "addressType": "IPv6",
                      "endpoints": [["addresses": ["fd00::1"], "nodeName": "node-1"]], "ports": [["port": 80, "name": "http"]]], expected: []),
        Case(description: "valid endpoints", kind: "Endpoints",
             object: ["metadata": ["name": "web"], "subsets": [["addresses": [["ip": "10.244.0.5"]], "ports": [["port": 80]]]]], expected: []),
        Case(description: "lease", group: "coordination.k8s.io", kind: "Lease",
             object: ["metadata": ["name": "l"], "spec": ["leaseDurationSeconds": 0, "leaseTransitions": -1]],
             expected: [
                 "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0",
                 "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0",
             ]),
        Case(description: "event namespace mismatch", kind: "Event",
             object: ["metadata": ["name": "e.1", "namespace": "ns"], "involvedObject": ["kind": "Pod", "namespace": "other"]],
             expected: [#"involvedObject.namespace: Invalid value: "other": does not match event.namespace"#]),
        Case(description: "valid event", kind: "Event",
             object: ["metadata": ["name": "e.1", "namespace": "ns"], "involvedObject": ["kind": "Pod", "namespace": "ns"]], expected: []),
        Case(description: "endpointslice", group: "discovery.k8s.io", kind: "EndpointSlice",
             object: ["metadata": ["name": "web-abc"], "addressType": "IPv5",
                      "endpoints": [["addresses": []], ["addresses": ["10.0.0.1"]]], "ports": [["port": 80, "name": "http"], ["port": 81, "name": "http"]]],
             expected: [
                 "endpoints[0].addresses: Required value: must contain at least 1 address",
                 #"addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6""#,
                 #"ports[1].name: Duplicate value: "http""#,
             ]),
        Case(description: "endpointslice IPv4 addresses", group: "discovery.k8s.io", kind: "EndpointSlice",
             object: ["metadata": ["name": "web-abc"], "addressType": "IPv4", "endpoints": [["addresses": ["10.0.0.1", "fe80::1"]]]],
             expected: [#"endpoints[0].addresses[1]: Invalid value: "fe80::1": must be a valid IPv4 address"#]),
        Case(description: "endpoints", kind: "Endpoints",
             object: ["metadata": ["name": "web"], "subsets": [
                 ["ports": [["port": 80]]], ["addresses": [["ip": "127.0.0.1"], ["ip": "x"]], "ports": [["port": 80], ["port": 81, "name": "b"]]],
             ]],
             expected: [
                 "subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`",
                 #"subsets[1].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range"#,
                 #"subsets[1].addresses[1].ip: Invalid value: "x": must be a valid IP address"#,
                 "subsets[1].ports[0].name: Required value",
             ]),
    ]

    @Test(arguments: cases)
    func reportsUpstreamErrors(_ c: Case) {
        expectErrors(validate(c.group, c.kind, c.object), c.expected)
    }

    @Test func undefaultedPodReportsMissingDefaults() {
        // Validation trusts defaulting: without it the defaulted fields are reported missing.
        expectErrors(validate("", "Pod", ValidationFixtures.pod, defaulted: false), [
            "spec.containers[0].ports[0].protocol: Required value",
            "spec.containers[0].imagePullPolicy: Required value",
            "spec.containers[0].terminationMessagePolicy: Required value",
            "spec.restartPolicy: Required value",
            "spec.dnsPolicy: Required value",
        ])
    }

    // MARK: updates

    static let stored = ValidationFixtures.pod.with(["metadata", "uid"], "u1").with(["metadata", "creationTimestamp"], "2026-01-01T00:00:00Z")

    @Test func metadataImmutables() {
        let new = Self.stored.with(["metadata", "name"], "other").with(["metadata", "uid"], "u2")
            .with(["metadata", "namespace"], "kube-system").with(["metadata", "creationTimestamp"], "2026-02-01T00:00:00Z")
        expectErrors(validateUpdate("", "Pod", new, Self.stored), [
            #"metadata.name: Invalid value: "other": field is immutable"#,
            #"metadata.namespace: Invalid value: "kube-system": field is immutable"#,
            #"metadata.uid: Invalid value: "u2": field is immutable"#,
            #"metadata.creationTimestamp: Invalid value: "2026-02-01T00:00:00Z": field is immutable"#,
        ])
    }

    @Test func podSpecUpdates() {
        let imageChange = Self.stored.with(["spec", "containers", 0, "image"], "nginx:1.26")
            .with(["spec", "tolerations"], [["operator": "Exists"]]).with(["metadata", "labels"], ["new": "label"])
        expectErrors(validateUpdate("", "Pod", imageChange, Self.stored), [])
        let portChange = Self.stored.with(["spec", "containers", 0, "ports", 0, "containerPort"], 8080)
        expectErrors(validateUpdate("", "Pod", portChange, Self.stored), ["spec: Forbidden: pod updates may not change fields other than"])
        let withDeadline = Self.stored.with(["spec", "activeDeadlineSeconds"], 100)
        expectErrors(validateUpdate("", "Pod", withDeadline.with(["spec", "activeDeadlineSeconds"], 50), withDeadline), [])
        expectErrors(validateUpdate("", "Pod", withDeadline.with(["spec", "activeDeadlineSeconds"], 200), withDeadline),
                     ["spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value"])
        expectErrors(validateUpdate("", "Pod", Self.stored, withDeadline),
                     ["spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value"])
        let tolerated = Self.stored.with(["spec", "tolerations"], [["key": "k", "operator": "Exists"]])
        expectErrors(validateUpdate("", "Pod", Self.stored, tolerated),
                     ["spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds"])
    }

    @Test func serviceClusterIPImmutable() {
        let old = ValidationFixtures.service.with(["spec", "clusterIP"], "10.96.0.10")
        expectErrors(validateUpdate("", "Service", old.with(["spec", "ports", 0, "port"], 8080), old), [])
        expectErrors(validateUpdate("", "Service", old.with(["spec", "clusterIP"], "10.96.0.11"), old),
                     [#"spec.clusterIPs[0]: Invalid value: ["10.96.0.11"]: may not change once set"#])
    }

    @Test func secretAndConfigMapImmutable() {
        let old: JSONValue = ["metadata": ["name": "s"], "immutable": true, "data": ["a": "YQ=="]]
        expectErrors(validateUpdate("", "Secret", old.with(["metadata", "labels"], ["x": "y"]), old), [])
        expectErrors(validateUpdate("", "Secret", old.with(["data", "a"], "Yg==").with(["immutable"], false), old), [
            "immutable: Forbidden: field is immutable when `immutable` is set",
            "data: Forbidden: field is immutable when `immutable` is set",
        ])
        expectErrors(validateUpdate("", "Secret", old.with(["type"], "kubernetes.io/basic-auth").with(["data", "username"], "YQ=="), old), [
            #"type: Invalid value: "kubernetes.io/basic-auth": field is immutable"#,
            "data: Forbidden: field is immutable when `immutable` is set",
        ])
        let cm: JSONValue = ["metadata": ["name": "c"], "immutable": true, "data": ["a": "1"]]
        expectErrors(validateUpdate("", "ConfigMap", cm.with(["data", "a"], "2"), cm),
                     ["data: Forbidden: field is immutable when `immutable` is set"])
    }

    @Test(arguments: ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet"])
    func workloadSelectorsImmutable(_ kind: String) {
        let old = ValidationFixtures.deployment
        let new = old.with(["spec", "selector"], ["matchLabels": ["app": "web", "tier": "x"]])
            .with(["spec", "template", "metadata", "labels"], ["app": "web", "tier": "x"])
        expectErrors(validateUpdate("apps", kind, old.with(["spec", "replicas"], 5), old), [])
        let expected = kind == "StatefulSet"
            ? "spec: Forbidden: updates to statefulset spec for fields other than"
            : "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\",\"tier\":\"x\"}}: field is immutable"
        expectErrors(validateUpdate("apps", kind, new, old), [expected])
    }

    @Test func jobTemplateAndSelectorImmutable() {
        var old = ValidationFixtures.job
        Defaulting.generateJobSelector(&old, uid: "u-1")
        expectErrors(validate("batch", "Job", old), [])
        expectErrors(validateUpdate("batch", "Job", old.with(["spec", "suspend"], true), old), [])
        let new = old.with(["spec", "template", "spec", "containers", 0, "image"], "nginx:2")
            .with(["spec", "selector", "matchLabels", "extra"], "x")
        expectErrors(validateUpdate("batch", "Job", new, old), [
            "spec.selector: Invalid value:", "spec.template: Invalid value:", "spec.template.metadata.labels: Invalid value:",
        ])
    }

    @Test(arguments: [
        ("* * * * *", nil), ("*/15 0-6 1,15 jan-mar mon-fri", nil), ("@hourly", nil), ("@every 1h30m", nil), ("0 0 * * 6", nil),
        ("* * * *", "expected exactly 5 fields, found 4: [* * * *]"),
        ("x * * * *", #"failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax"#),
        ("* 24 * * *", "end of range (24) above maximum (23): 24"),
        ("* * 0 * *", "beginning of range (0) below minimum (1): 0"),
        ("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"),
        ("*/0 * * * *", "step of range should be a positive number: */0"),
        ("1-2-3 * * * *", "too many hyphens: 1-2-3"),
        ("@fortnightly", "unrecognized descriptor: @fortnightly"),
        ("", "empty spec string"),
    ] as [(String, String?)])
    func cronSchedules(_ schedule: String, _ error: String?) {
        #expect(CronSchedule.error(in: schedule) == error)
    }
}
