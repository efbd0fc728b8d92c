@testable import ContainerRuntime
import Foundation
import Glibc
import Synchronization
import Testing

/// Temporary directories, commands, the busybox layout from Rootfs/build-busybox.sh, and
/// archives made from it.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let busyboxBuilt = Mutex<String?>(nil)

    /// The busybox OCI layout (built once per test process; the script itself caches).
    static func busyboxLayout() throws -> String {
        try busyboxBuilt.withLock { built in
            if let built { return built }
            let path = repository + "/_out/images/busybox"
            let result = try run(["/bin/sh", repository + "/Rootfs/build-busybox.sh", path])
            guard result.status == 0 else { throw FixtureError("build-busybox.sh: \(result.output)") }
            built = path
            return path
        }
    }

    static func temporaryDirectory(_ label: String) throws -> String {
        let path = "/tmp/ks-images-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs a command to completion (stdout and stderr together).
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// The same, off the cooperative pool (skopeo pushes take a while).
    static func runDetached(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try run(arguments) }) }
        }
    }

    static func sha256(_ path: String) throws -> String {
        String(try run(["/usr/bin/sha256sum", path]).output.prefix(64))
    }

    /// A `docker save`-format tarball of the busybox layout, made by hand: the layer
    /// uncompressed as `<diffid>/layer.tar`, the config as `<id>.json`, `manifest.json`, `repositories`.
    static func dockerArchive(from layout: String, repoTags: [String], into directory: String) throws -> (path: String, configDigest: String) {
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: layout + "/index.json"))) as! [String: Any]
        let manifestDigest = ((index["manifests"] as! [[String: Any]])[0]["digest"] as! String)
        func blob(_ digest: String) -> String { layout + "/blobs/sha256/" + digest.dropFirst(7) }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: blob(manifestDigest)))) as! [String: Any]
        let configDigest = (manifest["config"] as! [String: Any])["digest"] as! String
        let layers = (manifest["layers"] as! [[String: Any]]).map { $0["digest"] as! String }

        let staging = directory + "/docker-archive"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        let configHex = String(configDigest.dropFirst(7))
        try FileManager.default.copyItem(atPath: blob(configDigest), toPath: staging + "/\(configHex).json")
        var layerPaths: [String] = []
        for layer in layers {
            let plain = staging + "/layer.tmp"
            guard try run(["/bin/sh", "-c", "gzip -dc < '\(blob(layer))' > '\(plain)'"]).status == 0 else { throw FixtureError("gunzip \(layer)") }
            let diffID = try sha256(plain)
            try FileManager.default.createDirectory(atPath: staging + "/" + diffID, withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: plain, toPath: staging + "/\(diffID)/layer.tar")
            layerPaths.append("\(diffID)/layer.tar")
        }
        let entry: [String: Any] = ["Config": "\(configHex).json", "RepoTags": repoTags, "Layers": layerPaths]
        try JSONSerialization.data(withJSONObject: [entry]).write(to: URL(fileURLWithPath: staging + "/manifest.json"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: staging + "/repositories"))
        let path = directory + "/busybox-docker.tar"
        guard try run(["/usr/bin/tar", "-cf", path, "-C", staging, "."]).status == 0 else { throw FixtureError("tar docker-archive") }
        try FileManager.default.removeItem(atPath: staging)
        return (path, configDigest)
    }

    /// The layout as a tar (what `skopeo copy … oci-archive:` or a download gives).
    static func layoutTar(_ layout: String, into directory: String) throws -> String {
        let path = directory + "/busybox-oci.tar"
        guard try run(["/usr/bin/tar", "-cf", path, "-C", layout, "oci-layout", "index.json", "blobs"]).status == 0 else {
            throw FixtureError("tar layout")
        }
        return path
    }

    /// The busybox config digest (= its image ID) straight from the layout.
    static func configDigest(of layout: String) throws -> String {
        let store = ImageStore(root: "/nonexistent")
        return try store.resolve(layout).id
    }
}

extension Fixtures {
    static func layoutManifestDigest(_ layout: String) throws -> String {
        let index = try JSONDecoder().decode(OCIIndex.self, from: Data(contentsOf: URL(fileURLWithPath: layout + "/index.json")))
        return index.manifests[0].digest
    }

    /// A copy of the busybox layout with another config (Cmd) and so another image ID, same layer.
    static func variantLayout(of layout: String, in work: String, cmd: [String] = ["echo", "variant"], tag: String = "1") throws -> String {
        let variant = work + "/variant-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.copyItem(atPath: layout, toPath: variant)
        let content = ContentStore(layout: variant)
        let manifestDigest = try Digest(parsing: try layoutManifestDigest(layout))
        var manifest = try JSONDecoder().decode(OCIManifest.self, from: content.read(manifestDigest))
        var config = try JSONSerialization.jsonObject(with: content.read(try Digest(parsing: manifest.config.digest))) as! [String: Any]
        var inner = config["config"] as! [String: Any]
        inner["Cmd"] = cmd
        config["config"] = inner
        let configData = try JSONSerialization.data(withJSONObject: config, options: [.sortedKeys])
        let configDigest = try content.write(configData, source: "variant")
        manifest.config = OCIDescriptor(mediaType: MediaType.ociConfig, digest: configDigest.string, size: Int64(configData.count))
        let manifestData = try JSONEncoder().encode(manifest)
        let newManifest = try content.write(manifestData, source: "variant")
        let index = OCIIndex(manifests: [OCIDescriptor(mediaType: MediaType.ociManifest, digest: newManifest.string,
                                                       size: Int64(manifestData.count), annotations: [OCIDescriptor.refNameAnnotation: tag])])
        try JSONEncoder().encode(index).write(to: URL(fileURLWithPath: variant + "/index.json"))
        try? FileManager.default.removeItem(atPath: variant + "/ingest")
        return variant
    }
}

extension Fixtures {
    /// One layout holding both images under an OCI index: `amd64` for linux/amd64, `arm64` for linux/arm64.
    static func multiPlatformLayout(amd64: String, arm64: String, in work: String) throws -> String {
        let multi = work + "/multi"
        try FileManager.default.createDirectory(atPath: multi + "/blobs/sha256", withIntermediateDirectories: true)
        for source in [amd64, arm64] {
            for blob in try FileManager.default.contentsOfDirectory(atPath: source + "/blobs/sha256")
            where !FileManager.default.fileExists(atPath: multi + "/blobs/sha256/" + blob) {
                try FileManager.default.copyItem(atPath: source + "/blobs/sha256/" + blob, toPath: multi + "/blobs/sha256/" + blob)
            }
        }
        func entry(_ layout: String, _ architecture: String) throws -> OCIDescriptor {
            let digest = try layoutManifestDigest(layout)
            let size = try FileManager.default.attributesOfItem(atPath: layout + "/blobs/sha256/" + digest.dropFirst(7))[.size] as! Int
            return OCIDescriptor(mediaType: MediaType.ociManifest, digest: digest, size: Int64(size),
                                 platform: OCIPlatform(architecture: architecture, os: "linux"))
        }
        let index = OCIIndex(manifests: [try entry(arm64, "arm64"), try entry(amd64, "amd64")])
        let indexData = try JSONEncoder().encode(index)
        let indexDigest = try ContentStore(layout: multi).write(indexData, source: "multi")
        try? FileManager.default.removeItem(atPath: multi + "/ingest")
        let top = OCIIndex(manifests: [OCIDescriptor(mediaType: MediaType.ociIndex, digest: indexDigest.string, size: Int64(indexData.count),
                                                     annotations: [OCIDescriptor.refNameAnnotation: "multi"])])
        try JSONEncoder().encode(top).write(to: URL(fileURLWithPath: multi + "/index.json"))
        try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: URL(fileURLWithPath: multi + "/oci-layout"))
        return multi
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
