/// The kernel operations container setup performs, behind a protocol so the order and
/// arguments are unit-tested with `RecordingSyscalls` and executed with `KernelSyscalls`.
public protocol ContainerSyscalls {
    func joinCgroup(_ cgroupPath: String) throws
    func joinNamespace(_ namespace: NamespacePath) throws
    func unshare(_ kinds: [NamespaceKind]) throws
    func mount(source: String, target: String, type: String, flags: MountFlags, data: String) throws
    func makeDirectory(_ path: String) throws
    func makeFile(_ path: String) throws
    func makeDevice(_ device: DeviceNode, at path: String) throws
    func symlink(_ target: String, at path: String) throws
    func fileKind(_ path: String) -> FileKind
    func pivotRoot(_ newRoot: String) throws
    func setHostname(_ name: String) throws
    func setRlimit(_ limit: Rlimit) throws
    func dropBoundingSet(keeping: CapabilitySet) throws
    func setUser(_ user: ProcessUser) throws
    func setCapabilities(_ capabilities: CapabilitySet) throws
    func setNoNewPrivileges() throws
    func loadSeccomp(_ profile: SeccompProfile) throws
    func loadSeccompProgram(_ program: [UInt8]) throws
    func changeDirectory(_ path: String) throws
    func isExecutable(_ path: String) -> Bool
    func exec(_ path: String, args: [String], env: [String]) throws -> Never
}

/// One recorded call, in a form tests can compare.
public enum RecordedCall: Equatable, Sendable, CustomStringConvertible {
    case joinCgroup(String)
    case joinNamespace(NamespaceKind, String)
    case unshare([NamespaceKind])
    case mount(source: String, target: String, type: String, flags: MountFlags, data: String)
    case makeDirectory(String)
    case makeFile(String)
    case makeDevice(String, UInt32, UInt32)
    case symlink(String, String)
    case pivotRoot(String)
    case setHostname(String)
    case setRlimit(Rlimit)
    case dropBoundingSet([Capability])
    case setUser(ProcessUser)
    case setCapabilities([Capability])
    case setNoNewPrivileges
    case loadSeccomp(SeccompProfile)
    case loadSeccompProgram(bytes: Int)
    case changeDirectory(String)
    case exec(String, [String])

    public var description: String {
        switch self {
        case .mount(let source, let target, let type, _, let data): "mount(\(type) \(source) → \(target) \(data))"
        default: "\(self)"
        }
    }
}

/// A fake that records calls and can be told to fail one of them.
public final class RecordingSyscalls: ContainerSyscalls, @unchecked Sendable {
    public private(set) var calls: [RecordedCall] = []
    /// Paths the fake reports as directories / files; anything else is missing.
    public var directories: Set<String> = []
    public var files: Set<String> = []
    public var executables: Set<String> = []
    /// The first call for which this returns true fails with EPERM.
    public var failWhen: (RecordedCall) -> Bool = { _ in false }

    public struct ExecReached: Error {}

    public init() {}

    private func record(_ call: RecordedCall) throws {
        calls.append(call)
        if failWhen(call) { throw SyscallError(stage: call.description, errno: 1) }
    }

    public func joinCgroup(_ cgroupPath: String) throws { try record(.joinCgroup(cgroupPath)) }
    public func joinNamespace(_ namespace: NamespacePath) throws { try record(.joinNamespace(namespace.kind, namespace.path)) }
    public func unshare(_ kinds: [NamespaceKind]) throws { try record(.unshare(kinds)) }
    public func mount(source: String, target: String, type: String, flags: MountFlags, data: String) throws {
        try record(.mount(source: source, target: target, type: type, flags: flags, data: data))
    }
    public func makeDirectory(_ path: String) throws { try record(.makeDirectory(path)) }
    public func makeFile(_ path: String) throws { try record(.makeFile(path)) }
    public func makeDevice(_ device: DeviceNode, at path: String) throws { try record(.makeDevice(path, device.major, device.minor)) }
    public func symlink(_ target: String, at path: String) throws { try record(.symlink(target, path)) }
    public func fileKind(_ path: String) -> FileKind {
        directories.contains(path) ? .directory : files.contains(path) ? .file : .missing
    }
    public func pivotRoot(_ newRoot: String) throws { try record(.pivotRoot(newRoot)) }
    public func setHostname(_ name: String) throws { try record(.setHostname(name)) }
    public func setRlimit(_ limit: Rlimit) throws { try record(.setRlimit(limit)) }
    public func dropBoundingSet(keeping: CapabilitySet) throws { try record(.dropBoundingSet(keeping.bounding)) }
    public func setUser(_ user: ProcessUser) throws { try record(.setUser(user)) }
    public func setCapabilities(_ capabilities: CapabilitySet) throws { try record(.setCapabilities(capabilities.bounding)) }
    public func setNoNewPrivileges() throws { try record(.setNoNewPrivileges) }
    public func loadSeccomp(_ profile: SeccompProfile) throws { try record(.loadSeccomp(profile)) }
    public func loadSeccompProgram(_ program: [UInt8]) throws { try record(.loadSeccompProgram(bytes: program.count)) }
    public func changeDirectory(_ path: String) throws { try record(.changeDirectory(path)) }
    public func isExecutable(_ path: String) -> Bool { executables.contains(path) }
    public func exec(_ path: String, args: [String], env: [String]) throws -> Never {
        try record(.exec(path, args))
        throw ExecReached()
    }
}
