/// Data plugins compute once per scheduling cycle (PreFilter, PreScore) and read per node
/// (upstream `framework.CycleState`). Lives for one cycle on one task.
public final class CycleState {
    private var storage: [ObjectIdentifier: Any] = [:]
    /// The Filter plugins that run this cycle: the profile's, less those whose PreFilter
    /// returned Skip (upstream `SkipFilterPlugins`); nil before PreFilter ran.
    public internal(set) var filters: [any FilterPlugin]?

    public init() {}

    public func write<T>(_ value: T) { storage[ObjectIdentifier(T.self)] = value }

    public func read<T>(_ type: T.Type) -> T? { storage[ObjectIdentifier(T.self)] as? T }

    public func remove<T>(_ type: T.Type) { storage.removeValue(forKey: ObjectIdentifier(T.self)) }
}
