import Foundation
import Linux

public enum ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(reference: String, path: String)
    case invalidLayout(path: String, reason: String)
    case unpackFailed(digest: String, reason: String)

    public var description: String {
        switch self {
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
}

/// Images as OCI image layouts under `<root>/images/<name>` (or any absolute layout path);
/// layers unpacked once per digest under `<root>/layers/sha256/<hex>`, whiteouts converted to
/// overlayfs form so the directories stack directly as lowerdirs.
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

    public func resolve(_ reference: String) throws(ImageError) -> Image {
        let layout = layoutPath(for: reference)
        guard FileManager.default.fileExists(atPath: layout + "/index.json") else {
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
        return Image(reference: reference, layoutPath: layout, config: config, layers: manifest.layers)
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
