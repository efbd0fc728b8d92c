import CLinux
import CSeccomp
import Glibc

/// Compiles a `SeccompProfile` with libseccomp and loads it into the calling thread.
/// Unknown syscall names are skipped (as runc does: profiles name syscalls of newer kernels).
public enum SeccompFilter {
    public static func load(_ profile: SeccompProfile) throws(SeccompError) {
        let context = try build(profile)
        defer { seccomp_release(context) }
        try check(seccomp_load(context), "seccomp_load")
    }

    /// Compiles to classic BPF without loading, so a runtime can compile a profile once and
    /// hand the program to every container (libseccomp's compile is the slow part).
    public static func compile(_ profile: SeccompProfile) throws(SeccompError) -> [UInt8] {
        let context = try build(profile)
        defer { seccomp_release(context) }
        let fd = ks_memfd("seccomp-bpf")
        guard fd >= 0 else { throw .libseccomp(stage: "memfd_create", errno: errno) }
        defer { close(fd) }
        try check(seccomp_export_bpf(context, fd), "seccomp_export_bpf")
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0, lseek(fd, 0, SEEK_SET) == 0 else { throw .libseccomp(stage: "read exported filter", errno: errno) }
        var program = [UInt8](repeating: 0, count: Int(size))
        let count = program.withUnsafeMutableBytes { read(fd, $0.baseAddress, Int(size)) }
        guard count == Int(size) else { throw .libseccomp(stage: "read exported filter", errno: errno) }
        return program
    }

    /// Loads a program made by `compile`.
    public static func load(program: [UInt8]) throws(SeccompError) {
        let result = program.withUnsafeBytes { ks_seccomp_load_program($0.baseAddress, UInt($0.count)) }
        if result != 0 { throw .libseccomp(stage: "prctl(PR_SET_SECCOMP, \(program.count / 8) instructions)", errno: errno) }
    }

    static func build(_ profile: SeccompProfile) throws(SeccompError) -> scmp_filter_ctx {
        guard let context = seccomp_init(rawAction(profile.defaultAction, errno: profile.defaultErrnoRet)) else {
            throw .libseccomp(stage: "seccomp_init", errno: EINVAL)
        }
        // no_new_privs is the runtime's decision (allowPrivilegeEscalation), not libseccomp's.
        do {
            try check(seccomp_attr_set(context, SCMP_FLTATR_CTL_NNP, 0), "disable libseccomp no_new_privs")
            // A binary tree instead of a linear list: every syscall of the container pays for the filter.
            _ = seccomp_attr_set(context, SCMP_FLTATR_CTL_OPTIMIZE, 2)
            try addRules(profile, to: context)
        } catch {
            seccomp_release(context)
            throw error
        }
        return context
    }

    static func addRules(_ profile: SeccompProfile, to context: scmp_filter_ctx) throws(SeccompError) {
        for architecture in profile.architectures ?? [] {
            var name = architecture.lowercased()
            if name.hasPrefix("scmp_arch_") { name.removeFirst(10) }
            let token = seccomp_arch_resolve_name(name)
            guard token != 0 else { continue }
            let result = seccomp_arch_add(context, token)
            if result != 0 && result != -EEXIST { try check(result, "arch_add(\(architecture))") }
        }
        for rule in profile.syscalls {
            let action = rawAction(rule.action, errno: rule.errnoRet ?? profile.defaultErrnoRet)
            var comparisons = (rule.args ?? []).map { argument in
                scmp_arg_cmp(arg: argument.index, op: compare(argument.op), datum_a: argument.value,
                             datum_b: argument.valueTwo ?? 0)
            }
            for name in rule.names {
                let number = seccomp_syscall_resolve_name(name)
                if number == __NR_SCMP_ERROR { continue }
                let result = comparisons.withUnsafeMutableBufferPointer {
                    seccomp_rule_add_array(context, action, number, UInt32($0.count), $0.baseAddress)
                }
                // -EACCES: the rule's action equals the default action; nothing to add.
                if result != 0 && result != -EACCES { try check(result, "rule_add(\(name))") }
            }
        }
    }

    static func check(_ result: Int32, _ stage: String) throws(SeccompError) {
        if result != 0 { throw .libseccomp(stage: stage, errno: -result) }
    }

    /// The SCMP_ACT_* values (function-like macros that Swift cannot import).
    public static func rawAction(_ action: SeccompAction, errno: UInt32?) -> UInt32 {
        switch action {
        case .killThread, .kill: 0x0000_0000
        case .killProcess: 0x8000_0000
        case .trap: 0x0003_0000
        case .errno: 0x0005_0000 | ((errno ?? UInt32(EPERM)) & 0xffff)
        case .trace: 0x7ff0_0000 | ((errno ?? 0) & 0xffff)
        case .log: 0x7ffc_0000
        case .allow: 0x7fff_0000
        }
    }

    static func compare(_ op: SeccompOperator) -> scmp_compare {
        switch op {
        case .notEqual: SCMP_CMP_NE
        case .lessThan: SCMP_CMP_LT
        case .lessOrEqual: SCMP_CMP_LE
        case .equalTo: SCMP_CMP_EQ
        case .greaterOrEqual: SCMP_CMP_GE
        case .greaterThan: SCMP_CMP_GT
        case .maskedEqual: SCMP_CMP_MASKED_EQ
        }
    }
}
