import KubeAPI
import KubeClient

/// Writes a controller's status: the cache may be a revision behind (another controller, or the
/// user, just wrote the object), so a conflict re-reads the object and applies the status again
/// rather than failing the whole sync into a rate-limited retry.
func writeStatus<O: KubeObject>(_ api: ResourceClient<O>, _ object: O, attempts: Int = 3, _ apply: (inout O) -> Void) async throws {
    var current = object
    for attempt in 1...attempts {
        apply(&current)
        do {
            _ = try await api.updateStatus(current)
            return
        } catch let error as APIError where error.isConflict && attempt < attempts {
            current = try await api.get(object.metadata.name ?? "")
        }
    }
}
