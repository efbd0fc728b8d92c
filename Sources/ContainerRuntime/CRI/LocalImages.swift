import CRI
import Foundation

/// The CRI's view of the image store: OCI image layouts under `<root>/images/<name>`, each
/// image identified by its config digest (as containerd's image id). Also resolves an
/// absolute layout path, which is how tests and `Rootfs/` name images.
public struct LocalImages: Sendable {
    public struct Entry: Sendable, Equatable {
        public var id: String
        /// `name:tag` for each tag in the layout's index.
        public var tags: [String]
        public var digests: [String]
        public var size: UInt64
        public var layoutPath: String
        public var user: String?
    }

    let configuration: RuntimeConfiguration

    public init(configuration: RuntimeConfiguration) { self.configuration = configuration }

    var imagesDirectory: String { configuration.rootDirectory + "/images" }

    public func list() -> [Entry] {
        guard let enumerator = FileManager.default.enumerator(atPath: imagesDirectory) else { return [] }
        var entries: [Entry] = []
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix("/index.json") else { continue }
            let name = String(path.dropLast("/index.json".count))
            if let entry = entry(layout: imagesDirectory + "/" + name, name: name) { entries.append(entry) }
        }
        return entries.sorted { $0.id < $1.id }
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
        let prefixMatches = all.filter { $0.id.dropFirst("sha256:".count).hasPrefix(reference) }
        return reference.count >= 6 && prefixMatches.count == 1 ? prefixMatches[0] : nil
    }

    public func remove(_ entry: Entry) throws {
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
