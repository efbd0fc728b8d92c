import CRI
import Foundation
import KubeAPI
import KubeClient
import Logging
import Synchronization

/// Registers the Node and keeps its status current (upstream's registerWithAPIServer and
/// updateNodeStatus): checked every `updateFrequency` (10 s), written when something changed
/// and at least every `reportFrequency` (1 min). (Upstream also passes spec.podCIDR to the runtime
/// with UpdateRuntimeConfig; kubeswift's CRI subset has no such call yet.)
public final class NodeStatusManager: Sendable {
    let client: RESTClient
    let cri: CRIClient
    let builder: NodeStatusBuilder
    let podCIDR: String?
    let rootDirectory: String
    let updateFrequency: Duration
    let reportFrequency: Duration
    let runtimeHealthy: @Sendable () -> Bool
    let logger: Logger
    let state = Mutex<State>(State())

    struct State {
        var registered = false
        var lastReported: NodeStatus?
        var lastReportTime: Date?
    }

    public init(client: RESTClient, cri: CRIClient, builder: NodeStatusBuilder, podCIDR: String?, rootDirectory: String,
                updateFrequency: Duration, reportFrequency: Duration = .seconds(60),
                runtimeHealthy: @escaping @Sendable () -> Bool, logger: Logger) {
        self.client = client
        self.cri = cri
        self.builder = builder
        self.podCIDR = podCIDR
        self.rootDirectory = rootDirectory
        self.updateFrequency = updateFrequency
        self.reportFrequency = reportFrequency
        self.runtimeHealthy = runtimeHealthy
        self.logger = logger
    }

    var nodes: ResourceClient<Node> { client.resource(Node.self) }

    public var isRegistered: Bool { state.withLock { $0.registered } }

    public func run() async {
        while !Task.isCancelled {
            do {
                try await syncOnce()
            } catch {
                logger.warning("node status of \(builder.nodeName): \(error)")
            }
            try? await Task.sleep(for: updateFrequency)
        }
    }

    /// Registers if needed, then writes the status when it changed or the report is due.
    public func syncOnce(now: Date = Date()) async throws {
        if !state.withLock({ $0.registered }) {
            try await register()
        }
        let node = try await nodes.get(builder.nodeName)
        let (ready, message, version) = await runtimeState()
        var next = builder.status(previous: node.status, runtimeReady: ready, runtimeMessage: message, runtimeVersion: version,
                                  sample: NodeResourceSample.read(rootDirectory: rootDirectory), now: now)
        if let images = try? await cri.images.listImages(Runtime_V1_ListImagesRequest()).images {
            // Upstream reports the 50 largest (nodeStatusMaxImages), digests then tags.
            next.images = images.sorted { $0.size > $1.size }.prefix(50).map {
                ContainerImage(names: $0.repoDigests + $0.repoTags, sizeBytes: Int64($0.size))
            }
        }
        let due = state.withLock { state -> Bool in
            guard let last = state.lastReportTime, let reported = state.lastReported else { return true }
            return now.timeIntervalSince(last) >= reportFrequency.seconds || NodeStatusBuilder.changed(reported, next)
        }
        guard due else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let body = Array(#"{"status":"#.utf8) + Array(try encoder.encode(next)) + Array("}".utf8)
        _ = try await client.patch(nodes.path(name: builder.nodeName, subresource: "status"), type: .merge, body: body)
        state.withLock { state in
            state.lastReported = next
            state.lastReportTime = now
        }
    }

    /// Creates the Node; one that exists already (a restart, or a re-registration) is kept.
    func register() async throws {
        do {
            _ = try await nodes.create(builder.initialNode(podCIDR: podCIDR))
            logger.notice("registered node \(builder.nodeName)")
        } catch let error as APIError where error.code == 409 {
            logger.info("node \(builder.nodeName) already registered")
        }
        state.withLock { $0.registered = true }
    }

    func runtimeState() async -> (ready: Bool, message: String, version: String) {
        do {
            let version = try await cri.runtime.version(Runtime_V1_VersionRequest())
            let runtimeVersion = "\(version.runtimeName)://\(version.runtimeVersion)"
            guard runtimeHealthy() else {
                return (false, "PLEG is not healthy: the container runtime has not been relisted recently", runtimeVersion)
            }
            return (true, "", runtimeVersion)
        } catch {
            return (false, "container runtime is down: \(RuntimeCallError.describe(error))", "")
        }
    }
}
