/// Data plugins compute once per scheduling cycle (PreFilter, PreScore) and read per node
/// (upstream `framework.CycleState`). Lives for one cycle on one task.
///
/// Score plugins read their state once per node, so a read is a short linear scan over the
/// few types written this cycle and a downcast the key makes safe: no hashing and no dynamic
/// cast of an `Any`, which were a tenth of the scheduling algorithm's time at 5,000 nodes.
public final class CycleState {
    private final class Box<T> {
        let value: T
        init(_ value: T) { self.value = value }
    }

    private var keys: [ObjectIdentifier] = []
    /// `values[i]` is a `Box<T>` with `ObjectIdentifier(T.self) == keys[i]`.
    private var values: [AnyObject] = []
    /// The Filter plugins that run this cycle: the profile's, less those whose PreFilter
    /// returned Skip (upstream `SkipFilterPlugins`); nil before PreFilter ran.
    public internal(set) var filters: [any FilterPlugin]?

    public init() {}

    public func write<T>(_ value: T) {
        let key = ObjectIdentifier(T.self)
        if let i = keys.firstIndex(of: key) {
            values[i] = Box(value)
        } else {
            keys.append(key)
            values.append(Box(value))
        }
    }

    public func read<T>(_ type: T.Type) -> T? {
        let key = ObjectIdentifier(T.self)
        for i in keys.indices where keys[i] == key {
            return unsafeDowncast(values[i], to: Box<T>.self).value
        }
        return nil
    }

    public func remove<T>(_ type: T.Type) {
        guard let i = keys.firstIndex(of: ObjectIdentifier(T.self)) else { return }
        keys.remove(at: i)
        values.remove(at: i)
    }
}
