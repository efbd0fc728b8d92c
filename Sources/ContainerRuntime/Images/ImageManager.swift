import Foundation

/// An image's ID: its config digest, `sha256:<hex>` (what the CRI, containerd and Docker call the ID).
public typealias ImageID = String

/// One stored image as the CRI's `Image` message describes it.
public struct ImageSummary: Sendable, Equatable {
    public var id: ImageID
    /// `docker.io/library/busybox:1`, sorted.
    public var repoTags: [String]
    /// `docker.io/library/busybox@sha256:<manifest>`, sorted.
    public var repoDigests: [String]
    /// Bytes of the manifest, config and (as stored, usually compressed) layers.
    public var size: UInt64
    public var manifestDigest: String
    public var config: OCIImageConfig
}

/// What the image filesystem holds (CRI `ImageFsInfo`).
public struct ImageFsUsage: Sendable, Equatable {
    public var mountpoint: String
    public var usedBytes: UInt64
    public var inodesUsed: UInt64
    public var timestamp: Date
}

/// The CRI ImageService behind one type: pull, import, list, status, remove, fs info, over the
/// store at `root` (`<root>/content`: the OCI layout of blobs and names; `<root>/layers`: layers
/// unpacked once per digest — the same directories `ImageStore`, hence containers, use).
public struct ImageManager: Sendable {
    public let store: ImageStore
    public var registry: RegistryConfiguration
    /// Whether a container (running or not) still uses the image: `RemoveImage` refuses those.
    public var inUse: @Sendable (ImageID) -> Bool

    public init(root: String, registry: RegistryConfiguration = .init(), inUse: @escaping @Sendable (ImageID) -> Bool = { _ in false }) {
        store = ImageStore(root: root)
        self.registry = registry
        self.inUse = inUse
    }

    public var content: ContentStore { store.content }
    public var catalog: ImageCatalog { store.catalog }

    // MARK: Pull

    /// Pulls `reference` (normalised: `busybox` → `docker.io/library/busybox:latest`) for the
    /// configured platform, fetching only blobs not yet stored, verifying every digest, unpacking
    /// the layers (unless `unpack` is false) and naming the image. Returns its ID.
    /// Throws `ImageReferenceError`, `RegistryError`, `ManifestError`, `ContentError` or `ImageError`.
    @discardableResult
    public func pull(reference text: String, auth: RegistryAuth = .anonymous, unpack: Bool = true) async throws -> ImageID {
        try await pullReporting(reference: text, auth: auth, unpack: unpack).id
    }

    /// `pull`, also saying which blobs had to be downloaded (the others were already stored).
    func pullReporting(reference text: String, auth: RegistryAuth, unpack: Bool) async throws -> (id: ImageID, downloaded: [String]) {
        let reference = try ImageReference(parsing: text)
        let platform = registry.platform
        let content = self.content
        let (manifestDigest, manifest, data, downloaded) = try await RegistryClient.with(registry) { client in
            var fetched = try await client.fetchManifest(reference, auth: auth)
            if case .index(let index) = fetched.document {
                let chosen = try ManifestDocument.select(platform, from: index, source: reference.string)
                fetched = try await client.fetchManifest(reference, digest: try Digest(parsing: chosen.digest), auth: auth)
            }
            guard case .manifest(let manifest) = fetched.document else {
                throw ManifestError.malformed(source: reference.string, reason: "an index where an image manifest was expected")
            }
            var downloaded: [String] = []
            for descriptor in [manifest.config] + manifest.layers {
                if try await client.fetchBlob(reference, descriptor: descriptor, into: content, auth: auth) {
                    downloaded.append(descriptor.digest)
                }
            }
            return (fetched.digest, manifest, fetched.data, downloaded)
        }
        try content.write(data, expected: manifestDigest, source: reference.string)
        let descriptor = OCIDescriptor(mediaType: manifest.mediaType ?? MediaType.ociManifest, digest: manifestDigest.string,
                                       size: Int64(data.count))
        return (try register(descriptor, names: [reference.string], unpack: unpack), downloaded)
    }

    /// Checks the manifest's config and layers are all stored, unpacks them, names the image.
    func register(_ descriptor: OCIDescriptor, names: [String], unpack: Bool) throws -> ImageID {
        let image = try store.image(manifest: descriptor, reference: names.first ?? descriptor.digest)
        for layer in image.layers {
            guard let digest = try? Digest(parsing: layer.digest), content.contains(digest) else {
                throw ContentError.missing(digest: layer.digest)
            }
        }
        if unpack { _ = try store.unpackedLayers(of: image) }
        if !names.isEmpty { try catalog.setNames(names, to: descriptor) }
        return image.id
    }

    // MARK: Import

    /// Imports an OCI image layout (directory or tar) or a `docker save` tarball. Names come from
    /// the archive (`RepoTags`, `io.containerd.image.name`, or a full reference in
    /// `org.opencontainers.image.ref.name`); a bare tag there is joined to `name` when given
    /// (`name: "busybox"` + tag `latest` → `docker.io/library/busybox:latest`).
    @discardableResult
    public func importArchive(path: String, name: String? = nil, unpack: Bool = true) throws -> [ImportedImage] {
        let importer = ImageArchiveImporter(content: content)
        var imported: [ImportedImage] = []
        for found in try importer.importArchive(at: path, baseName: name) {
            let id = try register(found.manifest, names: found.names, unpack: unpack)
            imported.append(ImportedImage(id: id, names: found.names, manifestDigest: found.manifest.digest))
        }
        return imported
    }

    public struct ImportedImage: Sendable, Equatable {
        public var id: ImageID
        public var names: [String]
        public var manifestDigest: String
    }

    // MARK: List, status, remove

    public func list() -> [ImageSummary] {
        var byID: [ImageID: ImageSummary] = [:]
        var order: [ImageID] = []
        for entry in catalog.entries() {
            guard let image = try? store.image(manifest: entry.manifest, reference: entry.name) else { continue }
            if byID[image.id] == nil {
                order.append(image.id)
                let size = UInt64(max(0, entry.manifest.size + image.configSize + image.layers.reduce(0) { $0 + $1.size }))
                byID[image.id] = ImageSummary(id: image.id, repoTags: [], repoDigests: [], size: size,
                                              manifestDigest: entry.manifest.digest, config: image.config)
            }
            guard let reference = try? ImageReference(parsing: entry.name) else { continue }
            if let tagged = reference.taggedString, !byID[image.id]!.repoTags.contains(tagged) { byID[image.id]!.repoTags.append(tagged) }
            if let digest = try? Digest(parsing: entry.manifest.digest) {
                let repoDigest = reference.withDigest(digest).string
                if !byID[image.id]!.repoDigests.contains(repoDigest) { byID[image.id]!.repoDigests.append(repoDigest) }
            }
        }
        return order.map { id in
            var summary = byID[id]!
            summary.repoTags.sort()
            summary.repoDigests.sort()
            return summary
        }
    }

    /// The image `refOrID` names: an ID (`sha256:<hex>` or the bare hex), or a reference in any
    /// form users write (`busybox`, `busybox:1`, `…@sha256:<manifest>`). nil when absent.
    public func status(_ refOrID: String) throws(ImageReferenceError) -> ImageSummary? {
        let images = list()
        if let id = Self.imageID(refOrID) { return images.first { $0.id == id } }
        let reference = try ImageReference(parsing: refOrID)
        if reference.digest != nil {
            return images.first { $0.repoDigests.contains(reference.string) }
        }
        return images.first { $0.repoTags.contains(reference.string) }
    }

    /// Removes every name of the image `refOrID` resolves to, then the blobs and unpacked layers
    /// nothing else refers to. Removing an absent image succeeds (CRI: idempotent).
    /// Throws `ImageError.inUse` for an image a container uses.
    public func remove(_ refOrID: String) throws {
        guard let image = try status(refOrID) else { return }
        if inUse(image.id) { throw ImageError.inUse(id: image.id, reference: refOrID) }
        let store = self.store
        let (removedBlobs, keptBlobs) = try catalog.modify { entries in
            var removed: Set<String> = []
            var kept: Set<String> = []
            var remaining: [ImageCatalog.Entry] = []
            for entry in entries {
                let blobs = store.blobDigests(manifest: entry.manifest)
                if (try? store.image(manifest: entry.manifest, reference: entry.name))?.id == image.id {
                    removed.formUnion(blobs)
                } else {
                    kept.formUnion(blobs)
                    remaining.append(entry)
                }
            }
            entries = remaining
            return (removed, kept)
        }
        let unreferenced = removedBlobs.subtracting(keptBlobs)
        let legacyLayers = store.legacyLayoutLayerDigests()
        for text in unreferenced {
            guard let digest = try? Digest(parsing: text) else { continue }
            if !legacyLayers.contains(text) { try? FileManager.default.removeItem(atPath: store.layersDirectory + "/" + digest.hex) }
            content.delete(digest)
        }
    }

    static func imageID(_ text: String) -> ImageID? {
        let hex = text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text
        guard hex.count == 64, hex.allSatisfy({ $0.isNumber || ("a"..."f").contains($0) }) else { return nil }
        return "sha256:" + hex
    }

    // MARK: Filesystem

    /// Bytes and inodes under the content store and the unpacked layers.
    public func fsInfo() -> ImageFsUsage {
        var usage = DiskUsage()
        usage.add(content.layout)
        usage.add(store.layersDirectory)
        return ImageFsUsage(mountpoint: store.root, usedBytes: usage.bytes, inodesUsed: usage.inodes, timestamp: Date())
    }
}
