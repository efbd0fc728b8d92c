import Foundation
import KubeAPI
import KubeClient
import Synchronization

/// What the benchmark counts: pods as a watch over HTTP reports them, the way upstream's
/// scheduler_perf counts scheduled pods with an informer in the test process. Each pod is
/// filed under a group (`classify` of its name); a group remembers the instant each pod was
/// first seen and first seen bound (`spec.nodeName` set), in order, so "the moment the Nth pod
/// was bound" is exact however late the waiter looks.
final class PodWatch: Sendable {
    struct Group {
        var created: Set<String> = []
        var bound: Set<String> = []
        var createdAt: [ContinuousClock.Instant] = []
        var boundAt: [ContinuousClock.Instant] = []
    }

    private let groups = Mutex<[String: Group]>([:])
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// Starts watching `path` (pods) with `query` (selectors) until `stop()`; resumes from the
    /// last resourceVersion if the server ends the watch.
    init(client: RESTClient, path: ResourcePath, query: [String: String], classify: @escaping @Sendable (String) -> String) {
        task.withLock {
            $0 = Task { [self] in
                var resourceVersion = ""
                while !Task.isCancelled {
                    var q = query
                    if !resourceVersion.isEmpty { q["resourceVersion"] = resourceVersion }
                    do {
                        for try await event in client.watch(path, query: q) {
                            let object = event.object
                            if event.type == .error {
                                resourceVersion = ""  // 410 Gone: start over with a fresh list
                                break
                            }
                            if let rv = object[path: ["metadata", "resourceVersion"]]?.stringValue { resourceVersion = rv }
                            guard event.type == .added || event.type == .modified,
                                let name = object[path: ["metadata", "name"]]?.stringValue
                            else { continue }
                            let bound = !(object[path: ["spec", "nodeName"]]?.stringValue ?? "").isEmpty
                            let now = ContinuousClock.now
                            let key = classify(name)
                            self.groups.withLock { groups in
                                if groups[key, default: Group()].created.insert(name).inserted { groups[key]!.createdAt.append(now) }
                                if bound, groups[key]!.bound.insert(name).inserted { groups[key]!.boundAt.append(now) }
                            }
                        }
                    } catch {
                        if Task.isCancelled { break }
                        FileHandle.standardError.write(Data("pod watch: \(error); watching again\n".utf8))
                    }
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
        }
    }

    func group(_ key: String) -> Group { groups.withLock { $0[key] ?? Group() } }

    /// Waits until `count` pods of the group are bound (or created, with `bound: false`) and
    /// returns the instant the last of them was seen; nil after `timeout`.
    func wait(_ key: String, count: Int, bound: Bool = true, timeout: Duration) async -> ContinuousClock.Instant? {
        let deadline = ContinuousClock.now + timeout
        while true {
            let instants = groups.withLock { bound ? $0[key]?.boundAt : $0[key]?.createdAt } ?? []
            if instants.count >= count { return instants[count - 1] }
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    func stop() async {
        let t = task.withLock { $0 }
        t?.cancel()
        await t?.value
    }
}
