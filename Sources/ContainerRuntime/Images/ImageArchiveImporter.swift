import Foundation
import Glibc
import Linux

public enum ImageArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    case unrecognized(path: String)
    case malformed(path: String, reason: String)
    case extractFailed(path: String, reason: String)
    /// The archive names an image by tag only (or not at all) and no repository name was given.
    case unnamed(path: String, manifest: String)

    public var description: String {
        switch self {
        case .unrecognized(let path): "import \(path): neither an OCI image layout (index.json) nor a docker-archive (manifest.json)"
        case .malformed(let path, let reason): "import \(path): \(reason)"
        case .extractFailed(let path, let reason): "import \(path): extracting: \(reason)"
        case .unnamed(let path, let manifest): "import \(path): image \(manifest) has no name in the archive; give one (--name)"
        }
    }
}

/// Copies the images of an OCI image layout (a directory or its tar) or a `docker save`
/// tarball into the content store, every blob checked against its digest (docker-archive
/// layers against the config's `rootfs.diff_ids`), and says which manifest each name points at.
struct ImageArchiveImporter {
    let content: ContentStore
    var platform: OCIPlatform = .host

    struct Found: Equatable {
        var manifest: OCIDescriptor
        var names: [String]
    }

    func importArchive(at path: String, baseName: String?) throws -> [Found] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImageArchiveError.malformed(path: path, reason: "no such file or directory")
        }
        var directory = path
        var extracted: String?
        defer { if let extracted { try? FileManager.default.removeItem(atPath: extracted) } }
        if !isDirectory.boolValue {
            try content.prepare()
            let staging = content.ingestDirectory + "/import-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
            extracted = staging
            try extract(path, into: staging)
            directory = staging
        }
        let exists = { FileManager.default.fileExists(atPath: directory + "/" + $0) }
        if exists("index.json") { return try importLayout(directory, source: path, baseName: baseName) }
        if exists("manifest.json") { return try importDockerArchive(directory, source: path, baseName: baseName) }
        throw ImageArchiveError.unrecognized(path: path)
    }

    func extract(_ archive: String, into directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let pid = try Spawn.spawn("/usr/bin/tar", args: ["tar", "-x", "--no-same-owner", "-f", archive, "-C", directory],
                                      env: ["PATH=/usr/bin:/bin"], fds: [0: 0, 1: 2, 2: 2])
            let status = try Spawn.wait(pid)
            guard status.code == 0 else { throw ImageArchiveError.extractFailed(path: archive, reason: "tar exited with \(status.code)") }
        } catch let error as ImageArchiveError {
            throw error
        } catch {
            throw ImageArchiveError.extractFailed(path: archive, reason: "\(error)")
        }
    }

    // MARK: OCI image layout

    func importLayout(_ layout: String, source: String, baseName: String?) throws -> [Found] {
        let index: OCIIndex = try decode(layout + "/index.json", source: source)
        var found: [Found] = []
        for entry in index.manifests {
            let names = try Self.names(annotations: entry.annotations ?? [:], baseName: baseName, source: source)
            guard !names.isEmpty else { throw ImageArchiveError.unnamed(path: source, manifest: entry.digest) }
            var descriptor = entry
            var data = try readBlob(layout, descriptor, source: source)
            var document = try ManifestDocument.parse(data, mediaType: descriptor.mediaType, source: source + "@" + descriptor.digest)
            if case .index(let nested) = document {
                descriptor = try ManifestDocument.select(platform, from: nested, source: source + "@" + descriptor.digest)
                data = try readBlob(layout, descriptor, source: source)
                document = try ManifestDocument.parse(data, mediaType: descriptor.mediaType, source: source + "@" + descriptor.digest)
            }
            guard case .manifest(let manifest) = document else {
                throw ImageArchiveError.malformed(path: source, reason: "\(descriptor.digest): nested index without an image manifest")
            }
            for blob in [manifest.config] + manifest.layers {
                let digest = try Digest(parsing: blob.digest)
                try content.ingest(file: blobPath(layout, digest), expected: digest, expectedSize: blob.size, source: source)
            }
            try content.write(data, expected: try Digest(parsing: descriptor.digest), source: source)
            found.append(Found(manifest: OCIDescriptor(mediaType: descriptor.mediaType, digest: descriptor.digest, size: Int64(data.count)),
                               names: names))
        }
        return found
    }

    func readBlob(_ layout: String, _ descriptor: OCIDescriptor, source: String) throws -> Data {
        let digest = try Digest(parsing: descriptor.digest)
        guard let data = FileManager.default.contents(atPath: blobPath(layout, digest)) else {
            throw ImageArchiveError.malformed(path: source, reason: "blob \(digest) missing")
        }
        let actual = Digest.of(data)
        guard actual == digest else { throw ContentError.digestMismatch(expected: digest.string, actual: actual.string, source: source) }
        return data
    }

    func blobPath(_ layout: String, _ digest: Digest) -> String { layout + "/blobs/sha256/" + digest.hex }

    /// Names for a layout entry, as containerd's import reads them: `io.containerd.image.name`
    /// (a full name), else `org.opencontainers.image.ref.name` — a full reference, or a tag for
    /// `baseName` — else `baseName` alone.
    static func names(annotations: [String: String], baseName: String?, source: String) throws -> [String] {
        if let full = annotations[ImageCatalog.nameAnnotation] { return [try ImageReference(parsing: full).string] }
        if let refName = annotations[OCIDescriptor.refNameAnnotation] {
            if ImageReference.isValidTag(refName) {
                guard let baseName else { return [] }
                return [try ImageReference(parsing: baseName + ":" + refName).string]
            }
            return [try ImageReference(parsing: refName).string]
        }
        return try baseName.map { [try ImageReference(parsing: $0).string] } ?? []
    }

    // MARK: docker-archive

    /// `manifest.json`: `[{"Config": "<file>", "RepoTags": ["busybox:1"], "Layers": ["<dir>/layer.tar", …]}]`.
    struct DockerArchiveEntry: Decodable {
        var Config: String
        var RepoTags: [String]?
        var Layers: [String]
    }

    func importDockerArchive(_ directory: String, source: String, baseName: String?) throws -> [Found] {
        let entries: [DockerArchiveEntry] = try decode(directory + "/manifest.json", source: source)
        var found: [Found] = []
        for entry in entries {
            var names = try (entry.RepoTags ?? []).map { try ImageReference(parsing: $0).string }
            if names.isEmpty, let baseName { names = [try ImageReference(parsing: baseName).string] }
            guard !names.isEmpty else { throw ImageArchiveError.unnamed(path: source, manifest: entry.Config) }
            let configPath = try member(entry.Config, in: directory, source: source)
            let configDigest = try content.ingest(file: configPath, source: source)
            let config: OCIImageConfig = try decode(configPath, source: source)
            let diffIDs = config.rootfs?.diff_ids ?? []
            guard diffIDs.count == entry.Layers.count else {
                throw ImageArchiveError.malformed(path: source, reason: "\(entry.Layers.count) layers but \(diffIDs.count) diff_ids in \(entry.Config)")
            }
            var layers: [OCIDescriptor] = []
            for (layer, diffID) in zip(entry.Layers, diffIDs) {
                let path = try member(layer, in: directory, source: source)
                if Self.isGzip(path) {
                    throw ImageArchiveError.malformed(path: source, reason: "layer \(layer) is compressed; docker-archive layers are plain tars")
                }
                // An uncompressed layer's digest is its diff_id: the config vouches for every layer.
                let digest = try content.ingest(file: path, expected: try Digest(parsing: diffID), source: source + ":" + layer)
                layers.append(OCIDescriptor(mediaType: MediaType.ociLayer, digest: digest.string, size: content.size(of: digest) ?? 0))
            }
            let manifest = OCIManifest(config: OCIDescriptor(mediaType: MediaType.ociConfig, digest: configDigest.string,
                                                             size: content.size(of: configDigest) ?? 0),
                                       layers: layers)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(manifest)
            let manifestDigest = try content.write(data, source: source)
            found.append(Found(manifest: OCIDescriptor(mediaType: MediaType.ociManifest, digest: manifestDigest.string, size: Int64(data.count)),
                               names: names))
        }
        return found
    }

    /// A path named inside the archive, refused if it would leave it.
    func member(_ relative: String, in directory: String, source: String) throws -> String {
        let resolved = URL(fileURLWithPath: directory + "/" + relative).resolvingSymlinksInPath().path
        let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        guard !relative.hasPrefix("/"), resolved.hasPrefix(root + "/"), FileManager.default.fileExists(atPath: resolved) else {
            throw ImageArchiveError.malformed(path: source, reason: "member \(relative) missing or outside the archive")
        }
        return resolved
    }

    static func isGzip(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 2)) ?? Data()
        return magic == Data([0x1f, 0x8b])
    }

    func decode<T: Decodable>(_ path: String, source: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImageArchiveError.malformed(path: source, reason: "\((path as NSString).lastPathComponent) missing")
        }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw ImageArchiveError.malformed(path: source, reason: "\((path as NSString).lastPathComponent): \(error)")
        }
    }
}
