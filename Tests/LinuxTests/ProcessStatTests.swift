import Glibc
import Linux
import Testing

@Suite struct ProcessStatTests {
    @Test func fieldsAreNumberedAsProcNumbersThem() throws {
        let stat = try #require(ProcessStat(pid: getpid()))
        #expect(stat.field(3).map { "RSDZTtXIWP".contains($0) && $0.count == 1 } == true)  // the state letter
        #expect(stat.field(4).flatMap { Int32($0) } == getppid())
        #expect(stat.field(2) == nil)  // the command name is not a counted field
        #expect(stat.field(1000) == nil)
        #expect(stat.startTime != nil)
    }

    @Test func cpuTimeGrowsWhileThisProcessWorks() throws {
        let before = try #require(ProcessStat(pid: getpid())?.cpuSeconds)
        let start = ContinuousClock.now
        var spin: UInt64 = 0
        while ContinuousClock.now - start < .milliseconds(300) { spin &+= 1 }
        #expect(spin > 0)
        let after = try #require(ProcessStat(pid: getpid())?.cpuSeconds)
        #expect(after > before)
    }

    @Test func aProcessThatDoesNotExistHasNoStat() {
        // Above the largest pid_max Linux allows (2^22).
        #expect(ProcessStat(pid: 5_000_000) == nil)
    }
}
