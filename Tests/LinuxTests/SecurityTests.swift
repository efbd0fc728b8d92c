import Foundation
import Linux
import Testing

@Suite struct CapabilityTests {
    @Test func defaultSetWithAddAndDrop() throws {
        let set = try CapabilitySet.resolve(privileged: false, add: ["NET_ADMIN", "CAP_SYS_TIME"], drop: ["chown", "KILL"])
        var expected = Capability.runtimeDefault
        expected.formUnion([.NET_ADMIN, .SYS_TIME])
        expected.subtract([.CHOWN, .KILL])
        #expect(set.bounding == expected.sorted())
        #expect(Capability.runtimeDefault.count == 14)
        // The default set's CapEff mask as /proc shows it for containerd containers.
        #expect(String(CapabilitySet(Capability.runtimeDefault).mask, radix: 16) == "a80425fb")
    }

    @Test func privilegedAndAll() throws {
        #expect(try CapabilitySet.resolve(privileged: true, add: [], drop: ["ALL"]).bounding == Capability.allCases)
        #expect(try CapabilitySet.resolve(privileged: false, add: [], drop: ["ALL"]).bounding.isEmpty)
        #expect(try CapabilitySet.resolve(privileged: false, add: ["ALL"], drop: ["NET_RAW"]).bounding.count == Capability.allCases.count - 1)
        #expect(try CapabilitySet.resolve(privileged: false, add: ["NET_BIND_SERVICE"], drop: ["ALL"]).bounding.isEmpty)
    }

    @Test func unknownCapabilityIsNamed() {
        #expect(throws: CapabilityError.unknown("CAP_FLY")) { try CapabilitySet.resolve(privileged: false, add: ["CAP_FLY"], drop: []) }
        #expect("\(CapabilityError.unknown("CAP_FLY"))" == "capabilities: unknown capability \"CAP_FLY\"")
    }
}

@Suite struct SeccompProfileTests {
    @Test func runtimeDefaultIsADefaultDenyAllowlist() {
        let profile = SeccompProfile.runtimeDefault(capabilities: Capability.runtimeDefault)
        #expect(profile.defaultAction == .errno)
        #expect(profile.defaultErrnoRet == 1)
        let allowed = Set(profile.syscalls.filter { $0.action == .allow && $0.args == nil }.flatMap(\.names))
        for name in ["read", "write", "execve", "openat", "clone3", "mount", "unshare", "setns", "chroot", "ptrace", "reboot", "bpf"] {
            let expected = ["read", "write", "execve", "openat", "chroot"].contains(name)
            #expect(allowed.contains(name) == expected, "\(name)")
        }
        // clone only without namespace flags; clone3 refused with ENOSYS so libc falls back.
        let clone = profile.syscalls.first { $0.names == ["clone"] }
        #expect(clone?.args?.first?.op == .maskedEqual)
        #expect(clone?.args?.first?.value == 0x7E02_0000)
        #expect(profile.syscalls.contains { $0.names == ["clone3"] && $0.action == .errno && $0.errnoRet == 38 })
    }

    @Test func capabilitiesOpenTheirSyscalls() {
        let admin = SeccompProfile.runtimeDefault(capabilities: [.SYS_ADMIN, .SYS_PTRACE])
        let allowed = Set(admin.syscalls.filter { $0.action == .allow && $0.args == nil }.flatMap(\.names))
        #expect(allowed.isSuperset(of: ["mount", "umount2", "unshare", "setns", "clone", "ptrace", "process_vm_readv"]))
        #expect(!admin.syscalls.contains { $0.names == ["clone3"] })
    }

    @Test func localhostProfileDecodesDockerFormat() throws {
        let json = """
            {"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86_64"],
             "syscalls": [{"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"},
                          {"name": "personality", "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]},
                          {"names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]}
            """
        let profile = try JSONDecoder().decode(SeccompProfile.self, from: Data(json.utf8))
        #expect(profile.syscalls.count == 3)
        #expect(profile.syscalls[1].names == ["personality"])
        #expect(profile.syscalls[1].args == [SeccompArgument(index: 0, value: 8, op: .equalTo)])
        #expect(profile.syscalls[2].errnoRet == 13)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SeccompProfile.self, from: Data(#"{"defaultAction": "SCMP_ACT_NOPE"}"#.utf8))
        }
    }

    @Test func rawActionsMatchLibseccomp() {
        #expect(SeccompFilter.rawAction(.allow, errno: nil) == 0x7fff_0000)
        #expect(SeccompFilter.rawAction(.errno, errno: 1) == 0x0005_0001)
        #expect(SeccompFilter.rawAction(.errno, errno: nil) == 0x0005_0001)
        #expect(SeccompFilter.rawAction(.killProcess, errno: nil) == 0x8000_0000)
    }
}

@Suite struct MountOptionTests {
    @Test func optionsBecomeFlagsPropagationAndData() {
        let options = MountOptions(["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"])
        #expect(options.flags == [.noSuid, .noExec])
        #expect(options.dataString == "newinstance,ptmxmode=0666,mode=0620,gid=5")
        let bind = MountOptions(["rbind", "rprivate", "ro"])
        #expect(bind.flags == [.bind, .recursive, .readOnly])
        #expect(bind.propagation == [.private, .recursive])
        #expect(MountOptions(["ro", "rw"]).flags.isEmpty)
    }

    @Test func flagValuesAreTheKernels() {
        #expect(MountFlags.readOnly.rawValue == 1)
        #expect(MountFlags.bind.rawValue == 0x1000)
        #expect(MountFlags.recursive.rawValue == 0x4000)
        #expect(MountFlags.private.rawValue == 0x40000)
    }
}

@Suite struct SeccompCompileTests {
    @Test func runtimeDefaultCompilesToBPFWithoutPrivileges() throws {
        let program = try SeccompFilter.compile(.runtimeDefault(capabilities: Capability.runtimeDefault))
        #expect(program.count > 8 * 100, "hundreds of BPF instructions")
        #expect(program.count % 8 == 0, "struct sock_filter is 8 bytes")
        let unconfinedish = try SeccompFilter.compile(SeccompProfile(defaultAction: .allow, syscalls: []))
        #expect(unconfinedish.count < program.count)
    }
}
