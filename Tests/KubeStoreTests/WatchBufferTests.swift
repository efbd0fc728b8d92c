import KubeStore
import Testing

/// A watcher that does not read must not hold up writers; it is ended with `.fellBehind` once its
/// buffer is full, after the events it did have room for.
@Suite("Watch buffers")
struct WatchBufferTests {
    static let backends: [StoreBackend] = [
        StoreBackend(name: "memory") {
            var options = MemoryStore.Options()
            options.watchBufferSize = 5
            return MemoryStore(options: options)
        },
        StoreBackend(name: "sqlite") {
            var options = SQLiteStore.Options()
            options.watchBufferSize = 5
            return try SQLiteStore(path: TemporaryDirectory.make() + "/kubeswift.db", options: options)
        },
    ]

    @Test(arguments: backends)
    func slowWatcherIsEndedNotWaitedFor(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let start = try await store.currentRevision()
            let stream = store.watch(prefix: "/", afterRevision: start)
            let fast = WatchRecorder(store.watch(prefix: "/", afterRevision: start))
            for index in 0..<20 {
                _ = try await store.create("/k\(index)", value: [], ttl: nil)
                try await Task.sleep(for: .milliseconds(10))  // the reading watcher keeps up with this pace
            }
            // The reading watcher got everything; its buffer never filled.
            #expect(await fast.waitForChanges(20).count == 20)
            #expect(fast.error == nil)

            var received: [StoreWatchEvent] = []
            do {
                for try await event in stream { received.append(event) }
                Issue.record("stream ended without an error after \(received.count) events")
            } catch StoreWatchError.fellBehind(let prefix, let bufferSize) {
                #expect(prefix == "/")
                #expect(bufferSize == 5)
            }
            #expect(received.count == 5)
            #expect(received.map(\.revision) == Array(start + 1...start + 5))
        }
    }
}
