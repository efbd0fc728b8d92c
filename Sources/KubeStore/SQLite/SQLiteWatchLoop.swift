import Foundation
import Logging

/// The one loop per store that turns new rows into watch events, as kine's: it reads `id > position`
/// when a local commit wakes it (or every `pollInterval` as a backstop), and fans the rows out to
/// the watchers whose prefix they fall under. A new watcher first gets the history it asked for,
/// read by the same loop, so there is no gap or overlap between replay and live events.
/// All sqlite work and all watcher bookkeeping happen on the loop's own thread.
final class SQLiteWatchLoop: @unchecked Sendable {
    struct Options {
        var pollInterval: Duration
        var progressInterval: Duration
        var pageSize = 1_000
    }

    private struct Registration {
        var channel: WatchChannel
        var afterRevision: Int64
    }

    /// A watcher as the loop sees it: every change at or before `cursor` has been sent to it.
    private final class Watcher {
        let channel: WatchChannel
        var cursor: Int64
        init(channel: WatchChannel, cursor: Int64) {
            self.channel = channel
            self.cursor = cursor
        }
    }

    private let logger = Logger(label: "kubeswift.store.sqlite.watch")
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var registrations: [Registration] = []
    private var woken = false
    private var stopping = false
    private var exited = false
    private var exitWaiters: [CheckedContinuation<Void, Never>] = []
    private var positionWaiters: [(revision: Int64, waiter: CheckedContinuation<Void, Never>)] = []
    private var publishedPosition: Int64

    // Touched only by the loop thread:
    private var position: Int64
    private var watchers: [Watcher] = []

    init(connection: SQLiteConnection, position: Int64, options: Options) {
        self.position = position
        self.publishedPosition = position
        let confined = ThreadConfined(connection)
        let thread = Thread { [self] in
            run(confined.value, options)
        }
        thread.name = "kubestore-sqlite-watch"
        thread.start()
    }

    func register(_ channel: WatchChannel, afterRevision: Int64) {
        condition.lock()
        defer { condition.unlock() }
        if stopping {
            channel.finish(throwing: StoreError.unavailable("sqlite store is closed"))
            return
        }
        registrations.append(Registration(channel: channel, afterRevision: afterRevision))
        condition.signal()
    }

    /// Called after each local commit so watchers hear about it without waiting for the poll.
    func wake() {
        condition.lock()
        woken = true
        condition.signal()
        condition.unlock()
    }

    /// Returns once every change up to `revision` has been sent to watchers (or the loop stopped).
    /// Compaction waits for this so it never deletes a row a live watcher has not been sent.
    func waitUntilSent(_ revision: Int64) async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            condition.lock()
            if publishedPosition >= revision || exited {
                condition.unlock()
                waiter.resume()
                return
            }
            positionWaiters.append((revision, waiter))
            woken = true
            condition.signal()
            condition.unlock()
        }
    }

    func requestStop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

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

    private func run(_ connection: SQLiteConnection, _ options: Options) {
        let clock = ContinuousClock()
        var nextProgress = clock.now.advanced(by: options.progressInterval)
        while true {
            condition.lock()
            if !woken && registrations.isEmpty && !stopping {
                let wait = min(options.pollInterval, max(nextProgress - clock.now, .zero))
                _ = condition.wait(until: Date(timeIntervalSinceNow: wait.seconds))
            }
            let newcomers = registrations
            registrations = []
            woken = false
            let stop = stopping
            condition.unlock()
            if stop {
                for newcomer in newcomers { newcomer.channel.finish() }
                break
            }

            do throws(StoreError) {
                try step(connection, newcomers: newcomers, pageSize: options.pageSize)
            } catch {
                // A failed read (busy, I/O) is retried on the next round; the watchers keep their cursors.
                logger.warning("watch loop read failed", metadata: ["path": "\(connection.path)", "error": "\(error)"])
                for newcomer in newcomers where !watchers.contains(where: { $0.channel === newcomer.channel }) {
                    newcomer.channel.finish(throwing: error)
                }
            }
            if clock.now >= nextProgress {
                nextProgress = clock.now.advanced(by: options.progressInterval)
                sendProgress()
            }
            publish()
        }
        for watcher in watchers { watcher.channel.finish() }
        watchers = []
        connection.close()
        condition.lock()
        exited = true
        // Watches registered while the loop was stopping never started; end them too.
        for registration in registrations { registration.channel.finish() }
        registrations = []
        let waiters = exitWaiters + positionWaiters.map(\.waiter)
        exitWaiters = []
        positionWaiters = []
        condition.unlock()
        for waiter in waiters { waiter.resume() }
    }

    private func step(_ connection: SQLiteConnection, newcomers: [Registration], pageSize: Int) throws(StoreError) {
        try connection.execute("BEGIN")
        defer { try? connection.execute("COMMIT") }
        let compacted = try connection.compactRevision()

        for newcomer in newcomers {
            if newcomer.afterRevision < compacted {
                newcomer.channel.finish(
                    throwing: StoreError.compacted(requested: newcomer.afterRevision, compactedRevision: compacted))
            } else {
                watchers.append(Watcher(channel: newcomer.channel, cursor: newcomer.afterRevision))
            }
        }

        // Replay for watchers behind the loop, under their own prefix.
        for watcher in watchers where watcher.cursor < position {
            if watcher.cursor < compacted {
                watcher.channel.finish(throwing: StoreError.compacted(requested: watcher.cursor, compactedRevision: compacted))
                watcher.cursor = .max
                continue
            }
            while watcher.cursor < position {
                let page = try connection.changes(after: watcher.cursor, through: position, range: watcher.channel.prefix, limit: pageSize)
                if !deliver(page, to: watcher) { break }
                watcher.cursor = page.count < pageSize ? position : page.last!.revision
            }
        }

        // New changes, to everyone whose prefix they fall under.
        while true {
            let page = try connection.changes(after: position, through: .max, range: nil, limit: pageSize)
            guard let last = page.last else { break }
            for watcher in watchers where watcher.cursor < last.revision {
                let cursor = watcher.cursor
                let relevant = page.filter { $0.revision > cursor && watcher.channel.matches($0.key!) }
                if deliver(relevant, to: watcher) { watcher.cursor = last.revision }
            }
            position = last.revision
            if page.count < pageSize { break }
        }
        watchers.removeAll { $0.cursor == .max }
    }

    /// Sends `events`; on a full buffer or a gone consumer marks the watcher for removal and returns false.
    private func deliver(_ events: [StoreWatchEvent], to watcher: Watcher) -> Bool {
        for event in events {
            if case .ended = watcher.channel.send(event) {
                watcher.cursor = .max
                return false
            }
        }
        return true
    }

    private func sendProgress() {
        for watcher in watchers where watcher.cursor <= position {
            if case .ended = watcher.channel.send(.progress(revision: position)) { watcher.cursor = .max }
        }
        watchers.removeAll { $0.cursor == .max }
    }

    private func publish() {
        condition.lock()
        publishedPosition = position
        var ready: [CheckedContinuation<Void, Never>] = []
        positionWaiters.removeAll { entry in
            guard entry.revision <= position else { return false }
            ready.append(entry.waiter)
            return true
        }
        condition.unlock()
        for waiter in ready { waiter.resume() }
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
