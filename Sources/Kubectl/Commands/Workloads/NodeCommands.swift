import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// Nodes named by `NODE…`, `nodes NODE…`, `node/NODE` or `-l`; anything else is refused as upstream does.
private func nodeTargets(_ session: Session, _ arguments: [String], selector: String?, all: Bool = false) async throws -> [Target] {
    var args = arguments
    if let first = args.first, !first.contains("/"), !["node", "nodes", "no"].contains(first) {
        args.insert("nodes", at: 0)
    }
    if args.isEmpty { args = ["nodes"] }
    let targets = try await session.targets(args, verb: "cordon", selector: selector, all: all)
    for target in targets where target.resource.kind != "Node" {
        throw KubectlError("Unable to find \"\(target.resource.kind)\" as a node resource")
    }
    return targets
}

/// Sets `spec.unschedulable`; prints `node/NAME cordoned` or `already cordoned`.
private func setUnschedulable(_ session: Session, _ target: Target, _ value: Bool, dryRun: Bool = false) async throws {
    let node = try await session.client.get(target.path)
    let word = value ? "cordoned" : "uncordoned"
    if (node[path: ["spec", "unschedulable"]]?.boolValue ?? false) == value {
        Terminal.current.out("\(target.displayName) already \(word)\n")
        return
    }
    if !dryRun {
        _ = try await session.client.patch(target.path, type: .strategic, body: ["spec": ["unschedulable": value ? true : nil]])
    }
    Terminal.current.out("\(target.displayName) \(word)\(dryRun ? " (dry run)" : "")\n")
}

struct Cordon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mark node as unschedulable.")
    @OptionGroup var global: GlobalOptions
    @Argument var nodes: [String] = []
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Option(name: .customLong("dry-run")) var dryRun: String = "none"

    func run() async throws {
        guard !nodes.isEmpty || selector != nil else { throw KubectlError("USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples") }
        let session = try global.session()
        for target in try await nodeTargets(session, nodes, selector: selector) {
            try await setUnschedulable(session, target, true, dryRun: dryRun != "none")
        }
    }
}

struct Uncordon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mark node as schedulable.")
    @OptionGroup var global: GlobalOptions
    @Argument var nodes: [String] = []
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Option(name: .customLong("dry-run")) var dryRun: String = "none"

    func run() async throws {
        guard !nodes.isEmpty || selector != nil else { throw KubectlError("USAGE: uncordon NODE [flags]\nSee 'kubectl uncordon -h' for help and examples") }
        let session = try global.session()
        for target in try await nodeTargets(session, nodes, selector: selector) {
            try await setUnschedulable(session, target, false, dryRun: dryRun != "none")
        }
    }
}

struct Drain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Drain node in preparation for maintenance.")
    @OptionGroup var global: GlobalOptions
    @Argument var nodes: [String] = []
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Option(name: .customLong("pod-selector")) var podSelector: String?
    @Flag(name: .customLong("ignore-daemonsets")) var ignoreDaemonSets = false
    @Flag(name: .customLong("delete-emptydir-data")) var deleteEmptyDirData = false
    @Flag(name: .customLong("force")) var force = false
    @Flag(name: .customLong("disable-eviction")) var disableEviction = false
    @Option(name: .customLong("grace-period")) var gracePeriod: Int64 = -1
    @Option(name: .customLong("timeout")) var timeout: String = "0s"

    func run() async throws {
        guard !nodes.isEmpty || selector != nil else { throw KubectlError("USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples") }
        let session = try global.session()
        let terminal = Terminal.current
        let filter = DrainFilter(ignoreDaemonSets: ignoreDaemonSets, deleteEmptyDirData: deleteEmptyDirData, force: force)
        let limit = try GlobalOptions.parseDuration(timeout)
        var pending: [(String, String)] = []
        for target in try await nodeTargets(session, nodes, selector: selector) {
            try await setUnschedulable(session, target, true)
            var query = ["fieldSelector": "spec.nodeName=\(target.name)"]
            if let podSelector { query["labelSelector"] = podSelector }
            let pods = try await session.client.list(ResourcePath(group: "", version: "v1", resource: "pods"), query: query)["items"]?.arrayValue ?? []
            let outcome = filter.sort(pods)
            if !outcome.errors.isEmpty {
                let reason = outcome.errors.joined(separator: ", ")
                terminal.err("error: unable to drain node \"\(target.name)\" due to error: \(reason), continuing command...\n")
                pending.append((target.name, reason))
                continue
            }
            for warning in outcome.warnings { terminal.err("Warning: \(warning)\n") }
            try await evict(outcome.evict, session: session, deadline: limit.flatMap { $0 == .zero ? nil : ContinuousClock.now + $0 })
            terminal.out("\(target.displayName) drained\n")
        }
        if !pending.isEmpty {
            terminal.err("There are pending nodes to be drained:\n")
            for (name, _) in pending { terminal.err(" \(name)\n") }
            throw KubectlError(pending.map(\.1).joined(separator: "\n"))
        }
    }

    /// Evicts (or deletes) every pod, retrying evictions a disruption budget refuses, then waits for them to go.
    func evict(_ pods: [JSONValue], session: Session, deadline: ContinuousClock.Instant?) async throws {
        let terminal = Terminal.current
        var options: JSONObject = [:]
        if gracePeriod >= 0 { options["gracePeriodSeconds"] = .int(gracePeriod) }
        for pod in pods {
            let name = pod[path: ["metadata", "name"]]?.stringValue ?? ""
            let namespace = pod[path: ["metadata", "namespace"]]?.stringValue ?? ""
            let path = ResourcePath(group: "", version: "v1", resource: "pods", namespace: namespace, name: name)
            if disableEviction {
                do { _ = try await session.client.delete(path, options: .object(options)) } catch let e as APIError where e.isNotFound {}
                continue
            }
            terminal.out("evicting pod \(namespace)/\(name)\n")
            let eviction: JSONValue = ["apiVersion": "policy/v1", "kind": "Eviction",
                                       "metadata": ["name": .string(name), "namespace": .string(namespace)],
                                       "deleteOptions": .object(options)]
            while true {
                do {
                    let evictionPath = ResourcePath(group: "", version: "v1", resource: "pods", namespace: namespace, name: name, subresource: "eviction")
                    _ = try await session.client.json(method: .POST, path: evictionPath.urlPath, body: eviction.serializedBytes())
                    break
                } catch let e as APIError where e.isNotFound {
                    break
                } catch let e as APIError where e.code == 429 {
                    terminal.err("error when evicting pods/\"\(name)\" -n \"\(namespace)\" (will retry after 5s): \(e.message)\n")
                    if let deadline, ContinuousClock.now >= deadline { throw KubectlError("global timeout reached") }
                    try await Task.sleep(for: .seconds(5))
                }
            }
        }
        for pod in pods {
            let name = pod[path: ["metadata", "name"]]?.stringValue ?? ""
            let namespace = pod[path: ["metadata", "namespace"]]?.stringValue ?? ""
            let uid = pod[path: ["metadata", "uid"]]?.stringValue
            let path = ResourcePath(group: "", version: "v1", resource: "pods", namespace: namespace, name: name)
            while true {
                do {
                    let current = try await session.client.get(path)
                    if current[path: ["metadata", "uid"]]?.stringValue != uid { break }
                } catch let e as APIError where e.isNotFound {
                    break
                }
                if let deadline, ContinuousClock.now >= deadline {
                    throw KubectlError("error when waiting for pod \"\(name)\" in namespace \"\(namespace)\" to terminate: global timeout reached: \(timeout)")
                }
                try await Task.sleep(for: .milliseconds(250))
            }
            terminal.out("pod/\(name) \(disableEviction ? "deleted" : "evicted")\n")
        }
    }
}

struct Taint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Update the taints on one or more nodes.")
    @OptionGroup var global: GlobalOptions
    @Argument var arguments: [String] = []
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Flag(name: .customLong("all")) var all = false
    @Flag(name: .customLong("overwrite")) var overwrite = false

    func run() async throws {
        // Resource arguments first, then taint specs (anything with ':' or ending in '-').
        var split = arguments.count
        for (i, arg) in arguments.enumerated().reversed() {
            if arg.contains(":") || arg.contains("=") || (arg.hasSuffix("-") && !arg.contains("/")) { split = i } else { break }
        }
        let resourceArgs = Array(arguments[..<split])
        let specs = Array(arguments[split...])
        guard !specs.isEmpty else { throw KubectlError("at least one taint update is required") }
        guard let type = resourceArgs.first else { throw KubectlError("must provide one or more resources") }
        let kind = type.split(separator: "/").first.map(String.init) ?? type
        guard ["node", "nodes", "no"].contains(kind) else { throw KubectlError("invalid resource type \(kind), only node types are supported") }
        let changes = try TaintChanges(specs)
        let session = try global.session()
        let targets = try await session.targets(resourceArgs, verb: "taint", selector: selector, all: all)
        for target in targets {
            let node = try await session.client.get(target.path)
            let (taints, operation) = try changes.apply(to: node[path: ["spec", "taints"]]?.arrayValue ?? [], nodeName: target.name, overwrite: overwrite)
            var patch: JSONValue = ["spec": ["taints": .array(taints)]]
            patch.set(path: ["metadata", "resourceVersion"], to: node[path: ["metadata", "resourceVersion"]])
            _ = try await session.client.patch(target.path, type: .merge, body: patch)
            Terminal.current.out("\(target.displayName) \(operation)\n")
        }
    }
}
