import ContainerRuntime
import Foundation
import Linux
import Testing

/// ContainerSpec → plan (pure) → calls, in order, through the recording fake.
@Suite struct SetupPlanTests {
    let placement = ContainerPlacement(
        lowerDirs: ["/l/base", "/l/top"], upperDir: "/c/upper", workDir: "/c/work", rootfsPath: "/c/rootfs",
        cgroupPath: "/cg/kubeswift/kubepods/burstable/podu/c1",
        podNamespaces: [NamespacePath(kind: .uts, path: "/run/ns/uts"), NamespacePath(kind: .net, path: "/run/ns/net"),
                        NamespacePath(kind: .ipc, path: "/run/ns/ipc")],
        hostname: "web", etcFiles: ["hosts": "/run/pod/hosts", "resolv.conf": "/run/pod/resolv.conf"])
    let image = OCIImageConfig(config: .init(User: "", Env: ["PATH=/bin", "LANG=C"], Entrypoint: ["/entry"], Cmd: ["serve"], WorkingDir: "/srv"))

    func plan(_ spec: ContainerSpec) throws -> ContainerSetup {
        try ContainerPlanner.plan(spec, image: image, placement: placement)
    }

    @Test func commandArgsEnvAndWorkingDirFollowKubernetes() throws {
        let config = image.config!
        #expect(ContainerPlanner.arguments(ContainerSpec(name: "c", image: "i"), image: config) == ["/entry", "serve"])
        #expect(ContainerPlanner.arguments(ContainerSpec(name: "c", image: "i", args: ["debug"]), image: config) == ["/entry", "debug"])
        #expect(ContainerPlanner.arguments(ContainerSpec(name: "c", image: "i", command: ["sh"]), image: config) == ["sh"])
        #expect(ContainerPlanner.arguments(ContainerSpec(name: "c", image: "i", command: ["sh"], args: ["-c", "x"]), image: config) == ["sh", "-c", "x"])
        let setup = try plan(ContainerSpec(name: "c", image: "i", env: [EnvVar(name: "LANG", value: "en"), EnvVar(name: "A", value: "1")]))
        #expect(setup.process.env == ["PATH=/bin", "HOSTNAME=web", "LANG=en", "A=1"])
        #expect(setup.process.cwd == "/srv")
        #expect(try plan(ContainerSpec(name: "c", image: "i", workingDir: "/w")).process.cwd == "/w")
    }

    @Test func namespacesRootfsMountsAndSecurityOfADefaultContainer() throws {
        let setup = try plan(ContainerSpec(name: "c", image: "i", mounts: [VolumeMount(hostPath: "/v", containerPath: "/data", readOnly: true)]))
        #expect(setup.joinNamespaces.map(\.kind) == [.net, .ipc, .uts])
        #expect(setup.newNamespaces == [.pid, .mnt, .cgroup])
        #expect(setup.hostname == nil, "the pod's uts namespace already has it")
        #expect(setup.rootfs.lowerDirs == ["/l/top", "/l/base"], "overlay wants the topmost layer first")
        #expect(setup.mounts.map(\.destination) == ["/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys",
                                                    "/etc/hosts", "/etc/resolv.conf", "/data"])
        #expect(setup.mounts.last == Mount(destination: "/data", type: "bind", source: "/v", options: ["rbind", "rprivate", "ro"]))
        #expect(setup.mounts.first { $0.destination == "/sys" }?.options.contains("ro") == true)
        #expect(setup.devices.map(\.path) == ["/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty"])
        #expect(setup.maskedPaths.contains("/proc/kcore") && setup.maskedPaths.contains("/sys/firmware"))
        #expect(setup.readonlyPaths == ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"])
        #expect(setup.capabilities?.bounding == Capability.runtimeDefault.sorted())
        #expect(setup.noNewPrivileges == false)
        #expect(setup.seccomp == SeccompProfile.runtimeDefault(capabilities: Capability.runtimeDefault))
        #expect(setup.user == .root)
    }

    @Test func privilegedGetsEverythingAndNoFilters() throws {
        let setup = try plan(ContainerSpec(name: "c", image: "i", security: SecurityContext(privileged: true, allowPrivilegeEscalation: false)))
        #expect(setup.capabilities?.bounding == Capability.allCases)
        #expect(setup.seccomp == nil)
        #expect(setup.maskedPaths.isEmpty && setup.readonlyPaths.isEmpty)
        #expect(setup.noNewPrivileges == false)
        #expect(setup.mounts.first { $0.destination == "/sys" }?.options.contains("rw") == true)
    }

    @Test func usersAndRunAsNonRoot() throws {
        let security = SecurityContext(runAsUser: 1000, runAsGroup: 2000, runAsNonRoot: true, supplementalGroups: [3000])
        #expect(try plan(ContainerSpec(name: "c", image: "i", security: security)).user == ProcessUser(uid: 1000, gid: 2000, additionalGids: [3000]))
        #expect(try ContainerPlanner.resolveUser(security: SecurityContext(), imageUser: "65534:65534") == ProcessUser(uid: 65534, gid: 65534))
        #expect(throws: ContainerPlanError.runAsNonRoot("image will run as root (user \"\")")) {
            try ContainerPlanner.resolveUser(security: SecurityContext(runAsNonRoot: true), imageUser: "")
        }
        #expect(throws: ContainerPlanError.runAsNonRoot("container's runAsUser breaks non-root policy")) {
            try ContainerPlanner.resolveUser(security: SecurityContext(runAsUser: 0, runAsNonRoot: true), imageUser: "1000")
        }
        #expect(throws: ContainerPlanError.runAsNonRoot("image has non-numeric user (nginx), cannot verify user is non-root")) {
            try ContainerPlanner.resolveUser(security: SecurityContext(runAsNonRoot: true), imageUser: "nginx")
        }
        #expect(try ContainerPlanner.resolveUser(security: SecurityContext(runAsUser: 5), imageUser: "nginx").uid == 5)
    }

    @Test func qosClassPicksTheCgroupParent() {
        #expect(QOSClass.of([Resources()]) == .bestEffort)
        #expect(QOSClass.of([Resources(cpuRequestMillis: 100)]) == .burstable)
        #expect(QOSClass.of([Resources(cpuLimitMillis: 500, memoryLimitBytes: 1 << 20)]) == .guaranteed)
        #expect(QOSClass.of([Resources(cpuRequestMillis: 100, cpuLimitMillis: 500, memoryLimitBytes: 1 << 20)]) == .burstable)
        #expect(QOSClass.guaranteed.cgroupParent == "kubepods")
        #expect(QOSClass.bestEffort.cgroupParent == "kubepods/besteffort")
    }

    @Test func runnerCallsInOrder() throws {
        var setup = try plan(ContainerSpec(name: "c", image: "i", command: ["server"],
                                           mounts: [VolumeMount(hostPath: "/v", containerPath: "/data", readOnly: true)],
                                           security: SecurityContext(runAsUser: 7, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false)))
        setup.maskedPaths = ["/proc/kcore", "/sys/firmware", "/proc/missing"]
        setup.readonlyPaths = ["/proc/sys"]
        setup.mounts = setup.mounts.filter { ["/proc", "/dev", "/etc/hosts", "/data"].contains($0.destination) }
        setup.devices = [DeviceNode(path: "/dev/null", major: 1, minor: 3)]
        let fake = RecordingSyscalls()
        fake.directories = ["/v", "/c/rootfs/sys/firmware", "/c/rootfs/proc/sys"]
        fake.files = ["/run/pod/hosts", "/c/rootfs/proc/kcore"]
        fake.executables = ["/bin/server"]
        let runner = ContainerSetupRunner(syscalls: fake, setup: setup)
        try runner.enterNamespaces()
        let path = try runner.prepare()
        #expect(path == "/bin/server")
        #expect(throws: RecordingSyscalls.ExecReached.self) { try fake.exec(path, args: setup.process.args, env: []) }

        let expected: [RecordedCall] = [
            .joinNamespace(.net, "/run/ns/net"), .joinNamespace(.ipc, "/run/ns/ipc"), .joinNamespace(.uts, "/run/ns/uts"),
            .unshare([.pid, .mnt]),
            // after the fork, in the child:
            .joinCgroup("/cg/kubeswift/kubepods/burstable/podu/c1"),
            .unshare([.cgroup]),
            .mount(source: "none", target: "/", type: "", flags: [.recursive, .private], data: ""),
            .mount(source: "overlay", target: "/c/rootfs", type: "overlay", flags: [],
                   data: "lowerdir=/l/top:/l/base,upperdir=/c/upper,workdir=/c/work"),
            .makeDirectory("/c/rootfs/proc"),
            .mount(source: "proc", target: "/c/rootfs/proc", type: "proc", flags: [.noSuid, .noExec, .noDev], data: ""),
            .makeDirectory("/c/rootfs/dev"),
            .mount(source: "tmpfs", target: "/c/rootfs/dev", type: "tmpfs", flags: [.noSuid, .strictAtime], data: "mode=755,size=65536k"),
            .makeFile("/c/rootfs/etc/hosts"),
            .mount(source: "/run/pod/hosts", target: "/c/rootfs/etc/hosts", type: "", flags: [.bind, .recursive], data: ""),
            .mount(source: "none", target: "/c/rootfs/etc/hosts", type: "", flags: [.remount, .bind, .readOnly], data: ""),
            .mount(source: "none", target: "/c/rootfs/etc/hosts", type: "", flags: [.private, .recursive], data: ""),
            .makeDirectory("/c/rootfs/data"),
            .mount(source: "/v", target: "/c/rootfs/data", type: "", flags: [.bind, .recursive], data: ""),
            .mount(source: "none", target: "/c/rootfs/data", type: "", flags: [.remount, .bind, .readOnly], data: ""),
            .mount(source: "none", target: "/c/rootfs/data", type: "", flags: [.private, .recursive], data: ""),
            .makeDevice("/c/rootfs/dev/null", 1, 3),
            .symlink("/proc/self/fd", "/c/rootfs/dev/fd"), .symlink("/proc/self/fd/0", "/c/rootfs/dev/stdin"),
            .symlink("/proc/self/fd/1", "/c/rootfs/dev/stdout"), .symlink("/proc/self/fd/2", "/c/rootfs/dev/stderr"),
            .symlink("/proc/kcore", "/c/rootfs/dev/core"), .symlink("pts/ptmx", "/c/rootfs/dev/ptmx"),
            .mount(source: "/dev/null", target: "/c/rootfs/proc/kcore", type: "", flags: [.bind], data: ""),
            .mount(source: "tmpfs", target: "/c/rootfs/sys/firmware", type: "tmpfs", flags: [.readOnly], data: ""),
            .mount(source: "/c/rootfs/proc/sys", target: "/c/rootfs/proc/sys", type: "", flags: [.bind, .recursive], data: ""),
            .mount(source: "none", target: "/c/rootfs/proc/sys", type: "", flags: [.remount, .bind, .readOnly, .noSuid, .noDev, .noExec], data: ""),
            .pivotRoot("/c/rootfs"),
            .mount(source: "none", target: "/", type: "", flags: [.remount, .bind, .readOnly], data: ""),
            .dropBoundingSet(Capability.runtimeDefault.sorted()),
            .setUser(ProcessUser(uid: 7, gid: 0)),
            .setCapabilities(Capability.runtimeDefault.sorted()),
            .setNoNewPrivileges,
            .loadSeccomp(SeccompProfile.runtimeDefault(capabilities: Capability.runtimeDefault)),
            .changeDirectory("/srv"),
            .exec("/bin/server", ["server"]),
        ]
        #expect(fake.calls.count == expected.count)
        for (index, (actual, wanted)) in zip(fake.calls, expected).enumerated() {
            #expect(actual == wanted, "call \(index)")
        }
    }

    @Test func seccompGoesBeforeDroppingCapabilitiesWithoutNoNewPrivs() throws {
        let fake = RecordingSyscalls()
        fake.files = ["/run/pod/hosts", "/run/pod/resolv.conf"]
        fake.executables = ["/entry"]
        let runner = ContainerSetupRunner(syscalls: fake, setup: try plan(ContainerSpec(name: "c", image: "i")))
        _ = try runner.prepare()
        let seccomp = fake.calls.firstIndex { if case .loadSeccomp = $0 { true } else { false } }
        let drop = fake.calls.firstIndex { if case .dropBoundingSet = $0 { true } else { false } }
        #expect(seccomp != nil && drop != nil && seccomp! < drop!)
        #expect(!fake.calls.contains(.setNoNewPrivileges))
    }

    @Test func aCompiledProgramIsLoadedInsteadOfTheProfile() throws {
        let fake = RecordingSyscalls()
        fake.files = ["/run/pod/hosts", "/run/pod/resolv.conf"]
        fake.executables = ["/entry"]
        let setup = try SeccompPrograms().compile(try plan(ContainerSpec(name: "c", image: "i")))
        #expect(setup.seccomp == nil)
        _ = try ContainerSetupRunner(syscalls: fake, setup: setup).prepare()
        #expect(fake.calls.contains(.loadSeccompProgram(bytes: setup.seccompProgram?.bytes.count ?? -1)))
        #expect(!fake.calls.contains { if case .loadSeccomp = $0 { true } else { false } })
    }

    @Test func aFailingCallStopsSetupAndNamesTheStep() throws {
        let fake = RecordingSyscalls()
        fake.failWhen = { if case .mount(_, let target, "overlay", _, _) = $0 { target == "/c/rootfs" } else { false } }
        let runner = ContainerSetupRunner(syscalls: fake, setup: try plan(ContainerSpec(name: "c", image: "i")))
        do {
            _ = try runner.prepare()
            Issue.record("setup must fail")
        } catch {
            #expect(error.step == .rootfs)
            #expect(error.errno == 1)
            #expect("\(error)".contains("mount(overlay overlay → /c/rootfs"), "\(error)")
        }
        #expect(fake.calls.count == 4, "nothing after the failing mount: \(fake.calls)")
    }

    @Test func executableIsResolvedInThePathOrTheStepFails() throws {
        let fake = RecordingSyscalls()
        fake.files = ["/run/pod/hosts", "/run/pod/resolv.conf"]
        fake.executables = ["/usr/bin/env"]
        var setup = try plan(ContainerSpec(name: "c", image: "i", command: ["env"]))
        setup.process.env = ["PATH=/usr/local/bin:/usr/bin"]
        #expect(try ContainerSetupRunner(syscalls: fake, setup: setup).prepare() == "/usr/bin/env")
        setup.process.args = ["nope"]
        #expect(throws: ContainerSetupError(step: .exec, message: "executable \"nope\" not found in PATH /usr/local/bin:/usr/bin")) {
            try ContainerSetupRunner(syscalls: fake, setup: setup).prepare()
        }
    }

    @Test func planSurvivesTheHelperPipe() throws {
        let setup = try plan(ContainerSpec(name: "c", image: "i"))
        let request = InitRequest.create(setup, output: .criLog("/log"), stateDirectory: "/state")
        let data = try JSONEncoder().encode(request)
        #expect(try JSONDecoder().decode(InitRequest.self, from: data) == request)
    }
}
