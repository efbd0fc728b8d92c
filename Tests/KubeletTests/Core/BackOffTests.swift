import Foundation
import Synchronization
import Testing
@testable import Kubelet

@Suite("Crash-loop back-off: 10 s doubling to 5 min, reset after 10 min")
struct BackOffTests {
    final class Clock: Sendable {
        let time = Mutex(Date(timeIntervalSince1970: 1_000_000))
        var now: Date { time.withLock { $0 } }
        func advance(_ seconds: Double) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    @Test func doublesUpToTheMaximum() {
        let clock = Clock()
        let backOff = BackOff(now: { clock.now })
        var seen: [Duration] = []
        for _ in 0..<7 {
            backOff.next("c", eventTime: clock.now)
            seen.append(backOff.get("c"))
            clock.advance(1)
        }
        #expect(seen == [.seconds(10), .seconds(20), .seconds(40), .seconds(80), .seconds(160), .seconds(300), .seconds(300)])
    }

    @Test func inBackOffUntilTheDelayFromTheExitHasPassed() {
        let clock = Clock()
        let backOff = BackOff(now: { clock.now })
        let exit = clock.now
        #expect(!backOff.isInBackOffSince("c", eventTime: exit))
        backOff.next("c", eventTime: exit)
        clock.advance(5)
        #expect(backOff.isInBackOffSince("c", eventTime: exit))
        #expect(backOff.remaining("c", eventTime: exit) == .seconds(5))
        clock.advance(6)
        #expect(!backOff.isInBackOffSince("c", eventTime: exit))
    }

    @Test func resetsAfterTwiceTheMaximumWithoutFailures() {
        let clock = Clock()
        let backOff = BackOff(now: { clock.now })
        backOff.next("c", eventTime: clock.now)
        backOff.next("c", eventTime: clock.now)
        #expect(backOff.get("c") == .seconds(20))
        clock.advance(601)
        backOff.next("c", eventTime: clock.now)
        #expect(backOff.get("c") == .seconds(10))
    }

    @Test func goStyleDurations() {
        #expect(Duration.seconds(10).goString == "10s")
        #expect(Duration.seconds(80).goString == "1m20s")
        #expect(Duration.seconds(300).goString == "5m0s")
    }
}

@Suite("Dead container GC policy")
struct ContainerGCTests {
    @Test func keepsTheNewestAndOneDeadPerContainer() {
        let pod = Fixtures.pod()
        let now = Date(timeIntervalSince1970: 2_000)
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox("sb2", createdAt: 5), Fixtures.sandbox("sb1", ready: false, createdAt: 1)], containers: [
            Fixtures.container("app", .running, id: "c4", createdAt: 40),
            Fixtures.container("app", .exited, id: "c3", createdAt: 30, finishedAt: 35),
            Fixtures.container("app", .exited, id: "c2", createdAt: 20, finishedAt: 25),
            Fixtures.container("app", .exited, id: "c1", createdAt: 10, finishedAt: 15),
        ])
        let (containers, sandboxes) = ContainerGCPolicy().evictable(status, now: now)
        #expect(containers == ["c2", "c1"])
        // sb1 still holds containers per the fixture's sandboxID ("sb1"), so it stays until they go.
        #expect(sandboxes.isEmpty)
    }

    @Test func aDeadNewestInstanceCountsAsTheKeptOne() {
        let pod = Fixtures.pod()
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [
            Fixtures.container("app", .exited, id: "c3", createdAt: 30, finishedAt: 35),
            Fixtures.container("app", .exited, id: "c2", createdAt: 20, finishedAt: 25),
            Fixtures.container("app", .exited, id: "c1", createdAt: 10, finishedAt: 15),
        ])
        #expect(ContainerGCPolicy(keepPerContainer: 2).evictable(status, now: Date()).containers == ["c1"])
        #expect(ContainerGCPolicy(keepPerContainer: 1).evictable(status, now: Date()).containers == ["c2", "c1"])
    }

    @Test func youngDeadContainersAreKept() {
        let pod = Fixtures.pod()
        let now = Date(timeIntervalSince1970: 100)
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [
            Fixtures.container("app", .running, id: "c3", createdAt: 30),
            Fixtures.container("app", .exited, id: "c2", createdAt: 20, finishedAt: 90_000_000_000),
            Fixtures.container("app", .exited, id: "c1", createdAt: 10, finishedAt: 50_000_000_000),
        ])
        #expect(ContainerGCPolicy(minimumAge: .seconds(30)).evictable(status, now: now).containers == ["c1"])
        #expect(ContainerGCPolicy(minimumAge: .seconds(60)).evictable(status, now: now).containers.isEmpty)
    }
}

@Suite("Unused image GC policy")
struct ImageGCTests {
    let now = Date(timeIntervalSince1970: 10_000)

    func image(_ id: String, size: UInt64, age: Double = 3600, lastUsedAgo: Double = 3600) -> ImageGCPolicy.Image {
        ImageGCPolicy.Image(id: id, size: size, firstDetected: now.addingTimeInterval(-age), lastUsed: now.addingTimeInterval(-lastUsedAgo))
    }

    @Test func belowTheHighThresholdNothingGoes() {
        let images = [image("a", size: 50)]
        #expect(ImageGCPolicy().evictable(images: images, inUse: [], capacity: 1000, available: 200, now: now).isEmpty)
    }

    @Test func freesLeastRecentlyUsedUnusedImagesDownToTheLowThreshold() {
        // 90 % used; the low threshold wants 200 free: 100 more.
        let images = [image("recent", size: 80, lastUsedAgo: 10), image("old", size: 60, lastUsedAgo: 5000),
                      image("older", size: 30, lastUsedAgo: 9000), image("busy", size: 500, lastUsedAgo: 9999),
                      image("new", size: 500, age: 30, lastUsedAgo: 30)]
        let victims = ImageGCPolicy().evictable(images: images, inUse: ["busy"], capacity: 1000, available: 100, now: now)
        #expect(victims == ["older", "old", "recent"])
    }
}
