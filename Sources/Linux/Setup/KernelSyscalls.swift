import CCap
import CLinux
import Glibc

/// The real implementation of `ContainerSyscalls`. Only used in the single-threaded
/// container-init helper (setns/unshare/setuid are per-thread or per-process operations
/// that must not run inside the multithreaded runtime).
public struct KernelSyscalls: ContainerSyscalls {
    public init() {}

    public func joinCgroup(_ cgroupPath: String) throws {
        try FileIO.writeFile(cgroupPath + "/cgroup.procs", "0")
    }

    public func joinNamespace(_ namespace: NamespacePath) throws {
        let fd = try retryingEINTR("open(\(namespace.path))") { ks_open(namespace.path, O_RDONLY | O_CLOEXEC, 0) }
        defer { close(fd) }
        try retryingEINTR("setns(\(namespace.kind.rawValue) ← \(namespace.path))") { ks_setns(fd, namespace.kind.cloneFlag) }
    }

    public func unshare(_ kinds: [NamespaceKind]) throws {
        try retryingEINTR("unshare(\(kinds.map(\.rawValue).joined(separator: ",")))") { ks_unshare(NamespaceKind.flags(kinds)) }
    }

    public func mount(source: String, target: String, type: String, flags: MountFlags, data: String) throws {
        let stage = "mount(\(type.isEmpty ? "remount" : type) \(source) → \(target))"
        try retryingEINTR(stage) {
            Glibc.mount(source, target, type.isEmpty ? nil : type, flags.rawValue, data.isEmpty ? nil : data)
        }
    }

    public func makeDirectory(_ path: String) throws { try FileIO.makeDirectories(path) }
    public func makeFile(_ path: String) throws { try FileIO.touch(path) }

    public func makeDevice(_ device: DeviceNode, at path: String) throws {
        if FileIO.exists(path) { return }
        try retryingEINTR("mknod(\(path))") { ks_mknod_char(path, mode_t(device.mode), device.major, device.minor) }
        // mknod honours the umask; devices need their exact mode.
        try retryingEINTR("chmod(\(path))") { chmod(path, mode_t(device.mode)) }
    }

    public func symlink(_ target: String, at path: String) throws {
        if Glibc.symlink(target, path) != 0 && errno != EEXIST { throw SyscallError.current("symlink(\(path) → \(target))") }
    }

    public func fileKind(_ path: String) -> FileKind { FileIO.kind(path) }

    /// pivot_root(".", ".") then detach the old root stacked underneath (runc's trick:
    /// needs no put_old directory inside a possibly read-only rootfs).
    public func pivotRoot(_ newRoot: String) throws {
        try retryingEINTR("chdir(\(newRoot))") { chdir(newRoot) }
        try retryingEINTR("pivot_root(\(newRoot))") { ks_pivot_root(".", ".") }
        try retryingEINTR("umount2(old root, MNT_DETACH)") { umount2(".", ks_MNT_DETACH) }
        try retryingEINTR("chdir(/)") { chdir("/") }
    }

    public func setHostname(_ name: String) throws {
        try retryingEINTR("sethostname(\(name))") { sethostname(name, name.utf8.count) }
    }

    public func setRlimit(_ limit: Rlimit) throws {
        guard let resource = limit.resource else { throw SyscallError(stage: "setrlimit(\(limit.type))", errno: EINVAL) }
        try retryingEINTR("setrlimit(\(limit.type), \(limit.soft), \(limit.hard))") { ks_setrlimit(resource, limit.soft, limit.hard) }
    }

    public func dropBoundingSet(keeping: CapabilitySet) throws {
        let lastCap = Int32((try? FileIO.readFile("/proc/sys/kernel/cap_last_cap"))?.trimmingNewline ?? "40") ?? 40
        let keep = Set(keeping.bounding.map(\.rawValue))
        for cap in 0...lastCap where !keep.contains(cap) {
            if ks_capbset_drop(cap) != 0 && errno != EINVAL {
                throw SyscallError.current("prctl(PR_CAPBSET_DROP, \(cap))")
            }
        }
    }

    public func setUser(_ user: ProcessUser) throws {
        // Keep permitted capabilities across the uid change; setCapabilities sets them next.
        try retryingEINTR("prctl(PR_SET_KEEPCAPS)") { ks_set_keepcaps(1) }
        let groups = user.additionalGids.map { gid_t($0) }
        try retryingEINTR("setgroups(\(user.additionalGids))") { setgroups(groups.count, groups) }
        try retryingEINTR("setresgid(\(user.gid))") { ks_setresgid(user.gid) }
        try retryingEINTR("setresuid(\(user.uid))") { ks_setresuid(user.uid) }
        try retryingEINTR("prctl(PR_SET_KEEPCAPS, 0)") { ks_set_keepcaps(0) }
    }

    public func setCapabilities(_ capabilities: CapabilitySet) throws {
        guard let caps = cap_init() else { throw SyscallError.current("cap_init") }
        defer { cap_free(UnsafeMutableRawPointer(caps)) }
        // Privileged means every capability this process still holds (a host may lack some).
        var values = capabilities.bounding.map { cap_value_t($0.rawValue) }.filter { ks_capbset_read($0) == 1 }
        if !values.isEmpty {
            for flag in [CAP_EFFECTIVE, CAP_PERMITTED] {
                try retryingEINTR("cap_set_flag") { cap_set_flag(caps, flag, Int32(values.count), &values, CAP_SET) }
            }
        }
        try retryingEINTR("capset(\(capabilities.bounding.map(\.name).joined(separator: ",")))") { cap_set_proc(caps) }
    }

    public func setNoNewPrivileges() throws {
        try retryingEINTR("prctl(PR_SET_NO_NEW_PRIVS)") { ks_set_no_new_privs() }
    }

    public func loadSeccomp(_ profile: SeccompProfile) throws { try SeccompFilter.load(profile) }
    public func loadSeccompProgram(_ program: [UInt8]) throws { try SeccompFilter.load(program: program) }

    public func changeDirectory(_ path: String) throws { try retryingEINTR("chdir(\(path))") { chdir(path) } }

    public func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 && FileIO.kind(path) == .file }

    public func exec(_ path: String, args: [String], env: [String]) throws -> Never {
        let argv = args.map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        execve(path, argv, envp)
        throw SyscallError.current("execve(\(path))")
    }
}
