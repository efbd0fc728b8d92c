import KubeAPI
import KubeClient

/// Wires the scheduler to a cluster: shared informers for PriorityClasses, namespaces, nodes
/// and pods feed the event handlers (PriorityClasses first, so pods arrive with their
/// priorities resolved), then the scheduling loop runs until cancelled.
extension Scheduler {
    public func run(client: RESTClient) async {
        // The scheduler only binds, patches status and deletes; it never writes a cached object
        // back, so its caches go without managedFields, as upstream's pod informer trims them.
        let factory = SharedInformerFactory(client: client, skipManagedFields: true)
        let classes = factory.informer(PriorityClass.self)
        let namespaces = factory.informer(Namespace.self)
        let nodes = factory.informer(Node.self)
        let pods = factory.informer(Pod.self)
        classes.addHandler(EventHandler(
            onAdd: { self.onPriorityClass($0) }, onUpdate: { _, new in self.onPriorityClass(new) },
            onDelete: { self.onPriorityClassDelete($0) }))
        namespaces.addHandler(EventHandler(onAdd: { self.onNamespace($0) }, onUpdate: { _, new in self.onNamespace(new) }))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await factory.run() }
            await classes.waitForCacheSync()
            nodes.addHandler(EventHandler(
                onAdd: { self.onNodeAdd($0) }, onUpdate: { self.onNodeUpdate(old: $0, new: $1) }, onDelete: { self.onNodeDelete($0) }))
            pods.addHandler(EventHandler(
                onAdd: { self.onPodAdd($0) }, onUpdate: { self.onPodUpdate(old: $0, new: $1) }, onDelete: { self.onPodDelete($0) }))
            await factory.waitForCacheSync()
            group.addTask { await self.run() }
            await group.next()
            group.cancelAll()
        }
    }
}
