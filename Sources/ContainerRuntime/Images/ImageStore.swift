import Foundation
import Linux

public enum ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(reference: String, path: String)
    case invalidLayout(path: String, reason: String)
    case unpackFailed(digest: String, reason: String)
    /// RemoveImage of an image a container still uses.
    case inUse(id: String, reference: String)

    public var description: String {
        switch self {
        case .inUse(let id, let reference): "image \(reference) (\(id)) is in use by a container"
        case .notFound(let reference, let path): "image \(reference): no OCI image layout at \(path)"
        case .invalidLayout(let path, let reason): "image layout \(path): \(reason)"
        case .unpackFailed(let digest, let reason): "unpack layer \(digest): \(reason)"
        }
    }
}

/// An image resolved from an OCI layout: its config and its layers, bottom first.
public struct Image: Sendable, Equatable {
    public var reference: String
    public var layoutPath: String
    public var config: OCIImageConfig
    public var layers: [OCIDescriptor]
    /// The config digest, `sha256:<hex>`.
    public var id: String
    public var configSize: Int64
}

/// Images as OCI image layouts: pulled and imported ones in the one content layout
/// `<root>/content` (blobs by digest, names in its index.json — see `ImageManager`), and
/// hand-placed layouts under `<root>/images/<name>` (or any absolute layout path), which win
/// when present. Layers unpacked once per digest under `<root>/layers/sha256/<hex>`, whiteouts
/// converted to overlayfs form so the directories stack directly as lowerdirs.
public struct ImageStore: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    public var layersDirectory: String { root + "/layers/sha256" }

    public func layoutPath(for reference: String) -> String {
        if reference.hasPrefix("/") { return reference }
        var name = reference
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") { name = String(name[..<colon]) }
        return root + "/images/" + name
    }

    public var content: ContentStore { ContentStore(layout: root + "/content") }
    public var catalog: ImageCatalog { ImageCatalog(content: content) }

    /// A hand-placed layout for `reference` if there is one, else the stored image it names
    /// (by reference in any user form, or by ID).
    public func resolve(_ reference: String) throws(ImageError) -> Image {
        let layout = layoutPath(for: reference)
        guard FileManager.default.fileExists(atPath: layout + "/index.json") else {
            if let stored = try storedImage(reference) { return stored }
            throw .notFound(reference: reference, path: layout)
        }
        let index: OCIIndex = try decode(layout + "/index.json", layout: layout)
        let tag = reference.contains(":") && !reference.hasPrefix("/") ? String(reference.split(separator: ":").last!) : "latest"
        guard let descriptor = index.manifests.first(where: { $0.annotations?[OCIDescriptor.refNameAnnotation] == tag })
                ?? index.manifests.first else {
            throw .invalidLayout(path: layout, reason: "index.json lists no manifests")
        }
        let manifest: OCIManifest = try decode(blobPath(layout, descriptor.digest), layout: layout)
        let config: OCIImageConfig = try decode(blobPath(layout, manifest.config.digest), layout: layout)
        return Image(reference: reference, layoutPath: layout, config: config, layers: manifest.layers,
                     id: manifest.config.digest, configSize: manifest.config.size)
    }

    /// The image the content store holds under `reference` (a name or an image ID), if any.
    func storedImage(_ reference: String) throws(ImageError) -> Image? {
        let entries = catalog.entries()
        var match: ImageCatalog.Entry?
        if let id = ImageManager.imageID(reference) {
            match = entries.first { (try? image(manifest: $0.manifest, reference: $0.name))?.id == id }
        } else if let parsed = try? ImageReference(parsing: reference) {
            match = entries.first { $0.name == parsed.string }
            if match == nil, let digest = parsed.digest {
                // `name@digest` also finds the image pulled by tag whose manifest has that digest.
                match = entries.first { entry in
                    let name = (try? ImageReference(parsing: entry.name))?.name
                    return entry.manifest.digest == digest.string && name == parsed.name
                }
            }
        }
        guard let match else { return nil }
        var found = try image(manifest: match.manifest, reference: match.name)
        found.reference = reference
        return found
    }

    /// The image a manifest in the content store describes.
    func image(manifest descriptor: OCIDescriptor, reference: String) throws(ImageError) -> Image {
        let layout = content.layout
        let manifest: OCIManifest = try decode(blobPath(layout, descriptor.digest), layout: layout)
        let config: OCIImageConfig = try decode(blobPath(layout, manifest.config.digest), layout: layout)
        return Image(reference: reference, layoutPath: layout, config: config, layers: manifest.layers,
                     id: manifest.config.digest, configSize: manifest.config.size)
    }

    /// The manifest's own digest, its config's and its layers'.
    func blobDigests(manifest descriptor: OCIDescriptor) -> Set<String> {
        guard let image = try? image(manifest: descriptor, reference: descriptor.digest) else { return [descriptor.digest] }
        return Set([descriptor.digest, image.id] + image.layers.map(\.digest))
    }

    /// Layer digests of the hand-placed layouts under `<root>/images`, whose unpacked layers
    /// share `layersDirectory` and must survive a RemoveImage.
    func legacyLayoutLayerDigests() -> Set<String> {
        var digests: Set<String> = []
        let images = root + "/images"
        guard let walker = FileManager.default.enumerator(atPath: images) else { return digests }
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix("/blobs") || relative == "blobs" { walker.skipDescendants(); continue }
            guard (relative as NSString).lastPathComponent == "index.json" else { continue }
            let layout = images + "/" + (relative as NSString).deletingLastPathComponent
            guard let index: OCIIndex = try? decode(layout + "/index.json", layout: layout) else { continue }
            for entry in index.manifests {
                if let manifest: OCIManifest = try? decode(blobPath(layout, entry.digest), layout: layout) {
                    digests.formUnion(manifest.layers.map(\.digest))
                }
            }
        }
        return digests
    }

    /// Unpacked layer directories, bottom first.
    public func unpackedLayers(of image: Image) throws(ImageError) -> [String] {
        var directories: [String] = []
        for layer in image.layers {
            directories.append(try LayerUnpacker.unpack(blob: blobPath(image.layoutPath, layer.digest), digest: layer.digest,
                                                        into: layersDirectory))
        }
        return directories
    }

    func blobPath(_ layout: String, _ digest: String) -> String {
        layout + "/blobs/" + digest.replacingOccurrences(of: ":", with: "/")
    }

    func decode<T: Decodable>(_ path: String, layout: String) throws(ImageError) -> T {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw .invalidLayout(path: layout, reason: "\(path): \(error)")
        }
    }
}
