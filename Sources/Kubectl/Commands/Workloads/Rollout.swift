import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// `kubectl rollout status|history|undo|pause|resume|restart`.
struct Rollout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the rollout of one or many resources.",
        subcommands: [RolloutStatusCommand.self, RolloutHistoryCommand.self, RolloutUndo.self, RolloutPause.self, RolloutResume.self, RolloutRestart.self])
}

/// Kinds each rollout verb supports, as upstream's polymorphic helpers do.
private func requireKind(_ target: Target, _ kinds: [String], verb: String) throws {
    guard kinds.contains(target.resource.kind) else {
        throw KubectlError("no \(verb) has been implemented for {\"\(target.resource.group)\" \"\(target.resource.kind)\"}")
    }
}

struct RolloutStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the status of the rollout.")
    @OptionGroup var global: GlobalOptions
    @Argument var resources: [String] = []
    @Option(name: .shortAndLong) var filename: [String] = []
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Option(name: .customLong("watch"), help: "Watch the status of the rollout until it's done.") var watch: Bool = true
    @Flag(name: .customShort("w")) var watchShort = false
    @Option(name: .customLong("revision")) var revision: Int64 = 0
    @Option(name: .customLong("timeout")) var timeout: String = "0s"

    func run() async throws {
        let session = try global.session()
        let terminal = Terminal.current
        let targets = try await session.targets(resources, verb: "rollout status", selector: selector, filenames: filename)
        guard !targets.isEmpty else { throw KubectlError("no resources found in \(session.namespace) namespace") }
        let limit = try GlobalOptions.parseDuration(timeout)
        let deadline = limit.map { $0 == .zero ? nil : ContinuousClock.now + $0 } ?? nil
        for target in targets {
            try requireKind(target, ["Deployment", "DaemonSet", "StatefulSet"], verb: "status viewer")
            var last = ""
            while true {
                let object = try await session.client.get(target.path)
                let report: RolloutStatus.Report
                do {
                    report = try RolloutStatus.report(kind: target.resource.kind, object: object, revision: revision)
                } catch {
                    throw KubectlError("\(error.description)")
                }
                if report.message != last {
                    terminal.out(report.message)
                    last = report.message
                }
                if report.done || !watch { break }
                if let deadline, ContinuousClock.now >= deadline { throw KubectlError("timed out waiting for the condition") }
                // A watch would wake us sooner; status changes of a rollout are seconds apart, so a short poll is as good.
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }
}

/// The revisions of a workload, fetched.
private func history(_ session: Session, _ target: Target, object: JSONValue) async throws -> RolloutHistory {
    let candidates: [JSONValue]
    if target.resource.kind == "Deployment" {
        let path = ResourcePath(group: "apps", version: "v1", resource: "replicasets", namespace: target.namespace)
        candidates = try await session.client.list(path)["items"]?.arrayValue ?? []
    } else {
        let path = ResourcePath(group: "apps", version: "v1", resource: "controllerrevisions", namespace: target.namespace)
        candidates = (try await session.client.list(path)["items"]?.arrayValue ?? []).map {
            var revision = $0
            revision.set(path: ["kind"], to: "ControllerRevision")
            return revision
        }
    }
    return RolloutHistory(owner: object, candidates: candidates)
}

struct RolloutHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "View rollout history.")
    @OptionGroup var global: GlobalOptions
    @Argument var resources: [String] = []
    @Option(name: .shortAndLong) var filename: [String] = []
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Option(name: .customLong("revision")) var revision: Int64 = 0

    func run() async throws {
        let session = try global.session()
        let terminal = Terminal.current
        for target in try await session.targets(resources, verb: "rollout history", selector: selector, filenames: filename) {
            try requireKind(target, ["Deployment", "DaemonSet", "StatefulSet"], verb: "history viewer")
            let object = try await session.client.get(target.path)
            let revisions = try await history(session, target, object: object)
            if revision > 0 {
                guard let chosen = revisions.revisions.first(where: { $0.number == revision }) else {
                    throw KubectlError("unable to find the specified revision")
                }
                var w = DescribeWriter()
                let template = target.resource.kind == "Deployment" ? chosen.template : chosen.template[path: ["spec", "template"]]
                Describer.podTemplate(template, &w)
                terminal.out("\(target.displayName) with revision #\(revision)\n\(w.finish())\n")
            } else {
                terminal.out("\(target.displayName) \n\(revisions.table)\n")
            }
        }
    }
}

struct RolloutUndo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "undo", abstract: "Undo a previous rollout.")
    @OptionGroup var global: GlobalOptions
    @Argument var resources: [String] = []
    @Option(name: .shortAndLong) var filename: [String] = []
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Option(name: .customLong("to-revision")) var toRevision: Int64 = 0

    func run() async throws {
        let session = try global.session()
        let terminal = Terminal.current
        for target in try await session.targets(resources, verb: "rollout undo", selector: selector, filenames: filename) {
            try requireKind(target, ["Deployment", "DaemonSet", "StatefulSet"], verb: "rollbacker")
            let object = try await session.client.get(target.path)
            let kind = target.resource.kind
            if kind == "Deployment", object[path: ["spec", "paused"]]?.boolValue == true {
                throw KubectlError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again")
            }
            let revisions = try await history(session, target, object: object)
            guard let chosen = revisions.target(toRevision: toRevision) else {
                if toRevision > 0 { throw KubectlError("unable to find specified revision \(toRevision) in history") }
                throw KubectlError("no rollout history found for \(kind.lowercased()) \"\(target.name)\"")
            }
            if kind == "Deployment" {
                let wanted = RolloutHistory.withoutHash(chosen.template)
                if wanted == RolloutHistory.withoutHash(object[path: ["spec", "template"]] ?? [:]) {
                    terminal.out("\(target.displayName) skipped rollback (current template already matches revision \(chosen.number))\n")
                    continue
                }
                // Upstream replaces the template and carries over the revision's annotations (but not
                // the bookkeeping ones the controllers own), guarded by the resourceVersion it read.
                var annotations = object[path: ["metadata", "annotations"]]?.objectValue ?? [:]
                let skipped: Set<String> = [RolloutHistory.revisionAnnotation, "deployment.kubernetes.io/revision-history",
                                            "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas",
                                            "kubectl.kubernetes.io/last-applied-configuration"]
                for (key, value) in chosen.annotations where !skipped.contains(key) { annotations[key] = value }
                let patch: JSONValue = [
                    ["op": "replace", "path": "/spec/template", "value": wanted],
                    ["op": "add", "path": "/metadata/annotations", "value": .object(annotations)],
                    ["op": "test", "path": "/metadata/resourceVersion", "value": object[path: ["metadata", "resourceVersion"]] ?? ""],
                ]
                _ = try await session.client.patch(target.path, type: .json, body: patch)
            } else {
                if chosen.template == [:] { throw KubectlError("no rollout history found for \(kind.lowercased()) \"\(target.name)\"") }
                _ = try await session.client.patch(target.path, type: .strategic, body: chosen.template)
            }
            terminal.out("\(target.displayName) rolled back\n")
        }
    }
}

/// `pause` and `resume` flip `spec.paused` on Deployments.
private func setPaused(_ global: GlobalOptions, _ resources: [String], _ filenames: [String], _ selector: String?, paused: Bool) async throws {
    let session = try global.session()
    let terminal = Terminal.current
    for target in try await session.targets(resources, verb: paused ? "rollout pause" : "rollout resume", selector: selector, filenames: filenames) {
        guard target.resource.kind == "Deployment" else {
            throw KubectlError("\(target.quotedName) \(paused ? "pausing" : "resuming") is not supported")
        }
        let object = try await session.client.get(target.path)
        let isPaused = object[path: ["spec", "paused"]]?.boolValue ?? false
        if isPaused == paused {
            throw KubectlError("\(target.quotedName) is \(paused ? "already paused" : "not paused")")
        }
        _ = try await session.client.patch(target.path, type: .strategic, body: ["spec": ["paused": paused ? true : nil]])
        terminal.out("\(target.displayName) \(paused ? "paused" : "resumed")\n")
    }
}

struct RolloutPause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Mark the provided resource as paused.")
    @OptionGroup var global: GlobalOptions
    @Argument var resources: [String] = []
    @Option(name: .shortAndLong) var filename: [String] = []
    @Option(name: [.customShort("l"), .long]) var selector: String?
    func run() async throws { try await setPaused(global, resources, filename, selector, paused: true) }
}

struct RolloutResume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Resume a paused resource.")
    @OptionGroup var global: GlobalOptions
    @Argument var resources: [String] = []
    @Option(name: .shortAndLong) var filename: [String] = []
    @Option(name: [.customShort("l"), .long]) var selector: String?
    func run() async throws { try await setPaused(global, resources, filename, selector, paused: false) }
}

struct RolloutRestart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restart", abstract: "Restart a resource.")
    @OptionGroup var global: GlobalOptions
    @Argument var resources: [String] = []
    @Option(name: .shortAndLong) var filename: [String] = []
    @Option(name: [.customShort("l"), .long]) var selector: String?

    func run() async throws {
        let session = try global.session()
        let terminal = Terminal.current
        for target in try await session.targets(resources, verb: "rollout restart", selector: selector, filenames: filename) {
            try requireKind(target, ["Deployment", "DaemonSet", "StatefulSet"], verb: "restarter")
            let object = try await session.client.get(target.path)
            if object[path: ["spec", "paused"]]?.boolValue == true {
                throw KubectlError("\(target.quotedName) can't restart paused deployment (run rollout resume first)")
            }
            let now = Time.now().rfc3339
            let patch: JSONValue = ["spec": ["template": ["metadata": ["annotations": ["kubectl.kubernetes.io/restartedAt": .string(now)]]]]]
            _ = try await session.client.patch(target.path, type: .strategic, body: patch)
            terminal.out("\(target.displayName) restarted\n")
        }
    }
}
