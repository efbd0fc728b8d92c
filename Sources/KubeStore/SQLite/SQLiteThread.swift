import Foundation

/// A dedicated OS thread that runs queued jobs, handing `process` everything queued since it last
/// ran (at most `maxBatch`). Blocking sqlite calls live here, never on Swift's cooperative pool.
/// Whatever `process` and `finally` capture (a connection) is touched only by this thread.
final class SQLiteThread<Job: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var stopping = false
    private var exited = false
    private var exitWaiters: [CheckedContinuation<Void, Never>] = []

    init(name: String, maxBatch: Int, process: @escaping ([Job]) -> Void, finally: @escaping () -> Void) {
        let work = ThreadConfined((process, finally))
        let thread = Thread { [self] in
            let (process, finally) = work.value
            while true {
                condition.lock()
                while queue.isEmpty && !stopping { condition.wait() }
                if queue.isEmpty {
                    condition.unlock()
                    break
                }
                let batch = Array(queue.prefix(maxBatch))
                queue.removeFirst(batch.count)
                condition.unlock()
                process(batch)
            }
            finally()
            condition.lock()
            exited = true
            let waiters = exitWaiters
            exitWaiters = []
            condition.unlock()
            for waiter in waiters { waiter.resume() }
        }
        thread.name = name
        thread.start()
    }

    /// Queues `job`; false once `stop` has been called.
    func submit(_ job: Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if stopping { return false }
        queue.append(job)
        condition.signal()
        return true
    }

    /// Like `stop`, without waiting for the thread to end.
    func requestStop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    /// Runs what is queued, then ends the thread; returns once it has.
    func stop() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            condition.lock()
            stopping = true
            condition.signal()
            if exited {
                condition.unlock()
                waiter.resume()
            } else {
                exitWaiters.append(waiter)
                condition.unlock()
            }
        }
    }
}

/// Hands a value to the one thread that will use it from then on (a connection, closures that
/// capture one); the compiler cannot see that confinement, this type states it.
struct ThreadConfined<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
