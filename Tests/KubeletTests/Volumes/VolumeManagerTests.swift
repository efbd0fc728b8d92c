import Foundation
import KubeAPI
import Testing

@testable import Kubelet

/// Volumes in a scratch root with tmpfs mounts recorded, not made: runs without root.
@Suite("Volume manager (temp root, recorded mounts)")
struct VolumeManagerTests {
    let root: TemporaryRoot
    let objects = InMemoryObjectSource()
    let mounter = RecordingMounter()
    let manager: VolumeManager

    init() throws {
        root = try TemporaryRoot()
        manager = VolumeManager(rootDirectory: root.path + "/kubelet", objects: objects, logger: testLogger, mounter: mounter,
                                nodeAllocatable: ["cpu": "4", "memory": "16Gi"])
    }

    func pod(volumes: String, containers: String = #"[{"name":"app"}]"#, uid: String = "pod-uid-1") throws -> Pod {
        try decode(#"""
        {"metadata":{"name":"web","namespace":"team","uid":"\#(uid)","labels":{"app":"web"},"annotations":{"a":"1"}},
         "spec":{"serviceAccountName":"runner","volumes":\#(volumes),"containers":\#(containers)}}
        """#)
    }

    func volumePath(_ plugin: String, _ name: String, uid: String = "pod-uid-1") -> String {
        manager.volumeDirectory(podUID: uid, plugin: plugin, name: name)
    }

    @Test func emptyDirOnDiskIsAWorldWritableDirectory() async throws {
        let volumes = try await manager.setUpPod(try pod(volumes: #"[{"name":"scratch","emptyDir":{}}]"#))
        let path = volumePath(VolumePlugin.emptyDir, "scratch")
        #expect(volumes.volumes["scratch"]?.hostPath == path)
        #expect(volumes.volumes["scratch"]?.readOnly == false)
        #expect(fileMode(path) == 0o777)
        #expect(path.hasSuffix("/kubelet/pods/pod-uid-1/volumes/kubernetes.io~empty-dir/scratch"))
        #expect(fileMode(manager.podDirectory(uid: "pod-uid-1")) == 0o750)
        #expect(mounter.mountCalls == 0)
        // Idempotent, and existing contents survive.
        _ = FileManager.default.createFile(atPath: path + "/keep", contents: Data("x".utf8))
        _ = try await manager.setUpPod(try pod(volumes: #"[{"name":"scratch","emptyDir":{}}]"#))
        #expect(readFile(path + "/keep") == "x")
    }

    @Test func memoryEmptyDirMountsTmpfsOnceSizedAsUpstream() async throws {
        let p = try pod(volumes: #"[{"name":"cache","emptyDir":{"medium":"Memory","sizeLimit":"64Mi"}},{"name":"nolimit","emptyDir":{"medium":"Memory"}}]"#)
        _ = try await manager.setUpPod(p)
        _ = try await manager.setUpPod(p)
        #expect(mounter.mountCalls == 2)
        #expect(mounter.size(of: volumePath(VolumePlugin.emptyDir, "cache")) == .some(.some(67_108_864)))
        // No sizeLimit and a container without a memory limit: the node's allocatable memory.
        #expect(mounter.size(of: volumePath(VolumePlugin.emptyDir, "nolimit")) == .some(.some(17_179_869_184)))
    }

    @Test(arguments: [
        // Every container limited: the pod's limit (sum of app containers, or a larger init container).
        (#"[{"name":"a","resources":{"limits":{"memory":"100Mi"}}},{"name":"b","resources":{"limits":{"memory":"28Mi"}}}]"#, "[]", nil as String?, Int64(134_217_728)),
        (#"[{"name":"a","resources":{"limits":{"memory":"100Mi"}}}]"#, #"[{"name":"i","resources":{"limits":{"memory":"1Gi"}}}]"#, nil, 1_073_741_824),
        // A smaller sizeLimit wins; a larger one does not.
        (#"[{"name":"a","resources":{"limits":{"memory":"100Mi"}}}]"#, "[]", "1Mi", 1_048_576),
        (#"[{"name":"a","resources":{"limits":{"memory":"100Mi"}}}]"#, "[]", "1Ti", 104_857_600),
        // One unlimited container: the pod limit does not count.
        (#"[{"name":"a","resources":{"limits":{"memory":"100Mi"}}},{"name":"b"}]"#, "[]", nil, 17_179_869_184),
    ])
    func memoryVolumeSize(_ containers: String, _ initContainers: String, _ sizeLimit: String?, _ expected: Int64) throws {
        let p: Pod = try decode(#"{"metadata":{"uid":"u"},"spec":{"containers":\#(containers),"initContainers":\#(initContainers)}}"#)
        #expect(EmptyDirMemorySize.bytes(sizeLimit: try sizeLimit.map { try Quantity($0) }, pod: p, nodeAllocatableMemory: "16Gi") == expected)
        #expect(EmptyDirMemorySize.bytes(sizeLimit: nil, pod: try decode(#"{"spec":{"containers":[{"name":"a"}]}}"#), nodeAllocatableMemory: nil) == nil)
    }

    @Test func concurrentSetUpsOfOnePodAreSerialized() async throws {
        let p = try pod(volumes: #"[{"name":"live","configMap":{"name":"live"}},{"name":"s","secret":{"secretName":"s"}}]"#)
        objects.put(secret("team", "s", ["k": "v"]))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in 0..<12 {
                objects.put(configMap("team", "live", ["round": "\(round)"]))
                group.addTask { [manager] in _ = try await manager.setUpPod(p) }
            }
            try await group.waitForAll()
        }
        #expect(mounter.mountCalls == 1)
        let dir = volumePath(VolumePlugin.configMap, "live")
        let hidden = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("..") }
        #expect(hidden.count == 2)  // ..data and exactly one timestamped directory
        #expect(readFile(dir + "/round") != nil)
    }

    @Test func unknownMediumFails() async throws {
        let text = await errorText { try await manager.setUpPod(try pod(volumes: #"[{"name":"huge","emptyDir":{"medium":"HugePages"}}]"#)) }
        #expect(text == #"MountVolume.SetUp failed for volume "huge" : unknown storage medium "HugePages""#)
    }

    @Test func hostPathTypes() async throws {
        let base = root.path + "/host"
        try FileManager.default.createDirectory(atPath: base + "/dir", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: base + "/file", contents: Data("f".utf8))
        func setUp(_ path: String, _ type: String?) async -> String? {
            let typeField = type.map { #","type":"\#($0)""# } ?? ""
            return await errorText {
                try await manager.setUpPod(try pod(volumes: #"[{"name":"h","hostPath":{"path":"\#(path)"\#(typeField)}}]"#))
            }
        }
        #expect(await setUp(base + "/dir", "Directory") == nil)
        #expect(await setUp(base + "/file", "File") == nil)
        #expect(await setUp(base + "/anything-missing", nil) == nil)  // "" checks nothing
        #expect(await setUp(base + "/anything-missing", "") == nil)
        #expect(await setUp(base + "/file", "Directory") == #"MountVolume.SetUp failed for volume "h" : hostPath type check failed: \#(base)/file is not a directory"#)
        #expect(await setUp(base + "/missing", "Directory") == #"MountVolume.SetUp failed for volume "h" : hostPath type check failed: \#(base)/missing is not a directory"#)
        #expect(await setUp(base + "/dir", "File") == #"MountVolume.SetUp failed for volume "h" : hostPath type check failed: \#(base)/dir is not a file"#)
        #expect(await setUp(base + "/file", "Socket") == #"MountVolume.SetUp failed for volume "h" : hostPath type check failed: \#(base)/file is not a socket file"#)
        #expect(await setUp(base + "/file", "CharDevice") == #"MountVolume.SetUp failed for volume "h" : hostPath type check failed: \#(base)/file is not a character device"#)
        #expect(await setUp("/dev/null", "CharDevice") == nil)
        #expect(await setUp(base + "/file", "BlockDevice") == #"MountVolume.SetUp failed for volume "h" : hostPath type check failed: \#(base)/file is not a block device"#)
        #expect(await setUp(base + "/file", "Weird") == #"MountVolume.SetUp failed for volume "h" : Weird is an invalid volume type"#)
        #expect(await setUp(base + "/../etc", "") == #"MountVolume.SetUp failed for volume "h" : invalid HostPath `\#(base)/../etc`: must not contain '..'"#)

        #expect(await setUp(base + "/made/deep", "DirectoryOrCreate") == nil)
        var isDir: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: base + "/made/deep", isDirectory: &isDir) && isDir.boolValue)
        #expect(await setUp(base + "/file", "DirectoryOrCreate") == #"MountVolume.SetUp failed for volume "h" : hostPath type check failed: \#(base)/file is not a directory"#)
        #expect(await setUp(base + "/new-file", "FileOrCreate") == nil)
        #expect(readFile(base + "/new-file") == "")
        #expect(fileMode(base + "/new-file") & 0o600 == 0o600)
        #expect(await setUp(base + "/dir", "FileOrCreate") == #"MountVolume.SetUp failed for volume "h" : hostPath type check failed: \#(base)/dir is not a file"#)

        let socketPath = base + "/sock"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (i, byte) in socketPath.utf8.prefix(buffer.count - 1).enumerated() { buffer[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)
        #expect(await setUp(socketPath, "Socket") == nil)

        let volumes = try await manager.setUpPod(try pod(volumes: #"[{"name":"h","hostPath":{"path":"\#(base)/dir","type":"Directory"}}]"#))
        #expect(volumes.volumes["h"]?.hostPath == base + "/dir")
        #expect(volumes.volumes["h"]?.plugin == VolumePlugin.hostPath)
    }

    @Test func configMapVolumeWithAllKeysItemsAndModes() async throws {
        objects.put(configMap("team", "app-config", ["app.properties": "color=blue\n", "mode": "fast"], binary: ["logo.bin": Data([0, 1, 2, 255])]))
        let p = try pod(volumes: #"""
        [{"name":"all","configMap":{"name":"app-config"}},
         {"name":"some","configMap":{"name":"app-config","defaultMode":384,
            "items":[{"key":"mode","path":"conf/mode.txt"},{"key":"app.properties","path":"app.properties","mode":256}]}}]
        """#)
        let volumes = try await manager.setUpPod(p)
        let all = volumePath(VolumePlugin.configMap, "all")
        #expect(volumes.volumes["all"]?.readOnly == true)
        #expect(readFile(all + "/app.properties") == "color=blue\n")
        #expect(readFile(all + "/mode") == "fast")
        #expect(FileManager.default.contents(atPath: all + "/logo.bin") == Data([0, 1, 2, 255]))
        #expect(fileMode(all + "/mode") == 0o644)
        #expect(symlinkTarget(all + "/mode") == "..data/mode")
        #expect(symlinkTarget(all + "/..data")?.hasPrefix("..20") == true)

        let some = volumePath(VolumePlugin.configMap, "some")
        #expect(readFile(some + "/conf/mode.txt") == "fast")
        #expect(symlinkTarget(some + "/conf") == "..data/conf")
        #expect(fileMode(some + "/conf/mode.txt") == 0o600)
        #expect(fileMode(some + "/app.properties") == 0o400)
        #expect(!FileManager.default.fileExists(atPath: some + "/logo.bin"))
    }

    @Test func configMapFailuresAndOptional() async throws {
        objects.put(configMap("team", "present", ["k": "v"]))
        let missing = await errorText { try await manager.setUpPod(try pod(volumes: #"[{"name":"cfg","configMap":{"name":"absent"}}]"#)) }
        #expect(missing == #"MountVolume.SetUp failed for volume "cfg" : configmap "absent" not found"#)
        let badKey = await errorText {
            try await manager.setUpPod(try pod(volumes: #"[{"name":"cfg","configMap":{"name":"present","items":[{"key":"nope","path":"x"}]}}]"#))
        }
        #expect(badKey == #"MountVolume.SetUp failed for volume "cfg" : configmap references non-existent config key: nope"#)

        let optional = try await manager.setUpPod(try pod(volumes: #"""
        [{"name":"opt","configMap":{"name":"absent","optional":true}},
         {"name":"optkey","configMap":{"name":"present","optional":true,"items":[{"key":"nope","path":"x"},{"key":"k","path":"y"}]}}]
        """#))
        let opt = try #require(optional.volumes["opt"]?.hostPath)
        let visible = try FileManager.default.contentsOfDirectory(atPath: opt).filter { !$0.hasPrefix("..") }
        #expect(visible.isEmpty)
        #expect(readFile(volumePath(VolumePlugin.configMap, "optkey") + "/y") == "v")
        #expect(!FileManager.default.fileExists(atPath: volumePath(VolumePlugin.configMap, "optkey") + "/x"))
    }

    @Test func updatesSwapDataAtomicallyAndDropRemovedKeys() async throws {
        objects.put(configMap("team", "live", ["a": "1", "b": "2"]))
        let p = try pod(volumes: #"[{"name":"live","configMap":{"name":"live"}}]"#)
        _ = try await manager.setUpPod(p)
        let dir = volumePath(VolumePlugin.configMap, "live")
        let first = try #require(symlinkTarget(dir + "/..data"))

        // No change: nothing rewritten.
        _ = try await manager.setUpPod(p)
        #expect(symlinkTarget(dir + "/..data") == first)

        objects.put(configMap("team", "live", ["a": "10", "c": "3"]))
        _ = try await manager.setUpPod(p)
        let second = try #require(symlinkTarget(dir + "/..data"))
        #expect(second != first)
        #expect(readFile(dir + "/a") == "10")
        #expect(readFile(dir + "/c") == "3")
        #expect(!FileManager.default.fileExists(atPath: dir + "/b"))
        #expect(symlinkTarget(dir + "/b") == nil)
        #expect(!FileManager.default.fileExists(atPath: dir + "/" + first))  // the old timestamped directory is gone
        let hidden = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("..") }.sorted()
        #expect(hidden == ["..data", second].sorted())
    }

    @Test func secretVolumeIsTmpfsBackedWithModes() async throws {
        objects.put(secret("team", "tls", ["tls.crt": "CERT", "tls.key": "KEY"]))
        let volumes = try await manager.setUpPod(try pod(volumes: #"""
        [{"name":"tls","secret":{"secretName":"tls","defaultMode":256}},
         {"name":"key","secret":{"secretName":"tls","items":[{"key":"tls.key","path":"private/key.pem","mode":384}]}}]
        """#))
        let dir = volumePath(VolumePlugin.secret, "tls")
        #expect(try mounter.mountPoints(under: dir) == [dir])
        #expect(volumes.volumes["tls"]?.readOnly == true)
        #expect(readFile(dir + "/tls.crt") == "CERT")
        #expect(fileMode(dir + "/tls.key") == 0o400)
        let key = volumePath(VolumePlugin.secret, "key")
        #expect(readFile(key + "/private/key.pem") == "KEY")
        #expect(fileMode(key + "/private/key.pem") == 0o600)
        #expect(!FileManager.default.fileExists(atPath: key + "/tls.crt"))

        let missing = await errorText { try await manager.setUpPod(try pod(volumes: #"[{"name":"s","secret":{"secretName":"gone"}}]"#)) }
        #expect(missing == #"MountVolume.SetUp failed for volume "s" : secret "gone" not found"#)
        let badKey = await errorText {
            try await manager.setUpPod(try pod(volumes: #"[{"name":"s","secret":{"secretName":"tls","items":[{"key":"ca","path":"ca"}]}}]"#))
        }
        #expect(badKey == #"MountVolume.SetUp failed for volume "s" : references non-existent secret key: ca"#)
        _ = try await manager.setUpPod(try pod(volumes: #"[{"name":"s","secret":{"secretName":"gone","optional":true}}]"#))
    }

    @Test func downwardAPIVolumeFiles() async throws {
        let p = try pod(volumes: #"""
        [{"name":"info","downwardAPI":{"items":[
           {"path":"name","fieldRef":{"fieldPath":"metadata.name"}},
           {"path":"labels","fieldRef":{"fieldPath":"metadata.labels"}},
           {"path":"meta/app","fieldRef":{"fieldPath":"metadata.labels['app']"},"mode":256},
           {"path":"mem_limit","resourceFieldRef":{"containerName":"app","resource":"limits.memory","divisor":"1Mi"}},
           {"path":"cpu_limit","resourceFieldRef":{"containerName":"app","resource":"limits.cpu","divisor":"1m"}}]}}]
        """#, containers: #"[{"name":"app","resources":{"limits":{"memory":"256Mi"}}}]"#)
        let volumes = try await manager.setUpPod(p)
        let dir = volumePath(VolumePlugin.downwardAPI, "info")
        #expect(volumes.volumes["info"]?.readOnly == true)
        #expect(readFile(dir + "/name") == "web")
        #expect(readFile(dir + "/labels") == "app=\"web\"")
        #expect(readFile(dir + "/meta/app") == "web")
        #expect(fileMode(dir + "/meta/app") == 0o400)
        #expect(fileMode(dir + "/name") == 0o644)
        #expect(readFile(dir + "/mem_limit") == "256")
        #expect(readFile(dir + "/cpu_limit") == "4000")  // node allocatable

        var relabeled = p
        relabeled.metadata.labels = ["app": "web2"]
        _ = try await manager.setUpPod(relabeled)
        #expect(readFile(dir + "/meta/app") == "web2")

        let bad = await errorText {
            try await manager.setUpPod(try pod(volumes: #"[{"name":"d","downwardAPI":{"items":[{"path":"x","fieldRef":{"fieldPath":"spec.nodeName"}},{"path":"y","resourceFieldRef":{"containerName":"ghost","resource":"limits.cpu"}}]}}]"#))
        }
        #expect(bad == #"MountVolume.SetUp failed for volume "d" : [unsupported fieldPath: spec.nodeName, container ghost not found]"#)
    }

    @Test func projectedServiceAccountVolumeHasTheKubeAPIAccessShape() async throws {
        objects.put(configMap("team", "kube-root-ca.crt", ["ca.crt": "-----BEGIN CERTIFICATE-----\n"]))
        let projected = #"""
        [{"name":"kube-api-access-x2k9p","projected":{"defaultMode":420,"sources":[
           {"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},
           {"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},
           {"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}]}}]
        """#
        let volumes = try await manager.setUpPod(try pod(volumes: projected))
        let dir = volumePath(VolumePlugin.projected, "kube-api-access-x2k9p")
        #expect(volumes.volumes["kube-api-access-x2k9p"]?.readOnly == true)
        #expect(try mounter.mountPoints(under: dir) == [dir])
        #expect(readFile(dir + "/token") == "token-runner-1")
        #expect(readFile(dir + "/ca.crt") == "-----BEGIN CERTIFICATE-----\n")
        #expect(readFile(dir + "/namespace") == "team")
        #expect(fileMode(dir + "/token") == 0o644)
        let request = try #require(objects.tokenRequests.first)
        #expect(request.namespace == "team" && request.serviceAccount == "runner")
        #expect(request.audiences.isEmpty && request.expirationSeconds == 3607)

        // A resync reuses the token until 80% of its lifetime has passed.
        _ = try await manager.setUpPod(try pod(volumes: projected))
        #expect(objects.tokenRequests.count == 1)
        #expect(readFile(dir + "/token") == "token-runner-1")
    }

    @Test func projectedSourcesAudienceCAFallbackAndErrors() async throws {
        objects.put(secret("team", "s", ["user": "u"]))
        objects.setClusterCA(Data("CA-BUNDLE".utf8))
        let volumes = try await manager.setUpPod(try pod(volumes: #"""
        [{"name":"mix","projected":{"sources":[
           {"serviceAccountToken":{"audience":"vault","path":"vault/token"}},
           {"secret":{"name":"s","items":[{"key":"user","path":"creds/user","mode":384}]}},
           {"configMap":{"name":"kube-root-ca.crt"}},
           {"configMap":{"name":"absent","optional":true}}]}}]
        """#))
        let dir = try #require(volumes.volumes["mix"]?.hostPath)
        #expect(readFile(dir + "/vault/token") == "token-runner-1")
        #expect(objects.tokenRequests.first?.audiences == ["vault"])
        #expect(objects.tokenRequests.first?.expirationSeconds == 3600)
        #expect(readFile(dir + "/creds/user") == "u")
        #expect(fileMode(dir + "/creds/user") == 0o600)
        #expect(readFile(dir + "/ca.crt") == "CA-BUNDLE")

        let failed = await errorText {
            try await manager.setUpPod(try pod(volumes: #"[{"name":"p","projected":{"sources":[{"configMap":{"name":"nope"}},{"secret":{"name":"nope"}}]}}]"#))
        }
        #expect(failed == #"MountVolume.SetUp failed for volume "p" : [configmap "nope" not found, secret "nope" not found]"#)
    }

    @Test func unsupportedVolumeAndFirstErrorAfterTryingAll() async throws {
        objects.put(configMap("team", "ok", ["k": "v"]))
        let text = await errorText {
            try await manager.setUpPod(try pod(volumes: #"[{"name":"claim","persistentVolumeClaim":{"claimName":"data"}},{"name":"ok","configMap":{"name":"ok"}}]"#))
        }
        #expect(text?.hasPrefix(#"MountVolume.SetUp failed for volume "claim" : no volume plugin matched"#) == true)
        #expect(readFile(volumePath(VolumePlugin.configMap, "ok") + "/k") == "v")  // the others were still set up
    }

    @Test func fsGroupOwnershipAsUpstream() async throws {
        // Root may give any group; anyone may give their own.
        let group: gid_t = getuid() == 0 ? 4242 : getgid()
        objects.put(configMap("team", "cfg", ["plain": "p", "private": "q"]))
        let p: Pod = try decode(#"""
        {"metadata":{"name":"web","namespace":"team","uid":"fs-pod"},
         "spec":{"securityContext":{"fsGroup":\#(group)},
                 "volumes":[{"name":"scratch","emptyDir":{}},
                            {"name":"cfg","configMap":{"name":"cfg","items":[{"key":"plain","path":"plain"},{"key":"private","path":"private","mode":256}]}},
                            {"name":"token","projected":{"sources":[{"serviceAccountToken":{"path":"token"}}]}}],
                 "containers":[{"name":"app"}]}}
        """#)
        _ = try await manager.setUpPod(p)
        func owner(_ path: String) -> (gid: gid_t, mode: Int) {
            var info = stat()
            _ = stat(path, &info)
            return (info.st_gid, Int(info.st_mode & 0o7777))
        }
        let scratch = volumePath(VolumePlugin.emptyDir, "scratch", uid: "fs-pod")
        #expect(owner(scratch).gid == group && owner(scratch).mode == 0o2777)
        let cfg = volumePath(VolumePlugin.configMap, "cfg", uid: "fs-pod")
        #expect(owner(cfg + "/plain").gid == group && owner(cfg + "/plain").mode == 0o644)
        #expect(owner(cfg + "/private").mode == 0o440)  // read-only volume: group gets r, not w
        let data = try #require(symlinkTarget(cfg + "/..data"))
        #expect(owner(cfg + "/" + data).mode == 0o2755)
        let token = volumePath(VolumePlugin.projected, "token", uid: "fs-pod")
        #expect(owner(token + "/token").mode == 0o640 && owner(token + "/token").gid == group)

        // The emptyDir is not walked again on resync: a mode the container chose stays.
        _ = FileManager.default.createFile(atPath: scratch + "/mine", contents: Data(), attributes: [.posixPermissions: 0o600])
        _ = try await manager.setUpPod(p)
        #expect(owner(scratch + "/mine").mode == 0o600)
    }

    @Test func tearDownUnmountsAndRemovesThePodDirectory() async throws {
        objects.put(secret("team", "s", ["k": "v"]))
        _ = try await manager.setUpPod(try pod(volumes: #"[{"name":"s","secret":{"secretName":"s"}},{"name":"m","emptyDir":{"medium":"Memory"}},{"name":"d","emptyDir":{}}]"#))
        _ = try await manager.setUpPod(try pod(volumes: "[]", uid: "other-pod"))
        #expect(manager.podUIDsOnDisk() == ["other-pod", "pod-uid-1"])
        try await manager.tearDownPod(uid: "pod-uid-1")
        #expect(Set(mounter.unmountCalls) == [volumePath(VolumePlugin.secret, "s"), volumePath(VolumePlugin.emptyDir, "m")])
        #expect(!FileManager.default.fileExists(atPath: manager.podDirectory(uid: "pod-uid-1")))
        #expect(manager.podUIDsOnDisk() == ["other-pod"])
        try await manager.tearDownPod(uid: "pod-uid-1")  // already gone: fine
        try await manager.tearDownPod(uid: "../escape")  // never leaves <root>/pods
    }
}
