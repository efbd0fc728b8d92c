import Foundation
import KubeAPI

/// The objects `kubectl create deployment|job|cronjob`, `run` and `expose` build, shaped as upstream's
/// generators shape them (kubectl/pkg/cmd/create, run, expose).
public enum Generators {
    /// `nginx:1.25` → `nginx`, `registry:5000/team/app@sha256:…` → `app`, underscores to dashes.
    public static func containerName(forImage image: String) -> String {
        var name = String(image.split(separator: "/").last ?? Substring(image))
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        if let colon = name.firstIndex(of: ":") { name = String(name[..<colon]) }
        return name.replacingOccurrences(of: "_", with: "-")
    }

    /// A generated object as upstream's `--dry-run=client` prints it: upstream serialises its typed
    /// structs, so every ObjectMeta, the pod and job templates' included, carries
    /// `creationTimestamp: null`, the object ends in `status: {}` (a Namespace also has
    /// `spec: {}`), and `metadata.namespace` is there only when `-n` named one.
    public static func asClientDryRun(_ generated: JSONValue, namespace: String?) -> JSONValue {
        var object = generated
        let kind = object["kind"]?.stringValue ?? ""
        if let namespace, kind != "Namespace" { object.set(path: ["metadata", "namespace"], to: .string(namespace)) }
        var metadataPaths: [[String]] = [["metadata"]]
        if kind == "CronJob" { metadataPaths.append(["spec", "jobTemplate", "metadata"]) }
        // The pod template's metadata sits beside its spec (for a Pod that is the object's own).
        if let podSpec = podSpecPath(kind: kind), podSpec.count > 1 { metadataPaths.append(podSpec.dropLast() + ["metadata"]) }
        for path in metadataPaths { object.set(path: path + ["creationTimestamp"], to: .null) }
        if kind == "Namespace", object["spec"] == nil { object["spec"] = [:] }
        if object["status"] == nil { object["status"] = [:] }
        return object
    }

    /// Where the pod spec of a workload lives.
    public static func podSpecPath(kind: String) -> [String]? {
        switch kind {
        case "Pod": return ["spec"]
        case "CronJob": return ["spec", "jobTemplate", "spec", "template", "spec"]
        case "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController", "Job", "PodTemplate": return ["spec", "template", "spec"]
        default: return nil
        }
    }

    public static func deployment(name: String, images: [String], replicas: Int64, port: Int64?, command: [String]) throws -> JSONValue {
        guard !images.isEmpty else { throw KubectlError("required flag(s) \"image\" not set") }
        if port != nil && images.count > 1 { throw KubectlError("cannot specify port with multiple images") }
        var used: Set<String> = []
        var containers: [JSONValue] = []
        for image in images {
            var containerName = containerName(forImage: image)
            // Upstream makes a repeated name unique with a random suffix; an index is as unique and reproducible.
            if used.contains(containerName) { containerName += "-\(containers.count)" }
            used.insert(containerName)
            var container: JSONObject = ["image": .string(image), "name": .string(containerName)]
            if !command.isEmpty { container["command"] = .array(command.map(JSONValue.string)) }
            if let port { container["ports"] = [["containerPort": .int(port)]] }
            container["resources"] = [:]
            containers.append(.object(container))
        }
        let labels: JSONValue = ["app": .string(name)]
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["labels": labels, "name": .string(name)],
            "spec": [
                "replicas": .int(replicas),
                "selector": ["matchLabels": labels],
                "strategy": [:],
                "template": ["metadata": ["labels": labels], "spec": ["containers": .array(containers)]],
            ],
        ]
    }

    static func jobPodTemplate(name: String, image: String, command: [String], restartPolicy: String) -> JSONValue {
        var container: JSONObject = ["image": .string(image), "name": .string(name)]
        if !command.isEmpty { container["command"] = .array(command.map(JSONValue.string)) }
        container["resources"] = [:]
        return ["spec": ["containers": [.object(container)], "restartPolicy": .string(restartPolicy)]]
    }

    public static func job(name: String, image: String?, command: [String]) throws -> JSONValue {
        guard let image, !image.isEmpty else { throw KubectlError("either --image or --from must be specified") }
        return [
            "apiVersion": "batch/v1", "kind": "Job",
            "metadata": ["name": .string(name)],
            "spec": ["template": jobPodTemplate(name: name, image: image, command: command, restartPolicy: "Never")],
        ]
    }

    /// `create job NAME --from=cronjob/CJ`: the CronJob's job template, owned by it, marked manual.
    public static func job(name: String, fromCronJob cronJob: JSONValue) -> JSONValue {
        var annotations = cronJob[path: ["spec", "jobTemplate", "metadata", "annotations"]]?.objectValue ?? [:]
        annotations["cronjob.kubernetes.io/instantiate"] = "manual"
        var metadata: JSONObject = ["name": .string(name), "annotations": .object(annotations)]
        if let labels = cronJob[path: ["spec", "jobTemplate", "metadata", "labels"]] { metadata["labels"] = labels }
        metadata["ownerReferences"] = [[
            "apiVersion": "batch/v1", "kind": "CronJob", "name": cronJob[path: ["metadata", "name"]] ?? "",
            "uid": cronJob[path: ["metadata", "uid"]] ?? "", "controller": true,
        ]]
        return ["apiVersion": "batch/v1", "kind": "Job", "metadata": .object(metadata), "spec": cronJob[path: ["spec", "jobTemplate", "spec"]] ?? [:]]
    }

    public static func cronJob(name: String, image: String?, schedule: String?, restartPolicy: String?, command: [String]) throws -> JSONValue {
        guard let image, !image.isEmpty else { throw KubectlError("required flag(s) \"image\" not set") }
        guard let schedule, !schedule.isEmpty else { throw KubectlError("required flag(s) \"schedule\" not set") }
        let policy = restartPolicy ?? "OnFailure"
        return [
            "apiVersion": "batch/v1", "kind": "CronJob",
            "metadata": ["name": .string(name)],
            "spec": [
                "jobTemplate": ["metadata": ["name": .string(name)],
                                "spec": ["template": jobPodTemplate(name: name, image: image, command: command, restartPolicy: policy)]],
                "schedule": .string(schedule),
            ],
        ]
    }

    public struct RunOptions: Sendable {
        public var name: String
        public var image: String
        public var labels: String?
        public var env: [String] = []
        public var port: Int64?
        public var restart = "Always"
        public var imagePullPolicy: String?
        public var command = false
        public var arguments: [String] = []

        public init(name: String, image: String) {
            self.name = name
            self.image = image
        }
    }

    public static func pod(_ o: RunOptions) throws -> JSONValue {
        guard ["Always", "OnFailure", "Never"].contains(o.restart) else {
            throw KubectlError("invalid restart policy: \(o.restart)")
        }
        var labels: JSONObject = ["run": .string(o.name)]
        if let text = o.labels {
            labels = [:]
            for pair in text.split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2 else { throw KubectlError("invalid label spec: \(pair)") }
                labels[kv[0]] = .string(kv[1])
            }
        }
        var container: JSONObject = ["image": .string(o.image), "name": .string(o.name)]
        if !o.arguments.isEmpty { container[o.command ? "command" : "args"] = .array(o.arguments.map(JSONValue.string)) }
        if !o.env.isEmpty {
            container["env"] = .array(try o.env.map { spec in
                let kv = spec.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard kv.count == 2, !kv[0].isEmpty else { throw KubectlError("invalid env: \(spec)") }
                return ["name": .string(kv[0]), "value": .string(kv[1])]
            })
        }
        if let policy = o.imagePullPolicy { container["imagePullPolicy"] = .string(policy) }
        if let port = o.port { container["ports"] = [["containerPort": .int(port)]] }
        container["resources"] = [:]
        return [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["labels": .object(labels), "name": .string(o.name)],
            "spec": ["containers": [.object(container)], "dnsPolicy": "ClusterFirst", "restartPolicy": .string(o.restart)],
        ]
    }

    public struct ExposeOptions: Sendable {
        public var name: String?
        public var port: String?
        public var targetPort: String?
        public var proto: String?
        public var type: String?
        public var selector: String?
        public var clusterIP: String?
        public var labels: String?
        public init() {}
    }

    /// The Service that exposes `object` (a Pod, Service, ReplicationController, Deployment or ReplicaSet).
    public static func service(exposing object: JSONValue, _ o: ExposeOptions) throws -> JSONValue {
        let kind = object["kind"]?.stringValue ?? ""
        let group = (object["apiVersion"]?.stringValue ?? "").split(separator: "/").dropLast().first.map(String.init) ?? ""
        guard ["Pod", "Service", "ReplicationController", "Deployment", "ReplicaSet"].contains(kind) else {
            throw KubectlError("cannot expose a \(group.isEmpty ? kind : "\(kind).\(group)")")
        }
        var selector: JSONObject
        if let text = o.selector {
            selector = [:]
            for pair in text.split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2 else { throw KubectlError("invalid selector: \(text)") }
                selector[kv[0]] = .string(kv[1])
            }
        } else {
            switch kind {
            case "Pod": selector = object[path: ["metadata", "labels"]]?.objectValue ?? [:]
            case "Service", "ReplicationController": selector = object[path: ["spec", "selector"]]?.objectValue ?? [:]
            default:
                if let expressions = object[path: ["spec", "selector", "matchExpressions"]]?.arrayValue, !expressions.isEmpty {
                    throw KubectlError("couldn't convert expressions - \"\(JSONValue.array(expressions))\", to map: operator \"\(expressions[0]["operator"]?.stringValue ?? "")\" cannot be converted into the old label selector format")
                }
                selector = object[path: ["spec", "selector", "matchLabels"]]?.objectValue ?? [:]
            }
        }
        guard !selector.isEmpty else {
            throw KubectlError("couldn't retrieve selectors via --selector flag or introspection: the \(kind.lowercased()) has no labels and cannot be exposed")
        }
        // Ports: --port, or the ports the object declares.
        var ports: [(port: Int64, name: String?, proto: String?)] = []
        if let port = o.port {
            for p in port.split(separator: ",") {
                guard let n = Int64(p) else { throw KubectlError("invalid port: \(p)") }
                ports.append((n, nil, nil))
            }
        } else if kind == "Service" {
            ports = (object[path: ["spec", "ports"]]?.arrayValue ?? []).compactMap { p in
                p["port"]?.intValue.map { ($0, p["name"]?.stringValue, p["protocol"]?.stringValue) }
            }
        } else {
            let spec = kind == "Pod" ? object["spec"] : object[path: ["spec", "template", "spec"]]
            for container in spec?["containers"]?.arrayValue ?? [] {
                for p in container["ports"]?.arrayValue ?? [] {
                    if let n = p["containerPort"]?.intValue { ports.append((n, p["name"]?.stringValue, p["protocol"]?.stringValue)) }
                }
            }
        }
        guard !ports.isEmpty else { throw KubectlError("couldn't find port via --port flag or introspection") }
        var servicePorts: [JSONValue] = []
        for (index, p) in ports.enumerated() {
            var entry: JSONObject = [:]
            if ports.count > 1 { entry["name"] = .string(p.name ?? "port-\(index + 1)") }
            entry["port"] = .int(p.port)
            entry["protocol"] = .string(o.proto ?? p.proto ?? "TCP")
            if let target = o.targetPort {
                entry["targetPort"] = Int64(target).map(JSONValue.int) ?? .string(target)
            } else {
                entry["targetPort"] = .int(p.port)
            }
            servicePorts.append(.object(entry))
        }
        let name = o.name ?? object[path: ["metadata", "name"]]?.stringValue ?? ""
        var metadata: JSONObject = ["name": .string(name)]
        if let text = o.labels {
            var labels: JSONObject = [:]
            for pair in text.split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { labels[kv[0]] = .string(kv[1]) }
            }
            metadata["labels"] = .object(labels)
        } else if let labels = object[path: ["metadata", "labels"]] {
            metadata["labels"] = labels
        }
        var spec: JSONObject = ["ports": .array(servicePorts), "selector": .object(selector)]
        if let type = o.type { spec["type"] = .string(type) }
        if let clusterIP = o.clusterIP { spec["clusterIP"] = .string(clusterIP) }
        return ["apiVersion": "v1", "kind": "Service", "metadata": .object(metadata), "spec": .object(spec)]
    }
}
