import KubeAPI
import KubeClient
import KubeProxy

/// The Services and EndpointSlices kube-proxy and cluster DNS follow, from the shared informers
/// (list+watch with resume and relist on 410); `onSynced` fires once both caches are filled.
struct InformerServiceSource: ServiceSource {
    let rest: RESTClient

    func run(_ handler: ServiceEventHandler) async throws {
        let factory = SharedInformerFactory(client: rest)
        let services = factory.informer(Service.self)
        let slices = factory.informer(EndpointSlice.self)
        services.addHandler(EventHandler(onAdd: handler.onServiceAdd, onUpdate: handler.onServiceUpdate, onDelete: handler.onServiceDelete))
        slices.addHandler(EventHandler(onAdd: handler.onEndpointSliceAdd, onUpdate: handler.onEndpointSliceUpdate, onDelete: handler.onEndpointSliceDelete))
        await withDiscardingTaskGroup { group in
            group.addTask { await factory.run() }
            group.addTask {
                await factory.waitForCacheSync()
                handler.onSynced()
            }
        }
    }
}
