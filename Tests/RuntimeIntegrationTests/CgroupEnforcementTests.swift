import ContainerRuntime
import Foundation
import Glibc
import Linux
import Testing

/// Limits that need the cpu, memory and pids controllers: they run in the throwaway VM
/// (pure cgroup v2) and skip on hosts whose cgroup2 mount has no controllers.
enum Controllers {
    static let available: Set<String> = (try? CgroupMount.detect())?.availableControllers() ?? []
    static let enforceable = Privileged.isRoot && available.isSuperset(of: ["cpu", "memory", "pids"])
    static let skipMessage = "needs root and the cpu, memory and pids cgroup2 controllers (run in the VM); this host offers \(available.sorted())"
}

@Suite("cgroup limits are enforced (VM)", .enabled(if: Controllers.enforceable, Comment(rawValue: Controllers.skipMessage)), .serialized)
struct CgroupEnforcementTests {
    @Test func memoryLimitOOMKillsAndIsReported() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        var spec = fixture.spec("exec dd if=/dev/zero of=/dev/shm/fill bs=1M count=60")
        spec.resources = Resources(memoryLimitBytes: 32 << 20)
        let (exit, output) = try await fixture.run(spec, in: nil)
        #expect(exit.reason == "OOMKilled", "\(output)")
        #expect(exit.exitCode == 137)
    }

    @Test func cpuMaxAndWeightAreWritten() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        var spec = fixture.spec("exec sleep 100")
        spec.resources = Resources(cpuRequestMillis: 250, cpuLimitMillis: 500)
        let container = try await Container.create(id: "cpu", spec: spec, sandbox: nil, configuration: fixture.configuration)
        #expect(container.unenforcedLimits.isEmpty)
        let path = try #require(await container.cgroupPath)
        #expect(try String(contentsOfFile: path + "/cpu.max", encoding: .utf8) == "50000 100000\n")
        #expect(try String(contentsOfFile: path + "/cpu.weight", encoding: .utf8) == "10\n")
        try await container.start()
        #expect(await container.usage?.cpuUsageMicroseconds != nil)
        try await container.delete()
    }

    @Test func pidsLimitStopsAForkBomb() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        var spec = fixture.spec("""
            (i=0; while [ $i -lt 40 ]; do sleep 30 & i=$((i+1)); done) 2>/dev/null
            set -- /proc/[0-9]*; echo "running=$#"; kill -9 -1
            """)
        spec.resources = Resources(pidsLimit: 16)
        let (_, output) = try await fixture.run(spec, in: nil)
        let running = output.split(separator: "\n").first { $0.hasPrefix("running=") }.flatMap { Int($0.dropFirst(8)) }
        // The bomb runs in a subshell (sh exits when fork fails); globbing, echo and kill are
        // builtins, so counting needs no fork once the limit is hit.
        #expect(running != nil && running! <= 16 && running! >= 8, "\(output)")
        #expect(kill(getpid(), 0) == 0, "the host (this test process) is fine")
    }
}
