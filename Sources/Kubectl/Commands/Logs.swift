import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// `kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]`, as upstream's kubectl/pkg/cmd/logs:
/// the container defaulted (annotation `kubectl.kubernetes.io/default-container`, else the first),
/// a workload resolved to one of its pods, `--all-containers`, `--prefix`, and the log options
/// passed to `pods/log`.
struct Logs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "Print the logs for a container in a pod or specified resource.")

    @OptionGroup var global: GlobalOptions
    @Argument var arguments: [String] = []
    @Option(name: [.customShort("c"), .long]) var container: String?
    @Flag(name: [.customShort("f"), .long]) var follow = false
    @Flag(name: [.customShort("p"), .long]) var previous = false
    @Option(name: .long, parsing: .unconditional) var tail: Int64?
    @Option(name: .long) var since: String?
    @Option(name: .customLong("since-time")) var sinceTime: String?
    @Flag(name: .long) var timestamps = false
    @Flag(name: .customLong("all-containers")) var allContainers = false
    @Option(name: .customLong("limit-bytes")) var limitBytes: Int64 = 0
    @Flag(name: .long) var prefix = false
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Option(name: .customLong("pod-running-timeout")) var podRunningTimeout = "20s"
    @Option(name: .customLong("max-log-requests")) var maxLogRequests = 5
    @Flag(name: .customLong("ignore-errors")) var ignoreErrors = false

    static let usage = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples"

    func run() async throws {
        var container = container
        let resourceArgument: String?
        switch arguments.count {
        case 0:
            guard selector != nil else { throw KubectlError(Self.usage) }
            resourceArgument = nil
        case 1:
            guard selector == nil else { throw KubectlError("only a selector (-l) or a POD name is allowed") }
            resourceArgument = arguments[0]
        case 2:
            guard container == nil else { throw KubectlError("only one of -c or an inline [CONTAINER] arg is allowed") }
            resourceArgument = arguments[0]
            container = arguments[1]
        default:
            throw KubectlError(Self.usage)
        }
        if allContainers, let container { throw KubectlError("--all-containers=true should not be specified with container name \(container)") }
        if limitBytes < 0 { throw KubectlError("--limit-bytes must be greater than 0") }
        let tailLines = tail ?? (selector != nil ? 10 : -1)
        if tailLines < -1 { throw KubectlError("--tail must be greater than or equal to -1") }
        var query: [String: String] = [:]
        if let since, let sinceTime, !since.isEmpty, !sinceTime.isEmpty {
            throw KubectlError("at most one of `sinceTime` or `sinceSeconds` may be specified")
        }
        if let since, let duration = try GlobalOptions.parseDuration(since) {
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            if seconds < 0 { throw KubectlError("--since must be greater than 0") }
            query["sinceSeconds"] = String(Int64(seconds.rounded()))
        }
        if let sinceTime, !sinceTime.isEmpty {
            guard let time = try? Time(rfc3339: sinceTime) else {
                throw KubectlError("--since-time must be a RFC3339 timestamp (parsing \"\(sinceTime)\")")
            }
            query["sinceTime"] = time.description
        }
        if follow { query["follow"] = "true" }
        if previous { query["previous"] = "true" }
        if timestamps { query["timestamps"] = "true" }
        if tailLines >= 0 { query["tailLines"] = String(tailLines) }
        if limitBytes > 0 { query["limitBytes"] = String(limitBytes) }

        let session = try global.session()
        let pods: [JSONValue]
        if let resourceArgument {
            pods = [try await session.podForObject(resourceArgument, timeout: GlobalOptions.parseDuration(podRunningTimeout) ?? .seconds(20))]
        } else {
            let list = try await session.client.list(ResourcePath(resource: "pods", namespace: session.namespace), query: ["labelSelector": selector ?? ""])
            pods = list["items"]?.arrayValue ?? []
            if pods.isEmpty { Terminal.current.err("No resources found in \(session.namespace) namespace.\n"); return }
        }
        var requests: [LogRequest] = []
        for pod in pods {
            let names = ContainerNames(pod: pod)
            if allContainers {
                requests += names.all.map { LogRequest(pod: pod, container: $0) }
            } else if let container {
                requests.append(LogRequest(pod: pod, container: container))
            } else {
                requests.append(LogRequest(pod: pod, container: try names.defaulted(podName: pod.name, quiet: false)))
            }
        }
        let usePrefix = prefix, logQuery = query
        if follow && requests.count > 1 {
            if requests.count > maxLogRequests {
                throw KubectlError("you are attempting to follow \(requests.count) log streams, but maximum allowed concurrency is \(maxLogRequests), use --max-log-requests to increase the limit")
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for request in requests {
                    group.addTask { try await request.print(session: session, query: logQuery, prefix: usePrefix) }
                }
                try await group.waitForAll()
            }
        } else {
            for request in requests {
                do {
                    try await request.print(session: session, query: query, prefix: usePrefix)
                } catch {
                    if ignoreErrors { continue }
                    throw error
                }
            }
        }
    }
}

/// One container's log request and its output.
struct LogRequest: Sendable {
    var pod: JSONValue
    var container: String

    func print(session: Session, query: [String: String], prefix: Bool) async throws {
        var query = query
        query["container"] = container
        let path = ResourcePath(resource: "pods", namespace: pod.namespace, name: pod.name, subresource: "log")
        let chunks = try await session.client.stream(path.urlPath, query: query)
        let terminal = Terminal.current
        var text = UTF8Chunks()
        let linePrefix = "[pod/\(pod.name)/\(container)] "
        var atLineStart = true
        for try await chunk in chunks {
            let piece = text.feed(chunk)
            guard !piece.isEmpty else { continue }
            terminal.out(prefix ? Self.prefixed(piece, linePrefix, atLineStart: &atLineStart) : piece)
        }
        let rest = text.finish()
        if !rest.isEmpty { terminal.out(prefix ? Self.prefixed(rest, linePrefix, atLineStart: &atLineStart) : rest) }
    }

    static func prefixed(_ text: String, _ prefix: String, atLineStart: inout Bool) -> String {
        var out = ""
        for character in text {
            if atLineStart { out += prefix }
            out.append(character)
            atLineStart = character == "\n"
        }
        return out
    }
}

/// Decodes a byte stream as UTF-8 without splitting a character across chunks.
struct UTF8Chunks {
    private var pending: [UInt8] = []

    mutating func feed(_ bytes: [UInt8]) -> String {
        pending += bytes
        // Keep back an incomplete trailing sequence (at most 3 bytes).
        var cut = pending.count
        var back = 0
        while back < min(3, pending.count) {
            let byte = pending[pending.count - 1 - back]
            if byte & 0xC0 == 0x80 { back += 1; continue }
            if byte >= 0xC0 {
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                if back + 1 < length { cut = pending.count - 1 - back }
            }
            break
        }
        let text = String(decoding: pending[..<cut], as: UTF8.self)
        pending.removeFirst(cut)
        return text
    }

    mutating func finish() -> String {
        defer { pending = [] }
        return String(decoding: pending, as: UTF8.self)
    }
}

/// A pod's container names as kubectl lists and defaults them (kubectl/pkg/cmd/util/podcmd).
struct ContainerNames {
    static let defaultContainerAnnotation = "kubectl.kubernetes.io/default-container"
    var initContainers: [String]
    var containers: [String]
    var ephemeral: [String]
    var annotated: String?

    init(pod: JSONValue) {
        func names(_ key: String) -> [String] { (pod[path: ["spec", key]]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue } }
        initContainers = names("initContainers")
        containers = names("containers")
        ephemeral = names("ephemeralContainers")
        annotated = pod[path: ["metadata", "annotations", Self.defaultContainerAnnotation]]?.stringValue
    }

    var all: [String] { initContainers + containers + ephemeral }

    /// `b, c (ephem), a (init)`: upstream's order.
    var described: String {
        (containers + ephemeral.map { "\($0) (ephem)" } + initContainers.map { "\($0) (init)" }).joined(separator: ", ")
    }

    /// The annotated default container if it exists, else the first; tells on stderr when there was a choice.
    func defaulted(podName: String, quiet: Bool) throws -> String {
        if let annotated, !annotated.isEmpty {
            if all.contains(annotated) { return annotated }
            Terminal.current.err("Default container name \"\(annotated)\" not found in pod \(podName)\n")
        }
        guard let first = containers.first else { throw KubectlError("pod \(podName) does not have any containers") }
        if !quiet && (containers.count > 1 || !initContainers.isEmpty || !ephemeral.isEmpty) {
            Terminal.current.err("Defaulted container \"\(first)\" out of: \(described)\n")
        }
        return first
    }
}

extension JSONValue {
    var name: String { self[path: ["metadata", "name"]]?.stringValue ?? "" }
    var namespace: String { self[path: ["metadata", "namespace"]]?.stringValue ?? "" }
}

extension Session {
    /// The pod a `POD` or `TYPE/NAME` argument stands for (upstream's polymorphichelpers
    /// AttachablePodForObject / LogsForObject): a workload's pods are listed by its selector and the
    /// best one for logs is taken (`Found N pods, using pod/x` when there is a choice), waiting up
    /// to `timeout` for one to exist.
    func podForObject(_ argument: String, timeout: Duration) async throws -> JSONValue {
        guard argument.contains("/") else {
            return try await getForBuilder(ResourcePath(resource: "pods", namespace: namespace, name: argument), qualifiedName: "pods", name: argument)
        }
        let parts = argument.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw KubectlError("arguments in resource/name form must have a single resource and name")
        }
        let resource = try await mapper().resource(for: parts[0])
        let object = try await getForBuilder(
            resource.path(namespace: resource.namespaced ? namespace : nil, name: parts[1]), qualifiedName: resource.qualifiedName, name: parts[1])
        if resource.group.isEmpty && resource.name == "pods" { return object }
        let selector: JSONValue?
        switch (resource.group, resource.name) {
        case ("", "services"), ("", "replicationcontrollers"):
            selector = object[path: ["spec", "selector"]].map { ["matchLabels": $0] }
        case ("apps", "deployments"), ("apps", "replicasets"), ("apps", "statefulsets"), ("apps", "daemonsets"), ("batch", "jobs"):
            selector = object[path: ["spec", "selector"]]
        default:
            throw KubectlError("cannot attach to \(resource.kindQualifiedName)/\(parts[1]): selector for *v1.\(resource.kind) not implemented")
        }
        let labelSelector = Self.labelSelectorString(selector)
        let deadline = ContinuousClock.now + timeout
        while true {
            let list = try await client.list(ResourcePath(resource: "pods", namespace: object.namespace), query: ["labelSelector": labelSelector])
            let pods = (list["items"]?.arrayValue ?? []).sorted(by: PodLoggingOrder.before)
            if let first = pods.first {
                if pods.count > 1 { Terminal.current.err("Found \(pods.count) pods, using pod/\(first.name)\n") }
                return first
            }
            if ContinuousClock.now >= deadline { throw KubectlError("timed out waiting for the condition") }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// A GET as kubectl's resource builder does it, whose NotFound names the namespace
    /// (`error from server (NotFound): pods "x" not found in namespace "default"`).
    func getForBuilder(_ path: ResourcePath, qualifiedName: String, name: String) async throws -> JSONValue {
        do {
            return try await client.get(path)
        } catch let error as APIError where error.isNotFound {
            let scope = path.namespace.map { " in namespace \"\($0)\"" } ?? ""
            throw KubectlError("error from server (NotFound): \(qualifiedName) \"\(name)\" not found\(scope)")
        }
    }

    /// metav1.LabelSelector → its string form (`a=b,c in (d,e)`).
    static func labelSelectorString(_ selector: JSONValue?) -> String {
        var terms: [String] = []
        for (key, value) in (selector?["matchLabels"]?.objectValue ?? [:]) {
            terms.append("\(key)=\(value.stringValue ?? "")")
        }
        terms.sort()
        for expression in selector?["matchExpressions"]?.arrayValue ?? [] {
            let key = expression["key"]?.stringValue ?? ""
            let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue)
            switch expression["operator"]?.stringValue ?? "" {
            case "In": terms.append("\(key) in (\(values.joined(separator: ",")))")
            case "NotIn": terms.append("\(key) notin (\(values.joined(separator: ",")))")
            case "Exists": terms.append(key)
            case "DoesNotExist": terms.append("!\(key)")
            default: break
            }
        }
        return terms.joined(separator: ",")
    }
}

/// Upstream's podutils.ByLogging: scheduled before unscheduled; Running, then Unknown, then
/// Pending; ready before not ready; more restarts first; older first.
enum PodLoggingOrder {
    static func before(_ a: JSONValue, _ b: JSONValue) -> Bool {
        let nodeA = a[path: ["spec", "nodeName"]]?.stringValue ?? "", nodeB = b[path: ["spec", "nodeName"]]?.stringValue ?? ""
        if nodeA != nodeB && (nodeA.isEmpty || nodeB.isEmpty) { return !nodeA.isEmpty }
        let rank = ["Running": 0, "Unknown": 1, "Pending": 2]
        let phaseA = rank[a[path: ["status", "phase"]]?.stringValue ?? ""] ?? 3, phaseB = rank[b[path: ["status", "phase"]]?.stringValue ?? ""] ?? 3
        if phaseA != phaseB { return phaseA < phaseB }
        if ready(a) != ready(b) { return ready(a) }
        if restarts(a) != restarts(b) { return restarts(a) > restarts(b) }
        let createdA = a[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "", createdB = b[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
        if createdA != createdB {
            if createdA.isEmpty || createdB.isEmpty { return !createdA.isEmpty }
            return createdA < createdB
        }
        return false
    }

    static func ready(_ pod: JSONValue) -> Bool {
        (pod[path: ["status", "conditions"]]?.arrayValue ?? []).contains { $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True" }
    }

    static func restarts(_ pod: JSONValue) -> Int64 {
        (pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []).map { $0["restartCount"]?.intValue ?? 0 }.max() ?? 0
    }
}
