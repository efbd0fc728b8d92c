import Foundation
import KubeAPI
import KubeAPIServer
import KubeClient
import KubeStore
import Testing

@testable import KubeSchedulerCore
import KubeScheduler

/// A real apiserver over HTTP on a loopback port, in this process.
struct LiveAPIServer {
    let client: RESTClient
    let task: Task<Void, any Error>

    static func start() async throws -> LiveAPIServer {
        let core = try APIServerCore(store: MemoryStore())
        try await core.bootstrap()
        var config = APIServer.Configuration()
        config.port = 0
        let server = APIServer(core: core, configuration: config)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return LiveAPIServer(client: try RESTClient(config: ClientConfig(server: "http://127.0.0.1:\(port)")), task: task)
    }

    func create(_ resource: String, namespace: String? = nil, _ object: some Encodable) async throws {
        let body = try JSONValue.parse(Array(try JSONEncoder().encode(object)))
        _ = try await client.create(ResourcePath(resource: resource, namespace: namespace), body: body)
    }

    func list<T: Decodable>(_ resource: String, as: T.Type) async throws -> [T] {
        let list = try await client.list(ResourcePath(resource: resource))
        return try (list["items"]?.arrayValue ?? []).map { try JSONDecoder().decode(T.self, from: Data($0.serializedBytes())) }
    }
}

@Suite("Scheduler against a real apiserver")
struct APIServerEndToEndTests {
    @Test func bindsThroughPodsBindingAndReportsFailures() async throws {
        let api = try await LiveAPIServer.start()
        defer { api.task.cancel() }
        for i in 0..<3 { try await api.create("nodes", makeNode("node-\(i)", cpu: "2")) }
        for i in 0..<6 { try await api.create("pods", namespace: "default", makePod("web-\(i)", cpu: "500m")) }
        try await api.create("pods", namespace: "default", makePod("too-big", cpu: "8"))

        let scheduler = Scheduler(api: RESTSchedulerAPI(client: api.client))
        // Until the shared informers land, the test delivers the listed objects as informer adds.
        for n in try await api.list("nodes", as: Node.self) { scheduler.onNodeAdd(n) }
        for p in try await api.list("pods", as: Pod.self) { scheduler.onPodAdd(p) }
        let run = Task { await scheduler.run() }
        defer { run.cancel() }

        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        var pods: [Pod] = []
        while clock.now < deadline {
            pods = try await api.list("pods", as: Pod.self)
            let bound = pods.filter { !($0.spec.nodeName ?? "").isEmpty }.count
            let failed = pods.first { $0.metadata.name == "too-big" }?.status.conditions?.contains { $0.type == "PodScheduled" } ?? false
            if bound == 6 && failed { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let placement = Dictionary(grouping: pods.filter { $0.metadata.name != "too-big" }) { $0.spec.nodeName ?? "" }
        #expect(placement[""] == nil)
        // LeastAllocated + BalancedAllocation spread 6 equal pods 2 per node.
        #expect(placement.values.map(\.count).sorted() == [2, 2, 2])
        for p in pods where p.metadata.name != "too-big" {
            #expect(p.status.conditions?.contains { $0.type == "PodScheduled" && $0.status == "True" } == true)
        }
        let big = try #require(pods.first { $0.metadata.name == "too-big" })
        let condition = try #require(big.status.conditions?.first { $0.type == "PodScheduled" })
        let message = "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.."
        #expect(condition.status == "False")
        #expect(condition.reason == "Unschedulable")
        #expect(condition.message == message)

        // Events land as core/v1 Events.
        var events: [Event] = []
        while clock.now < deadline {
            events = try await api.list("events", as: Event.self)
            if events.filter({ $0.reason == "Scheduled" }).count == 6 && events.contains(where: { $0.reason == "FailedScheduling" }) { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(events.filter { $0.reason == "Scheduled" }.count == 6)
        let scheduled = try #require(events.first { $0.reason == "Scheduled" && $0.involvedObject.name == "web-0" })
        let node0 = pods.first { $0.metadata.name == "web-0" }?.spec.nodeName ?? "?"
        #expect(scheduled.message == "Successfully assigned default/web-0 to \(node0)")
        #expect(scheduled.source.component == "default-scheduler")
        let failed = try #require(events.first { $0.reason == "FailedScheduling" })
        #expect(failed.type == "Warning")
        #expect(failed.message == message)
    }
}
