@testable import ContainerRuntime
import Foundation
import Glibc
import Synchronization
import Testing

/// Import (docker-archive, OCI layout dir and tar), list, status, remove, fs info — all from the
/// busybox image Rootfs/build-busybox.sh makes. Unpacking keeps owners, so it needs root.
@Suite(.enabled(if: getuid() == 0, "unpacking layers keeps file owners (tar --same-owner): run as root"))
struct ImageImportTests {
    @Test func dockerArchiveImportsTagsAndUnpacks() throws {
        let work = try Fixtures.temporaryDirectory("docker-archive")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let layout = try Fixtures.busyboxLayout()
        let archive = try Fixtures.dockerArchive(from: layout, repoTags: ["busybox:1", "example.com/team/busybox:v2"], into: work)
        let manager = ImageManager(root: work + "/root")

        let imported = try manager.importArchive(path: archive.path)
        #expect(imported.map(\.id) == [archive.configDigest], "the image ID is the config digest, as docker's")
        #expect(imported.first?.names == ["docker.io/library/busybox:1", "example.com/team/busybox:v2"])

        let images = manager.list()
        #expect(images.count == 1)
        let image = try #require(images.first)
        #expect(image.id == archive.configDigest)
        #expect(image.repoTags == ["docker.io/library/busybox:1", "example.com/team/busybox:v2"])
        #expect(image.repoDigests == ["docker.io/library/busybox@" + image.manifestDigest, "example.com/team/busybox@" + image.manifestDigest])
        #expect(image.config.config?.Cmd == ["sh"])
        #expect(image.size > 1_000_000, "busybox is over a megabyte uncompressed: \(image.size)")

        // Every form a user or the kubelet writes finds it.
        for query in ["busybox:1", "docker.io/library/busybox:1", "example.com/team/busybox:v2", archive.configDigest,
                      String(archive.configDigest.dropFirst(7)), "busybox@" + image.manifestDigest] {
            #expect(try manager.status(query)?.id == archive.configDigest, "\(query)")
        }
        #expect(try manager.status("busybox:2") == nil)
        #expect(try manager.status("busybox") == nil, "busybox means busybox:latest, which was not imported")
        #expect(throws: ImageReferenceError.self) { try manager.status("Busybox") }

        // Containers resolve the imported image through the same store, layers unpacked once.
        let resolved = try manager.store.resolve("busybox:1")
        #expect(resolved.id == archive.configDigest)
        let directories = try manager.store.unpackedLayers(of: resolved)
        #expect(directories.count == 1)
        #expect(FileManager.default.isExecutableFile(atPath: directories[0] + "/bin/busybox"))

        // Importing again changes nothing.
        try manager.importArchive(path: archive.path)
        #expect(manager.list() == images)

        // The same figures as GNU du over the content store and the unpacked layers.
        let usage = manager.fsInfo()
        func du(_ flag: String) throws -> UInt64? {
            let result = try Fixtures.run(["/usr/bin/du", "-s", "-c", flag, manager.content.layout, manager.store.layersDirectory])
            return result.output.split(separator: "\n").last?.split(separator: "\t").first.flatMap { UInt64($0) }
        }
        #expect(usage.usedBytes == (try du("-B1")))
        #expect(usage.inodesUsed == (try du("--inodes")))
        #expect(usage.usedBytes > image.size, "content plus unpacked layers: \(usage.usedBytes)")
        #expect(usage.mountpoint == work + "/root")
    }

    /// A docker-archive as skopeo writes it (the `docker save` format), not one made by this test.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/skopeo"), "needs skopeo"))
    func skopeoDockerArchiveImports() async throws {
        let work = try Fixtures.temporaryDirectory("skopeo-archive")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let layout = try Fixtures.busyboxLayout()
        let archive = work + "/bb.tar"
        let copy = try await Fixtures.runDetached(["/usr/bin/skopeo", "--insecure-policy", "copy", "--quiet",
                                                   "oci:\(layout):latest", "docker-archive:\(archive):example.com/tools/bb:7"])
        #expect(copy.status == 0, "\(copy.output)")
        let manager = ImageManager(root: work + "/root")
        let imported = try manager.importArchive(path: archive)
        #expect(imported.map(\.names) == [["example.com/tools/bb:7"]])
        #expect(imported.map(\.id) == [try Fixtures.configDigest(of: layout)])
        let image = try manager.store.resolve("example.com/tools/bb:7")
        #expect(FileManager.default.isExecutableFile(atPath: try manager.store.unpackedLayers(of: image)[0] + "/bin/busybox"))
    }

    @Test func ociLayoutDirectoryAndTarImportWithAName() throws {
        let work = try Fixtures.temporaryDirectory("oci-layout")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let layout = try Fixtures.busyboxLayout()
        let manager = ImageManager(root: work + "/root")

        // The layout names its manifest by tag only ("latest"): the repository comes from the caller.
        #expect(throws: ImageArchiveError.unnamed(path: layout, manifest: try Fixtures.layoutManifestDigest(layout))) {
            try manager.importArchive(path: layout)
        }
        let fromDirectory = try manager.importArchive(path: layout, name: "busybox")
        #expect(fromDirectory.first?.names == ["docker.io/library/busybox:latest"])
        let tar = try Fixtures.layoutTar(layout, into: work)
        let fromTar = try manager.importArchive(path: tar, name: "localhost:5000/tools/busybox")
        #expect(fromTar.first?.names == ["localhost:5000/tools/busybox:latest"])
        #expect(fromTar.first?.id == fromDirectory.first?.id)
        #expect(fromTar.first?.manifestDigest == (try Fixtures.layoutManifestDigest(layout)), "the layout's manifest kept as is")

        let image = try #require(manager.list().first)
        #expect(manager.list().count == 1)
        #expect(image.repoTags == ["docker.io/library/busybox:latest", "localhost:5000/tools/busybox:latest"])
        #expect(try manager.status("busybox")?.id == image.id)
        #expect(FileManager.default.fileExists(atPath: manager.content.layout + "/oci-layout"), "the content store is an OCI layout")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: manager.content.layout + "/ingest")
        #expect(leftovers.isEmpty, "no staging files or extracted archives left: \(leftovers)")
    }

    @Test func removeRefusesAnImageInUseAndKeepsSharedBlobs() throws {
        let work = try Fixtures.temporaryDirectory("remove")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let layout = try Fixtures.busyboxLayout()
        let variant = try Fixtures.variantLayout(of: layout, in: work)
        let used = Mutex<Set<String>>([])
        let manager = ImageManager(root: work + "/root", inUse: { id in used.withLock { $0.contains(id) } })
        let busybox = try #require(try manager.importArchive(path: layout, name: "busybox").first)
        let other = try #require(try manager.importArchive(path: variant, name: "busybox-variant").first)
        #expect(busybox.id != other.id)
        let layer = try #require(try manager.store.resolve("busybox").layers.first)
        let layerDigest = try Digest(parsing: layer.digest)
        #expect(try manager.store.resolve("busybox-variant:1").layers.first == layer, "the two images share their layer")

        used.withLock { $0.insert(other.id) }
        #expect(throws: ImageError.inUse(id: other.id, reference: "busybox-variant:1")) { try manager.remove("busybox-variant:1") }
        #expect(try manager.status(other.id) != nil, "refused removal leaves the image")

        try manager.remove(busybox.id)
        #expect(try manager.status("busybox") == nil)
        #expect(manager.list().map(\.id) == [other.id])
        #expect(manager.content.contains(layerDigest), "a layer another image uses stays")
        #expect(FileManager.default.fileExists(atPath: manager.store.layersDirectory + "/" + layerDigest.hex))
        #expect(!manager.content.contains(try Digest(parsing: busybox.id)), "the removed image's config is gone")
        try manager.remove("busybox")  // absent: fine, as CRI RemoveImage

        used.withLock { $0.removeAll() }
        try manager.remove("busybox-variant:1")
        #expect(manager.list().isEmpty)
        #expect(manager.content.allDigests().isEmpty, "nothing left: \(manager.content.allDigests())")
        #expect(!FileManager.default.fileExists(atPath: manager.store.layersDirectory + "/" + layerDigest.hex))
    }

    @Test func corruptArchivesAreRefusedAndNothingIsNamed() throws {
        let work = try Fixtures.temporaryDirectory("corrupt")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let layout = try Fixtures.busyboxLayout()
        let manager = ImageManager(root: work + "/root")

        // A layout whose layer blob was altered (same size, other bytes).
        let broken = work + "/broken"
        try FileManager.default.copyItem(atPath: layout, toPath: broken)
        let layer = try #require(try ImageStore(root: work).resolve(broken).layers.first)
        let blob = broken + "/blobs/sha256/" + layer.digest.dropFirst(7)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: blob))
        bytes[bytes.count / 2] ^= 0xff
        try bytes.write(to: URL(fileURLWithPath: blob))
        do {
            try manager.importArchive(path: broken, name: "broken")
            Issue.record("a corrupt layer was imported")
        } catch let error as ContentError {
            guard case .digestMismatch(let expected, _, _) = error else { Issue.record("\(error)"); return }
            #expect(expected == layer.digest)
        }

        // A docker-archive whose config vouches for other layer content.
        let archive = try Fixtures.dockerArchive(from: layout, repoTags: ["bad:1"], into: work)
        let unpacked = work + "/unpacked"
        try FileManager.default.createDirectory(atPath: unpacked, withIntermediateDirectories: true)
        try Fixtures.run(["/usr/bin/tar", "-xf", archive.path, "-C", unpacked])
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: unpacked + "/manifest.json"))) as! [[String: Any]]
        let layerTar = unpacked + "/" + (manifest[0]["Layers"] as! [String])[0]
        try Fixtures.run(["/bin/sh", "-c", "echo extra > '\(work)/extra' && tar -rf '\(layerTar)' -C '\(work)' extra"])
        let tampered = work + "/tampered.tar"
        try Fixtures.run(["/usr/bin/tar", "-cf", tampered, "-C", unpacked, "."])
        #expect(throws: ContentError.self) { try manager.importArchive(path: tampered) }

        #expect(manager.list().isEmpty)
        #expect(throws: ImageArchiveError.unrecognized(path: work + "/extra")) {
            try Fixtures.run(["/usr/bin/tar", "-cf", work + "/extra", "-C", work, "broken/oci-layout"])
            try manager.importArchive(path: work + "/extra")
        }
    }
}
