/// Executes a `ContainerSetup`, step by step, against a `ContainerSyscalls`.
///
/// Two phases, because a new pid namespace only applies to children:
/// 1. `enterNamespaces()` in the helper: join pod namespaces, unshare the new ones.
/// 2. after the helper forks, `prepare()` in the child (pid 1 of the new pid namespace):
///    join the cgroup and unshare the cgroup namespace there (so the helper, which stays as
///    the monitor, is not counted or killed with the container) → rootfs → mounts →
///    pivot_root → hostname → rlimits → user → capabilities → no_new_privs → seccomp,
///    returning the resolved executable; then `exec`.
public struct ContainerSetupRunner<Syscalls: ContainerSyscalls> {
    public let syscalls: Syscalls
    public let setup: ContainerSetup

    public init(syscalls: Syscalls, setup: ContainerSetup) {
        self.syscalls = syscalls
        self.setup = setup
    }

    public static var defaultPath: String { "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" }

    /// Symlinks every container's /dev has (as runc creates them).
    public static var devSymlinks: [(target: String, path: String)] {
        [("/proc/self/fd", "/dev/fd"), ("/proc/self/fd/0", "/dev/stdin"), ("/proc/self/fd/1", "/dev/stdout"),
         ("/proc/self/fd/2", "/dev/stderr"), ("/proc/kcore", "/dev/core"), ("pts/ptmx", "/dev/ptmx")]
    }

    public func enterNamespaces() throws(ContainerSetupError) {
        try step(.joinNamespaces) {
            for namespace in setup.joinNamespaces { try syscalls.joinNamespace(namespace) }
        }
        try step(.newNamespaces) { try syscalls.unshare(setup.newNamespaces.filter { $0 != .cgroup }) }
    }

    /// Everything up to exec; returns the absolute path of the executable to run.
    /// `bornInCgroup`: the helper forked straight into the cgroup (clone3), nothing to join.
    public func prepare(bornInCgroup: Bool = false) throws(ContainerSetupError) -> String {
        let root = setup.rootfs.path
        if !bornInCgroup, let cgroupPath = setup.cgroupPath {
            try step(.joinCgroup) { try syscalls.joinCgroup(cgroupPath) }
        }
        if setup.newNamespaces.contains(.cgroup) {
            try step(.newNamespaces) { try syscalls.unshare([.cgroup]) }
        }
        try step(.rootfs) {
            // Nothing mounted from here on propagates back to the host.
            try syscalls.mount(source: "none", target: "/", type: "", flags: [.recursive, .private], data: "")
            let overlay = setup.rootfs.overlayMount
            try syscalls.mount(source: overlay.source, target: root, type: "overlay", flags: [],
                               data: MountOptions(overlay.options).dataString)
        }
        try step(.mounts) {
            for mount in setup.mounts { try perform(mount, root: root) }
            for device in setup.devices { try syscalls.makeDevice(device, at: root + device.path) }
            if setup.mounts.contains(where: { $0.destination == "/dev" }) {
                for link in Self.devSymlinks { try syscalls.symlink(link.target, at: root + link.path) }
            }
            for path in setup.maskedPaths { try mask(root + path) }
            for path in setup.readonlyPaths { try makeReadOnly(root + path) }
        }
        try step(.pivotRoot) {
            try syscalls.pivotRoot(root)
            if setup.rootfs.readOnly {
                try syscalls.mount(source: "none", target: "/", type: "", flags: [.remount, .bind, .readOnly], data: "")
            }
        }
        if let hostname = setup.hostname {
            try step(.hostname) { try syscalls.setHostname(hostname) }
        }
        try step(.rlimits) { for limit in setup.rlimits { try syscalls.setRlimit(limit) } }
        // Without no_new_privs, loading a filter needs CAP_SYS_ADMIN: do it before dropping it.
        if !setup.noNewPrivileges { try loadSeccomp() }
        if let capabilities = setup.capabilities {
            try step(.capabilities) { try syscalls.dropBoundingSet(keeping: capabilities) }
        }
        try step(.user) { try syscalls.setUser(setup.user) }
        if let capabilities = setup.capabilities {
            try step(.capabilities) { try syscalls.setCapabilities(capabilities) }
        }
        if setup.noNewPrivileges {
            try step(.noNewPrivileges) { try syscalls.setNoNewPrivileges() }
            try loadSeccomp()
        }
        return try step(.exec) {
            try syscalls.changeDirectory(setup.process.cwd)
            return try resolveExecutable()
        }
    }

    func loadSeccomp() throws(ContainerSetupError) {
        if let program = setup.seccompProgram {
            try step(.seccomp) { try syscalls.loadSeccompProgram(program.bytes) }
        } else if let profile = setup.seccomp {
            try step(.seccomp) { try syscalls.loadSeccomp(profile) }
        }
    }

    public func exec(_ path: String) throws(ContainerSetupError) -> Never {
        do {
            try syscalls.exec(path, args: setup.process.args, env: setup.process.env)
        } catch {
            throw ContainerSetupError(step: .exec, error)
        }
    }

    func perform(_ mount: Mount, root: String) throws {
        let target = root + mount.destination
        var options = MountOptions(mount.options)
        if mount.isBind {
            switch syscalls.fileKind(mount.source) {
            case .directory: try syscalls.makeDirectory(target)
            case .file: try syscalls.makeFile(target)
            case .missing: throw SyscallError(stage: "bind mount source \(mount.source) → \(mount.destination)", errno: 2)
            }
            let readOnly = options.flags.contains(.readOnly)
            options.flags.remove(.readOnly)
            try syscalls.mount(source: mount.source, target: target, type: "", flags: options.flags, data: "")
            if readOnly {
                // MS_RDONLY is ignored on the first bind; it takes a remount.
                let kept = options.flags.intersection([.noSuid, .noDev, .noExec])
                try syscalls.mount(source: "none", target: target, type: "",
                                   flags: kept.union([.remount, .bind, .readOnly]), data: "")
            }
        } else {
            try syscalls.makeDirectory(target)
            try syscalls.mount(source: mount.source, target: target, type: mount.type, flags: options.flags,
                               data: options.dataString)
        }
        if !options.propagation.isEmpty {
            try syscalls.mount(source: "none", target: target, type: "", flags: options.propagation, data: "")
        }
    }

    func mask(_ path: String) throws {
        switch syscalls.fileKind(path) {
        case .directory:
            try syscalls.mount(source: "tmpfs", target: path, type: "tmpfs", flags: [.readOnly], data: "")
        case .file:
            try syscalls.mount(source: "/dev/null", target: path, type: "", flags: [.bind], data: "")
        case .missing:
            break
        }
    }

    func makeReadOnly(_ path: String) throws {
        guard syscalls.fileKind(path) != .missing else { return }
        try syscalls.mount(source: path, target: path, type: "", flags: [.bind, .recursive], data: "")
        try syscalls.mount(source: "none", target: path, type: "", flags: [.remount, .bind, .readOnly, .noSuid, .noDev, .noExec], data: "")
    }

    func resolveExecutable() throws -> String {
        guard let name = setup.process.args.first, !name.isEmpty else {
            throw ContainerSetupError(step: .exec, message: "no command: neither the container nor the image names one")
        }
        if name.contains("/") {
            guard syscalls.isExecutable(name) else {
                throw ContainerSetupError(step: .exec, message: "executable \(name) not found or not executable")
            }
            return name
        }
        let path = setup.process.env.last(where: { $0.hasPrefix("PATH=") }).map { String($0.dropFirst(5)) } ?? Self.defaultPath
        for directory in path.split(separator: ":") {
            let candidate = directory.hasSuffix("/") ? "\(directory)\(name)" : "\(directory)/\(name)"
            if syscalls.isExecutable(candidate) { return candidate }
        }
        throw ContainerSetupError(step: .exec, message: "executable \"\(name)\" not found in PATH \(path)")
    }

    func step<T>(_ step: SetupStep, _ body: () throws -> T) throws(ContainerSetupError) -> T {
        do {
            return try body()
        } catch let error as ContainerSetupError {
            throw error
        } catch {
            throw ContainerSetupError(step: step, error)
        }
    }
}
