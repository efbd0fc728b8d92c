import Foundation

public enum MediaType {
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let ociConfig = "application/vnd.oci.image.config.v1+json"
    public static let ociLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip"
    public static let ociLayer = "application/vnd.oci.image.layer.v1.tar"
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    public static let dockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip"
    public static let dockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws"
    public static let dockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json"

    /// The manifest types this client understands, in the order it prefers them (the Accept header).
    public static let acceptedManifests = [ociIndex, dockerManifestList, ociManifest, dockerManifest]
}

public enum ManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    case unsupportedMediaType(String, source: String)
    case malformed(source: String, reason: String)
    case noMatchingPlatform(source: String, wanted: String, available: [String])

    public var description: String {
        switch self {
        case .unsupportedMediaType(let type, let source): "manifest \(source): unsupported media type \(type)"
        case .malformed(let source, let reason): "manifest \(source): \(reason)"
        case .noMatchingPlatform(let source, let wanted, let available):
            "manifest list \(source): no image for \(wanted) (has \(available.isEmpty ? "none" : available.joined(separator: ", ")))"
        }
    }
}

/// A manifest fetched or read by digest: either an index pointing at per-platform manifests,
/// or an image manifest (config + layers). OCI and Docker schema 2 share each shape.
public enum ManifestDocument: Sendable {
    case index(OCIIndex)
    case manifest(OCIManifest)

    /// `mediaType`: the Content-Type the registry sent (or the descriptor's), if any; otherwise
    /// the document's own `mediaType` field, otherwise its shape (OCI makes the field optional).
    public static func parse(_ data: Data, mediaType: String?, source: String) throws(ManifestError) -> ManifestDocument {
        struct Probe: Decodable { var mediaType: String?; var schemaVersion: Int?; var manifests: [OCIDescriptor]?; var config: OCIDescriptor? }
        let probe: Probe
        do { probe = try JSONDecoder().decode(Probe.self, from: data) } catch {
            throw .malformed(source: source, reason: "not a JSON manifest: \(error)")
        }
        let declared = [mediaType, probe.mediaType].compactMap { $0?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty && $0 != "application/json" && $0 != "application/octet-stream" && $0 != "text/plain" }
        let type = declared ?? (probe.manifests != nil ? MediaType.ociIndex : probe.config != nil ? MediaType.ociManifest : "unknown")
        if type == MediaType.dockerSchema1 || type == MediaType.dockerSchema1Signed || probe.schemaVersion == 1 {
            throw .unsupportedMediaType(type + " (Docker schema 1)", source: source)
        }
        do {
            switch type {
            case MediaType.ociIndex, MediaType.dockerManifestList:
                return .index(try JSONDecoder().decode(OCIIndex.self, from: data))
            case MediaType.ociManifest, MediaType.dockerManifest:
                let manifest = try JSONDecoder().decode(OCIManifest.self, from: data)
                for descriptor in [manifest.config] + manifest.layers { _ = try Digest(parsing: descriptor.digest) }
                return .manifest(manifest)
            default:
                throw ManifestError.unsupportedMediaType(type, source: source)
            }
        } catch let error as ManifestError {
            throw error
        } catch {
            throw .malformed(source: source, reason: "\(error)")
        }
    }

    /// The entry for `platform` in an index: same OS and architecture, variant only if both name
    /// one; entries without a platform (attestations carry unknown/unknown) never match.
    public static func select(_ platform: OCIPlatform, from index: OCIIndex, source: String) throws(ManifestError) -> OCIDescriptor {
        let candidates = index.manifests.filter { descriptor in
            guard let candidate = descriptor.platform, candidate.os == platform.os, candidate.architecture == platform.architecture,
                  MediaType.acceptedManifests.contains(descriptor.mediaType) else { return false }
            if let wanted = platform.variant, let variant = candidate.variant { return wanted == variant }
            return true
        }
        guard let chosen = candidates.first else {
            throw .noMatchingPlatform(source: source, wanted: platform.description,
                                      available: index.manifests.compactMap { $0.platform?.description })
        }
        return chosen
    }
}
