import ContainerRuntime
import Foundation
import Glibc
import Linux
import Testing

@Suite("Container runtime on this host (root)", .enabled(if: Privileged.isRoot, Comment(rawValue: Privileged.skipMessage)), .serialized)
struct ContainerIsolationTests {
    @Test func containerIsPIDOneWithItsOwnHostnameMountsAndNetwork() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let sandbox = try await fixture.sandbox("isolated")
        defer { sandbox.remove() }
        let (exit, output) = try await fixture.run(fixture.spec("""
            echo "pid=$$"; ps -o pid,comm > /tmp/ps; sed 's/^ */ps: /' /tmp/ps; echo "hostname=$(hostname)"
            echo "links=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ,)"
            echo "work=$(grep -c ' /work' /proc/self/mountinfo)"; echo "root=$(grep ' / / ' /proc/self/mountinfo | cut -d' ' -f9)"
            """), in: sandbox)
        #expect(exit.exitCode == 0, "\(output)")
        #expect(output.contains("pid=1\n"))
        // Only sh (pid 1) and the ps it ran: nothing from the host.
        let processes = output.split(separator: "\n").filter { $0.hasPrefix("ps: ") && !$0.contains("PID") }
            .map { $0.split(separator: " ").dropFirst().map(String.init) }
        #expect(processes.count == 2, "\(output)")
        #expect(processes.first == ["1", "sh"], "\(output)")
        #expect(processes.last?.last == "ps", "\(output)")
        #expect(output.contains("hostname=isolated\n"))
        #expect(output.contains("links=lo,\n"), "\(output)")
        #expect(output.contains("work=0\n"), "host mounts visible: \(output)")
        #expect(output.contains("root=overlay\n"), "\(output)")
    }

    @Test func defaultCapabilitiesSeccompAndNoNewPrivs() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let sandbox = try await fixture.sandbox()
        defer { sandbox.remove() }
        let security = SecurityContext(allowPrivilegeEscalation: false, addCapabilities: ["NET_ADMIN"], dropCapabilities: ["CHOWN"])
        let (exit, output) = try await fixture.run(fixture.spec("grep -E '^(CapEff|CapBnd|Seccomp|NoNewPrivs):' /proc/self/status", security: security), in: sandbox)
        #expect(exit.exitCode == 0, "\(output)")
        var expected = Capability.runtimeDefault
        expected.insert(.NET_ADMIN)
        expected.remove(.CHOWN)
        let mask = String(format: "%016llx", CapabilitySet(expected).mask)
        #expect(output.contains("CapEff:\t\(mask)\n"), "\(output)")
        #expect(output.contains("CapBnd:\t\(mask)\n"), "\(output)")
        #expect(output.contains("Seccomp:\t2\n"), "\(output)")
        #expect(output.contains("NoNewPrivs:\t1\n"), "\(output)")
    }

    @Test func privilegedContainerKeepsEveryCapabilityAndNoFilter() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let sandbox = try await fixture.sandbox()
        defer { sandbox.remove() }
        let (exit, output) = try await fixture.run(fixture.spec("grep -E '^(CapEff|Seccomp):' /proc/self/status; grep ' /sys ' /proc/self/mountinfo",
                                                                security: SecurityContext(privileged: true)), in: sandbox)
        #expect(exit.exitCode == 0, "\(output)")
        let host = try String(contentsOfFile: "/proc/self/status", encoding: .utf8).split(separator: "\n")
            .first { $0.hasPrefix("CapBnd:") }.map { String($0.dropFirst(7)).trimmingCharacters(in: .whitespaces) } ?? "?"
        #expect(output.contains("CapEff:\t\(host)\n"), "host bounding set \(host): \(output)")
        #expect(output.contains("Seccomp:\t0\n"), "\(output)")
        #expect(output.contains(" rw,"), "/sys is writable: \(output)")
    }

    @Test func runtimeDefaultSeccompRefusesMountAndUnshare() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let sandbox = try await fixture.sandbox()
        defer { sandbox.remove() }
        // Even with CAP_SYS_ADMIN dropped... keep it simple: default caps; unshare -n needs a filtered syscall.
        let (exit, output) = try await fixture.run(fixture.spec("unshare -n true; echo status=$?"), in: sandbox)
        #expect(exit.exitCode == 0)
        #expect(output.contains("Operation not permitted"), "\(output)")
        #expect(!output.contains("status=0"), "\(output)")
    }

    @Test func readOnlyRootFilesystemRefusesWrites() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let sandbox = try await fixture.sandbox()
        defer { sandbox.remove() }
        let (exit, output) = try await fixture.run(
            fixture.spec("touch /written && echo wrote; touch /tmp/x 2>&1; echo tmp=$?; exit 3",
                         security: SecurityContext(readOnlyRootFilesystem: true)), in: sandbox)
        #expect(exit.exitCode == 3)
        #expect(!output.contains("wrote"), "\(output)")
        #expect(output.contains("Read-only file system"), "\(output)")
    }

    @Test func maskedPathsReadEmptyAndReadonlyPathsRefuseWrites() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let sandbox = try await fixture.sandbox()
        defer { sandbox.remove() }
        let (exit, output) = try await fixture.run(fixture.spec("""
            echo "keys=$(wc -c < /proc/keys)"; echo "timer_list=$(wc -c < /proc/timer_list)"
            echo "firmware=$(ls /sys/firmware | wc -l)"; echo "acpi=$(ls /proc/acpi | wc -l)"
            echo 1 > /proc/sys/kernel/domainname 2>/dev/null; echo "sysctl=$?"
            """), in: sandbox)
        #expect(exit.exitCode == 0, "\(output)")
        // These exist (non-empty) on this host; /proc/kcore and /proc/sched_debug do not, so are skipped as runc does.
        for expected in ["keys=0", "timer_list=0", "firmware=0", "acpi=0"] {
            #expect(output.contains(expected + "\n"), "\(expected) in \(output)")
        }
        #expect(!output.contains("sysctl=0"), "\(output)")
    }

    @Test func runAsUserGroupAndSupplementalGroupsApply() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let sandbox = try await fixture.sandbox()
        defer { sandbox.remove() }
        let security = SecurityContext(runAsUser: 65534, runAsGroup: 65534, runAsNonRoot: true, supplementalGroups: [1234])
        let (exit, output) = try await fixture.run(fixture.spec("echo $(id -u):$(id -g):$(id -G); grep CapEff /proc/self/status", security: security), in: sandbox)
        #expect(exit.exitCode == 0, "\(output)")
        #expect(output.contains("65534:65534:65534 1234\n") || output.contains("65534:65534:1234 65534\n"), "\(output)")
        #expect(output.contains("CapEff:\t0000000000000000"), "non-root keeps no effective capabilities: \(output)")
    }

    @Test func exitCodesAndKill() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let sandbox = try await fixture.sandbox()
        defer { sandbox.remove() }
        let (exit, _) = try await fixture.run(fixture.spec("exit 42"), in: sandbox)
        #expect(exit.exitCode == 42)
        #expect(exit.reason == "Error")

        let container = try await Container.create(id: "sleeper", spec: fixture.spec("exec sleep 100"), sandbox: sandbox,
                                                   configuration: fixture.configuration)
        try await container.start()
        try await container.kill(SIGKILL)
        let killed = try await container.wait()
        #expect(killed.exitCode == 137)
        #expect(killed.signal == SIGKILL)
        await #expect(throws: ContainerError.self) { try await container.start() }
        try await container.delete()
    }

    @Test func wrongStateIsRefused() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let container = try await Container.create(id: "states", spec: fixture.spec("true"), sandbox: nil,
                                                   configuration: fixture.configuration)
        do {
            try await container.kill(SIGTERM)
            Issue.record("kill of a created container must fail")
        } catch {
            #expect(error == .invalidState(id: "states", operation: "kill", state: "created"))
        }
        try await container.delete()
        await #expect(throws: ContainerError.invalidState(id: "states", operation: "start", state: "deleted")) {
            try await container.start()
        }
    }
}
