import Foundation
import KubeAPI
import KubeClient
import Logging

/// `kubeswift controller-manager`: every controller over one shared set of informers, behind
/// leader election on the `kube-controller-manager` Lease when asked.
public struct ControllerManagerOptions: Sendable {
    /// Controller names to run; `*` is all of them, `-name` turns one off (upstream's `--controllers`).
    public var controllers: [String] = ["*"]
    public var workers: Int = 5
    public var leaderElect: Bool = false
    public var identity: String = ProcessInfo.processInfo.hostName + "_" + UUID().uuidString
    public var leaseDuration: Duration = .seconds(15)
    public var renewDeadline: Duration = .seconds(10)
    public var retryPeriod: Duration = .seconds(2)

    /// The wall clock of time-driven controllers (CronJob, Job deadlines, TTL, node health, taint eviction).
    public var clock: any ControllerClock = SystemClock()
    /// Job: the first delay before recreating a failed pod (doubling per failure, up to `jobBackoffMax`).
    public var jobBackoffBase: Duration = .seconds(10)
    public var jobBackoffMax: Duration = .seconds(600)
    /// Node lifecycle (upstream's --node-monitor-period, --node-monitor-grace-period, --node-startup-grace-period).
    public var nodeMonitorPeriod: Duration = .seconds(5)
    public var nodeMonitorGracePeriod: Duration = .seconds(40)
    public var nodeStartupGracePeriod: Duration = .seconds(60)
    /// Node IPAM (--allocate-node-cidrs, --cluster-cidr, --node-cidr-mask-size).
    public var allocateNodeCIDRs: Bool = true
    public var clusterCIDR: String = "10.244.0.0/16"
    public var nodeCIDRMaskSize: Int = 24
    /// Pod GC (--terminated-pod-gc-threshold); how often it runs and how long a node must be gone.
    public var terminatedPodGCThreshold: Int = 12500
    public var podGCPeriod: Duration = .seconds(20)
    public var podGCQuarantine: Duration = .seconds(40)

    public init() {}
}

public final class ControllerManager: Sendable {
    public static let allControllers = [
        "replicaset", "replicationcontroller", "deployment", "endpoints", "endpointslice", "serviceaccount", "garbagecollector",
        "daemonset", "statefulset", "job", "cronjob", "ttl-after-finished", "nodelifecycle", "taint-eviction-controller", "nodeipam", "podgc",
    ]

    let client: RESTClient
    let options: ControllerManagerOptions
    let logger: Logger

    public init(client: RESTClient, options: ControllerManagerOptions, logger: Logger) {
        self.client = client
        self.options = options
        self.logger = logger
    }

    /// The controllers the `--controllers` list enables, in a fixed order.
    public static func enabled(_ list: [String]) throws -> [String] {
        var names = Set<String>()
        for item in list {
            if item == "*" { names.formUnion(allControllers) } else if item.hasPrefix("-") { continue } else {
                guard allControllers.contains(item) else { throw ControllerManagerError.unknownController(item) }
                names.insert(item)
            }
        }
        for item in list where item.hasPrefix("-") { names.remove(String(item.dropFirst())) }
        return allControllers.filter(names.contains)
    }

    /// Runs until cancelled.
    public func run() async throws {
        let names = try Self.enabled(options.controllers)
        if options.leaderElect {
            let elector = LeaderElector(client: client, config: LeaderElectionConfig(
                leaseName: "kube-controller-manager", leaseNamespace: "kube-system", identity: options.identity,
                leaseDuration: options.leaseDuration, renewDeadline: options.renewDeadline, retryPeriod: options.retryPeriod))
            try await elector.run { [self] in await runControllers(names) }
        } else {
            await runControllers(names)
        }
    }

    func runControllers(_ names: [String]) async {
        let factory = SharedInformerFactory(client: client)
        let recorder = EventRecorder(client: client, component: "kube-controller-manager", logger: logger)
        var controllers: [any Controller] = []
        for name in names {
            switch name {
            case "replicaset": controllers.append(ReplicaSetController<ReplicaSet>(factory: factory, client: client, recorder: recorder, logger: logger))
            case "replicationcontroller":
                controllers.append(ReplicaSetController<ReplicationController>(factory: factory, client: client, recorder: recorder, logger: logger))
            case "deployment": controllers.append(DeploymentController(factory: factory, client: client, recorder: recorder, logger: logger))
            case "endpoints": controllers.append(EndpointsController(factory: factory, client: client, logger: logger))
            case "endpointslice": controllers.append(EndpointSliceController(factory: factory, client: client, logger: logger))
            case "serviceaccount": controllers.append(ServiceAccountController(factory: factory, client: client, logger: logger))
            case "garbagecollector": controllers.append(GarbageCollector(factory: factory, client: client, logger: logger))
            case "daemonset": controllers.append(DaemonSetController(factory: factory, client: client, recorder: recorder, logger: logger))
            case "statefulset": controllers.append(StatefulSetController(factory: factory, client: client, recorder: recorder, logger: logger))
            case "job":
                controllers.append(JobController(factory: factory, client: client, recorder: recorder, logger: logger, clock: options.clock,
                                                 backoffBase: options.jobBackoffBase, backoffMax: options.jobBackoffMax))
            case "cronjob": controllers.append(CronJobController(factory: factory, client: client, recorder: recorder, logger: logger, clock: options.clock))
            case "ttl-after-finished": controllers.append(TTLAfterFinishedController(factory: factory, client: client, logger: logger, clock: options.clock))
            case "nodelifecycle":
                controllers.append(NodeLifecycleController(
                    factory: factory, client: client, recorder: recorder, logger: logger, clock: options.clock, monitorPeriod: options.nodeMonitorPeriod,
                    gracePeriod: options.nodeMonitorGracePeriod, startupGracePeriod: options.nodeStartupGracePeriod))
            case "taint-eviction-controller":
                controllers.append(TaintEvictionController(factory: factory, client: client, recorder: recorder, logger: logger, clock: options.clock))
            case "nodeipam":
                guard options.allocateNodeCIDRs else { continue }
                do {
                    controllers.append(try NodeIPAMController(factory: factory, client: client, recorder: recorder, logger: logger,
                                                              clusterCIDR: options.clusterCIDR, maskSize: options.nodeCIDRMaskSize))
                } catch {
                    logger.error("controller-manager: nodeipam not started: \(error)")
                }
            case "podgc":
                controllers.append(PodGCController(factory: factory, client: client, logger: logger, terminatedPodThreshold: options.terminatedPodGCThreshold,
                                                   period: options.podGCPeriod, quarantine: options.podGCQuarantine))
            default: break
            }
        }
        logger.info("controller-manager: starting \(controllers.map(\.name).joined(separator: ", "))")
        let workers = options.workers
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await factory.run() }
            for controller in controllers {
                group.addTask { await controller.run(workers: workers) }
            }
        }
    }
}

public enum ControllerManagerError: Error, CustomStringConvertible, Equatable {
    case unknownController(String)

    public var description: String {
        switch self {
        case .unknownController(let name):
            return "\"\(name)\" is not in the list of known controllers (\(ControllerManager.allControllers.joined(separator: ", ")))"
        }
    }
}
