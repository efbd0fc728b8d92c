import Foundation
import KubeAPI
import KubeClient
import KubeControllers
import KubeswiftTestSupport
import Logging

/// Polls until `check` returns a value, or fails after `timeout`.
func eventually<T>(_ what: String, timeout: Duration = .seconds(30), _ check: () async throws -> T?) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    var lastError: (any Error)?
    while ContinuousClock.now < deadline {
        do {
            if let value = try await check() { return value }
        } catch { lastError = error }
        try await Task.sleep(for: .milliseconds(100))
    }
    throw TestFailure("timed out waiting for \(what)\(lastError.map { ": \($0)" } ?? "")")
}

/// Stands in for kubelets: every pod without a Ready condition becomes Running and Ready, with an IP.
/// A pod labelled `FakeKubelet.outcomeLabel` (`Succeeded` or `Failed`) then finishes that way on the
/// next pass, the way a container that exits would.
struct FakeKubelet {
    static let outcomeLabel = "test.kubeswift.dev/outcome"
    let client: RESTClient

    static func setReady(_ pod: inout Pod, _ ready: Bool) {
        var conditions = (pod.status.conditions ?? []).filter { $0.type != "Ready" }
        conditions.append(PodCondition(type: "Ready", status: ready ? "True" : "False", lastTransitionTime: .now()))
        pod.status.conditions = conditions
    }

    static func finish(_ pod: inout Pod, _ phase: String) {
        pod.status.phase = phase
        setReady(&pod, false)
    }

    func run() async {
        var next = 1
        while !Task.isCancelled {
            let pods = (try? await client.resource(Pod.self).list().items) ?? []
            for var pod in pods where pod.metadata.deletionTimestamp == nil && !pod.isTerminal {
                if pod.status.conditions?.contains(where: { $0.type == "Ready" }) != true {
                    pod.status.phase = "Running"
                    pod.status.podIP = "10.244.0.\(next)"
                    next = next % 250 + 1
                    Self.setReady(&pod, true)
                } else if let outcome = pod.metadata.labels?[Self.outcomeLabel], outcome == "Succeeded" || outcome == "Failed" {
                    Self.finish(&pod, outcome)
                } else {
                    continue
                }
                _ = try? await client.resource(Pod.self, namespace: pod.metadata.namespace).updateStatus(pod)
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}

/// An apiserver (the built binary, memory store), the named controllers, and optionally the fake kubelet.
final class ControllerHarness: Sendable {
    let server: ServerProcess
    let client: RESTClient
    let manager: Task<Void, Never>
    let kubelet: Task<Void, Never>?

    init(controllers: [String], kubelet runKubelet: Bool = true, apiserverArguments: [String] = [],
         configure: (inout ControllerManagerOptions) -> Void = { _ in }) async throws {
        server = try await ServerProcess(extraArguments: ["--storage", "memory"] + apiserverArguments)
        let client = try RESTClient(config: ClientConfig(server: server.url))
        self.client = client
        var logger = Logger(label: "test.controller-manager")
        logger.logLevel = .warning
        var options = ControllerManagerOptions()
        options.workers = 2
        options.controllers = controllers
        configure(&options)
        let cm = ControllerManager(client: client, options: options, logger: logger)
        manager = Task { try? await cm.run() }
        kubelet = runKubelet ? Task { await FakeKubelet(client: client).run() } : nil
    }

    func stop() {
        manager.cancel()
        kubelet?.cancel()
        server.stop()
        server.removeData()
    }

    func pods(_ namespace: String = "default", selector: String? = nil) async throws -> [Pod] {
        try await client.resource(Pod.self, namespace: namespace).list(labelSelector: selector).items
    }

    func events(_ namespace: String = "default", about name: String) async throws -> [Event] {
        try await client.resource(Event.self, namespace: namespace).list().items.filter { $0.involvedObject.name == name }
    }

    @discardableResult
    func createNode(_ name: String, labels: [String: String] = [:], taints: [Taint]? = nil, ready: Bool = true) async throws -> Node {
        let nodes = client.resource(Node.self)
        var node = try await nodes.create(Node(metadata: ObjectMeta(name: name, labels: labels), spec: NodeSpec(taints: taints)))
        // Controllers (nodeipam, lifecycle) may write the node in between: retry on conflicts.
        for _ in 0..<20 {
            node.status.conditions = [NodeCondition(type: "Ready", status: ready ? "True" : "False", lastHeartbeatTime: .now(), lastTransitionTime: .now(),
                                                    reason: "KubeletReady", message: "kubelet is posting ready status")]
            do { return try await nodes.updateStatus(node) } catch let error as APIError where error.isConflict {
                node = try await nodes.get(name)
            }
        }
        throw TestFailure("kept conflicting while setting node \(name) Ready")
    }

    static func template(app: String, image: String = "busybox", outcome: String? = nil) -> PodTemplateSpec {
        var labels = ["app": app]
        if let outcome { labels[FakeKubelet.outcomeLabel] = outcome }
        return PodTemplateSpec(metadata: ObjectMeta(labels: labels), spec: PodSpec(containers: [Container(name: "c", image: image)]))
    }
}

extension ControllerHarness {
    /// Read-modify-write that retries on conflicts (controllers write status concurrently).
    @discardableResult
    func modify<O: KubeObject>(_ type: O.Type, namespace: String? = "default", _ name: String, _ change: (inout O) -> Void) async throws -> O {
        let api = client.resource(type, namespace: namespace)
        for _ in 0..<20 {
            var object = try await api.get(name)
            change(&object)
            do { return try await api.update(object) } catch let error as APIError where error.isConflict { continue }
        }
        throw TestFailure("kept conflicting while updating \(O.kind) \(name)")
    }
}
