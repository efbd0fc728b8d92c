import Foundation
import KubeAPI

/// The Node object and its status as the kubelet reports them (upstream's
/// kubelet_node_status.go and nodestatus setters): capacity and allocatable, addresses, nodeInfo,
/// the kubelet endpoint, and the Ready / MemoryPressure / DiskPressure / PIDPressure conditions
/// with upstream's reasons and messages. Pure: the machine, the sample and the clock are inputs.
public struct NodeStatusBuilder: Sendable {
    public var nodeName: String
    public var hostname: String
    public var nodeIPs: [String]
    public var machine: MachineInfo
    public var kubeletPort: Int32
    public var kubeletVersion: String
    public var maxPods: Int
    /// upstream's default hard eviction thresholds: memory.available<100Mi, nodefs.available<10%,
    /// and pid.available below 10% (the PID pressure line kubelets commonly use).
    public var memoryAvailableThreshold: Int64 = 100 * 1024 * 1024
    public var filesystemAvailableFraction: Double = 0.10
    public var pidAvailableFraction: Double = 0.10

    public init(nodeName: String, hostname: String, nodeIPs: [String], machine: MachineInfo, kubeletPort: Int32,
                kubeletVersion: String, maxPods: Int = 110) {
        self.nodeName = nodeName
        self.hostname = hostname
        self.nodeIPs = nodeIPs
        self.machine = machine
        self.kubeletPort = kubeletPort
        self.kubeletVersion = kubeletVersion
        self.maxPods = maxPods
    }

    /// The Node to register: name, well-known labels, and (when the kubelet was given one) its pod CIDR.
    public func initialNode(podCIDR: String?) -> Node {
        var node = Node()
        node.metadata.name = nodeName
        node.metadata.labels = [
            "kubernetes.io/hostname": hostname, "kubernetes.io/os": "linux", "kubernetes.io/arch": machine.architecture,
            "beta.kubernetes.io/os": "linux", "beta.kubernetes.io/arch": machine.architecture,
        ]
        if let podCIDR, !podCIDR.isEmpty {
            node.spec.podCIDR = podCIDR
            node.spec.podCIDRs = [podCIDR]
        }
        return node
    }

    public var capacity: [String: Quantity] {
        [
            "cpu": Quantity(value: Int64(machine.cpus)),
            "memory": Quantity(value: machine.memoryBytes, format: .binarySI),
            "ephemeral-storage": Quantity(value: machine.ephemeralStorageBytes, format: .binarySI),
            "pods": Quantity(value: Int64(maxPods)),
        ]
    }

    /// The status to report, keeping each condition's lastTransitionTime while its status holds.
    public func status(previous: NodeStatus, runtimeReady: Bool, runtimeMessage: String, runtimeVersion: String,
                       sample: NodeResourceSample, now: Date) -> NodeStatus {
        var status = previous
        status.capacity = capacity
        status.allocatable = capacity
        status.addresses = nodeIPs.map { NodeAddress(type: "InternalIP", address: $0) } + [NodeAddress(type: "Hostname", address: hostname)]
        status.daemonEndpoints = NodeDaemonEndpoints(kubeletEndpoint: DaemonEndpoint(port: kubeletPort))
        status.nodeInfo = NodeSystemInfo(
            machineID: machine.machineID, systemUUID: machine.systemUUID, bootID: machine.bootID,
            kernelVersion: machine.kernelVersion, osImage: machine.osImage, containerRuntimeVersion: runtimeVersion,
            kubeletVersion: kubeletVersion, kubeProxyVersion: "", operatingSystem: "linux", architecture: machine.architecture)
        let time = Time(now)
        func condition(_ type: String, _ value: Bool, _ reason: String, _ message: String) -> NodeCondition {
            let text = value ? "True" : "False"
            let old = previous.conditions?.first { $0.type == type }
            return NodeCondition(type: type, status: text, lastHeartbeatTime: time,
                                 lastTransitionTime: old?.status == text ? (old?.lastTransitionTime ?? time) : time,
                                 reason: reason, message: message)
        }
        let memoryPressure = sample.memoryAvailableBytes.map { $0 < memoryAvailableThreshold } ?? false
        let diskPressure: Bool = {
            guard let total = sample.filesystemTotalBytes, let available = sample.filesystemAvailableBytes, total > 0 else { return false }
            return Double(available) / Double(total) < filesystemAvailableFraction
        }()
        let pidPressure: Bool = {
            guard let used = sample.processes, let max = sample.maxPIDs, max > 0 else { return false }
            return Double(max - used) / Double(max) < pidAvailableFraction
        }()
        status.conditions = [
            memoryPressure
                ? condition("MemoryPressure", true, "KubeletHasInsufficientMemory", "kubelet has insufficient memory available")
                : condition("MemoryPressure", false, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            diskPressure
                ? condition("DiskPressure", true, "KubeletHasDiskPressure", "kubelet has disk pressure")
                : condition("DiskPressure", false, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            pidPressure
                ? condition("PIDPressure", true, "KubeletHasInsufficientPID", "kubelet has insufficient PID available")
                : condition("PIDPressure", false, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            runtimeReady
                ? condition("Ready", true, "KubeletReady", "kubelet is posting ready status")
                : condition("Ready", false, "KubeletNotReady", runtimeMessage),
        ]
        return status
    }

    /// Whether `next` differs from `previous` in anything but heartbeat times — a change worth
    /// writing before the periodic report is due.
    public static func changed(_ previous: NodeStatus, _ next: NodeStatus) -> Bool {
        func strip(_ status: NodeStatus) -> NodeStatus {
            var copy = status
            copy.conditions = copy.conditions?.map { var c = $0; c.lastHeartbeatTime = nil; return c }
            return copy
        }
        return strip(previous) != strip(next)
    }
}
