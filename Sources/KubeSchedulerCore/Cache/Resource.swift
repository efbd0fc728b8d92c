import KubeAPI

/// Amounts of the resources the scheduler accounts for, as upstream's `framework.Resource`:
/// CPU in millicores, memory and ephemeral storage in bytes, a pod count, and extended
/// (scalar) resources by name.
public struct Resource: Hashable, Sendable {
    public var milliCPU: Int64 = 0
    public var memory: Int64 = 0
    public var ephemeralStorage: Int64 = 0
    public var allowedPodNumber: Int64 = 0
    public var scalar: [String: Int64] = [:]

    public init(milliCPU: Int64 = 0, memory: Int64 = 0, ephemeralStorage: Int64 = 0, allowedPodNumber: Int64 = 0, scalar: [String: Int64] = [:]) {
        self.milliCPU = milliCPU
        self.memory = memory
        self.ephemeralStorage = ephemeralStorage
        self.allowedPodNumber = allowedPodNumber
        self.scalar = scalar
    }

    /// A resource list (`requests`, `allocatable`, `overhead`) in scheduler units.
    public init(_ list: [String: Quantity]?) {
        guard let list else { return }
        for (name, quantity) in list { self[name] = name == ResourceName.cpu ? quantity.milliValue : quantity.value }
    }

    /// The amount of `name`, in the unit upstream compares it in (millicores for cpu).
    public subscript(name: String) -> Int64 {
        get {
            switch name {
            case ResourceName.cpu: milliCPU
            case ResourceName.memory: memory
            case ResourceName.ephemeralStorage: ephemeralStorage
            case ResourceName.pods: allowedPodNumber
            default: scalar[name] ?? 0
            }
        }
        set {
            switch name {
            case ResourceName.cpu: milliCPU = newValue
            case ResourceName.memory: memory = newValue
            case ResourceName.ephemeralStorage: ephemeralStorage = newValue
            case ResourceName.pods: allowedPodNumber = newValue
            default: if ResourceName.isScalar(name) { scalar[name] = newValue }
            }
        }
    }

    public mutating func add(_ other: Resource) {
        milliCPU += other.milliCPU
        memory += other.memory
        ephemeralStorage += other.ephemeralStorage
        allowedPodNumber += other.allowedPodNumber
        for (k, v) in other.scalar { scalar[k, default: 0] += v }
    }

    public mutating func subtract(_ other: Resource) {
        milliCPU -= other.milliCPU
        memory -= other.memory
        ephemeralStorage -= other.ephemeralStorage
        allowedPodNumber -= other.allowedPodNumber
        for (k, v) in other.scalar { scalar[k, default: 0] -= v }
    }

    /// Element-wise maximum (init containers run one at a time, so the pod needs the largest).
    public mutating func setMax(_ other: Resource) {
        milliCPU = max(milliCPU, other.milliCPU)
        memory = max(memory, other.memory)
        ephemeralStorage = max(ephemeralStorage, other.ephemeralStorage)
        allowedPodNumber = max(allowedPodNumber, other.allowedPodNumber)
        for (k, v) in other.scalar { scalar[k] = max(scalar[k] ?? 0, v) }
    }

    public var isZero: Bool {
        milliCPU == 0 && memory == 0 && ephemeralStorage == 0 && scalar.values.allSatisfy { $0 == 0 }
    }
}

/// Resource names the scheduler treats specially (upstream `v1.Resource*`).
public enum ResourceName {
    public static let cpu = "cpu"
    public static let memory = "memory"
    public static let ephemeralStorage = "ephemeral-storage"
    public static let pods = "pods"

    /// Extended resources (`example.com/gpu`), hugepages and attachable volumes: counted by name.
    public static func isScalar(_ name: String) -> Bool {
        if name.hasPrefix("hugepages-") || name.hasPrefix("attachable-volumes-") { return true }
        guard name.contains("/") else { return false }
        return !name.hasPrefix("kubernetes.io/") && !name.hasPrefix("requests.")
    }
}
