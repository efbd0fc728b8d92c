import ContainerRuntime
import Foundation
import Glibc
import Linux
import Testing

@Suite("Container failures leave nothing behind (root)", .enabled(if: Privileged.isRoot, Comment(rawValue: Privileged.skipMessage)), .serialized)
struct ContainerFailureTests {
    func create(_ spec: ContainerSpec, _ fixture: RuntimeFixture, sandbox: PodSandbox?) async -> ContainerError? {
        do {
            let container = try await Container.create(id: "fail", spec: spec, sandbox: sandbox, configuration: fixture.configuration)
            try await container.delete()
            return nil
        } catch {
            #expect(!FileManager.default.fileExists(atPath: fixture.configuration.containerDirectory("fail")))
            return error
        }
    }

    @Test func badImageNamesTheImage() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let error = await create(ContainerSpec(name: "x", image: fixture.root + "/no-such-image"), fixture, sandbox: nil)
        guard case .image(.notFound)? = error else { Issue.record("expected image not found, got \(String(describing: error))"); return }
        #expect("\(error!)".contains("no-such-image"))
    }

    @Test func missingBinaryFailsAtExecStep() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let sandbox = try await fixture.sandbox()
        defer { sandbox.remove() }
        let error = await create(ContainerSpec(name: "x", image: fixture.image, command: ["/bin/does-not-exist"]), fixture, sandbox: sandbox)
        #expect(error?.failedStep == .exec, "\(String(describing: error))")
        #expect("\(error.map { "\($0)" } ?? "")".contains("/bin/does-not-exist"))
    }

    @Test func badSeccompProfileIsAClearError() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        try FileManager.default.createDirectory(atPath: fixture.root, withIntermediateDirectories: true)
        let profile = fixture.root + "/bad.json"
        try "{\"defaultAction\": \"SCMP_ACT_NOPE\"}".write(toFile: profile, atomically: true, encoding: .utf8)
        let spec = fixture.spec("true", security: SecurityContext(seccomp: .localhost(profile)))
        let error = await create(spec, fixture, sandbox: nil)
        guard case .plan(.seccomp(.invalidProfile(let path, _)))? = error else {
            Issue.record("expected invalid seccomp profile, got \(String(describing: error))"); return
        }
        #expect(path == profile)
        let missing = await create(fixture.spec("true", security: SecurityContext(seccomp: .localhost(fixture.root + "/none.json"))), fixture, sandbox: nil)
        #expect("\(missing.map { "\($0)" } ?? "")".contains("seccomp(read profile"))
    }

    @Test func localhostProfileIsEnforced() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        try FileManager.default.createDirectory(atPath: fixture.root, withIntermediateDirectories: true)
        let profile = fixture.root + "/deny-mkdir.json"
        try """
        {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13}]}
        """.write(toFile: profile, atomically: true, encoding: .utf8)
        let (exit, output) = try await fixture.run(fixture.spec("mkdir /tmp/d; echo status=$?", security: SecurityContext(seccomp: .localhost(profile))), in: nil)
        #expect(exit.exitCode == 0)
        #expect(output.contains("Permission denied") && output.contains("status=1"), "\(output)")
    }

    @Test func unwritableOutputFailsAtTheOutputStep() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        do {
            let container = try await Container.create(id: "fail", spec: fixture.spec("true"), sandbox: nil, configuration: fixture.configuration,
                                                       output: .file(fixture.root + "/no/such/dir/log"))
            try await container.delete()
            Issue.record("create must fail")
        } catch {
            #expect(error.failedStep == .output, "\(error)")
            #expect("\(error)".contains("/no/such/dir/log"))
            #expect(!FileManager.default.fileExists(atPath: fixture.configuration.containerDirectory("fail")))
        }
    }

    @Test func runAsNonRootRefusesARootImage() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let error = await create(fixture.spec("true", security: SecurityContext(runAsNonRoot: true)), fixture, sandbox: nil)
        guard case .plan(.runAsNonRoot(let reason))? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reason.contains("root"))
    }

    @Test func failedSetupStepLeavesNoMountsOrCgroups() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let sandbox = try await fixture.sandbox()
        defer { sandbox.remove() }
        // A volume whose source does not exist fails inside the mounts step, after the overlay is up.
        var spec = fixture.spec("true")
        spec.mounts = [VolumeMount(hostPath: fixture.root + "/missing-volume", containerPath: "/data")]
        spec.resources = Resources(cpuRequestMillis: 100, memoryLimitBytes: 64 << 20)
        let error = await create(spec, fixture, sandbox: sandbox)
        #expect(error?.failedStep == .mounts, "\(String(describing: error))")
    }
}
