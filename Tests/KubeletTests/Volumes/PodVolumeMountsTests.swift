import CRI
import Foundation
import KubeAPI
import Testing

@testable import Kubelet

@Suite("CRI mounts for a container (makeMounts)")
struct PodVolumeMountsTests {
    let root: TemporaryRoot
    let objects = InMemoryObjectSource()
    let manager: VolumeManager

    init() throws {
        root = try TemporaryRoot()
        manager = VolumeManager(rootDirectory: root.path, objects: objects, logger: testLogger, mounter: RecordingMounter())
    }

    func setUp(_ containers: String) async throws -> (Pod, PodVolumes) {
        objects.put(configMap("ns", "cfg", ["app.conf": "x=1"]))
        let p: Pod = try decode(#"""
        {"metadata":{"name":"p","namespace":"ns","uid":"u1"},
         "spec":{"volumes":[{"name":"data","emptyDir":{}},{"name":"cfg","configMap":{"name":"cfg"}},
                            {"name":"host","hostPath":{"path":"\#(root.path)"}}],
                 "containers":\#(containers)}}
        """#)
        return (p, try await manager.setUpPod(p))
    }

    @Test func mountsCarryPathsReadOnlyAndPropagation() async throws {
        let (p, volumes) = try await setUp(#"""
        [{"name":"c","volumeMounts":[
           {"name":"data","mountPath":"/data"},
           {"name":"data","mountPath":"/ro","readOnly":true},
           {"name":"cfg","mountPath":"/etc/app"},
           {"name":"host","mountPath":"/host","mountPropagation":"HostToContainer"},
           {"name":"host","mountPath":"/host2","mountPropagation":"Bidirectional"},
           {"name":"host","mountPath":"/host3","mountPropagation":"None"},
           {"name":"data","mountPath":"relative"}]}]
        """#)
        let mounts = try volumes.mounts(for: p.spec.containers[0], environment: [:])
        let data = manager.volumeDirectory(podUID: "u1", plugin: VolumePlugin.emptyDir, name: "data")
        #expect(mounts.map(\.containerPath) == ["/data", "/ro", "/etc/app", "/host", "/host2", "/host3", "/relative"])
        #expect(mounts.map(\.hostPath) == [data, data, manager.volumeDirectory(podUID: "u1", plugin: VolumePlugin.configMap, name: "cfg"),
                                           root.path, root.path, root.path, data])
        #expect(mounts.map(\.readonly) == [false, true, true, false, false, false, false])
        #expect(mounts.map(\.propagation) == [.propagationPrivate, .propagationPrivate, .propagationPrivate,
                                              .propagationHostToContainer, .propagationBidirectional, .propagationPrivate, .propagationPrivate])
    }

    @Test func subPathIsCreatedInsideTheVolume() async throws {
        let (p, volumes) = try await setUp(#"""
        [{"name":"c","volumeMounts":[{"name":"data","mountPath":"/logs","subPath":"logs/app"},
                                     {"name":"cfg","mountPath":"/etc/app.conf","subPath":"app.conf"}]}]
        """#)
        let mounts = try volumes.mounts(for: p.spec.containers[0], environment: [:])
        let data = try #require(PodVolumes.realPath(manager.volumeDirectory(podUID: "u1", plugin: VolumePlugin.emptyDir, name: "data")))
        #expect(mounts[0].hostPath == data + "/logs/app")
        #expect(fileMode(data + "/logs/app") == 0o777)  // the volume's mode
        // A configMap key resolves through ..data into the timestamped directory.
        let cfg = try #require(PodVolumes.realPath(manager.volumeDirectory(podUID: "u1", plugin: VolumePlugin.configMap, name: "cfg")))
        #expect(mounts[1].hostPath.hasPrefix(cfg + "/..20"))
        #expect(mounts[1].hostPath.hasSuffix("/app.conf"))
        #expect(readFile(mounts[1].hostPath) == "x=1")
    }

    @Test func subPathExprExpandsTheContainerEnvironment() async throws {
        let (p, volumes) = try await setUp(#"[{"name":"c","volumeMounts":[{"name":"data","mountPath":"/out","subPathExpr":"$(POD_NAME)/$(KIND)"}]}]"#)
        let mounts = try volumes.mounts(for: p.spec.containers[0], environment: ["POD_NAME": "p", "KIND": "logs"])
        #expect(mounts[0].hostPath.hasSuffix("/volumes/kubernetes.io~empty-dir/data/p/logs"))
        let missing = errorText { try volumes.mounts(for: p.spec.containers[0], environment: ["POD_NAME": "p", "KIND": ""]) }
        #expect(missing == "missing value for KIND")
    }

    @Test func subPathEscapesAreRejected() async throws {
        let (p, volumes) = try await setUp(#"[{"name":"c"}]"#)
        let data = manager.volumeDirectory(podUID: "u1", plugin: VolumePlugin.emptyDir, name: "data")
        try FileManager.default.createSymbolicLink(atPath: data + "/escape", withDestinationPath: "/etc")
        try FileManager.default.createSymbolicLink(atPath: data + "/inside", withDestinationPath: "sub")
        try FileManager.default.createDirectory(atPath: data + "/sub", withIntermediateDirectories: true)
        func mount(_ subPath: String) -> String? {
            var container = p.spec.containers[0]
            container.volumeMounts = [VolumeMount(name: "data", mountPath: "/x", subPath: subPath)]
            return errorText { try volumes.mounts(for: container, environment: [:]) }
        }
        #expect(mount("../../etc") == "unable to provision SubPath `../../etc`: must not contain '..'")
        #expect(mount("a/../../b") == "unable to provision SubPath `a/../../b`: must not contain '..'")
        #expect(mount("/etc") == "error SubPath `/etc` must not be an absolute path")
        #expect(mount("escape") == #"failed to prepare subPath for volumeMount "data" of container "c""#)
        #expect(mount("escape/new-dir") == #"failed to create subPath directory for volumeMount "data" of container "c""#)
        #expect(!FileManager.default.fileExists(atPath: "/etc/new-dir"))
        #expect(mount("inside") == nil)  // a link that stays inside the volume is fine

        var container = p.spec.containers[0]
        container.volumeMounts = [VolumeMount(name: "data", mountPath: "/x", subPathExpr: "$(DIR)")]
        #expect(errorText { try volumes.mounts(for: container, environment: ["DIR": ".."]) } == "unable to provision SubPath `..`: must not contain '..'")
    }

    @Test func badMountsFail() async throws {
        let (p, volumes) = try await setUp(#"[{"name":"c"}]"#)
        func mount(_ json: String) throws -> String? {
            var container = p.spec.containers[0]
            container.volumeMounts = [try decode(json, as: VolumeMount.self)]
            return errorText { try volumes.mounts(for: container, environment: [:]) }
        }
        #expect(try mount(#"{"name":"ghost","mountPath":"/g"}"#) == #"cannot find volume "ghost" to mount into container "c""#)
        #expect(try mount(#"{"name":"data","mountPath":"/g","mountPropagation":"Sideways"}"#) == #"invalid MountPropagation mode: "Sideways""#)
        #expect(try mount(#"{"name":"data","mountPath":"/g","recursiveReadOnly":"Enabled"}"#)
            == #"failed to resolve recursive read-only mode: volume "data" requested recursive read-only mode, but it is not read-only"#)
        #expect(try mount(#"{"name":"data","mountPath":"/g","readOnly":true,"recursiveReadOnly":"IfPossible"}"#) == nil)
    }
}
