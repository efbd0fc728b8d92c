import CRI
import Foundation

/// The CRI's view of the image store: hand-placed OCI image layouts under `<root>/images/<name>`
/// and the images pulled or imported into the content store (`ImageManager`), each identified
/// by its config digest (as containerd's image id). Also resolves an absolute layout path,
/// which is how tests and `Rootfs/` name images. Layouts win over stored images of the same name.
public struct LocalImages: Sendable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        /// `name:tag` for each tag in the layout's index.
        public var tags: [String]
        public var digests: [String]
        public var size: UInt64
        public var layoutPath: String
        public var user: String?
        /// In the content store (pulled or imported), not a hand-placed layout.
        public var stored: Bool = false

        /// What a container spec names the image by: the layout path, or the image id for
        /// stored images (their layout is the shared content store).
        public var specReference: String { stored ? id : layoutPath }
    }

    let configuration: RuntimeConfiguration

    public init(configuration: RuntimeConfiguration) { self.configuration = configuration }

    var imagesDirectory: String { configuration.rootDirectory + "/images" }
    var manager: ImageManager { ImageManager(root: configuration.rootDirectory) }

    public func list() -> [Entry] {
        var entries: [Entry] = []
        if let enumerator = FileManager.default.enumerator(atPath: imagesDirectory) {
            while let path = enumerator.nextObject() as? String {
                guard path.hasSuffix("/index.json") else { continue }
                let name = String(path.dropLast("/index.json".count))
                if let entry = entry(layout: imagesDirectory + "/" + name, name: name) { entries.append(entry) }
            }
        }
        let layoutIDs = Set(entries.map(\.id))
        entries += manager.list().filter { !layoutIDs.contains($0.id) }.map(storedEntry)
        return entries.sorted { $0.id < $1.id }
    }

    func storedEntry(_ summary: ImageSummary) -> Entry {
        Entry(id: summary.id, tags: summary.repoTags, digests: summary.repoDigests, size: summary.size,
              layoutPath: manager.content.layout, user: summary.config.config?.User, stored: true)
    }

    /// By id (`sha256:…`, or a unique prefix of its hex), by `name[:tag]`, or by layout path.
    public func find(_ reference: String) -> Entry? {
        if reference.hasPrefix("/") {
            return entry(layout: reference, name: reference)
        }
        let all = list()
        if let byID = all.first(where: { $0.id == reference || $0.id == "sha256:" + reference }) { return byID }
        let tagged = reference.contains(":") && !reference.hasPrefix("sha256:") ? reference : reference + ":latest"
        if let byTag = all.first(where: { $0.tags.contains(tagged) || $0.digests.contains(reference) }) { return byTag }
        // Stored images by any form users write (`busybox` → docker.io/library/busybox:latest).
        if let summary = try? manager.status(reference) { return storedEntry(summary) }
        let prefixMatches = all.filter { $0.id.dropFirst("sha256:".count).hasPrefix(reference) }
        return reference.count >= 6 && prefixMatches.count == 1 ? prefixMatches[0] : nil
    }

    public func remove(_ entry: Entry) throws {
        if entry.stored {
            try manager.remove(entry.id)
            return
        }
        guard entry.layoutPath.hasPrefix(imagesDirectory + "/") else {
            throw CRIError.failedPrecondition("image \(entry.id): \(entry.layoutPath) is outside the image store; not removing it")
        }
        try FileManager.default.removeItem(atPath: entry.layoutPath)
    }

    func entry(layout: String, name: String) -> Entry? {
        struct Index: Decodable { var manifests: [OCIDescriptor] }
        struct Manifest: Decodable { var config: OCIDescriptor; var layers: [OCIDescriptor] }
        func decode<T: Decodable>(_ type: T.Type, _ path: String) -> T? {
            FileManager.default.contents(atPath: path).flatMap { try? JSONDecoder().decode(T.self, from: $0) }
        }
        func blob(_ digest: String) -> String { layout + "/blobs/" + digest.replacingOccurrences(of: ":", with: "/") }
        guard let index = decode(Index.self, layout + "/index.json"), let first = index.manifests.first,
              let manifest = decode(Manifest.self, blob(first.digest)) else { return nil }
        let config = decode(OCIImageConfig.self, blob(manifest.config.digest))
        let tags = index.manifests.compactMap { $0.annotations?[OCIDescriptor.refNameAnnotation] }.map { name + ":" + $0 }
        let size = manifest.layers.reduce(UInt64(manifest.config.size)) { $0 + UInt64(max($1.size, 0)) }
        return Entry(id: manifest.config.digest, tags: tags.isEmpty ? [name + ":latest"] : tags,
                     digests: [name + "@" + first.digest], size: size, layoutPath: layout, user: config?.config?.User)
    }
}
