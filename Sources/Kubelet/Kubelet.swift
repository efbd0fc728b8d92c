import CRI
import Foundation
import KubeAPI
import KubeClient
import Logging
import Synchronization

/// The node agent: turns the Pods bound to its node into containers through CRI and reports
/// them, and the node itself, to the API. `run()` until cancelled runs, side by side:
///
/// - the pod informer (`spec.nodeName=<node>`) feeding one pod worker per pod;
/// - the PLEG relisting the runtime every second, signalling the workers of pods that changed;
/// - housekeeping: runtime pods no API pod owns (deleted while the kubelet was away) are removed;
/// - node registration and status, and the node Lease.
///
/// A restarted kubelet adopts what runs: containers carry the pod UID, container name, restart
/// count and spec hash as CRI labels and annotations, so the first sync finds them running and
/// restarts nothing.
public final class Kubelet: Sendable {
    public let options: KubeletOptions
    public let client: RESTClient
    public let cri: CRIClient
    public let events: any KubeletEventRecorder
    public let objects: any KubeletObjectSource
    public let commandRunner: any ContainerCommandRunner
    public let runtime: KubeRuntimeManager
    public let statusManager: StatusManager
    public let podWorkers: PodWorkers
    public let pleg: GenericPLEG
    let handler: PodSyncHandler
    let volumes: (any PodVolumeProvider)?
    let prober: any PodProber
    let podInformer: Informer<Pod>
    let nodeStatus: NodeStatusManager
    let lease: NodeLeaseController
    let mirrorPods: MirrorPodManager
    let imageUsage = ImageUsageRecords()
    /// The static pods the manifest directory defines, by UID.
    let staticPods = Mutex<[String: Pod]>([:])
    let logger: Logger

    public var nodeName: String { options.nodeName }

    public init(options: KubeletOptions, client: RESTClient, cri: CRIClient, plugins: KubeletPlugins = KubeletPlugins(),
                events: (any KubeletEventRecorder)? = nil, logger: Logger) {
        let events = events ?? APIEventRecorder(client: client, nodeName: options.nodeName, logger: logger)
        let runner = CRICommandRunner(cri: cri)
        let machine = MachineInfo.read(rootDirectory: options.rootDirectory)
        let runtime = KubeRuntimeManager(
            cri: cri,
            sandboxes: PodSandboxConfigBuilder(
                nodeHostname: options.nodeName, clusterDNS: options.clusterDNS, clusterDomain: options.clusterDomain,
                podLogsDirectory: options.podLogsDirectory, hostResolvConf: options.resolvConf),
            containers: ContainerConfigBuilder(memoryCapacity: machine.memoryBytes),
            images: ImageManager(cri: cri, events: events, backOff: BackOff(initial: options.containerBackOffInitial,
                                                                            maximum: options.containerBackOffMaximum), logger: logger),
            backOff: BackOff(initial: options.containerBackOffInitial, maximum: options.containerBackOffMaximum),
            events: events, environment: plugins.environment, hooks: plugins.hooks, nodeName: options.nodeName, logger: logger)
        let statusManager = StatusManager(client: client, logger: logger)

        // The prober and the PLEG call back into the pod workers, which need the sync handler first.
        let workersBox = Mutex<PodWorkers?>(nil)
        let handlerBox = Mutex<PodSyncHandler?>(nil)
        let prober = plugins.makeProber?(KubeletPlugins.ProberCallbacks(
            runner: runner, events: events,
            onResultChange: { uid in workersBox.withLock { $0 }?.signal(uid: uid) },
            onLivenessFailure: { uid, container, message in
                handlerBox.withLock { $0 }?.recordLivenessFailure(uid: uid, container: container, message: message)
                workersBox.withLock { $0 }?.signal(uid: uid)
            })) ?? NoProber()
        let handler = PodSyncHandler(runtime: runtime, statusManager: statusManager, volumes: plugins.volumes, prober: prober,
                                     events: events, hostIPs: options.nodeIPs, logger: logger)
        let workers = PodWorkers(syncer: handler)
        workersBox.withLock { $0 = workers }
        handlerBox.withLock { $0 = handler }
        let pleg = GenericPLEG(relist: { try await runtime.relist() }, period: options.plegRelistPeriod, logger: logger,
                               onChange: { uid in workers.signal(uid: uid) })
        let podInformer = Informer(client: client.resource(Pod.self), fieldSelector: "spec.nodeName=\(options.nodeName)")
        // Mirror pods stand for static pods, which run from their manifests: never run them.
        podInformer.addHandler(EventHandler(
            onAdd: { pod in if !StaticPodSource.isMirrorPod(pod) { workers.update(pod) } },
            onUpdate: { _, pod in if !StaticPodSource.isMirrorPod(pod) { workers.update(pod) } },
            onDelete: { pod in if !StaticPodSource.isMirrorPod(pod) { workers.deleted(pod) } }))

        self.options = options
        self.client = client
        self.cri = cri
        self.logger = logger
        self.events = events
        self.objects = APIObjectSource(client: client)
        self.commandRunner = runner
        self.runtime = runtime
        self.statusManager = statusManager
        self.volumes = plugins.volumes
        self.prober = prober
        self.handler = handler
        self.podWorkers = workers
        self.pleg = pleg
        self.podInformer = podInformer
        self.nodeStatus = NodeStatusManager(
            client: client, cri: cri,
            builder: NodeStatusBuilder(
                nodeName: options.nodeName, hostname: options.nodeName, nodeIPs: options.nodeIPs, machine: machine,
                kubeletPort: Int32(options.port), kubeletVersion: options.kubeletVersion, maxPods: options.maxPods),
            podCIDR: options.podCIDR, rootDirectory: options.rootDirectory, updateFrequency: options.nodeStatusUpdateFrequency,
            reportFrequency: options.nodeStatusReportFrequency, runtimeHealthy: { pleg.healthy() }, logger: logger)
        self.mirrorPods = MirrorPodManager(client: client, nodeName: options.nodeName, logger: logger)
        self.lease = NodeLeaseController(client: client, nodeName: options.nodeName, leaseDurationSeconds: options.nodeLeaseDurationSeconds,
                                         renewInterval: options.nodeLeaseRenewInterval, logger: logger)
    }

    /// Runs until the task is cancelled; then stops the workers (containers keep running, as
    /// upstream's kubelet leaves them for the next kubelet to adopt).
    public func run() async {
        try? FileManager.default.createDirectory(atPath: options.rootDirectory, withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(atPath: options.podLogsDirectory, withIntermediateDirectories: true)
        logger.notice("kubelet for node \(options.nodeName) on \(cri.endpoint)")
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.nodeStatus.run() }
            group.addTask { await self.lease.run() }
            group.addTask { await self.pleg.run() }
            group.addTask { await self.podInformer.run() }
            if let directory = options.podManifestPath {
                group.addTask { await self.runStaticPods(directory: directory) }
            }
            group.addTask {
                await self.podInformer.waitForCacheSync()
                var lastGC = ContinuousClock.now
                var lastImageGC = ContinuousClock.now
                while !Task.isCancelled {
                    await self.housekeeping()
                    if ContinuousClock.now - lastGC >= self.options.containerGCPeriod {
                        await self.collectDeadContainers()
                        lastGC = ContinuousClock.now
                    }
                    if ContinuousClock.now - lastImageGC >= self.options.imageGCPeriod {
                        await self.collectUnusedImages()
                        lastImageGC = ContinuousClock.now
                    }
                    try? await Task.sleep(for: self.options.housekeepingInterval)
                }
            }
            await group.waitForAll()
        }
        podWorkers.stopAll()
    }

    /// Removes from the runtime the pods no API pod (and no worker) accounts for — deleted while
    /// the kubelet was not running — and volumes of pods that no longer exist.
    public func housekeeping() async {
        guard pleg.hasRelisted, podInformer.hasSynced else { return }
        let known = Set(podInformer.store.list().compactMap(\.metadata.uid)).union(staticPods.withLock { $0.keys })
        for (uid, fingerprint) in pleg.snapshot where !known.contains(uid) && podWorkers.phase(uid: uid) == nil {
            do {
                let status = try await runtime.podStatus(uid: uid, name: fingerprint.name, namespace: fingerprint.namespace)
                // The relist may predate the pod's own worker removing it.
                if status.sandboxes.isEmpty && status.containers.isEmpty { continue }
                try await runtime.killPod(nil, status: status, gracePeriodOverride: 2)
                try await runtime.removePod(status)
                logger.info("removed orphaned pod \(fingerprint.namespace)/\(fingerprint.name) (\(uid)) from the runtime")
            } catch {
                logger.warning("remove orphaned pod \(uid): \(error)")
            }
        }
        if let volumes {
            for uid in volumes.podUIDsOnDisk() where !known.contains(uid) && podWorkers.phase(uid: uid) == nil {
                try? await volumes.tearDownPod(uid: uid)
            }
        }
    }

    /// Reads the manifest directory every `staticPodCheckInterval`: new and changed static pods go
    /// to their workers, removed ones are terminated; then the API's mirror pods are made to match.
    func runStaticPods(directory: String) async {
        let source = StaticPodSource(directory: directory, nodeName: options.nodeName)
        var reported: Set<String> = []
        while !Task.isCancelled {
            let (pods, errors) = source.read()
            for error in errors where !reported.contains(error) { logger.warning("\(error)") }
            reported = Set(errors)
            let previous = staticPods.withLock { current -> [String: Pod] in
                defer { current = pods }
                return current
            }
            for (uid, pod) in pods where previous[uid] == nil {
                logger.info("static pod \(pod.metadata.namespace ?? "")/\(pod.metadata.name ?? "") from \(directory)")
                podWorkers.update(pod)
            }
            for (uid, pod) in previous where pods[uid] == nil {
                podWorkers.deleted(pod)
            }
            if podInformer.hasSynced {
                let mirrors = podInformer.store.list().filter(StaticPodSource.isMirrorPod)
                for uid in await mirrorPods.sync(staticPods: Array(pods.values), mirrors: mirrors) {
                    // A new mirror pod has no status yet: write it again.
                    statusManager.forget(uid: uid)
                    podWorkers.signal(uid: uid)
                }
            }
            try? await Task.sleep(for: options.staticPodCheckInterval)
        }
    }

    /// Removes dead containers and sandboxes beyond what the GC policy keeps, pod by pod.
    public func collectDeadContainers() async {
        for (uid, fingerprint) in pleg.snapshot {
            guard let status = try? await runtime.podStatus(uid: uid, name: fingerprint.name, namespace: fingerprint.namespace) else { continue }
            let (containers, sandboxes) = options.containerGC.evictable(status, now: Date())
            for id in containers {
                var request = Runtime_V1_RemoveContainerRequest()
                request.containerID = id
                do { _ = try await cri.runtime.removeContainer(request) } catch { logger.info("GC: remove container \(id): \(error)") }
            }
            for id in sandboxes {
                var request = Runtime_V1_RemovePodSandboxRequest()
                request.podSandboxID = id
                do { _ = try await cri.runtime.removePodSandbox(request) } catch { logger.info("GC: remove sandbox \(id): \(error)") }
            }
        }
    }

    /// Removes unused images when the image filesystem is fuller than the policy's high threshold.
    public func collectUnusedImages() async {
        do {
            let images = try await cri.images.listImages(Runtime_V1_ListImagesRequest()).images
            let containers = try await cri.runtime.listContainers(Runtime_V1_ListContainersRequest()).containers
            let inUse = Set(containers.flatMap { [$0.imageRef, $0.image.image] })
                .union(images.filter { image in containers.contains { image.repoTags.contains($0.image.image) } }.map(\.id))
            let observed = imageUsage.observe(present: images.map { ($0.id, $0.size) }, inUse: inUse, now: Date())
            let filesystems = try await cri.images.imageFsInfo(Runtime_V1_ImageFsInfoRequest()).imageFilesystems
            guard let mountpoint = filesystems.first?.fsID.mountpoint,
                  let fs = MachineInfo.filesystem(existingAncestorOf: mountpoint) else { return }
            let victims = options.imageGC.evictable(images: observed, inUse: inUse, capacity: UInt64(max(fs.total, 0)),
                                                    available: UInt64(max(fs.available, 0)), now: Date())
            for id in victims {
                var request = Runtime_V1_RemoveImageRequest()
                request.image.image = id
                do {
                    _ = try await cri.images.removeImage(request)
                    logger.info("image GC: removed \(id)")
                } catch {
                    logger.info("image GC: remove \(id): \(error)")
                }
            }
        } catch {
            logger.warning("image GC: \(error)")
        }
    }

    // MARK: For the kubelet server (KubeletServerBackend's requirements)

    /// Pods whose containers may be running.
    public func runningPods() -> [Pod] {
        podWorkers.activePods()
    }

    /// The CRI container id and log path of a container (previous: the instance before the latest).
    public func containerLog(namespace: String, pod: String, container: String, previous: Bool) async throws
        -> (containerID: String, logPath: String)
    {
        let instances = try await containerInstances(namespace: namespace, pod: pod, container: container)
        let index = previous ? 1 : 0
        guard instances.count > index else {
            throw ContainerLookupError(namespace: namespace, pod: pod, container: container,
                                       detail: previous ? "no previous terminated container" : "no container yet")
        }
        var request = Runtime_V1_ContainerStatusRequest()
        request.containerID = instances[index].id
        let status = try await cri.runtime.containerStatus(request).status
        return (status.id, status.logPath)
    }

    /// The CRI id of the container's newest instance.
    public func containerID(namespace: String, pod: String, container: String) async throws -> String {
        let instances = try await containerInstances(namespace: namespace, pod: pod, container: container)
        guard let latest = instances.first else {
            throw ContainerLookupError(namespace: namespace, pod: pod, container: container, detail: "no container yet")
        }
        return latest.id
    }

    func containerInstances(namespace: String, pod name: String, container: String) async throws -> [RuntimeContainerStatus] {
        guard let pod = podWorkers.knownPods().first(where: { $0.metadata.namespace == namespace && $0.metadata.name == name }),
              let uid = pod.metadata.uid else {
            throw ContainerLookupError(namespace: namespace, pod: name, container: container, detail: "pod not found on this node")
        }
        return try await runtime.podStatus(uid: uid, name: name, namespace: namespace).instances(container)
    }
}

public struct ContainerLookupError: Error, CustomStringConvertible, Sendable {
    public var namespace: String
    public var pod: String
    public var container: String
    public var detail: String
    public var description: String { "container \(container) of pod \(namespace)/\(pod): \(detail)" }
}
