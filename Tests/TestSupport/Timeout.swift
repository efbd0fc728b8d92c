/// A wait that ran out of time: `within(_:_:)`'s error.
public struct WaitTimedOut: Error, CustomStringConvertible {
    public let timeout: Duration
    public var description: String { "gave up after \(timeout)" }
}

/// `body`'s result, or `WaitTimedOut` once `timeout` has passed (`body` is then cancelled).
public func within<T: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw WaitTimedOut(timeout: timeout)
        }
        let result = try await group.next()!
        group.cancelAll()
        return result
    }
}
