import Foundation
import KubeAPI
import KubeClient
import Logging

/// Keeps the EndpointSlices of each selector-bearing Service: one set of slices per distinct port
/// set, at most 100 endpoints each, labelled `kubernetes.io/service-name` and owned by the Service,
/// with ready / serving / terminating conditions per endpoint.
public final class EndpointSliceController: Controller {
    public let name = "endpointslice"
    public static let managedBy = "endpointslice-controller.k8s.io"
    static let maxEndpointsPerSlice = 100
    let services: Informer<Service>
    let pods: Informer<Pod>
    let slices: Informer<EndpointSlice>
    let client: RESTClient
    let queue = WorkQueue<String>(name: "endpointslice")
    let logger: Logger

    public init(factory: SharedInformerFactory, client: RESTClient, logger: Logger) {
        services = factory.informer(Service.self)
        pods = factory.informer(Pod.self)
        slices = factory.informer(EndpointSlice.self)
        self.client = client
        self.logger = logger
        slices.store.addIndex("service") { slice in
            guard let svc = slice.metadata.labels?["kubernetes.io/service-name"] else { return [] }
            return [objectKey(namespace: slice.metadata.namespace, name: svc)]
        }
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
        await slices.waitForCacheSync()
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: workers) { [self] key in try await sync(key) }
    }

    func sync(_ key: String) async throws {
        let namespace = splitObjectKey(key).namespace
        let api = client.resource(EndpointSlice.self, namespace: namespace)
        let existing = slices.store.byIndex("service", key).filter { $0.metadata.labels?["endpointslice.kubernetes.io/managed-by"] == Self.managedBy }
        guard let service = services.store.get(key: key), let selector = service.spec.selector, !selector.isEmpty else {
            // Slices are owned by the Service, so the garbage collector removes them too; deleting here is quicker.
            for slice in existing {
                do { try await api.delete(slice.metadata.name ?? "") } catch let e as APIError where e.isNotFound {}
            }
            return
        }
        let desired = Self.desiredSlices(service, computed: ServiceEndpoints(service: service, pods: pods.store.list(namespace: namespace ?? "")))
        var unused = existing.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
        for want in desired {
            // Reuse a slice with the same ports, else any leftover one, else create.
            let index = unused.firstIndex { ($0.ports ?? []) == (want.ports ?? []) } ?? unused.indices.first
            if let index {
                var slice = unused.remove(at: index)
                if slice.endpoints == want.endpoints && slice.ports == want.ports && slice.metadata.labels == want.metadata.labels { continue }
                slice.endpoints = want.endpoints
                slice.ports = want.ports
                slice.metadata.labels = want.metadata.labels
                _ = try await api.update(slice)
            } else {
                _ = try await api.create(want)
            }
        }
        for slice in unused {
            do { try await api.delete(slice.metadata.name ?? "") } catch let e as APIError where e.isNotFound {}
        }
    }

    static func desiredSlices(_ service: Service, computed: ServiceEndpoints) -> [EndpointSlice] {
        var labels = service.metadata.labels ?? [:]
        labels["kubernetes.io/service-name"] = service.metadata.name
        labels["endpointslice.kubernetes.io/managed-by"] = managedBy
        if service.spec.clusterIP == "None" { labels["service.kubernetes.io/headless"] = "" }
        var slices: [EndpointSlice] = []
        var groups = computed.groups
        // A Service whose pods are all gone still gets one empty slice with its ports, as upstream.
        if groups.isEmpty {
            groups = [((service.spec.ports ?? []).map { ServiceEndpoints.Port(name: $0.name, port: $0.port, proto: $0.protocol ?? "TCP") }, [])]
        }
        for group in groups {
            let ports = group.ports.map { EndpointSlicePort(name: $0.name ?? "", protocol: $0.proto, port: $0.port) }
            let endpoints = group.entries.map { e in
                Endpoint(addresses: [e.ip], conditions: EndpointConditions(ready: e.ready, serving: e.serving, terminating: e.terminating),
                         hostname: e.hostname, targetRef: ObjectReference(kind: "Pod", namespace: e.namespace, name: e.podName, uid: e.podUID),
                         nodeName: e.nodeName)
            }
            var chunks = stride(from: 0, to: endpoints.count, by: maxEndpointsPerSlice).map { Array(endpoints[$0..<min($0 + maxEndpointsPerSlice, endpoints.count)]) }
            if chunks.isEmpty { chunks = [[]] }
            for chunk in chunks {
                slices.append(EndpointSlice(
                    metadata: ObjectMeta(generateName: "\(service.metadata.name ?? "")-", namespace: service.metadata.namespace, labels: labels,
                                         ownerReferences: [controllerReference(to: service)]),
                    addressType: "IPv4", endpoints: chunk, ports: ports.isEmpty ? nil : ports))
            }
        }
        return slices
    }
}
