import Foundation
import Linux
import Testing

@Suite struct CgroupLimitTests {
    @Test(arguments: [
        (Int64(0), Int64(2), UInt64(1)), (1, 2, 1), (100, 102, 4), (250, 256, 10), (1000, 1024, 39),
        (2000, 2048, 79), (262_144_000, 262_144, 10000),
    ])
    func sharesToWeight(milliCPU: Int64, shares: Int64, weight: UInt64) {
        #expect(CgroupLimits.shares(milliCPU: milliCPU) == shares)
        #expect(CgroupLimits.weight(fromShares: shares) == weight)
    }

    @Test func cpuMaxFromLimitWithTheMinimumQuota() {
        #expect(CgroupLimits(cpuRequestMillis: nil, cpuLimitMillis: 500, memoryLimitBytes: nil, pidsLimit: nil).cpuMax == "50000 100000")
        #expect(CgroupLimits(cpuRequestMillis: nil, cpuLimitMillis: 2500, memoryLimitBytes: nil, pidsLimit: nil).cpuMax == "250000 100000")
        #expect(CgroupLimits(cpuRequestMillis: nil, cpuLimitMillis: 1, memoryLimitBytes: nil, pidsLimit: nil).cpuMax == "1000 100000")
    }

    @Test func filesInWriteOrder() {
        let limits = CgroupLimits(cpuRequestMillis: 250, cpuLimitMillis: 500, memoryLimitBytes: 32 << 20, pidsLimit: 64)
        #expect(limits.files.map { "\($0.file)=\($0.value)" } == [
            "cpu.weight=10", "cpu.max=50000 100000", "memory.max=33554432", "pids.max=64",
        ])
        // A limit alone implies the request (API defaulting).
        #expect(CgroupLimits(cpuRequestMillis: nil, cpuLimitMillis: 1000, memoryLimitBytes: nil, pidsLimit: nil).cpuWeight == 39)
        #expect(CgroupLimits(cpuRequestMillis: nil, cpuLimitMillis: nil, memoryLimitBytes: nil, pidsLimit: nil).files.isEmpty)
    }

    @Test func applyWritesWhatItCanAndReportsTheRest() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cg-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for file in ["cpu.weight", "cpu.max", "memory.max", "pids.max"] {
            FileManager.default.createFile(atPath: directory + "/" + file, contents: Data())
        }
        let limits = CgroupLimits(cpuRequestMillis: 100, cpuLimitMillis: 200, memoryLimitBytes: 1 << 20, pidsLimit: 10)
        let unenforced = try Cgroup(path: directory, availableControllers: ["pids", "cpu"]).apply(limits)
        #expect(try String(contentsOfFile: directory + "/cpu.max", encoding: .utf8) == "20000 100000")
        #expect(try String(contentsOfFile: directory + "/cpu.weight", encoding: .utf8) == "4")
        #expect(try String(contentsOfFile: directory + "/pids.max", encoding: .utf8) == "10")
        #expect(try String(contentsOfFile: directory + "/memory.max", encoding: .utf8) == "")
        #expect(unenforced == [UnenforcedLimit(file: "memory.max", value: "1048576",
                                               reason: "the memory controller is not available in this cgroup2 hierarchy")])

        let nothing = try Cgroup(path: directory, availableControllers: []).apply(limits)
        #expect(nothing.map(\.file) == ["cpu.weight", "cpu.max", "memory.max", "pids.max"])
    }

    @Test func oomKillsAndUsageAreRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cg-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cgroup = Cgroup(path: directory, availableControllers: ["memory", "cpu"])
        #expect(cgroup.oomKillCount() == 0)
        try "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\noom_group_kill 0\n".write(toFile: directory + "/memory.events", atomically: true, encoding: .utf8)
        try "usage_usec 12345\nuser_usec 10000\nsystem_usec 2345\n".write(toFile: directory + "/cpu.stat", atomically: true, encoding: .utf8)
        try "4096\n".write(toFile: directory + "/memory.current", atomically: true, encoding: .utf8)
        #expect(cgroup.oomKillCount() == 1)
        #expect(cgroup.usage() == Cgroup.Usage(cpuUsageMicroseconds: 12345, memoryBytes: 4096))
    }

    @Test func cgroup2MountIsFoundInMountinfoWhereverItIs() {
        let hybrid = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime shared:5 - cgroup2 cgroup2 rw
            """
        #expect(CgroupMount.parse(mountinfo: hybrid) == "/sys/fs/cgroup/unified")
        #expect(CgroupMount.parse(mountinfo: "25 1 0:22 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate") == "/sys/fs/cgroup")
        #expect(CgroupMount.parse(mountinfo: "25 1 0:22 / /my\\040cgroups rw - cgroup2 none rw") == "/my cgroups")
        #expect(CgroupMount.parse(mountinfo: "39 31 0:36 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids") == nil)
    }

    @Test func managerOnlyManagesKubeswiftCgroups() {
        #expect(throws: CgroupError.outsideKubeswift("system.slice")) {
            try CgroupManager(mount: CgroupMount(mountPoint: "/nonexistent"), base: "system.slice")
        }
    }
}
