import KubeAPI
import KubeProxy
import KubeClient
import Logging
import Synchronization

/// A ServiceSource over plain list+watch on the RESTClient (a minimal reflector): lists,
/// delivers the differences from what it delivered before as add/update/delete, then watches
/// from the list's resourceVersion; any watch error or expiry relists.
/// Stands in until the shared informers of KubeClient are wired.
public struct WatchingServiceSource: ServiceSource {
    public var rest: RESTClient
    public var relistBackoff: Duration
    public var logger: Logger

    public init(rest: RESTClient, relistBackoff: Duration = .seconds(1), logger: Logger = Logger(label: "kubeswift.services-source")) {
        self.rest = rest
        self.relistBackoff = relistBackoff
        self.logger = logger
    }

    public func run(_ handler: ServiceEventHandler) async throws {
        let synced = Mutex<(services: Bool, slices: Bool, reported: Bool)>((false, false, false))
        @Sendable func markSynced(_ update: (inout (services: Bool, slices: Bool, reported: Bool)) -> Void) {
            let report = synced.withLock { state -> Bool in
                update(&state)
                guard state.services && state.slices && !state.reported else { return false }
                state.reported = true
                return true
            }
            if report { handler.onSynced() }
        }
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                await Reflector<Service>(rest: rest, path: ResourcePath(resource: "services"), backoff: relistBackoff, logger: logger)
                    .run(add: handler.onServiceAdd, update: handler.onServiceUpdate, delete: handler.onServiceDelete) {
                        markSynced { $0.services = true }
                    }
            }
            group.addTask {
                await Reflector<EndpointSlice>(
                    rest: rest, path: ResourcePath(group: "discovery.k8s.io", resource: "endpointslices"), backoff: relistBackoff, logger: logger
                ).run(add: handler.onEndpointSliceAdd, update: handler.onEndpointSliceUpdate, delete: handler.onEndpointSliceDelete) {
                    markSynced { $0.slices = true }
                }
            }
        }
    }
}

/// List+watch of one resource across all namespaces, delivering typed events.
struct Reflector<Object: KubeObject> {
    var rest: RESTClient
    var path: ResourcePath
    var backoff: Duration
    var logger: Logger

    func run(
        add: @Sendable (Object) -> Void, update: @Sendable (Object, Object) -> Void, delete: @Sendable (Object) -> Void,
        listed: @Sendable () -> Void
    ) async {
        var known: [String: Object] = [:]
        while !Task.isCancelled {
            do {
                let list = try await rest.list(path)
                let version = list["metadata"]?["resourceVersion"]?.stringValue ?? ""
                var fresh: [String: Object] = [:]
                for item in list["items"]?.arrayValue ?? [] {
                    let object: Object = try item.decode()
                    fresh[Self.key(object)] = object
                }
                for (key, object) in fresh {
                    if let old = known[key] {
                        if old != object { update(old, object) }
                    } else {
                        add(object)
                    }
                }
                for (key, object) in known where fresh[key] == nil { delete(object) }
                known = fresh
                listed()

                var resourceVersion = version
                watching: while !Task.isCancelled {
                    for try await event in rest.watch(path, query: ["resourceVersion": resourceVersion, "allowWatchBookmarks": "true"]) {
                        if event.type == .error { break watching }
                        if let rv = event.object["metadata"]?["resourceVersion"]?.stringValue { resourceVersion = rv }
                        guard event.type != .bookmark else { continue }
                        let object: Object = try event.object.decode()
                        let key = Self.key(object)
                        switch event.type {
                        case .added, .modified:
                            if let old = known[key] { update(old, object) } else { add(object) }
                            known[key] = object
                        case .deleted:
                            known[key] = nil
                            delete(object)
                        default: break
                        }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("list/watch \(path) failed; relisting", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: backoff)
        }
    }

    static func key(_ object: Object) -> String {
        "\(object.metadata.namespace ?? "")/\(object.metadata.name ?? "")"
    }
}
