import KubeAPI

/// What an informer calls for each change it applies to its cache. Handlers must be quick
/// (enqueue a key); they run serially per informer, in event order, while the informer holds its
/// delivery lock — so a handler must not call `addHandler` on the same informer.
public struct EventHandler<Object: KubeObject>: Sendable {
    public let onAdd: @Sendable (Object) -> Void
    public let onUpdate: @Sendable (_ old: Object, _ new: Object) -> Void
    public let onDelete: @Sendable (Object) -> Void

    public init(
        onAdd: @escaping @Sendable (Object) -> Void = { _ in },
        onUpdate: @escaping @Sendable (_ old: Object, _ new: Object) -> Void = { _, _ in },
        onDelete: @escaping @Sendable (Object) -> Void = { _ in }
    ) {
        self.onAdd = onAdd
        self.onUpdate = onUpdate
        self.onDelete = onDelete
    }
}
