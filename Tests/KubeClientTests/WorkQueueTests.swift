import Foundation
import KubeClient
import Synchronization
import Testing

@Suite("Work queue and rate limiters", .timeLimit(.minutes(2)))
struct WorkQueueTests {
    @Test func keyQueuedTwiceIsQueuedOnce() async {
        let queue = WorkQueue<String>(name: "t")
        queue.add("a")
        queue.add("a")
        queue.add("b")
        #expect(queue.count == 2)
        #expect(await queue.get() == "a")
        #expect(await queue.get() == "b")
        #expect(queue.count == 0)
    }

    @Test func keyBeingProcessedIsRequeuedOnlyAfterDone() async {
        let queue = WorkQueue<String>(name: "t")
        queue.add("a")
        let first = await queue.get()
        #expect(first == "a")
        // Re-added while processing: not handed to another worker yet.
        queue.add("a")
        queue.add("a")
        #expect(queue.count == 0)
        let second = Task { await queue.get() }
        try? await Task.sleep(for: .milliseconds(100))
        queue.add("b")
        #expect(await second.value == "b", "a must wait for done()")
        queue.done("a")
        #expect(queue.count == 1)
        #expect(await queue.get() == "a")
        queue.done("a")
        queue.done("b")
        #expect(queue.count == 0)
    }

    @Test func doneWithoutReaddDoesNotRequeue() async {
        let queue = WorkQueue<Int>(name: "t")
        queue.add(1)
        #expect(await queue.get() == 1)
        queue.done(1)
        #expect(queue.count == 0)
        queue.add(1)
        #expect(queue.count == 1)
    }

    @Test func blockedWorkersAreHandedKeysInOrderWithoutDuplicates() async {
        let queue = WorkQueue<Int>(name: "t")
        let seen = Locked<[Int]>([])
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    while let key = await queue.get() {
                        seen.withLock { $0.append(key) }
                        queue.done(key)
                    }
                }
            }
            for i in 0..<200 { queue.add(i) }
            _ = await eventuallyTrue { seen.withLock { $0.count } == 200 }
            queue.shutDown()
        }
        #expect(seen.withLock { $0.sorted() } == Array(0..<200))
    }

    @Test func addAfterReleasesInDeadlineOrder() async {
        let queue = WorkQueue<String>(name: "t")
        let start = ContinuousClock.now
        queue.addAfter("late", .milliseconds(600))
        queue.addAfter("early", .milliseconds(200))
        queue.addAfter("middle", .milliseconds(400))
        #expect(queue.count == 0)
        let first = await queue.get()
        #expect(ContinuousClock.now - start >= .milliseconds(200))
        let second = await queue.get()
        let third = await queue.get()
        #expect([first, second, third] == ["early", "middle", "late"])
        #expect(ContinuousClock.now - start >= .milliseconds(600))
    }

    @Test func earlierDeadlineWinsForAWaitingKey() async {
        let queue = WorkQueue<String>(name: "t")
        queue.addAfter("k", .seconds(3600))
        queue.addAfter("k", .milliseconds(50))
        queue.addAfter("k", .seconds(7200))
        let got = await withTaskGroup(of: String?.self) { group in
            group.addTask { await queue.get() }
            group.addTask {
                try? await Task.sleep(for: .seconds(20))
                return nil
            }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
        #expect(got == "k")
        queue.done("k")
        try? await Task.sleep(for: .milliseconds(200))
        #expect(queue.count == 0, "the key is released once, not once per addAfter")
    }

    @Test func addRateLimitedBacksOffPerItemAndForgetResets() async {
        let queue = WorkQueue<String>(name: "t", rateLimiter: .itemExponential(base: .milliseconds(1), max: .seconds(1)))
        queue.addRateLimited("a")
        queue.addRateLimited("a")
        queue.addRateLimited("a")
        #expect(queue.numRequeues("a") == 3)
        #expect(await queue.get() == "a")
        queue.forget("a")
        #expect(queue.numRequeues("a") == 0)
    }

    @Test func exponentialBackoffDoublesUpToTheCap() {
        let limiter = RateLimiter.itemExponential(base: .milliseconds(5), max: .milliseconds(100))
        let delays = (0..<7).map { _ in limiter.when("a") }
        #expect(delays == [.milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(40), .milliseconds(80), .milliseconds(100), .milliseconds(100)])
        #expect(limiter.when("b") == .milliseconds(5), "counted per item")
        #expect(limiter.numRequeues("a") == 7)
        limiter.forget("a")
        #expect(limiter.numRequeues("a") == 0)
        #expect(limiter.when("a") == .milliseconds(5))
        let huge = RateLimiter.itemExponential(base: .milliseconds(5), max: .seconds(1000))
        for _ in 0..<100 { _ = huge.when("x") }
        #expect(huge.when("x") == .seconds(1000))
    }

    @Test func bucketAllowsBurstThenPaces() {
        let now = Locked(ContinuousClock.now)
        let bucket = BucketRateLimiter(qps: 10, burst: 3, now: { now.withLock { $0 } })
        let delays = (0..<5).map { _ in bucket.when("any") / .milliseconds(1) }
        let expected: [Double] = [0, 0, 0, 100, 200]
        #expect(zip(delays, expected).allSatisfy { abs($0 - $1) < 0.001 }, "\(delays)")
        // A second later ten tokens have come back, minus the two borrowed, capped at the burst.
        now.withLock { $0 += .seconds(1) }
        #expect(bucket.when("any") == .zero)
        #expect(bucket.numRequeues("any") == 0)
    }

    @Test func defaultLimiterIsTheMaxOfBoth() {
        let limiter = RateLimiter.default
        #expect(limiter.when("a") == .milliseconds(5))
        #expect(limiter.when("a") == .milliseconds(10))
        #expect(limiter.numRequeues("a") == 2)
        // The bucket (burst 100) is drained by many items; then pacing beats the per-item delay.
        for i in 0..<200 { _ = limiter.when("item-\(i)") }
        let paced = limiter.when("fresh")
        #expect(paced > .milliseconds(5000), "bucket delay \(paced)")
    }

    @Test func shutDownDrainsThenReturnsNil() async {
        let queue = WorkQueue<String>(name: "t")
        queue.add("a")
        queue.add("b")
        queue.shutDown()
        queue.add("c")
        #expect(queue.isShuttingDown)
        #expect(await queue.get() == "a")
        #expect(await queue.get() == "b")
        #expect(await queue.get() == nil)
    }

    @Test func shutDownWakesBlockedWorkers() async {
        let queue = WorkQueue<String>(name: "t")
        let worker = Task { await queue.get() }
        try? await Task.sleep(for: .milliseconds(100))
        queue.shutDown()
        #expect(await worker.value == nil)
    }

    @Test func cancelledGetReturnsNilAndKeepsTheKeyForOthers() async {
        let queue = WorkQueue<String>(name: "t")
        let worker = Task { await queue.get() }
        try? await Task.sleep(for: .milliseconds(100))
        worker.cancel()
        #expect(await worker.value == nil)
        queue.add("a")
        #expect(queue.count == 1)
        #expect(await queue.get() == "a")
    }
}

func eventuallyTrue(timeout: Duration = .seconds(20), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}
