import Crypto
import Foundation
import Glibc

/// Why content could not be stored or read.
public enum ContentError: Error, Sendable, Equatable, CustomStringConvertible {
    case digestMismatch(expected: String, actual: String, source: String)
    case sizeMismatch(digest: String, expected: Int64, actual: Int64, source: String)
    case missing(digest: String)
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .digestMismatch(let expected, let actual, let source): "content \(source): expected \(expected), got \(actual)"
        case .sizeMismatch(let digest, let expected, let actual, let source): "content \(digest) from \(source): expected \(expected) bytes, got \(actual)"
        case .missing(let digest): "content \(digest): not in the store"
        case .io(let path, let reason): "content store \(path): \(reason)"
        }
    }
}

/// Every blob (manifests, configs, layers) once, by digest, in one OCI image layout at
/// `<root>/content` (`blobs/sha256/<hex>`). A blob appears only after its sha256 was checked
/// and under its final name by rename, so a present blob is always a whole, verified one.
public struct ContentStore: Sendable {
    public let layout: String

    public init(layout: String) { self.layout = layout }

    public var blobsDirectory: String { layout + "/blobs/sha256" }
    var ingestDirectory: String { layout + "/ingest" }

    public func path(of digest: Digest) -> String { blobsDirectory + "/" + digest.hex }

    public func contains(_ digest: Digest) -> Bool { FileManager.default.fileExists(atPath: path(of: digest)) }

    public func size(of digest: Digest) -> Int64? {
        var st = stat()
        return stat(path(of: digest), &st) == 0 ? Int64(st.st_size) : nil
    }

    public func read(_ digest: Digest) throws(ContentError) -> Data {
        guard let data = FileManager.default.contents(atPath: path(of: digest)) else { throw .missing(digest: digest.string) }
        return data
    }

    /// Creates the layout skeleton (`oci-layout`, `blobs/sha256`) if absent.
    public func prepare() throws(ContentError) {
        do {
            try FileManager.default.createDirectory(atPath: blobsDirectory, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: ingestDirectory, withIntermediateDirectories: true)
            let marker = layout + "/oci-layout"
            if !FileManager.default.fileExists(atPath: marker) {
                try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: URL(fileURLWithPath: marker), options: .atomic)
            }
        } catch {
            throw .io(path: layout, reason: "\(error)")
        }
    }

    /// Stores `data`, checked against `expected` when given.
    @discardableResult
    public func write(_ data: Data, expected: Digest? = nil, source: String) throws(ContentError) -> Digest {
        let writer = try BlobWriter(store: self)
        try writer.append(data)
        return try writer.commit(expected: expected, expectedSize: nil, source: source)
    }

    /// Copies a file into the store, hashing it on the way.
    @discardableResult
    public func ingest(file: String, expected: Digest? = nil, expectedSize: Int64? = nil, source: String) throws(ContentError) -> Digest {
        if let expected, contains(expected) { return expected }
        let writer = try BlobWriter(store: self)
        guard let handle = FileHandle(forReadingAtPath: file) else {
            writer.abort()
            throw .io(path: file, reason: "cannot open")
        }
        defer { try? handle.close() }
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { try writer.append(chunk) }
        } catch {
            writer.abort()
            throw .io(path: file, reason: "\(error)")
        }
        return try writer.commit(expected: expected, expectedSize: expectedSize, source: source)
    }

    public func delete(_ digest: Digest) { unlink(path(of: digest)) }

    /// Every blob digest present.
    public func allDigests() -> [Digest] {
        ((try? FileManager.default.contentsOfDirectory(atPath: blobsDirectory)) ?? []).compactMap { try? Digest(parsing: "sha256:" + $0) }
    }
}

/// One blob being written: to a private file under `ingest/`, hashed as it goes, renamed into
/// `blobs/` only when its digest (and size) match. Not Sendable: one writer, one task.
public final class BlobWriter {
    let store: ContentStore
    let temporaryPath: String
    let fd: Int32
    var hasher = SHA256()
    public private(set) var written: Int64 = 0
    var finished = false

    public init(store: ContentStore) throws(ContentError) {
        try store.prepare()
        self.store = store
        temporaryPath = store.ingestDirectory + "/\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: temporaryPath, reason: String(cString: strerror(errno))) }
    }

    deinit { if !finished { abort() } }

    public func append(_ data: Data) throws(ContentError) {
        let failed = data.withUnsafeBytes { raw -> ContentError? in
            do throws(ContentError) { try append(raw); return nil } catch { return error }
        }
        if let failed { throw failed }
    }

    public func append(_ raw: UnsafeRawBufferPointer) throws(ContentError) {
        guard raw.count > 0 else { return }
        hasher.update(bufferPointer: raw)
        var offset = 0
        while offset < raw.count {
            let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(path: temporaryPath, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
        written += Int64(raw.count)
    }

    /// Verifies and publishes the blob; on any mismatch the partial file is removed.
    public func commit(expected: Digest?, expectedSize: Int64?, source: String) throws(ContentError) -> Digest {
        finished = true
        let actual = Digest(verifiedHex: hasher.finalize().hexString)
        defer { close(fd) }
        if let expectedSize, expectedSize != written {
            unlink(temporaryPath)
            throw .sizeMismatch(digest: expected?.string ?? actual.string, expected: expectedSize, actual: written, source: source)
        }
        if let expected, expected != actual {
            unlink(temporaryPath)
            throw .digestMismatch(expected: expected.string, actual: actual.string, source: source)
        }
        guard fsync(fd) == 0, rename(temporaryPath, store.path(of: actual)) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw .io(path: store.path(of: actual), reason: reason)
        }
        return actual
    }

    public func abort() {
        guard !finished else { return }
        finished = true
        close(fd)
        unlink(temporaryPath)
    }
}
