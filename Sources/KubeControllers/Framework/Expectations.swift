import Foundation
import Synchronization

/// How many creations and deletions a controller still expects to observe for one owner, so a
/// slow watch never makes it create (or delete) twice (upstream's `ControllerExpectations`).
/// An owner with no record, or a record older than the timeout, is satisfied.
public final class Expectations: Sendable {
    struct Record {
        var adds: Int
        var deletes: Int
        var timestamp: ContinuousClock.Instant
    }

    private let records = Mutex<[String: Record]>([:])
    public let timeout: Duration

    public init(timeout: Duration = .seconds(300)) {
        self.timeout = timeout
    }

    public func satisfied(_ key: String) -> Bool {
        records.withLock { records in
            guard let r = records[key] else { return true }
            return (r.adds <= 0 && r.deletes <= 0) || ContinuousClock.now - r.timestamp > timeout
        }
    }

    public func expect(_ key: String, adds: Int = 0, deletes: Int = 0) {
        records.withLock { $0[key] = Record(adds: adds, deletes: deletes, timestamp: .now) }
    }

    public func observedCreation(_ key: String) { lower(key, adds: 1) }
    public func observedDeletion(_ key: String) { lower(key, deletes: 1) }

    /// Also used when a create or delete request failed and its watch event will never come.
    public func lower(_ key: String, adds: Int = 0, deletes: Int = 0) {
        records.withLock { records in
            guard var r = records[key] else { return }
            r.adds -= adds
            r.deletes -= deletes
            records[key] = r
        }
    }

    public func forget(_ key: String) {
        _ = records.withLock { $0.removeValue(forKey: key) }
    }
}
