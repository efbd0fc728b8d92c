import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

struct Describe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show details of a specific resource or group of resources.")

    @OptionGroup var global: GlobalOptions
    @Argument var resources: [String] = []
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Flag(name: [.customShort("A"), .customLong("all-namespaces")]) var allNamespaces = false
    @Option(name: .shortAndLong) var filename: [String] = []
    @Flag(name: .customLong("show-events"), inversion: .prefixedNo) var showEvents = true

    func run() async throws {
        let session = try global.session()
        let mapper = try await session.mapper()
        let terminal = Terminal.current
        var targets: [(APIResourceInfo, [String])] = []
        if !filename.isEmpty {
            for object in try ManifestReader.read(filename) {
                let m = try ManifestObject(object, mapper: mapper, defaultNamespace: session.namespace, explicitNamespace: session.explicitNamespace)
                targets.append((m.resource, [m.name]))
            }
        } else {
            targets = try ResourceArguments(resources, verb: "describe").resolve(mapper).map { ($0.resource, $0.names) }
        }
        var outputs: [String] = []
        var failed = false
        for (resource, names) in targets {
            var objects: [JSONValue] = []
            if names.isEmpty {
                var query: [String: String] = [:]
                if let selector { query["labelSelector"] = selector }
                let list = try await session.client.list(resource.path(namespace: allNamespaces ? nil : session.namespace), query: query)
                objects = list["items"]?.arrayValue ?? []
            } else {
                for name in names {
                    do {
                        objects.append(try await session.client.get(resource.path(namespace: session.namespace, name: name)))
                    } catch let error as APIError where error.isNotFound {
                        terminal.err(error.description + "\n")
                        failed = true
                    }
                }
            }
            for object in objects {
                let events = showEvents ? try await fetchEvents(session, object) : nil
                outputs.append(try await Describer.describe(object, resource: resource, events: events, session: session))
            }
        }
        if outputs.isEmpty && !failed {
            terminal.err("No resources found in \(session.namespace) namespace.\n")
        }
        terminal.out(outputs.joined(separator: "\n\n"))
        if failed { throw ExitCode(1) }
    }

    /// Events about the object, by `involvedObject` field selector, as upstream's describers fetch them.
    func fetchEvents(_ session: Session, _ object: JSONValue) async throws -> [JSONValue] {
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let namespace = object[path: ["metadata", "namespace"]]?.stringValue
        var selector = "involvedObject.name=\(name)"
        if let namespace { selector += ",involvedObject.namespace=\(namespace)" }
        if let uid = object[path: ["metadata", "uid"]]?.stringValue { selector += ",involvedObject.uid=\(uid)" }
        let path = ResourcePath(resource: "events", namespace: namespace ?? "default")
        do {
            let list = try await session.client.list(path, query: ["fieldSelector": selector])
            return list["items"]?.arrayValue ?? []
        } catch is APIError {
            return []
        }
    }
}

/// Per-kind describe text.
enum Describer {
    static func describe(_ object: JSONValue, resource: APIResourceInfo, events: [JSONValue]?, session: Session?, now: Date = Date()) async throws -> String {
        var w = DescribeWriter(now: now)
        switch (resource.group, resource.kind) {
        case ("", "Pod"): pod(object, &w)
        case ("", "Node"):
            var pods: [JSONValue] = []
            var lease: Result<JSONValue, APIError>?
            if let session, let name = object[path: ["metadata", "name"]]?.stringValue {
                pods = (try? await session.client.list(ResourcePath(resource: "pods"), query: ["fieldSelector": "spec.nodeName=\(name)"]))?["items"]?.arrayValue ?? []
                do {
                    lease = .success(try await session.client.get(ResourcePath(group: "coordination.k8s.io", resource: "leases", namespace: "kube-node-lease", name: name)))
                } catch let error as APIError {
                    lease = .failure(error)
                }
            }
            node(object, pods: pods, lease: lease, &w)
        case ("apps", "Deployment"):
            var replicaSets: [JSONValue] = []
            if let session, let ns = object[path: ["metadata", "namespace"]]?.stringValue {
                replicaSets = (try? await session.client.list(ResourcePath(group: "apps", resource: "replicasets", namespace: ns)))?["items"]?.arrayValue ?? []
            }
            deployment(object, replicaSets: replicaSets, &w)
        case ("apps", "ReplicaSet"):
            var pods: [JSONValue] = []
            if let session, let ns = object[path: ["metadata", "namespace"]]?.stringValue {
                pods = (try? await session.client.list(ResourcePath(resource: "pods", namespace: ns)))?["items"]?.arrayValue ?? []
            }
            replicaSet(object, pods: pods, &w)
        case ("", "Service"):
            var endpoints: JSONValue?
            if let session, let ns = object[path: ["metadata", "namespace"]]?.stringValue, let name = object[path: ["metadata", "name"]]?.stringValue {
                endpoints = try? await session.client.get(ResourcePath(resource: "endpoints", namespace: ns, name: name))
            }
            service(object, endpoints: endpoints, &w)
        case ("", "Namespace"): namespace(object, &w)
        case ("", "ConfigMap"): configMap(object, &w)
        case ("", "Secret"): secret(object, &w)
        default: generic(object, &w)
        }
        // Upstream's namespace describer shows quotas and limit ranges instead of events.
        if let events, resource.kind != "Namespace" || !resource.group.isEmpty { w.events(events) }
        return w.finish()
    }

    static func meta(_ o: JSONValue, _ w: inout DescribeWriter, namespace: Bool = true) {
        w.line(0, "Name", o[path: ["metadata", "name"]]?.stringValue ?? "")
        if namespace, let ns = o[path: ["metadata", "namespace"]]?.stringValue { w.line(0, "Namespace", ns) }
    }

    static func controller(_ o: JSONValue) -> String? {
        guard let ref = o[path: ["metadata", "ownerReferences"]]?.arrayValue?.first(where: { $0["controller"]?.boolValue == true }) else { return nil }
        let apiVersion = ref["apiVersion"]?.stringValue ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        let kind = ref["kind"]?.stringValue ?? ""
        return "\(group.isEmpty ? kind : "\(kind).\(group)")/\(ref["name"]?.stringValue ?? "")"
    }

    static func pod(_ pod: JSONValue, _ w: inout DescribeWriter) {
        meta(pod, &w)
        let spec = pod["spec"] ?? [:]
        let status = pod["status"] ?? [:]
        if let priority = spec["priority"]?.intValue { w.line(0, "Priority", String(priority)) }
        if let pc = spec["priorityClassName"]?.stringValue, !pc.isEmpty { w.line(0, "Priority Class Name", pc) }
        if let sa = spec["serviceAccountName"]?.stringValue, !sa.isEmpty { w.line(0, "Service Account", sa) }
        let nodeName = spec["nodeName"]?.stringValue ?? ""
        let hostIP = status["hostIP"]?.stringValue ?? ""
        w.line(0, "Node", nodeName.isEmpty ? "<none>" : "\(nodeName)/\(hostIP)")
        if let start = status["startTime"]?.stringValue { w.line(0, "Start Time", DescribeWriter.rfc1123Z(start)) }
        w.labels("Labels", pod[path: ["metadata", "labels"]])
        w.annotations(pod[path: ["metadata", "annotations"]])
        if let deletion = pod[path: ["metadata", "deletionTimestamp"]]?.stringValue {
            w.line(0, "Status", "Terminating (lasts \(HumanDuration.since(deletion, now: w.now)))")
            w.line(0, "Termination Grace Period", "\(pod[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue ?? 0)s")
        } else {
            w.line(0, "Status", status["phase"]?.stringValue ?? "")
        }
        if let reason = status["reason"]?.stringValue, !reason.isEmpty { w.line(0, "Reason", reason) }
        if let message = status["message"]?.stringValue, !message.isEmpty { w.line(0, "Message", message) }
        w.line(0, "IP", status["podIP"]?.stringValue ?? "")
        let ips = status["podIPs"]?.arrayValue ?? []
        if ips.isEmpty {
            w.line(0, "IPs", "<none>")
        } else {
            w.write(0, "IPs:\n")
            for ip in ips { w.line(1, "IP", ip["ip"]?.stringValue ?? "") }
        }
        if let c = controller(pod) { w.line(0, "Controlled By", c) }
        if let initContainers = spec["initContainers"]?.arrayValue, !initContainers.isEmpty {
            w.write(0, "Init Containers:\n")
            containers(initContainers, statuses: status["initContainerStatuses"]?.arrayValue ?? [], &w)
        }
        w.write(0, "Containers:\n")
        containers(spec["containers"]?.arrayValue ?? [], statuses: status["containerStatuses"]?.arrayValue ?? [], &w)
        if let conditions = status["conditions"]?.arrayValue, !conditions.isEmpty {
            w.write(0, "Conditions:\n  Type\tStatus\n")
            for c in conditions { w.write(1, "\(c["type"]?.stringValue ?? "") \t\(c["status"]?.stringValue ?? "") \n") }
        }
        volumes(spec["volumes"]?.arrayValue ?? [], &w)
        w.line(0, "QoS Class", status["qosClass"]?.stringValue ?? "")
        w.labels("Node-Selectors", spec["nodeSelector"])
        tolerations(spec["tolerations"]?.arrayValue ?? [], &w)
    }

    /// `space` is upstream's extra leading space before a pod template's container names.
    static func containers(_ list: [JSONValue], statuses: [JSONValue], _ w: inout DescribeWriter, space: String = "") {
        for c in list {
            let name = c["name"]?.stringValue ?? ""
            let status = statuses.first { $0["name"]?.stringValue == name }
            w.write(1, "\(space)\(name):\n")
            if let status {
                w.line(2, "Container ID", status["containerID"]?.stringValue ?? "")
            }
            w.line(2, "Image", c["image"]?.stringValue ?? "")
            if let status { w.line(2, "Image ID", status["imageID"]?.stringValue ?? "") }
            let ports = c["ports"]?.arrayValue ?? []
            func portText(_ key: String) -> String {
                if ports.isEmpty { return "<none>" }
                return ports.map { "\($0[key]?.intValue ?? 0)/\($0["protocol"]?.stringValue ?? "")" }.joined(separator: ", ")
            }
            w.line(2, "Port", portText("containerPort"))
            w.line(2, "Host Port", portText("hostPort"))
            if let command = c["command"]?.arrayValue, !command.isEmpty {
                w.write(2, "Command:\n")
                for part in command { w.write(3, "\(part.stringValue ?? "")\n") }
            }
            if let args = c["args"]?.arrayValue, !args.isEmpty {
                w.write(2, "Args:\n")
                for part in args { w.write(3, "\(part.stringValue ?? "")\n") }
            }
            if let status {
                state("State", status["state"], &w)
                if let last = status["lastState"], !(last.objectValue?.isEmpty ?? true) { state("Last State", last, &w) }
                w.line(2, "Ready", status["ready"]?.boolValue == true ? "True" : "False")
                w.line(2, "Restart Count", String(status["restartCount"]?.intValue ?? 0))
            }
            for (title, key) in [("Limits", "limits"), ("Requests", "requests")] {
                if let values = c[path: ["resources", key]]?.objectValue, !values.isEmpty {
                    w.write(2, "\(title):\n")
                    for k in values.keys.sorted() { w.line(3, k, values[k]?.stringValue ?? values[k]!.serialized()) }
                }
            }
            let env = c["env"]?.arrayValue ?? []
            if env.isEmpty {
                w.line(2, "Environment", "<none>")
            } else {
                w.write(2, "Environment:\n")
                for e in env {
                    let value = e["value"]?.stringValue ?? (e["valueFrom"].map { _ in "<set to the key or field>" } ?? "")
                    w.line(3, e["name"]?.stringValue ?? "", value)
                }
            }
            let mounts = c["volumeMounts"]?.arrayValue ?? []
            if mounts.isEmpty {
                w.line(2, "Mounts", "<none>")
            } else {
                w.write(2, "Mounts:\n")
                for m in mounts {
                    let mode = m["readOnly"]?.boolValue == true ? "ro" : "rw"
                    w.write(3, "\(m["mountPath"]?.stringValue ?? "") from \(m["name"]?.stringValue ?? "") (\(mode))\n")
                }
            }
        }
    }

    static func state(_ title: String, _ state: JSONValue?, _ w: inout DescribeWriter) {
        if let running = state?["running"] {
            w.line(2, title, "Running")
            w.line(3, "Started", DescribeWriter.rfc1123Z(running["startedAt"]?.stringValue))
        } else if let waiting = state?["waiting"] {
            w.line(2, title, "Waiting")
            if let reason = waiting["reason"]?.stringValue { w.line(3, "Reason", reason) }
        } else if let terminated = state?["terminated"] {
            w.line(2, title, "Terminated")
            if let reason = terminated["reason"]?.stringValue { w.line(3, "Reason", reason) }
            if let message = terminated["message"]?.stringValue { w.line(3, "Message", message) }
            w.line(3, "Exit Code", String(terminated["exitCode"]?.intValue ?? 0))
            if let signal = terminated["signal"]?.intValue, signal > 0 { w.line(3, "Signal", String(signal)) }
            w.line(3, "Started", DescribeWriter.rfc1123Z(terminated["startedAt"]?.stringValue))
            w.line(3, "Finished", DescribeWriter.rfc1123Z(terminated["finishedAt"]?.stringValue))
        } else {
            w.line(2, title, "Waiting")
        }
    }

    static func volumes(_ list: [JSONValue], _ w: inout DescribeWriter, level: Int = 0) {
        if list.isEmpty {
            w.line(level, "Volumes", "<none>")
            return
        }
        w.write(level, "Volumes:\n")
        for v in list {
            w.write(level + 1, "\(v["name"]?.stringValue ?? ""):\n")
            let source = v.objectValue?.first { $0.key != "name" }
            switch source?.key {
            case "emptyDir":
                w.line(level + 2, "Type", "EmptyDir (a temporary directory that shares a pod's lifetime)")
                w.line(level + 2, "Medium", source?.value["medium"]?.stringValue ?? "")
                w.line(level + 2, "SizeLimit", source?.value["sizeLimit"]?.stringValue ?? "<unset>")
            case "hostPath":
                w.line(level + 2, "Type", "HostPath (bare host directory volume)")
                w.line(level + 2, "Path", source?.value["path"]?.stringValue ?? "")
                w.line(level + 2, "HostPathType", source?.value["type"]?.stringValue ?? "")
            case "configMap":
                w.line(level + 2, "Type", "ConfigMap (a volume populated by a ConfigMap)")
                w.line(level + 2, "Name", source?.value["name"]?.stringValue ?? "")
                w.line(level + 2, "Optional", source?.value["optional"]?.boolValue == true ? "true" : "false")
            case "secret":
                w.line(level + 2, "Type", "Secret (a volume populated by a Secret)")
                w.line(level + 2, "SecretName", source?.value["secretName"]?.stringValue ?? "")
                w.line(level + 2, "Optional", source?.value["optional"]?.boolValue == true ? "true" : "false")
            case let other?:
                w.line(level + 2, "Type", other)
            case nil:
                w.line(level + 2, "Type", "<unknown>")
            }
        }
    }

    static func tolerations(_ list: [JSONValue], _ w: inout DescribeWriter) {
        w.write(0, "Tolerations:\t")
        if list.isEmpty {
            w.write(0, "<none>\n")
            return
        }
        for (i, t) in list.enumerated() {
            if i != 0 { w.write(0, "\t") }
            var text = t["key"]?.stringValue ?? ""
            if let value = t["value"]?.stringValue, !value.isEmpty { text += "=\(value)" }
            if let effect = t["effect"]?.stringValue, !effect.isEmpty { text += ":\(effect)" }
            if t["operator"]?.stringValue == "Exists", t["key"] == nil { text = "op=Exists" }
            if let seconds = t["tolerationSeconds"]?.intValue { text += " for \(seconds)s" }
            w.write(0, text + "\n")
        }
    }

    static func podTemplate(_ template: JSONValue?, _ w: inout DescribeWriter) {
        w.write(0, "Pod Template:\n")
        w.labels("Labels", template?[path: ["metadata", "labels"]], level: 1)
        if let annotations = template?[path: ["metadata", "annotations"]], !(annotations.objectValue?.isEmpty ?? true) {
            w.labels("Annotations", annotations, level: 1, separator: ": ")
        }
        if let sa = template?[path: ["spec", "serviceAccountName"]]?.stringValue { w.line(1, "Service Account", sa) }
        w.write(1, "Containers:\n")
        containers(template?[path: ["spec", "containers"]]?.arrayValue ?? [], statuses: [], &w, space: " ")
        volumes(template?[path: ["spec", "volumes"]]?.arrayValue ?? [], &w, level: 1)
        w.labels("Node-Selectors", template?[path: ["spec", "nodeSelector"]], level: 1)
        let tolerationList = template?[path: ["spec", "tolerations"]]?.arrayValue ?? []
        w.line(1, "Tolerations", tolerationList.isEmpty ? "<none>" : tolerationList.map { $0["key"]?.stringValue ?? "" }.joined(separator: ", "))
    }

    static func conditions(_ list: [JSONValue], _ w: inout DescribeWriter) {
        guard !list.isEmpty else { return }
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
        w.write(1, "----\t------\t------\n")
        for c in list {
            w.write(1, "\(c["type"]?.stringValue ?? "") \t\(c["status"]?.stringValue ?? "")\t\(c["reason"]?.stringValue ?? "")\n")
        }
    }

    static func deployment(_ d: JSONValue, replicaSets: [JSONValue], _ w: inout DescribeWriter) {
        meta(d, &w)
        w.line(0, "CreationTimestamp", DescribeWriter.rfc1123Z(d[path: ["metadata", "creationTimestamp"]]?.stringValue))
        w.labels("Labels", d[path: ["metadata", "labels"]])
        w.annotations(d[path: ["metadata", "annotations"]])
        w.line(0, "Selector", LabelFormatting.formatLabelSelector(d[path: ["spec", "selector"]]))
        let s = d["status"] ?? [:]
        let desired = d[path: ["spec", "replicas"]]?.intValue ?? 1
        w.line(
            0, "Replicas",
            "\(desired) desired | \(s["updatedReplicas"]?.intValue ?? 0) updated | \(s["replicas"]?.intValue ?? 0) total | \(s["availableReplicas"]?.intValue ?? 0) available | \(s["unavailableReplicas"]?.intValue ?? 0) unavailable")
        w.line(0, "StrategyType", d[path: ["spec", "strategy", "type"]]?.stringValue ?? "")
        w.line(0, "MinReadySeconds", String(d[path: ["spec", "minReadySeconds"]]?.intValue ?? 0))
        if let ru = d[path: ["spec", "strategy", "rollingUpdate"]] {
            func text(_ v: JSONValue?) -> String { v?.stringValue ?? v?.intValue.map(String.init) ?? "25%" }
            w.line(0, "RollingUpdateStrategy", "\(text(ru["maxUnavailable"])) max unavailable, \(text(ru["maxSurge"])) max surge")
        }
        podTemplate(d[path: ["spec", "template"]], &w)
        conditions(s["conditions"]?.arrayValue ?? [], &w)
        let uid = d[path: ["metadata", "uid"]]?.stringValue
        let owned = replicaSets.filter { rs in
            rs[path: ["metadata", "ownerReferences"]]?.arrayValue?.contains { $0["uid"]?.stringValue == uid && uid != nil } ?? false
        }
        let revision = d[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]]?.stringValue
        func rsText(_ rs: JSONValue) -> String {
            "\(rs[path: ["metadata", "name"]]?.stringValue ?? "") (\(rs[path: ["status", "replicas"]]?.intValue ?? 0)/\(rs[path: ["spec", "replicas"]]?.intValue ?? 0) replicas created)"
        }
        let newRS = owned.first { $0[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]]?.stringValue == revision && revision != nil }
        let old = owned.filter { $0 != newRS && ($0[path: ["spec", "replicas"]]?.intValue ?? 0) > 0 }
        w.line(0, "OldReplicaSets", old.isEmpty ? "<none>" : old.map(rsText).joined(separator: ", "))
        w.line(0, "NewReplicaSet", newRS.map(rsText) ?? "<none>")
    }

    static func replicaSet(_ rs: JSONValue, pods: [JSONValue], _ w: inout DescribeWriter) {
        meta(rs, &w)
        w.line(0, "Selector", LabelFormatting.formatLabelSelector(rs[path: ["spec", "selector"]]))
        w.labels("Labels", rs[path: ["metadata", "labels"]])
        w.annotations(rs[path: ["metadata", "annotations"]])
        if let c = controller(rs) { w.line(0, "Controlled By", c) }
        w.line(0, "Replicas", "\(rs[path: ["status", "replicas"]]?.intValue ?? 0) current / \(rs[path: ["spec", "replicas"]]?.intValue ?? 0) desired")
        let uid = rs[path: ["metadata", "uid"]]?.stringValue
        let owned = pods.filter { p in p[path: ["metadata", "ownerReferences"]]?.arrayValue?.contains { $0["uid"]?.stringValue == uid && uid != nil } ?? false }
        func count(_ phase: String) -> Int { owned.filter { $0[path: ["status", "phase"]]?.stringValue == phase }.count }
        w.line(0, "Pods Status", "\(count("Running")) Running / \(count("Pending")) Waiting / \(count("Succeeded")) Succeeded / \(count("Failed")) Failed")
        podTemplate(rs[path: ["spec", "template"]], &w)
        conditions(rs[path: ["status", "conditions"]]?.arrayValue ?? [], &w)
    }

    static func service(_ svc: JSONValue, endpoints: JSONValue?, _ w: inout DescribeWriter) {
        meta(svc, &w)
        w.labels("Labels", svc[path: ["metadata", "labels"]])
        w.annotations(svc[path: ["metadata", "annotations"]])
        let spec = svc["spec"] ?? [:]
        w.line(0, "Selector", LabelFormatting.formatLabels(spec["selector"]).replacingOccurrences(of: "<none>", with: "<none>"))
        w.line(0, "Type", spec["type"]?.stringValue ?? "")
        w.line(0, "IP Family Policy", spec["ipFamilyPolicy"]?.stringValue ?? "")
        let families = (spec["ipFamilies"]?.arrayValue ?? []).compactMap(\.stringValue)
        w.line(0, "IP Families", families.isEmpty ? "<none>" : families.joined(separator: ","))
        let ip = spec["clusterIP"]?.stringValue ?? ""
        w.line(0, "IP", ip.isEmpty ? "<none>" : ip)
        w.line(0, "IPs", (spec["clusterIPs"]?.arrayValue ?? (ip.isEmpty ? [] : [.string(ip)])).compactMap(\.stringValue).joined(separator: ","))
        if let external = spec["externalIPs"]?.arrayValue, !external.isEmpty {
            w.line(0, "External IPs", external.compactMap(\.stringValue).joined(separator: ","))
        }
        for port in spec["ports"]?.arrayValue ?? [] {
            let name = port["name"]?.stringValue ?? "<unset>"
            let proto = port["protocol"]?.stringValue ?? ""
            w.line(0, "Port", "\(name.isEmpty ? "<unset>" : name)  \(port["port"]?.intValue ?? 0)/\(proto)")
            let target = port["targetPort"].map { $0.stringValue ?? $0.intValue.map(String.init) ?? "0" } ?? "0"
            w.line(0, "TargetPort", "\(target)/\(proto)")
            if let nodePort = port["nodePort"]?.intValue { w.line(0, "NodePort", "\(name.isEmpty ? "<unset>" : name)  \(nodePort)/\(proto)") }
            var addresses: [String] = []
            for subset in endpoints?["subsets"]?.arrayValue ?? [] {
                let ports = subset["ports"]?.arrayValue ?? []
                for p in ports where (p["name"]?.stringValue ?? "") == (port["name"]?.stringValue ?? "") {
                    for a in subset["addresses"]?.arrayValue ?? [] {
                        addresses.append(ServerTableJoin.hostPort(a["ip"]?.stringValue ?? "", p["port"]?.intValue ?? 0))
                    }
                }
            }
            w.line(0, "Endpoints", addresses.isEmpty ? "<none>" : addresses.joined(separator: ","))
        }
        w.line(0, "Session Affinity", spec["sessionAffinity"]?.stringValue ?? "")
        if let policy = spec["externalTrafficPolicy"]?.stringValue, ["NodePort", "LoadBalancer"].contains(spec["type"]?.stringValue ?? "") {
            w.line(0, "External Traffic Policy", policy)
        }
        if let policy = spec["internalTrafficPolicy"]?.stringValue { w.line(0, "Internal Traffic Policy", policy) }
    }

    static func configMap(_ cm: JSONValue, _ w: inout DescribeWriter) {
        meta(cm, &w)
        w.labels("Labels", cm[path: ["metadata", "labels"]])
        w.annotations(cm[path: ["metadata", "annotations"]])
        w.write(0, "\nData\n====\n")
        let data = cm["data"]?.objectValue ?? [:]
        for key in data.keys.sorted() {
            w.write(0, "\(key):\n----\n\(data[key]?.stringValue ?? "")\n\n")
        }
        w.write(0, "\nBinaryData\n====\n")
        let binary = cm["binaryData"]?.objectValue ?? [:]
        for key in binary.keys.sorted() {
            w.write(0, "\(key): \(Data(base64Encoded: binary[key]?.stringValue ?? "")?.count ?? 0) bytes\n")
        }
        w.write(0, "\n")
    }

    static func secret(_ secret: JSONValue, _ w: inout DescribeWriter) {
        meta(secret, &w)
        w.labels("Labels", secret[path: ["metadata", "labels"]])
        w.annotations(secret[path: ["metadata", "annotations"]])
        w.write(0, "\nType:\t\(secret["type"]?.stringValue ?? "")\n")
        w.write(0, "\nData\n====\n")
        let data = secret["data"]?.objectValue ?? [:]
        for key in data.keys.sorted() {
            w.write(0, "\(key):\t\(Data(base64Encoded: data[key]?.stringValue ?? "")?.count ?? 0) bytes\n")
        }
    }

    static func namespace(_ ns: JSONValue, _ w: inout DescribeWriter) {
        meta(ns, &w, namespace: false)
        w.labels("Labels", ns[path: ["metadata", "labels"]])
        w.annotations(ns[path: ["metadata", "annotations"]])
        w.line(0, "Status", ns[path: ["status", "phase"]]?.stringValue ?? "")
        w.write(0, "\nNo resource quota.\n\nNo LimitRange resource.\n")
    }

    static func node(_ node: JSONValue, pods: [JSONValue], lease: Result<JSONValue, APIError>? = nil, _ w: inout DescribeWriter) {
        meta(node, &w, namespace: false)
        var roles: [String] = []
        for key in (node[path: ["metadata", "labels"]]?.objectValue ?? [:]).keys where key.hasPrefix("node-role.kubernetes.io/") {
            roles.append(String(key.dropFirst("node-role.kubernetes.io/".count)))
        }
        w.line(0, "Roles", roles.isEmpty ? "<none>" : roles.sorted().joined(separator: ","))
        w.labels("Labels", node[path: ["metadata", "labels"]])
        w.annotations(node[path: ["metadata", "annotations"]])
        w.line(0, "CreationTimestamp", DescribeWriter.rfc1123Z(node[path: ["metadata", "creationTimestamp"]]?.stringValue))
        let taints = node[path: ["spec", "taints"]]?.arrayValue ?? []
        w.line(0, "Taints", taints.isEmpty ? "<none>" : taints.map { "\($0["key"]?.stringValue ?? "")\($0["value"]?.stringValue.map { "=\($0)" } ?? ""):\($0["effect"]?.stringValue ?? "")" }.joined(separator: "\n\t"))
        w.line(0, "Unschedulable", node[path: ["spec", "unschedulable"]]?.boolValue == true ? "true" : "false")
        switch lease {
        case .success(let l)?:
            w.write(0, "Lease:\n")
            w.line(1, "HolderIdentity", l[path: ["spec", "holderIdentity"]]?.stringValue ?? "<unset>")
            w.line(1, "AcquireTime", l[path: ["spec", "acquireTime"]]?.stringValue.map { DescribeWriter.rfc1123Z($0) } ?? "<unset>")
            w.line(1, "RenewTime", l[path: ["spec", "renewTime"]]?.stringValue.map { DescribeWriter.rfc1123Z($0) } ?? "<unset>")
        case .failure(let error)?:
            w.line(0, "Lease", "Failed to get lease: \(error.message)")
        case nil: break
        }
        let conditions = node[path: ["status", "conditions"]]?.arrayValue ?? []
        w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
        for c in conditions {
            w.write(
                1,
                "\(c["type"]?.stringValue ?? "") \t\(c["status"]?.stringValue ?? "") \t\(DescribeWriter.rfc1123Z(c["lastHeartbeatTime"]?.stringValue)) \t\(DescribeWriter.rfc1123Z(c["lastTransitionTime"]?.stringValue)) \t\(c["reason"]?.stringValue ?? "") \t\(c["message"]?.stringValue ?? "")\n")
        }
        w.write(0, "Addresses:\n")
        for a in node[path: ["status", "addresses"]]?.arrayValue ?? [] { w.line(1, a["type"]?.stringValue ?? "", a["address"]?.stringValue ?? "") }
        for (title, key) in [("Capacity", "capacity"), ("Allocatable", "allocatable")] {
            if let values = node[path: ["status", key]]?.objectValue {
                w.write(0, "\(title):\n")
                for k in values.keys.sorted() { w.line(1, k, values[k]?.stringValue ?? values[k]!.serialized()) }
            }
        }
        if let info = node[path: ["status", "nodeInfo"]] {
            w.write(0, "System Info:\n")
            for (label, key) in [
                ("Machine ID", "machineID"), ("System UUID", "systemUUID"), ("Boot ID", "bootID"), ("Kernel Version", "kernelVersion"),
                ("OS Image", "osImage"), ("Operating System", "operatingSystem"), ("Architecture", "architecture"),
                ("Container Runtime Version", "containerRuntimeVersion"), ("Kubelet Version", "kubeletVersion"), ("Kube-Proxy Version", "kubeProxyVersion"),
            ] {
                w.line(1, label, info[key]?.stringValue ?? "")
            }
        }
        if let podCIDR = node[path: ["spec", "podCIDR"]]?.stringValue { w.line(0, "PodCIDR", podCIDR) }
        let active = pods.filter { !["Succeeded", "Failed"].contains($0[path: ["status", "phase"]]?.stringValue ?? "") }
        w.line(0, "Non-terminated Pods", "(\(active.count) in total)")
        let allocatable = node[path: ["status", "allocatable"]]
        w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
        w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
        var totals: [String: Int64] = [:]
        for p in active {
            var cells: [String] = []
            for (kind, resource) in [("requests", "cpu"), ("limits", "cpu"), ("requests", "memory"), ("limits", "memory")] {
                let amount = NodeResources.podTotal(p, kind, resource)
                totals["\(kind)/\(resource)", default: 0] += amount
                cells.append(NodeResources.cell(amount, resource: resource, allocatable: allocatable))
            }
            w.write(
                1,
                "\(p[path: ["metadata", "namespace"]]?.stringValue ?? "")\t\(p[path: ["metadata", "name"]]?.stringValue ?? "")\t\t\(cells.joined(separator: "\t"))\t\(HumanDuration.since(p[path: ["metadata", "creationTimestamp"]]?.stringValue, now: w.now))\n")
        }
        w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
        w.write(1, "Resource\tRequests\tLimits\n")
        w.write(1, "--------\t--------\t------\n")
        for resource in ["cpu", "memory", "ephemeral-storage"] {
            let requests = NodeResources.cell(totals["requests/\(resource)"] ?? 0, resource: resource, allocatable: allocatable)
            let limits = NodeResources.cell(totals["limits/\(resource)"] ?? 0, resource: resource, allocatable: allocatable)
            w.write(1, "\(resource)\t\(requests)\t\(limits)\n")
        }
    }

    /// Kinds without a dedicated describer: metadata, then every other top-level field as indented YAML.
    static func generic(_ o: JSONValue, _ w: inout DescribeWriter) {
        meta(o, &w)
        w.labels("Labels", o[path: ["metadata", "labels"]])
        w.annotations(o[path: ["metadata", "annotations"]])
        w.line(0, "API Version", o["apiVersion"]?.stringValue ?? "")
        w.line(0, "Kind", o["kind"]?.stringValue ?? "")
        for (key, value) in o.objectValue ?? [:] where !["apiVersion", "kind", "metadata"].contains(key) {
            let title = key.prefix(1).uppercased() + key.dropFirst()
            switch value {
            case .object, .array:
                w.write(0, "\(title):\n")
                for line in value.yamlString().split(separator: "\n") { w.write(1, line.replacingOccurrences(of: "\t", with: " ") + "\n") }
            default:
                w.line(0, title, JSONPathTemplate.text(value))
            }
        }
    }
}

enum ServerTableJoin {
    static func hostPort(_ host: String, _ port: Int64) -> String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
