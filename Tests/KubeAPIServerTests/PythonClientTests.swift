import Foundation
import KubeswiftTestSupport
import Testing

/// The official Kubernetes Python client (`pip install kubernetes`), unchanged, against a real apiserver.
@Suite(.enabled(if: ServerProcess.available && pythonHasKubernetes(), "needs python3 with the kubernetes package"))
struct PythonClientTests {
    @Test func crudAndWatchThroughTheOfficialClient() async throws {
        let server = try await ServerProcess(extraArguments: ["--storage", "memory"])
        defer { server.stop(); server.removeData() }
        let script = """
            import sys, threading
            from kubernetes import client, watch
            from kubernetes.client.rest import ApiException
            cfg = client.Configuration()
            cfg.host = sys.argv[1]
            api = client.ApiClient(cfg)
            core = client.CoreV1Api(api)
            apps = client.AppsV1Api(api)
            core.create_namespaced_config_map("default", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py"), data={"a": "1"}))
            cm = core.read_namespaced_config_map("py", "default")
            assert cm.data == {"a": "1"}, cm.data
            cm.data["b"] = "2"
            core.replace_namespaced_config_map("py", "default", cm)
            stale = cm
            stale.data["c"] = "3"
            try:
                core.replace_namespaced_config_map("py", "default", stale)
                raise SystemExit("stale update was accepted")
            except ApiException as e:
                assert e.status == 409, e.status
            dep = client.V1Deployment(
                metadata=client.V1ObjectMeta(name="pyweb"),
                spec=client.V1DeploymentSpec(
                    replicas=2,
                    selector=client.V1LabelSelector(match_labels={"app": "pyweb"}),
                    template=client.V1PodTemplateSpec(
                        metadata=client.V1ObjectMeta(labels={"app": "pyweb"}),
                        spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="busybox")]))))
            apps.create_namespaced_deployment("default", dep)
            assert apps.read_namespaced_deployment("pyweb", "default").spec.replicas == 2
            names = [i.metadata.name for i in core.list_namespace().items]
            assert "kube-system" in names, names
            try:
                core.read_namespaced_pod("missing", "default")
                raise SystemExit("missing pod was found")
            except ApiException as e:
                assert e.status == 404, e.status
            events = []
            w = watch.Watch()
            def change():
                import time
                time.sleep(0.5)
                core.patch_namespaced_config_map("py", "default", {"metadata": {"labels": {"x": "y"}}})
            threading.Thread(target=change).start()
            for ev in w.stream(core.list_namespaced_config_map, "default", timeout_seconds=5):
                events.append(ev["type"])
                if ev["type"] == "MODIFIED":
                    w.stop()
            assert events[0] == "ADDED" and "MODIFIED" in events, events
            core.delete_namespaced_config_map("py", "default")
            print("python client ok")
            """
        let result = try await runCommand(which("python3")!, ["-c", script, server.url])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("python client ok"))
    }
}

func pythonHasKubernetes() -> Bool {
    guard let python = which("python3") else { return false }
    return (try? runCommandBlocking(python, ["-c", "import kubernetes"]).status) == 0
}
