import Foundation
import KubeAPI
import Testing
@testable import Kubelet

@Suite("Static pods from a manifest directory")
struct StaticPodSourceTests {
    let manifest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: etcd
          namespace: kube-system
        spec:
          hostNetwork: true
          containers:
          - name: etcd
            image: busybox:1.36
            command: ["sleep", "3600"]
        """

    @Test func manifestBecomesANodeBoundPodWithAStableUID() throws {
        let source = StaticPodSource(directory: "/unused", nodeName: "node-a")
        let pod = try source.pod(fromManifest: manifest, path: "/etc/kubernetes/manifests/etcd.yaml")
        #expect(pod.metadata.name == "etcd-node-a")
        #expect(pod.metadata.namespace == "kube-system")
        #expect(pod.spec.nodeName == "node-a")
        #expect(pod.metadata.annotations?[StaticPodSource.configSourceAnnotation] == "file")
        #expect(pod.metadata.annotations?[StaticPodSource.configHashAnnotation] == pod.metadata.uid)
        #expect(pod.metadata.uid?.count == 16)
        // Defaulted as the apiserver would.
        #expect(pod.spec.restartPolicy == "Always")
        #expect(pod.spec.containers[0].imagePullPolicy == "IfNotPresent")
        // The same manifest is the same pod; an edit, another file or another node is another.
        #expect(try source.pod(fromManifest: manifest, path: "/etc/kubernetes/manifests/etcd.yaml").metadata.uid == pod.metadata.uid)
        #expect(try source.pod(fromManifest: manifest + "\n    tty: true", path: "/etc/kubernetes/manifests/etcd.yaml").metadata.uid
            != pod.metadata.uid)
        #expect(try StaticPodSource(directory: "/unused", nodeName: "node-b").pod(fromManifest: manifest, path: "/etc/kubernetes/manifests/etcd.yaml")
            .metadata.uid != pod.metadata.uid)
    }

    @Test func directoryReadSkipsHiddenAndOtherFilesAndReportsBadOnes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("manifests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try manifest.write(toFile: directory + "/etcd.yaml", atomically: true, encoding: .utf8)
        try manifest.write(toFile: directory + "/.etcd.yaml.swp", atomically: true, encoding: .utf8)
        try manifest.write(toFile: directory + "/README", atomically: true, encoding: .utf8)
        try "kind: Service\nmetadata: {name: x}\n".write(toFile: directory + "/svc.yaml", atomically: true, encoding: .utf8)
        let (pods, errors) = StaticPodSource(directory: directory, nodeName: "node-a").read()
        #expect(pods.values.map(\.metadata.name) == ["etcd-node-a"])
        #expect(errors.count == 1)
        #expect(errors.first?.contains("svc.yaml") == true)
    }

    @Test func mirrorPodsAreRecognised() {
        var pod = Fixtures.pod()
        #expect(!StaticPodSource.isMirrorPod(pod))
        pod.metadata.annotations = [StaticPodSource.configMirrorAnnotation: "abc"]
        #expect(StaticPodSource.isMirrorPod(pod))
    }
}
