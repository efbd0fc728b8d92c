import Foundation

/// What the runtime says about one pod, in plain values (upstream's kubecontainer.PodStatus):
/// its sandboxes and containers, newest first. computePodActions and status generation read
/// only this, so both are pure and tested without a runtime.
public struct RuntimePodStatus: Sendable, Equatable {
    public var uid: String
    public var name: String
    public var namespace: String
    /// Newest first.
    public var sandboxes: [RuntimeSandboxStatus]
    /// Newest first (by creation time), every attempt of every container.
    public var containers: [RuntimeContainerStatus]

    public init(uid: String, name: String = "", namespace: String = "", sandboxes: [RuntimeSandboxStatus] = [],
                containers: [RuntimeContainerStatus] = []) {
        self.uid = uid
        self.name = name
        self.namespace = namespace
        self.sandboxes = sandboxes.sorted { $0.createdAt > $1.createdAt }
        self.containers = containers.sorted { $0.createdAt > $1.createdAt }
    }

    /// The most recent instance of the named container.
    public func latest(_ containerName: String) -> RuntimeContainerStatus? {
        containers.first { $0.name == containerName }
    }

    /// Every instance of the named container, newest first.
    public func instances(_ containerName: String) -> [RuntimeContainerStatus] {
        containers.filter { $0.name == containerName }
    }

    /// The pod's IPs as the newest sandbox reports them (primary first).
    public var podIPs: [String] {
        guard let sandbox = sandboxes.first else { return [] }
        return ([sandbox.ip] + sandbox.additionalIPs).filter { !$0.isEmpty }
    }
}

public struct RuntimeSandboxStatus: Sendable, Equatable {
    public var id: String
    public var ready: Bool
    /// Nanoseconds since the epoch.
    public var createdAt: Int64
    public var attempt: UInt32
    public var ip: String
    public var additionalIPs: [String]
    public var hostNetwork: Bool

    public init(id: String, ready: Bool, createdAt: Int64 = 0, attempt: UInt32 = 0, ip: String = "",
                additionalIPs: [String] = [], hostNetwork: Bool = false) {
        self.id = id
        self.ready = ready
        self.createdAt = createdAt
        self.attempt = attempt
        self.ip = ip
        self.additionalIPs = additionalIPs
        self.hostNetwork = hostNetwork
    }
}

public struct RuntimeContainerStatus: Sendable, Equatable {
    public enum State: String, Sendable, Equatable { case created, running, exited, unknown }

    public var id: String
    public var name: String
    public var state: State
    /// Nanoseconds since the epoch (0: not known).
    public var createdAt: Int64
    public var startedAt: Int64
    public var finishedAt: Int64
    public var exitCode: Int32
    /// The runtime's reason for an exit: Completed, Error, OOMKilled.
    public var reason: String
    public var message: String
    public var image: String
    public var imageRef: String
    /// From the container's annotations (the kubelet wrote them at creation).
    public var restartCount: Int32
    public var hash: String
    public var sandboxID: String

    public init(id: String, name: String, state: State, createdAt: Int64 = 0, startedAt: Int64 = 0, finishedAt: Int64 = 0,
                exitCode: Int32 = 0, reason: String = "", message: String = "", image: String = "", imageRef: String = "",
                restartCount: Int32 = 0, hash: String = "", sandboxID: String = "") {
        self.id = id
        self.name = name
        self.state = state
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.exitCode = exitCode
        self.reason = reason
        self.message = message
        self.image = image
        self.imageRef = imageRef
        self.restartCount = restartCount
        self.hash = hash
        self.sandboxID = sandboxID
    }

    public var finishedDate: Date? { finishedAt > 0 ? Date(nanosecondsSince1970: finishedAt) : nil }
    public var startedDate: Date? { startedAt > 0 ? Date(nanosecondsSince1970: startedAt) : nil }
}

extension Date {
    init(nanosecondsSince1970 nanoseconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(nanoseconds) / 1_000_000_000)
    }
}
