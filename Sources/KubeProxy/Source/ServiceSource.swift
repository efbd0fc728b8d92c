import KubeAPI

/// Receives the Service and EndpointSlice events a source delivers; handlers must be quick
/// (record and return), as informer handlers.
public struct ServiceEventHandler: Sendable {
    public var onServiceAdd: @Sendable (Service) -> Void
    public var onServiceUpdate: @Sendable (Service, Service) -> Void
    public var onServiceDelete: @Sendable (Service) -> Void
    public var onEndpointSliceAdd: @Sendable (EndpointSlice) -> Void
    public var onEndpointSliceUpdate: @Sendable (EndpointSlice, EndpointSlice) -> Void
    public var onEndpointSliceDelete: @Sendable (EndpointSlice) -> Void
    /// Both initial lists have been delivered.
    public var onSynced: @Sendable () -> Void

    public init(
        onServiceAdd: @escaping @Sendable (Service) -> Void = { _ in },
        onServiceUpdate: @escaping @Sendable (Service, Service) -> Void = { _, _ in },
        onServiceDelete: @escaping @Sendable (Service) -> Void = { _ in },
        onEndpointSliceAdd: @escaping @Sendable (EndpointSlice) -> Void = { _ in },
        onEndpointSliceUpdate: @escaping @Sendable (EndpointSlice, EndpointSlice) -> Void = { _, _ in },
        onEndpointSliceDelete: @escaping @Sendable (EndpointSlice) -> Void = { _ in },
        onSynced: @escaping @Sendable () -> Void = {}
    ) {
        self.onServiceAdd = onServiceAdd
        self.onServiceUpdate = onServiceUpdate
        self.onServiceDelete = onServiceDelete
        self.onEndpointSliceAdd = onEndpointSliceAdd
        self.onEndpointSliceUpdate = onEndpointSliceUpdate
        self.onEndpointSliceDelete = onEndpointSliceDelete
        self.onSynced = onSynced
    }

    /// A proxier's handlers.
    public static func proxier(_ proxier: Proxier) -> ServiceEventHandler {
        ServiceEventHandler(
            onServiceAdd: proxier.onServiceAdd, onServiceUpdate: proxier.onServiceUpdate, onServiceDelete: proxier.onServiceDelete,
            onEndpointSliceAdd: proxier.onEndpointSliceAdd, onEndpointSliceUpdate: proxier.onEndpointSliceUpdate,
            onEndpointSliceDelete: proxier.onEndpointSliceDelete,
            onSynced: {
                proxier.onServicesSynced()
                proxier.onEndpointsSynced()
            })
    }
}

/// Where Services and EndpointSlices come from: the one seam between kube-proxy / cluster DNS
/// and the API client, so moving to shared informers changes one file.
public protocol ServiceSource: Sendable {
    /// Delivers events to `handler` until the task is cancelled.
    func run(_ handler: ServiceEventHandler) async throws
}
