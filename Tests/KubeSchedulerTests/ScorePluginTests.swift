import Foundation
import KubeAPI
import Testing

@testable import KubeSchedulerCore

/// Expected values are upstream's formulas worked by hand (and, where noted, upstream's own test cases).
@Suite("Score plugins")
struct ScorePluginTests {
    @Test func leastAllocatedMatchesUpstreamCase() {
        // least_allocated_test.go "nothing scheduled, resources requested, differently sized nodes":
        // node1 cpu (4000-3000)*100/4000 = 25, mem (10000-5000)*100/10000 = 50 → 37; node2 50/50 → 50.
        let infos = nodeInfos([makeNode("n1", cpu: "4", memory: "10000"), makeNode("n2", cpu: "6", memory: "10000")])
        let pod = makePod("p", containers: [container(cpu: "1", memory: "2000"), container(cpu: "2", memory: "3000")])
        #expect(scores(NodeResourcesFit(), pod, infos) == ["n1": 37, "n2": 50])
    }

    @Test func leastAllocatedCountsDefaultsForRequestlessPods() {
        // Existing pod without requests counts 100m / 200Mi; the incoming one too.
        let infos = nodeInfos([makeNode("n1", cpu: "1", memory: "1000Mi")], pods: [makePod("old", node: "n1")])
        // cpu: (1000-200)*100/1000 = 80; mem: (1000-400)*100/1000 = 60 → 70.
        #expect(scores(NodeResourcesFit(), makePod("p"), infos) == ["n1": 70])
    }

    @Test func balancedAllocationMatchesUpstreamCase() {
        // balanced_allocation_test.go: fractions 0.75/0.5 → std 0.125 → 87; 0.5/0.5 → 100.
        let infos = nodeInfos([makeNode("n1", cpu: "4", memory: "10000"), makeNode("n2", cpu: "6", memory: "10000")])
        let pod = makePod("p", containers: [container(cpu: "1", memory: "2000"), container(cpu: "2", memory: "3000")])
        #expect(scores(NodeResourcesBalancedAllocation(), pod, infos) == ["n1": 87, "n2": 100])
        // Best-effort pods are skipped (every node 0 from this plugin).
        #expect(scores(NodeResourcesBalancedAllocation(), makePod("be"), infos) == ["n1": 0, "n2": 0])
    }

    @Test func taintTolerationPrefersFewerUntoleratedSoftTaints() {
        let soft = { (k: String) in Taint(key: k, value: "v", effect: "PreferNoSchedule") }
        let infos = nodeInfos([
            makeNode("clean"), makeNode("one", taints: [soft("a")]), makeNode("two", taints: [soft("a"), soft("b")]),
            makeNode("tolerated", taints: [soft("c")]),
        ])
        let pod = makePod("p", tolerations: [Toleration(key: "c", operator: "Exists", effect: "PreferNoSchedule")])
        // raw counts 0,1,2,0 → reverse-normalised 100, 50, 0, 100.
        #expect(scores(TaintToleration(), pod, infos) == ["clean": 100, "one": 50, "two": 0, "tolerated": 100])
    }

    @Test func nodeAffinityPreferredWeightsNormalised() {
        let infos = nodeInfos([
            makeNode("both", labels: ["disk": "ssd", "zone": "a"]), makeNode("ssd", labels: ["disk": "ssd"]),
            makeNode("none"),
        ])
        let preferred = [
            PreferredSchedulingTerm(weight: 3, preference: NodeSelectorTerm(matchExpressions: [NodeSelectorRequirement(key: "disk", operator: "In", values: ["ssd"])])),
            PreferredSchedulingTerm(weight: 5, preference: NodeSelectorTerm(matchExpressions: [NodeSelectorRequirement(key: "zone", operator: "Exists")])),
        ]
        let pod = makePod("p", affinity: Affinity(nodeAffinity: KubeAPI.NodeAffinity(preferredDuringSchedulingIgnoredDuringExecution: preferred)))
        // raw 8, 3, 0 → 100, 3*100/8 = 37, 0.
        #expect(scores(NodeAffinity(), pod, infos) == ["both": 100, "ssd": 37, "none": 0])
    }

    @Test func interPodAffinityPreferredScores() {
        let nodes = [makeNode("a1", labels: ["zone": "a"]), makeNode("a2", labels: ["zone": "a"]), makeNode("b1", labels: ["zone": "b"]), makeNode("c1", labels: ["zone": "c"])]
        let pods = [makePod("db", node: "a1", labels: ["app": "db"]), makePod("web", node: "b1", labels: ["app": "web"])]
        let infos = nodeInfos(nodes, pods: pods)
        let pod = makePod("p", affinity: Affinity(
            podAffinity: PodAffinity(preferredDuringSchedulingIgnoredDuringExecution: [
                WeightedPodAffinityTerm(weight: 10, podAffinityTerm: PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["app": "db"]), topologyKey: "zone")),
            ]),
            podAntiAffinity: PodAntiAffinity(preferredDuringSchedulingIgnoredDuringExecution: [
                WeightedPodAffinityTerm(weight: 5, podAffinityTerm: PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["app": "web"]), topologyKey: "zone")),
            ])))
        // raw: zone a +10, zone b -5, zone c 0 → min -5, max 10: (s+5)*100/15 → 100, 100, 0, 33.
        #expect(scores(InterPodAffinity(), pod, infos) == ["a1": 100, "a2": 100, "b1": 0, "c1": 33])
    }

    @Test func interPodAffinityExistingPodsRequiredAffinityAttracts() {
        let nodes = [makeNode("a1", labels: ["zone": "a"]), makeNode("b1", labels: ["zone": "b"])]
        let follower = makePod("f", node: "a1", affinity: Affinity(podAffinity: PodAffinity(requiredDuringSchedulingIgnoredDuringExecution: [
            PodAffinityTerm(labelSelector: LabelSelector(matchLabels: ["app": "leader"]), topologyKey: "zone"),
        ])))
        let infos = nodeInfos(nodes, pods: [follower])
        // hardPodAffinityWeight 1 on zone a → 100 vs 0.
        #expect(scores(InterPodAffinity(), makePod("leader", labels: ["app": "leader"]), infos) == ["a1": 100, "b1": 0])
    }

    @Test func podTopologySpreadScheduleAnyway() {
        let nodes = [
            makeNode("a1", labels: ["zone": "a"]), makeNode("a2", labels: ["zone": "a"]), makeNode("b1", labels: ["zone": "b"]),
            makeNode("nozone"),
        ]
        let pods = [
            makePod("p1", node: "a1", labels: ["app": "x"]), makePod("p2", node: "a2", labels: ["app": "x"]),
            makePod("p3", node: "a2", labels: ["app": "x"]), makePod("p4", node: "b1", labels: ["app": "x"]),
        ]
        let infos = nodeInfos(nodes, pods: pods)
        let pod = makePod("new", labels: ["app": "x"], spread: [
            TopologySpreadConstraint(maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: LabelSelector(matchLabels: ["app": "x"])),
        ])
        // Two zones → weight ln(4). Raw: a = round(3·ln4) = 4, b = round(1·ln4) = 1.
        // Normalised 100·(max+min-s)/max: a → 100·1/4 = 25, b → 100·4/4 = 100; nozone ignored → 0.
        let w = log(4.0)
        #expect(Int64((3 * w).rounded()) == 4 && Int64((1 * w).rounded()) == 1)
        #expect(scores(PodTopologySpread(), pod, infos) == ["a1": 25, "a2": 25, "b1": 100, "nozone": 0])
    }

    @Test func imageLocalityScalesBySizeAndSpread() {
        let mb: Int64 = 1024 * 1024
        let big = ContainerImage(names: ["registry/app:v1"], sizeBytes: 250 * mb)
        let infos = nodeInfos([makeNode("has", images: [big]), makeNode("lacks")])
        let pod = makePod("p", containers: [container(image: "registry/app:v1")])
        // 250 MiB on 1 of 2 nodes → 125 MiB; 100·(125-23)/(1000-23) = 10.
        #expect(scores(ImageLocality(), pod, infos) == ["has": 10, "lacks": 0])
        #expect(ImageLocality.normalizedImageName("busybox") == "busybox:latest")
        #expect(ImageLocality.normalizedImageName("host:5000/busybox") == "host:5000/busybox:latest")
        #expect(ImageLocality.normalizedImageName("busybox@sha256:abc") == "busybox@sha256:abc")
    }

    @Test func profileUsesUpstreamWeights() {
        let weights = Dictionary(uniqueKeysWithValues: Profile.default().scorers.map { ($0.plugin.name, $0.weight) })
        #expect(weights == [
            "TaintToleration": 3, "NodeAffinity": 2, "NodeResourcesFit": 1, "PodTopologySpread": 2,
            "InterPodAffinity": 2, "NodeResourcesBalancedAllocation": 1, "ImageLocality": 1,
        ])
    }
}
