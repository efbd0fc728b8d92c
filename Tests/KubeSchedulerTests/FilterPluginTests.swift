import KubeAPI
import Testing

@testable import KubeSchedulerCore

@Suite("Filter plugins")
struct FilterPluginTests {
    @Test func nodeUnschedulableRejectsCordonedNodesUnlessTolerated() {
        let infos = nodeInfos([makeNode("a", unschedulable: true), makeNode("b")])
        let plain = filter(NodeUnschedulable(), makePod("p"), infos)
        #expect(plain["a"] == .unresolvable("node(s) were unschedulable", plugin: "NodeUnschedulable"))
        #expect(plain["b"]!.isSuccess)
        let tolerating = makePod("q", tolerations: [Toleration(key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule")])
        #expect(filter(NodeUnschedulable(), tolerating, infos)["a"]!.isSuccess)
    }

    @Test func nodeNameMatchesOnlyTheNamedNode() {
        let infos = nodeInfos([makeNode("a"), makeNode("b")])
        let r = filter(NodeName(), makePod("p", node: "b"), infos)
        #expect(r["a"]?.reasons == ["node(s) didn't match the requested node name"])
        #expect(r["a"]?.code == .unschedulableAndUnresolvable)
        #expect(r["b"]!.isSuccess)
    }

    @Test func nodeAffinitySelectorRequiredTermsAndMatchFields() {
        let infos = nodeInfos([
            makeNode("a", labels: ["zone": "z1", "disk": "ssd", "gen": "5"]),
            makeNode("b", labels: ["zone": "z2", "gen": "3"]),
            makeNode("c", labels: ["zone": "z1"]),
        ])
        let bySelector = filter(NodeAffinity(), makePod("p", nodeSelector: ["zone": "z1", "disk": "ssd"]), infos)
        #expect(bySelector["a"]!.isSuccess)
        #expect(bySelector["b"]?.reasons == ["node(s) didn't match Pod's node affinity/selector"])
        #expect(!bySelector["c"]!.isSuccess)

        // Terms are ORed; within a term expressions and fields are ANDed.
        let required = NodeSelector(nodeSelectorTerms: [
            NodeSelectorTerm(matchExpressions: [NodeSelectorRequirement(key: "gen", operator: "Gt", values: ["4"])]),
            NodeSelectorTerm(
                matchExpressions: [NodeSelectorRequirement(key: "zone", operator: "In", values: ["z1"])],
                matchFields: [NodeSelectorRequirement(key: "metadata.name", operator: "In", values: ["c"])]),
        ])
        let pod = makePod("q", affinity: Affinity(nodeAffinity: KubeAPI.NodeAffinity(requiredDuringSchedulingIgnoredDuringExecution: required)))
        let r = filter(NodeAffinity(), pod, infos)
        #expect(r["a"]!.isSuccess)
        #expect(!r["b"]!.isSuccess)
        #expect(r["c"]!.isSuccess)

        // An empty term matches nothing.
        let empty = makePod("e", affinity: Affinity(nodeAffinity: KubeAPI.NodeAffinity(
            requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: [NodeSelectorTerm()]))))
        #expect(filter(NodeAffinity(), empty, infos).values.allSatisfy { !$0.isSuccess })
    }

    @Test func taintTolerationNamesTheFirstUntoleratedTaint() {
        let infos = nodeInfos([
            makeNode("a", taints: [Taint(key: "node-role", value: "x", effect: "NoSchedule")]),
            makeNode("b", taints: [Taint(key: "soft", value: "y", effect: "PreferNoSchedule")]),
            makeNode("c", taints: [Taint(key: "gpu", effect: "NoExecute")]),
        ])
        let r = filter(TaintToleration(), makePod("p"), infos)
        #expect(r["a"]?.reasons == ["node(s) had untolerated taint {node-role: x}"])
        #expect(r["a"]?.code == .unschedulableAndUnresolvable)
        #expect(r["b"]!.isSuccess)
        #expect(r["c"]?.reasons == ["node(s) had untolerated taint {gpu: }"])
        let tolerating = makePod("q", tolerations: [
            Toleration(key: "node-role", operator: "Equal", value: "x", effect: "NoSchedule"), Toleration(key: "gpu", operator: "Exists"),
        ])
        #expect(filter(TaintToleration(), tolerating, infos).values.allSatisfy { $0.isSuccess })
        // A wrong value does not tolerate.
        let wrong = makePod("w", tolerations: [Toleration(key: "node-role", value: "z", effect: "NoSchedule")])
        #expect(!filter(TaintToleration(), wrong, infos)["a"]!.isSuccess)
    }

    @Test func nodeResourcesFitReportsEachInsufficientResource() {
        let node = makeNode("a", cpu: "2", memory: "4Gi", pods: 2, ephemeral: "10Gi")
        let existing = makePod("old", cpu: "1500m", memory: "3Gi", node: "a")
        let infos = nodeInfos([node], pods: [existing])
        #expect(filter(NodeResourcesFit(), makePod("fits", cpu: "500m", memory: "1Gi"), infos)["a"]!.isSuccess)
        let big = filter(NodeResourcesFit(), makePod("big", cpu: "600m", memory: "2Gi"), infos)["a"]!
        #expect(big.reasons == ["Insufficient cpu", "Insufficient memory"])
        #expect(big.code == .unschedulable)
        let disk = makePod("disk", containers: [container(ephemeral: "11Gi")])
        #expect(filter(NodeResourcesFit(), disk, infos)["a"]!.reasons == ["Insufficient ephemeral-storage"])
        // The pod count is checked even for pods that request nothing.
        let full = nodeInfos([node], pods: [existing, makePod("other", node: "a")])
        #expect(filter(NodeResourcesFit(), makePod("none"), full)["a"]!.reasons == ["Too many pods"])
    }

    @Test func podRequestsCountInitContainersSidecarsAndOverheadAsUpstream() {
        // max(sum(app) + sidecars, largest init step) + overhead
        let pod = makePod(
            "p",
            containers: [container("a", cpu: "100m", memory: "100Mi"), container("b", cpu: "200m")],
            initContainers: [
                container("init1", cpu: "1", memory: "50Mi"),
                container("sidecar", cpu: "50m", memory: "10Mi", restartPolicy: "Always"),
                container("init2", cpu: "500m", memory: "500Mi"),
            ],
            overhead: ["cpu": "10m", "memory": "1Mi"])
        let r = PodRequests.compute(pod.spec)
        // cpu: app 300m + sidecar 50m = 350m; init steps 1000m and 500m+50m → 1000m; + 10m overhead.
        #expect(r.milliCPU == 1010)
        // memory: app 100Mi + sidecar 10Mi = 110Mi; init2 step 510Mi wins; + 1Mi.
        #expect(r.memory == 511 * 1024 * 1024)
        // Non-zero defaults fill in containers without a request (b has no memory: 200Mi).
        let nz = PodRequests.compute(makePod("q", containers: [container(cpu: "100m"), container()]).spec, nonZero: true)
        #expect(nz.milliCPU == 200)
        #expect(nz.memory == 400 * 1024 * 1024)
    }

    @Test func nodePortsConflictOnSameProtocolPortAndAddress() {
        let existing = makePod("old", node: "a", containers: [container(hostPort: 8080)])
        let infos = nodeInfos([makeNode("a"), makeNode("b")], pods: [existing])
        let r = filter(NodePorts(), makePod("p", containers: [container(hostPort: 8080)]), infos)
        #expect(r["a"]?.reasons == ["node(s) didn't have free ports for the requested pod ports"])
        #expect(r["b"]!.isSuccess)
        #expect(filter(NodePorts(), makePod("q", containers: [container(hostPort: 9090)]), infos)["a"]!.isSuccess)
        var set = HostPortSet()
        set.add(HostPort(ip: "10.0.0.1", protocol: "TCP", port: 80))
        #expect(set.conflicts(HostPort(ip: "0.0.0.0", protocol: "TCP", port: 80)))
        #expect(set.conflicts(HostPort(ip: "10.0.0.1", protocol: nil, port: 80)))
        #expect(!set.conflicts(HostPort(ip: "10.0.0.2", protocol: "TCP", port: 80)))
        #expect(!set.conflicts(HostPort(ip: "10.0.0.1", protocol: "UDP", port: 80)))
    }

    static let zones = [
        makeNode("a1", labels: ["zone": "a"]), makeNode("a2", labels: ["zone": "a"]),
        makeNode("b1", labels: ["zone": "b"]), makeNode("nozone"),
    ]

    @Test func interPodAffinityRequiredAffinity() {
        let db = makePod("db", node: "a1", labels: ["app": "db"])
        let infos = nodeInfos(Self.zones, pods: [db])
        let term = PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["app": "db"]), topologyKey: "zone")
        let pod = makePod("web", affinity: Affinity(podAffinity: PodAffinity(requiredDuringSchedulingIgnoredDuringExecution: [term])))
        let r = filter(InterPodAffinity(), pod, infos)
        #expect(r["a1"]!.isSuccess && r["a2"]!.isSuccess)
        #expect(r["b1"] == .unresolvable("node(s) didn't match pod affinity rules", plugin: "InterPodAffinity"))
        #expect(!r["nozone"]!.isSuccess)
        // The first pod of a self-affine group may go anywhere with the key.
        let selfTerm = PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["app": "cache"]), topologyKey: "zone")
        let first = makePod("c0", labels: ["app": "cache"], affinity: Affinity(podAffinity: PodAffinity(requiredDuringSchedulingIgnoredDuringExecution: [selfTerm])))
        let r2 = filter(InterPodAffinity(), first, infos)
        #expect(r2["b1"]!.isSuccess && r2["a1"]!.isSuccess)
        #expect(!r2["nozone"]!.isSuccess)
    }

    @Test func interPodAffinityAntiAffinityBothWays() {
        let web = makePod("web-0", node: "a1", labels: ["app": "web"])
        let infos = nodeInfos(Self.zones, pods: [web])
        let term = PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["app": "web"]), topologyKey: "zone")
        let incoming = makePod("web-1", labels: ["app": "web"], affinity: Affinity(podAntiAffinity: PodAntiAffinity(requiredDuringSchedulingIgnoredDuringExecution: [term])))
        let r = filter(InterPodAffinity(), incoming, infos)
        #expect(r["a2"] == .unschedulable("node(s) didn't match pod anti-affinity rules", plugin: "InterPodAffinity"))
        #expect(r["b1"]!.isSuccess && r["nozone"]!.isSuccess)

        // An existing pod's anti-affinity repels a matching newcomer from its zone.
        let loner = makePod("loner", node: "b1", labels: ["app": "loner"],
                            affinity: Affinity(podAntiAffinity: PodAntiAffinity(requiredDuringSchedulingIgnoredDuringExecution: [
                                PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["team": "x"]), topologyKey: "zone"),
                            ])))
        let infos2 = nodeInfos(Self.zones, pods: [loner])
        let r2 = filter(InterPodAffinity(), makePod("x", labels: ["team": "x"]), infos2)
        #expect(r2["b1"]?.reasons == ["node(s) didn't satisfy existing pods anti-affinity rules"])
        #expect(r2["a1"]!.isSuccess)
        // Pods in other namespaces are not selected by a term without namespaces.
        #expect(filter(InterPodAffinity(), makePod("y", namespace: "other", labels: ["team": "x"]), infos2)["b1"]!.isSuccess)
    }

    @Test func podTopologySpreadDoNotSchedule() {
        let pods = [
            makePod("p1", node: "a1", labels: ["app": "x"]), makePod("p2", node: "a2", labels: ["app": "x"]),
            makePod("p3", node: "b1", labels: ["app": "y"]),
        ]
        let infos = nodeInfos(Self.zones, pods: pods)
        let constraint = TopologySpreadConstraint(maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule",
                                                  labelSelector: LabelSelector(matchLabels: ["app": "x"]))
        let pod = makePod("new", labels: ["app": "x"], spread: [constraint])
        let r = filter(PodTopologySpread(), pod, infos)
        // zone a: 2 matching, zone b: 0 → a gives skew 3, b gives 1.
        #expect(r["a1"] == .unschedulable("node(s) didn't match pod topology spread constraints", plugin: "PodTopologySpread"))
        #expect(r["b1"]!.isSuccess)
        #expect(r["nozone"] == .unresolvable("node(s) didn't match pod topology spread constraints (missing required label)", plugin: "PodTopologySpread"))
        // With maxSkew 3 zone a is within bounds: 2 + 1 - 0 = 3.
        var loose = constraint
        loose.maxSkew = 3
        #expect(filter(PodTopologySpread(), makePod("n2", labels: ["app": "x"], spread: [loose]), infos)["a1"]!.isSuccess)
        // minDomains 3 with two zones: the global minimum counts as 0.
        let balanced = nodeInfos(Self.zones, pods: [makePod("q1", node: "a1", labels: ["app": "x"]), makePod("q2", node: "b1", labels: ["app": "x"])])
        var withMin = constraint
        #expect(filter(PodTopologySpread(), makePod("n3", labels: ["app": "x"], spread: [withMin]), balanced)["a1"]!.isSuccess)
        withMin.minDomains = 3
        #expect(!filter(PodTopologySpread(), makePod("n4", labels: ["app": "x"], spread: [withMin]), balanced)["a1"]!.isSuccess)
    }
}

/// Upstream's SkipFilterPlugins: a PreFilter that returns Skip has nothing to check for the pod,
/// so its Filter is left out of the cycle; any other PreFilter outcome keeps it.
@Suite("PreFilter Skip")
struct PreFilterSkipTests {
    /// Rejects every node in Filter; PreFilter skips unless the pod is labelled `check`.
    struct Picky: PreFilterPlugin, FilterPlugin {
        var name: String { "Picky" }
        func preFilter(_ state: CycleState, _ pod: PodInfo, _ snapshot: Snapshot) -> PluginStatus {
            pod.labels["check"] == nil ? .skip : .success
        }
        func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> PluginStatus {
            .unschedulable("picky says no", plugin: name)
        }
    }

    @Test func aSkippingPreFilterLeavesItsFilterOut() throws {
        let profile = Profile(schedulerName: "test", preFilters: [Picky()], filters: [NodeUnschedulable(), Picky()], scorers: [])
        let snapshot = Snapshot(nodes: nodeInfos([makeNode("a"), makeNode("b")]))
        let algorithm = SchedulingAlgorithm(profile: profile)
        let placed = try algorithm.schedule(info(makePod("free")), snapshot)
        #expect(["a", "b"].contains(placed.node))
        #expect(throws: SchedulingAlgorithm.Failure.self) {
            try algorithm.schedule(info(makePod("checked", labels: ["check": "yes"])), snapshot)
        }
    }
}
