import Dispatch
import Synchronization

/// Keeps one container-init helper spawned ahead of time per helper command, so a
/// container's create does not wait for a process to start (a zygote, in effect). An idle
/// helper only blocks reading its request pipe; if the runtime exits, the pipe closes and
/// the helper exits with it.
public final class HelperPool: Sendable {
    public static let shared = HelperPool()

    struct Key: Hashable {
        var path: String
        var arguments: [String]
    }

    private let idle = Mutex<[Key: InitProcess]>([:])
    private static let spawner = DispatchQueue(label: "kubeswift.helper-pool")

    public init() {}

    /// A ready helper (or a freshly spawned one), and a replacement started in the background.
    public func take(_ configuration: RuntimeConfiguration) throws(InitProcessError) -> InitProcess {
        let key = Key(path: configuration.helperPath, arguments: configuration.helperArguments)
        let warm = idle.withLock { $0.removeValue(forKey: key) }
        Self.spawner.async { [self] in
            guard let spare = try? InitProcess(configuration: configuration) else { return }
            let surplus = idle.withLock { pool -> InitProcess? in
                if pool[key] == nil {
                    pool[key] = spare
                    return nil
                }
                return spare
            }
            if let surplus { Task { await surplus.finish() } }
        }
        if let warm { return warm }
        return try InitProcess(configuration: configuration)
    }

    /// Ends the idle helpers (tests, shutdown).
    public func drain() async {
        let helpers = idle.withLock { pool in
            defer { pool.removeAll() }
            return Array(pool.values)
        }
        for helper in helpers { await helper.finish() }
    }
}
