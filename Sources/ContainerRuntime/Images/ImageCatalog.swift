import Foundation
import Glibc

/// The names of stored images: the content layout's own `index.json`, one manifest descriptor
/// per name, the name (a normalised reference, `docker.io/library/busybox:1` or `…@sha256:…`)
/// in containerd's `io.containerd.image.name` annotation and, for tags, the tag in
/// `org.opencontainers.image.ref.name` — so the directory is a valid OCI layout that other
/// tools read. Changes happen under an exclusive `flock` and land by rename, so a CLI import
/// and the runtime daemon never lose each other's names.
public struct ImageCatalog: Sendable {
    public static let nameAnnotation = "io.containerd.image.name"

    public let content: ContentStore

    public init(content: ContentStore) { self.content = content }

    var indexPath: String { content.layout + "/index.json" }

    /// One name → manifest.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var manifest: OCIDescriptor
    }

    public func entries() -> [Entry] {
        guard let data = FileManager.default.contents(atPath: indexPath),
              let index = try? JSONDecoder().decode(OCIIndex.self, from: data) else { return [] }
        return index.manifests.compactMap { descriptor in
            descriptor.annotations?[Self.nameAnnotation].map { Entry(name: $0, manifest: descriptor) }
        }
    }

    /// Points `names` at `manifest` (replacing whatever they named before).
    public func setNames(_ names: [String], to manifest: OCIDescriptor) throws(ContentError) {
        try modify { entries in
            entries.removeAll { names.contains($0.name) }
            for name in names {
                var descriptor = OCIDescriptor(mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.size)
                var annotations = [Self.nameAnnotation: name]
                if let reference = try? ImageReference(parsing: name), reference.digest == nil, let tag = reference.tag {
                    annotations[OCIDescriptor.refNameAnnotation] = tag
                }
                descriptor.annotations = annotations
                entries.append(Entry(name: name, manifest: descriptor))
            }
        }
    }

    /// Runs `body` on the entries with the catalog locked, then writes them back.
    public func modify<T>(_ body: (inout [Entry]) throws(ContentError) -> T) throws(ContentError) -> T {
        try content.prepare()
        let lockPath = content.layout + "/index.lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: lockPath, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw .io(path: lockPath, reason: "flock: " + String(cString: strerror(errno))) }
        }
        var current = entries()
        let result = try body(&current)
        current.sort { $0.name < $1.name }
        let index = OCIIndex(manifests: current.map(\.manifest))
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(index).write(to: URL(fileURLWithPath: indexPath), options: .atomic)
        } catch {
            throw .io(path: indexPath, reason: "\(error)")
        }
        return result
    }
}
