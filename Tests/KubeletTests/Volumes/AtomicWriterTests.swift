import Foundation
import KubeAPI
import Testing

@testable import Kubelet

@Suite("AtomicWriter")
struct AtomicWriterTests {
    let root: TemporaryRoot

    init() throws { root = try TemporaryRoot() }

    func file(_ text: String, _ mode: Int32 = 0o644) -> FileProjection { FileProjection(data: Data(text.utf8), mode: mode) }

    @Test(arguments: [
        ("", "invalid path: must not be empty: \"\""),
        ("/abs", "invalid path: must be relative path: /abs"),
        ("a/../b", "invalid path: must not contain '..': a/../b"),
        ("..", "invalid path: must not contain '..': .."),
        ("..data", "invalid path: must not start with '..': ..data"),
        ("..hidden/x", "invalid path: must not start with '..': ..hidden/x"),
        (String(repeating: "n", count: 256), "invalid path: filenames must be less than or equal to 255 characters"),
        (String(repeating: "d/", count: 2049), "invalid path: must be less than or equal to 4096 characters"),
    ])
    func invalidPathsAreRefused(_ path: String, _ message: String) {
        let writer = AtomicWriter(targetDirectory: root.path)
        #expect(errorText { try writer.write([path: file("x")]) } == message)
        #expect(symlinkTarget(root.path + "/..data") == nil)  // nothing written
    }

    @Test func pathsAreCleanedAndNestedDirectoriesLinkedAtTheTop() throws {
        let writer = AtomicWriter(targetDirectory: root.path)
        try writer.write(["a//b/./c": file("deep"), "top": file("t", 0o600), "a/x": file("x")])
        #expect(readFile(root.path + "/a/b/c") == "deep")
        #expect(symlinkTarget(root.path + "/a") == "..data/a")
        #expect(symlinkTarget(root.path + "/top") == "..data/top")
        #expect(fileMode(root.path + "/top") == 0o600)
        let data = try #require(symlinkTarget(root.path + "/..data"))
        #expect(fileMode(root.path + "/" + data) == 0o755)
        #expect(data.range(of: #"^\.\.\d{4}_\d{2}_\d{2}_\d{2}_\d{2}_\d{2}\.\d+$"#, options: .regularExpression) != nil)
    }

    @Test func rewritesOnlyWhenContentOrModeChanges() throws {
        let writer = AtomicWriter(targetDirectory: root.path)
        #expect(try writer.write(["k": file("v")]))
        #expect(try !writer.write(["k": file("v")]))
        #expect(try writer.write(["k": file("v", 0o600)]))
        #expect(fileMode(root.path + "/k") == 0o600)
        // A user-visible link removed by hand is restored even when the data is unchanged.
        try FileManager.default.removeItem(atPath: root.path + "/k")
        #expect(try writer.write(["k": file("v", 0o600)]))
        #expect(readFile(root.path + "/k") == "v")
    }

    @Test func removedNestedPathsDisappear() throws {
        let writer = AtomicWriter(targetDirectory: root.path)
        try writer.write(["dir/one": file("1"), "dir/two": file("2"), "solo": file("s")])
        try writer.write(["dir/one": file("1")])
        #expect(readFile(root.path + "/dir/one") == "1")
        #expect(!FileManager.default.fileExists(atPath: root.path + "/dir/two"))
        #expect(symlinkTarget(root.path + "/solo") == nil)
        try writer.write([:])
        #expect(symlinkTarget(root.path + "/dir") == nil)
        let left = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(left.count == 2 && left.contains("..data"))
    }
}

/// Real tmpfs mounts: root only. Every test unmounts what it mounted (tearDownPod, and the
/// scratch root's cleanup as a backstop).
@Suite("Volume manager tmpfs (root)", .enabled(if: getuid() == 0, "tmpfs volume tests need root (mount(2)); skipped"))
struct TmpfsVolumeTests {
    let root: TemporaryRoot
    let objects = InMemoryObjectSource()
    let manager: VolumeManager

    init() throws {
        root = try TemporaryRoot()
        manager = VolumeManager(rootDirectory: root.path, objects: objects, logger: testLogger)
    }

    func mountLine(_ path: String) throws -> String? {
        try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8).split(separator: "\n")
            .first { $0.split(separator: " ")[4] == path }.map(String.init)
    }

    @Test func memoryEmptyDirSecretAndProjectedAreTmpfsAndUnmountOnTearDown() async throws {
        objects.put(secret("ns", "s", ["password": "hunter2"]))
        let pod: Pod = try decode(#"""
        {"metadata":{"name":"p","namespace":"ns","uid":"tmpfs-pod"},
         "spec":{"volumes":[{"name":"mem","emptyDir":{"medium":"Memory","sizeLimit":"8Mi"}},
                            {"name":"s","secret":{"secretName":"s"}},
                            {"name":"token","projected":{"sources":[{"serviceAccountToken":{"path":"token"}}]}}],
                 "containers":[{"name":"c"}]}}
        """#)
        _ = try await manager.setUpPod(pod)
        _ = try await manager.setUpPod(pod)  // idempotent: no second mount stacked on top
        let mem = manager.volumeDirectory(podUID: "tmpfs-pod", plugin: VolumePlugin.emptyDir, name: "mem")
        let secretDir = manager.volumeDirectory(podUID: "tmpfs-pod", plugin: VolumePlugin.secret, name: "s")
        let projected = manager.volumeDirectory(podUID: "tmpfs-pod", plugin: VolumePlugin.projected, name: "token")
        for dir in [mem, secretDir, projected] {
            let line = try #require(try mountLine(dir), "\(dir) is not a mount point")
            #expect(line.contains(" - tmpfs tmpfs "))
            #expect(try SystemVolumeHostMounter().mountPoints(under: dir) == [dir])
        }
        #expect(try mountLine(mem)?.contains("size=8192k") == true)
        #expect(readFile(secretDir + "/password") == "hunter2")
        #expect(readFile(projected + "/token") == "token-default-1")
        _ = FileManager.default.createFile(atPath: mem + "/scratch", contents: Data("in memory".utf8))

        // (Should anything below fail, the scratch root's cleanup unmounts what is left.)
        try await manager.tearDownPod(uid: "tmpfs-pod")
        for dir in [mem, secretDir, projected] { #expect(try mountLine(dir) == nil) }
        #expect(try SystemVolumeHostMounter().mountPoints(under: root.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: manager.podDirectory(uid: "tmpfs-pod")))
    }

    @Test func tearDownRefusesToDeleteThroughAMountItCannotRemove() async throws {
        // A mount under the pod directory that unmount cannot remove (simulated by a mounter that
        // ignores unmount) leaves the directory in place.
        let stubborn = StubbornMounter()
        let manager = VolumeManager(rootDirectory: root.path, objects: objects, logger: testLogger, mounter: stubborn)
        let pod: Pod = try decode(#"{"metadata":{"name":"p","namespace":"ns","uid":"stuck"},"spec":{"volumes":[{"name":"m","emptyDir":{"medium":"Memory"}}],"containers":[{"name":"c"}]}}"#)
        _ = try await manager.setUpPod(pod)
        let dir = manager.volumeDirectory(podUID: "stuck", plugin: VolumePlugin.emptyDir, name: "m")
        defer { try? SystemVolumeHostMounter().unmount(dir) }
        _ = FileManager.default.createFile(atPath: dir + "/precious", contents: Data("keep".utf8))
        let text = await errorText { try await manager.tearDownPod(uid: "stuck") }
        #expect(text?.contains("still has mounts after unmounting") == true)
        #expect(readFile(dir + "/precious") == "keep")
    }
}

/// Real mounts, but unmount does nothing.
struct StubbornMounter: VolumeHostMounter {
    func mountTmpfs(at path: String, sizeBytes: Int64?) throws { try SystemVolumeHostMounter().mountTmpfs(at: path, sizeBytes: sizeBytes) }
    func unmount(_ path: String) throws {}
    func mountPoints(under directory: String) throws -> [String] { try SystemVolumeHostMounter().mountPoints(under: directory) }
}

@Suite("Host mount table")
struct MountInfoTests {
    @Test func mountPointsAreField5WithOctalEscapesDecoded() {
        let table = """
            22 27 0:21 / /proc rw,relatime - proc proc rw
            98 27 0:55 / /var/lib/kubelet/pods/u/volumes/kubernetes.io~secret/my\\040secret rw,relatime - tmpfs tmpfs rw
            99 27 0:56 / /tmp/back\\134slash rw - tmpfs tmpfs rw

            """
        #expect(MountInfo.mountPoints(table) == ["/proc", "/var/lib/kubelet/pods/u/volumes/kubernetes.io~secret/my secret", "/tmp/back\\slash"])
    }

    @Test func mountErrorsNameTheMount() {
        let error = HostFileError(operation: "mount", path: "tmpfs size=1024 → /x", errno: EPERM)
        #expect(error.description == "mount(tmpfs size=1024 → /x): Operation not permitted")
    }
}
