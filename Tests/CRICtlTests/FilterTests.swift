import CRI
@testable import CRICtl
import Foundation
import Testing

@Suite("crictl filters and global flags", .timeLimit(.minutes(5)))
struct FilterTests {
    func container(_ name: String, namespace: String?, created: Int64) -> Runtime_V1_Container {
        var c = Runtime_V1_Container()
        c.id = name
        c.metadata.name = name
        c.createdAt = created
        if let namespace { c.labels["io.kubernetes.pod.namespace"] = namespace }
        return c
    }

    @Test func containerFilterDefaultsToRunning() throws {
        var options = ContainerListOptions()
        #expect(try options.filter().state.state == .containerRunning)
        options.all = true
        #expect(try options.filter().hasState == false)
        options.state = "Exited"
        #expect(try options.filter().state.state == .containerExited)
        options.latest = true
        #expect(try options.filter().hasState == false)
        options.state = "sleeping"
        #expect(throws: CRICtlError.self) { try options.filter() }
    }

    @Test func containerSelectionByPatternNewestFirst() throws {
        let all = [container("web-1", namespace: "prod", created: 1), container("web-2", namespace: "dev", created: 3),
                   container("db", namespace: "prod", created: 2), container("orphan", namespace: nil, created: 4)]
        var options = ContainerListOptions()
        #expect(try options.select(all).map(\.id) == ["orphan", "web-2", "db", "web-1"])
        options.nameRegexp = "^web"
        #expect(try options.select(all).map(\.id) == ["web-2", "web-1"])
        options.namespaceRegexp = "pro"
        #expect(try options.select(all).map(\.id) == ["web-1"])
        options = ContainerListOptions()
        options.namespaceRegexp = "unknown"
        #expect(try options.select(all).map(\.id) == ["orphan"])
        options = ContainerListOptions()
        options.last = 2
        #expect(try options.select(all).map(\.id) == ["orphan", "web-2"])
        options.nameRegexp = "(["
        #expect(throws: CRICtlError.self) { try options.select(all) }
    }

    @Test func podFilterAndSelection() throws {
        var options = PodListOptions()
        options.state = "NotReady"
        options.labels = ["app": "x"]
        let filter = try options.filter()
        #expect(filter.state.state == .sandboxNotready && filter.labelSelector == ["app": "x"])
        options.state = "gone"
        #expect(throws: CRICtlError.self) { try options.filter() }
        func pod(_ name: String, _ namespace: String, _ created: Int64) -> Runtime_V1_PodSandbox {
            var p = Runtime_V1_PodSandbox()
            p.id = name
            p.metadata.name = name
            p.metadata.namespace = namespace
            p.createdAt = created
            return p
        }
        var select = PodListOptions()
        select.namespaceRegexp = "^kube-system$"
        select.latest = true
        #expect(try select.select([pod("a", "kube-system", 1), pod("b", "kube-system", 2), pod("c", "default", 3)]).map(\.id) == ["b"])
    }

    @Test func labelsParseAsCrictlDoes() throws {
        #expect(try parseLabels(["a=b", "c="]) == ["a": "b", "c": ""])
        #expect(throws: CRICtlError.self) { try parseLabels(["a=b=c"]) }
        #expect(throws: CRICtlError.self) { try parseLabels(["novalue"]) }
    }

    @Test func globalFlagsPrecedeTheVerb() throws {
        let (options, rest) = try GlobalOptions.parse(
            ["-r", "unix:///tmp/x.sock", "--timeout=10s", "-D", "ps", "-a", "-r"], environment: [:])
        #expect(options.runtimeEndpoint == "unix:///tmp/x.sock")
        #expect(options.timeout == .seconds(10))
        #expect(options.debug)
        #expect(rest == ["ps", "-a", "-r"])
        let (fromEnvironment, verb) = try GlobalOptions.parse(["version"], environment: ["CONTAINER_RUNTIME_ENDPOINT": "/run/other.sock"])
        #expect(fromEnvironment.runtimeEndpoint == "/run/other.sock" && verb == ["version"])
        #expect(try fromEnvironment.endpoints().runtime.socketPath == "/run/other.sock")
        #expect(try GlobalOptions.parse(["version"], environment: [:]).0.runtimeEndpoint == "unix:///run/kubeswift/cri.sock")
        #expect(throws: CRICtlError.self) { try GlobalOptions.parse(["--bogus", "ps"], environment: [:]) }
        #expect(throws: CRICtlError.self) { try GlobalOptions.parse(["-t", "soon", "ps"], environment: [:]) }
        #expect(throws: CRICtlError.self) { try GlobalOptions.parse(["-r"], environment: [:]) }
        #expect(throws: CRICtlError.self) { try GlobalOptions(runtimeEndpoint: "tcp://1.2.3.4:5").endpoints() }
    }

    @Test func durationsAsGoWritesThem() {
        #expect(GlobalOptions.parseDuration("2s") == .seconds(2))
        #expect(GlobalOptions.parseDuration("1m30s") == .seconds(90))
        #expect(GlobalOptions.parseDuration("500ms") == .milliseconds(500))
        #expect(GlobalOptions.parseDuration("5") == .seconds(5))
        #expect(GlobalOptions.parseDuration("5x") == nil)
        #expect(GlobalOptions.parseDuration("") == nil)
    }
}
