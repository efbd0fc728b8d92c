import EtcdAPI
import Foundation
import GRPCCore
import Synchronization

/// One `Store.watch` over etcd's Watch service. Each watcher has its own gRPC stream, so etcd's
/// per-watcher answers (progress notifications, "start revision compacted") map one to one onto
/// it. When the member goes away the watch is created again, on the next member, from the first
/// revision not yet delivered: consumers see no gap and no repeat.
final class EtcdWatcher: Sendable {
    let channel: WatchChannel
    private let prefix: String
    /// The first revision not yet delivered (etcd's `start_revision` for a re-created watch).
    private let next: Atomic<Int64>
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// How one gRPC watch stream ended.
    private enum Outcome: Sendable {
        /// The channel is finished (compacted, consumer gone, fell behind, fatal error).
        case finished
        /// The stream ended or the member cannot serve it; create it again elsewhere.
        case reconnect(String)
    }

    private init(prefix: String, afterRevision: Int64, channel: WatchChannel) {
        self.prefix = prefix
        self.channel = channel
        self.next = Atomic(max(afterRevision, 0) + 1)
    }

    static func make(prefix: String, afterRevision: Int64, bufferSize: Int)
        -> (EtcdWatcher, AsyncThrowingStream<StoreWatchEvent, any Error>)
    {
        let (channel, stream) = WatchChannel.make(prefix: prefix, bufferSize: bufferSize)
        return (EtcdWatcher(prefix: prefix, afterRevision: afterRevision, channel: channel), stream)
    }

    /// Starts feeding the channel; `done` runs when the watch is over.
    func start(cluster: EtcdCluster, done: @escaping @Sendable () -> Void) {
        let running = Task {
            await self.run(cluster: cluster)
            done()
        }
        task.withLock { $0 = running }
        channel.onTermination { running.cancel() }
    }

    func stop() {
        task.withLock { $0?.cancel() }
        channel.finish()
    }

    private func run(cluster: EtcdCluster) async {
        var backoff = Duration.milliseconds(50)
        while !Task.isCancelled && !cluster.isClosed {
            let member = cluster.current
            let outcome: Outcome
            do {
                outcome = try await stream(on: member)
            } catch {
                if Task.isCancelled { break }
                switch EtcdFailure(error) {
                case .notSent(let message), .outcomeUnknown(let message): outcome = .reconnect(message)
                case .fatal(let message) where message.contains("cancelled"): outcome = .reconnect(message)
                case let failure:
                    channel.finish(throwing: StoreError.internal("watch \(prefix) on etcd \(member.endpoint): \(failure)"))
                    return
                }
            }
            guard case .reconnect = outcome else { return }
            cluster.failover(from: member)
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(1))
        }
        channel.finish()
    }

    private func stream(on member: EtcdMember) async throws -> Outcome {
        var create = Etcdserverpb_WatchCreateRequest()
        create.key = Data(prefix.utf8)
        create.rangeEnd = EtcdMessages.rangeEnd(prefix: prefix)
        create.startRevision = next.load(ordering: .relaxed)
        create.progressNotify = true
        create.prevKv = true
        var request = Etcdserverpb_WatchRequest()
        request.requestUnion = .createRequest(create)
        var options = CallOptions.defaults
        options.waitForReady = false
        options.maxResponseMessageBytes = 512 << 20
        return try await member.watch.watch(metadata: EtcdMessages.requireLeader, options: options) { [request] writer in
            try await writer.write(request)
            // Returning would half-close the stream; keep it open until the watch ends.
            while true { try await Task.sleep(for: .seconds(3600)) }
        } onResponse: { response in
            for try await message in response.messages {
                if let outcome = self.deliver(message) { return outcome }
            }
            return .reconnect("etcd \(member.endpoint) ended the watch stream")
        }
    }

    /// Hands one response's events to the channel; returns an outcome when the stream should stop.
    private func deliver(_ message: Etcdserverpb_WatchResponse) -> Outcome? {
        let start = next.load(ordering: .relaxed)
        if message.compactRevision != 0 {
            channel.finish(throwing: StoreError.compacted(requested: start - 1, compactedRevision: message.compactRevision))
            return .finished
        }
        if message.canceled {
            // "no leader" (the member lost its cluster) is worth another member; anything else is final.
            if message.cancelReason.contains("leader") { return .reconnect(message.cancelReason) }
            channel.finish(throwing: StoreError.internal("watch \(prefix) cancelled by etcd: \(message.cancelReason)"))
            return .finished
        }
        if message.events.isEmpty {
            // A progress notification: nothing under the prefix changed up to header.revision. One from
            // before the start (a watch from a future revision) says nothing about it, so it is dropped.
            let revision = message.header.revision
            if !message.created && revision >= start - 1 && revision > 0 {
                if case .ended = channel.send(.progress(revision: revision)) { return .finished }
                next.store(max(start, revision + 1), ordering: .relaxed)
            }
            return nil
        }
        for event in message.events {
            let converted = Self.event(event)
            if case .ended = channel.send(converted) { return .finished }
            next.store(converted.revision + 1, ordering: .relaxed)
        }
        return nil
    }

    static func event(_ event: Mvccpb_Event) -> StoreWatchEvent {
        let kv = EtcdMessages.keyValue(event.kv)
        let previous = event.hasPrevKv ? EtcdMessages.keyValue(event.prevKv) : nil
        switch event.type {
        case .delete:
            // Without prev_kv (compacted away) the last value is unknown; the key is all there is.
            return .delete(
                key: kv.key, revision: kv.modRevision,
                previous: previous ?? KeyValue(key: kv.key, value: [], createRevision: 0, modRevision: 0))
        default:
            // version 1 is a creation: no previous value, whatever prev_kv says.
            return .put(kv, previous: event.kv.version == 1 ? nil : previous)
        }
    }
}
