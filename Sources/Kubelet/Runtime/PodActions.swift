/// What one sync must do to bring a pod's runtime state to its spec (upstream's podActions):
/// the result of the pure `computePodActions`, executed by `KubeRuntimeManager.syncPod`.
public struct PodActions: Sendable, Equatable {
    /// Stop every container and the sandbox (before creating a new sandbox, or because the pod is done).
    public var killPod = false
    public var createSandbox = false
    /// The sandbox to run containers in when none is created.
    public var sandboxID = ""
    /// The attempt number of the sandbox to create (0 for the first).
    public var attempt: UInt32 = 0
    /// The init container to start next (they run one at a time, in order).
    public var nextInitContainerToStart: String?
    /// App containers to start, in spec order.
    public var containersToStart: [String] = []
    /// Running (or unknown) containers to stop, with why.
    public var containersToKill: [ContainerToKill] = []

    public init(killPod: Bool = false, createSandbox: Bool = false, sandboxID: String = "", attempt: UInt32 = 0,
                nextInitContainerToStart: String? = nil, containersToStart: [String] = [], containersToKill: [ContainerToKill] = []) {
        self.killPod = killPod
        self.createSandbox = createSandbox
        self.sandboxID = sandboxID
        self.attempt = attempt
        self.nextInitContainerToStart = nextInitContainerToStart
        self.containersToStart = containersToStart
        self.containersToKill = containersToKill
    }
}

public struct ContainerToKill: Sendable, Equatable {
    public enum Reason: String, Sendable, Equatable { case specChanged, livenessProbe, startupProbe, unknownState }

    public var id: String
    public var name: String
    public var reason: Reason
    public var message: String

    public init(id: String, name: String, reason: Reason, message: String) {
        self.id = id
        self.name = name
        self.reason = reason
        self.message = message
    }
}
