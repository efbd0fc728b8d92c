import Foundation
import KubeAPI
import KubeClient
import Logging

/// Keeps one Endpoints object per selector-bearing Service: ready pod addresses in `addresses`,
/// the rest in `notReadyAddresses`, one subset per distinct port set. Services without a selector
/// are left to whoever manages their Endpoints by hand.
public final class EndpointsController: Controller {
    public let name = "endpoints"
    let services: Informer<Service>
    let pods: Informer<Pod>
    let endpoints: Informer<Endpoints>
    let client: RESTClient
    let queue = WorkQueue<String>(name: "endpoints")
    let logger: Logger

    public init(factory: SharedInformerFactory, client: RESTClient, logger: Logger) {
        services = factory.informer(Service.self)
        pods = factory.informer(Pod.self)
        endpoints = factory.informer(Endpoints.self)
        self.client = client
        self.logger = logger
        services.addHandler(EventHandler(
            onAdd: { [queue] in queue.add(objectKey($0)) },
            onUpdate: { [queue] _, new in queue.add(objectKey(new)) },
            onDelete: { [queue] in queue.add(objectKey($0)) }))
        let podChanged: @Sendable (Pod?, Pod) -> Void = { [weak self] old, pod in
            guard let self else { return }
            let candidates = self.services.store.list(namespace: pod.metadata.namespace ?? "")
            for svc in ServiceEndpoints.services(selecting: pod, old: old, among: candidates) { self.queue.add(objectKey(svc)) }
        }
        pods.addHandler(EventHandler(onAdd: { podChanged(nil, $0) }, onUpdate: { old, new in podChanged(old, new) }, onDelete: { podChanged(nil, $0) }))
    }

    public func run(workers: Int) async {
        await services.waitForCacheSync()
        await pods.waitForCacheSync()
        await endpoints.waitForCacheSync()
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: workers) { [self] key in try await sync(key) }
    }

    func sync(_ key: String) async throws {
        let (namespace, name) = splitObjectKey(key)
        let api = client.resource(Endpoints.self, namespace: namespace)
        guard let service = services.store.get(key: key) else {
            if endpoints.store.get(key: key) != nil {
                do { try await api.delete(name) } catch let e as APIError where e.isNotFound {}
            }
            return
        }
        guard let selector = service.spec.selector, !selector.isEmpty else { return }
        let computed = ServiceEndpoints(service: service, pods: pods.store.list(namespace: namespace ?? ""))
        let subsets = Self.subsets(computed)
        var labels = service.metadata.labels ?? [:]
        if service.spec.clusterIP == "None" { labels["service.kubernetes.io/headless"] = "" }
        if var existing = endpoints.store.get(key: key) {
            if (existing.subsets ?? []) == subsets && (existing.metadata.labels ?? [:]) == labels { return }
            existing.subsets = subsets.isEmpty ? nil : subsets
            existing.metadata.labels = labels.isEmpty ? nil : labels
            _ = try await api.update(existing)
        } else {
            let object = Endpoints(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels.isEmpty ? nil : labels),
                                   subsets: subsets.isEmpty ? nil : subsets)
            // AlreadyExists means the informer has not seen it yet; the requeued retry updates it.
            _ = try await api.create(object)
        }
    }

    static func subsets(_ computed: ServiceEndpoints) -> [EndpointSubset] {
        computed.groups.compactMap { group in
            func address(_ e: ServiceEndpoints.Entry) -> EndpointAddress {
                EndpointAddress(ip: e.ip, hostname: e.hostname, nodeName: e.nodeName,
                                targetRef: ObjectReference(kind: "Pod", namespace: e.namespace, name: e.podName, uid: e.podUID))
            }
            let ready = group.entries.filter(\.ready).map(address)
            let notReady = group.entries.filter { !$0.ready }.map(address)
            guard !ready.isEmpty || !notReady.isEmpty else { return nil }
            return EndpointSubset(addresses: ready.isEmpty ? nil : ready, notReadyAddresses: notReady.isEmpty ? nil : notReady,
                                  ports: group.ports.isEmpty ? nil : group.ports.map { EndpointPort(name: $0.name, port: $0.port, protocol: $0.proto) })
        }
    }
}
