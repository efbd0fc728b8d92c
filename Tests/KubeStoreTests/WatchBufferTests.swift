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
            // Writers finish even though nobody reads the stream.
            for index in 0..<20 { _ = try await store.create("/k\(index)", value: [], ttl: nil) }
            #expect(try await store.currentRevision() == start + 20)
            try await Task.sleep(for: .milliseconds(300))  // let the SQLite watch loop fan out

            // If the stream never ends, closing the store ends it (and the test fails instead of hanging).
            let deadline = Task {
                try await Task.sleep(for: .seconds(10))
                await store.close()
            }
            defer { deadline.cancel() }
            var received: [StoreWatchEvent] = []
            do {
                for try await event in stream { received.append(event) }
                Issue.record("stream ended without an error after \(received.count) events")
            } catch StoreWatchError.fellBehind(let prefix, let bufferSize) {
                #expect(prefix == "/")
                #expect(bufferSize == 5)
            }
            // The buffer held five events; a progress notification may take a slot when the
            // watch loop runs late (a loaded machine), the changes before it stay in order.
            #expect(received.count == 5)
            let changes = received.filter { if case .progress = $0 { return false } else { return true } }
            #expect(changes.map(\.revision) == Array(start + 1...start + Int64(changes.count)))
        }
    }
}
