import KubeAPI
import KubeClient
import Logging

/// Makes sure every active namespace has its `default` ServiceAccount (upstream's serviceaccounts controller).
public final class ServiceAccountController: Controller {
    public let name = "serviceaccount"
    let namespaces: Informer<Namespace>
    let accounts: Informer<ServiceAccount>
    let client: RESTClient
    let queue = WorkQueue<String>(name: "serviceaccount")
    let logger: Logger

    public init(factory: SharedInformerFactory, client: RESTClient, logger: Logger) {
        namespaces = factory.informer(Namespace.self)
        accounts = factory.informer(ServiceAccount.self)
        self.client = client
        self.logger = logger
        namespaces.addHandler(EventHandler(onAdd: { [queue] in queue.add($0.metadata.name ?? "") },
                                           onUpdate: { [queue] _, new in queue.add(new.metadata.name ?? "") }))
        accounts.addHandler(EventHandler(onDelete: { [queue] in queue.add($0.metadata.namespace ?? "") }))
    }

    public func run(workers: Int) async {
        await namespaces.waitForCacheSync()
        await accounts.waitForCacheSync()
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: workers) { [self] key in try await sync(key) }
    }

    func sync(_ namespace: String) async throws {
        guard let ns = namespaces.store.get(key: namespace), ns.metadata.deletionTimestamp == nil, ns.status.phase != "Terminating" else { return }
        guard accounts.store.get(namespace: namespace, name: "default") == nil else { return }
        do {
            _ = try await client.resource(ServiceAccount.self, namespace: namespace)
                .create(ServiceAccount(metadata: ObjectMeta(name: "default", namespace: namespace)))
        } catch let e as APIError where e.isAlreadyExists {}
    }
}
