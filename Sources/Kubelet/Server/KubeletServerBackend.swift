import CRI
import Foundation
import KubeAPI

/// What the kubelet HTTP server asks the kubelet. The kubelet implements it; tests implement it
/// with dictionaries and files.
public protocol KubeletServerBackend: Sendable {
    /// The pods bound to this node that the kubelet is running (`/pods`).
    func runningPods() -> [Pod]
    /// CRI container id + log path for ns/pod/container; previous = the last terminated instance.
    /// Throws `KubeletServerError` (its description is what the client sees).
    func containerLog(namespace: String, pod: String, container: String, previous: Bool) async throws -> (containerID: String, logPath: String)
    func containerID(namespace: String, pod: String, container: String) async throws -> String
    /// Exec/Attach/PortForward URLs and stats for /stats/summary.
    var cri: CRIClient { get }
    var nodeName: String { get }

    // Seams with CRI-backed defaults (see the extension below), so the server is testable without a runtime.

    /// Whether the container still runs: `follow` stops once it does not.
    func isContainerRunning(id: String) async throws -> Bool
    /// The runtime's one-shot streaming URL for an exec or attach.
    func streamingURL(for request: ContainerStreamRequest) async throws -> String
    /// Per-container usage for /stats/summary (CRI ListContainerStats; pod figures are their sums).
    func resourceStats() async throws -> ResourceStats
}

/// An exec or attach the server was asked for, already resolved to a CRI container id.
public struct ContainerStreamRequest: Sendable, Equatable {
    public enum Kind: String, Sendable { case exec, attach }
    public var kind: Kind
    public var containerID: String
    public var command: [String]
    public var stdin: Bool
    public var stdout: Bool
    public var stderr: Bool
    public var tty: Bool

    public init(kind: Kind, containerID: String, command: [String] = [], stdin: Bool, stdout: Bool, stderr: Bool, tty: Bool) {
        self.kind = kind
        self.containerID = containerID
        self.command = command
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.tty = tty
    }
}

/// What the runtime reports about resource usage, keyed the way /stats/summary groups it.
public struct ResourceStats: Sendable {
    public struct Usage: Sendable, Equatable {
        /// Cumulative CPU time.
        public var cpuUsageCoreNanoSeconds: UInt64?
        public var memoryWorkingSetBytes: UInt64?
        /// Nanoseconds since the epoch.
        public var timestamp: Int64
        public init(cpuUsageCoreNanoSeconds: UInt64? = nil, memoryWorkingSetBytes: UInt64? = nil, timestamp: Int64) {
            self.cpuUsageCoreNanoSeconds = cpuUsageCoreNanoSeconds
            self.memoryWorkingSetBytes = memoryWorkingSetBytes
            self.timestamp = timestamp
        }
    }
    public struct Container: Sendable, Equatable {
        public var podNamespace: String
        public var podName: String
        public var podUID: String
        public var name: String
        public var usage: Usage
        public init(podNamespace: String, podName: String, podUID: String, name: String, usage: Usage) {
            self.podNamespace = podNamespace
            self.podName = podName
            self.podUID = podUID
            self.name = name
            self.usage = usage
        }
    }
    public var containers: [Container]
    public init(containers: [Container] = []) {
        self.containers = containers
    }
}

extension KubeletServerBackend {
    public func isContainerRunning(id: String) async throws -> Bool {
        var request = Runtime_V1_ContainerStatusRequest()
        request.containerID = id
        let response = try await cri.runtime.containerStatus(request)
        return response.status.state == .containerRunning
    }

    public func streamingURL(for request: ContainerStreamRequest) async throws -> String {
        switch request.kind {
        case .exec:
            var exec = Runtime_V1_ExecRequest()
            exec.containerID = request.containerID
            exec.cmd = request.command
            exec.stdin = request.stdin
            exec.stdout = request.stdout
            // The runtime refuses stderr with a TTY: the terminal carries both streams.
            exec.stderr = request.stderr && !request.tty
            exec.tty = request.tty
            return try await cri.runtime.exec(exec).url
        case .attach:
            var attach = Runtime_V1_AttachRequest()
            attach.containerID = request.containerID
            attach.stdin = request.stdin
            attach.stdout = request.stdout
            attach.stderr = request.stderr && !request.tty
            attach.tty = request.tty
            return try await cri.runtime.attach(attach).url
        }
    }

    public func resourceStats() async throws -> ResourceStats {
        let sandboxes = try await cri.runtime.listPodSandbox(Runtime_V1_ListPodSandboxRequest()).items
        let byID = Dictionary(sandboxes.map { ($0.id, $0.metadata) }, uniquingKeysWith: { a, _ in a })
        var stats = ResourceStats()
        let containers = try await cri.runtime.listContainerStats(Runtime_V1_ListContainerStatsRequest()).stats
        let containerList = try await cri.runtime.listContainers(Runtime_V1_ListContainersRequest()).containers
        let sandboxOf = Dictionary(containerList.map { ($0.id, $0.podSandboxID) }, uniquingKeysWith: { a, _ in a })
        for c in containers {
            guard let sandboxID = sandboxOf[c.attributes.id], let pod = byID[sandboxID] else { continue }
            stats.containers.append(.init(
                podNamespace: pod.namespace, podName: pod.name, podUID: pod.uid, name: c.attributes.metadata.name,
                usage: .init(
                    cpuUsageCoreNanoSeconds: c.hasCpu && c.cpu.hasUsageCoreNanoSeconds ? c.cpu.usageCoreNanoSeconds.value : nil,
                    memoryWorkingSetBytes: c.hasMemory && c.memory.hasWorkingSetBytes ? c.memory.workingSetBytes.value : nil,
                    timestamp: c.cpu.timestamp != 0 ? c.cpu.timestamp : c.memory.timestamp)))
        }
        return stats
    }
}

/// A failure the server reports to its client: the HTTP status and upstream's wording.
public struct KubeletServerError: Error, Sendable, CustomStringConvertible {
    public var status: Int
    public var message: String
    public init(status: Int, _ message: String) {
        self.status = status
        self.message = message
    }
    public var description: String { message }

    public static func podNotFound(_ pod: String) -> Self { .init(status: 404, "pod \"\(pod)\" does not exist") }
    public static func containerNotFound(_ container: String, pod: String) -> Self {
        .init(status: 404, "container \"\(container)\" not found in pod \"\(pod)\"")
    }
}
