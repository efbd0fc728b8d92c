@testable import ContainerRuntime
import Foundation
import Glibc
import Testing

/// Pulls from Debian's docker-registry on loopback, pushed to with skopeo: plain HTTP, TLS with a
/// CA bundle, token auth; deduplication, platform selection, and the typed errors.
@Suite(.serialized, .enabled(if: LocalRegistry.available, "needs docker-registry and skopeo (Scripts/install-deps.sh)"),
       .enabled(if: getuid() == 0, "unpacking layers keeps file owners (tar --same-owner): run as root"))
struct RegistryPullTests {
    @Test func pullsOverHTTPUnpacksAndNeverFetchesABlobTwice() async throws {
        let registry = try await LocalRegistry.start()
        defer { registry.stop() }
        let work = try Fixtures.temporaryDirectory("pull")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let layout = try Fixtures.busyboxLayout()
        let busyboxID = try Fixtures.configDigest(of: layout)
        let variant = try Fixtures.variantLayout(of: layout, in: work)
        try await registry.push(layout: layout, as: "library/busybox:1")
        try await registry.push(layout: layout, as: "library/busybox:2")
        try await registry.push(layout: variant, tag: "1", as: "tools/variant:1")

        let manager = ImageManager(root: work + "/root")
        let reference = "\(registry.host)/library/busybox:1"
        let first = try await manager.pullReporting(reference: reference, auth: .anonymous, unpack: true)
        #expect(first.id == busyboxID, "the image ID is the config digest")
        let image = try manager.store.resolve(reference)
        #expect(Set(first.downloaded) == Set([busyboxID] + image.layers.map(\.digest)))
        let directories = try manager.store.unpackedLayers(of: image)
        #expect(FileManager.default.isExecutableFile(atPath: directories[0] + "/bin/busybox"), "layer unpacked by the pull")
        for digest in [busyboxID] + image.layers.map(\.digest) {
            let parsed = try Digest(parsing: digest)
            #expect(try Fixtures.sha256(manager.content.path(of: parsed)) == parsed.hex, "stored blob \(digest) matches its digest")
        }

        let summary = try #require(try manager.status(reference))
        #expect(summary.repoTags == [reference])
        #expect(summary.repoDigests == ["\(registry.host)/library/busybox@\(summary.manifestDigest)"])
        #expect(try manager.status("\(registry.host)/library/busybox@\(summary.manifestDigest)")?.id == busyboxID)

        // Again, another tag of the same image, and an image sharing the layer: only new blobs travel.
        #expect(try await manager.pullReporting(reference: reference, auth: .anonymous, unpack: true).downloaded.isEmpty)
        #expect(try await manager.pullReporting(reference: "\(registry.host)/library/busybox:2", auth: .anonymous, unpack: true).downloaded.isEmpty)
        let variantPull = try await manager.pullReporting(reference: "\(registry.host)/tools/variant:1", auth: .anonymous, unpack: true)
        #expect(variantPull.downloaded == [try manager.store.resolve("\(registry.host)/tools/variant:1").id], "only the new config")

        // By digest: the same image, named by digest.
        let byDigest = "\(registry.host)/library/busybox@\(summary.manifestDigest)"
        #expect(try await manager.pull(reference: byDigest) == busyboxID)
        #expect(manager.list().map(\.id).sorted() == [busyboxID, variantPull.id].sorted())
        #expect(try manager.status(busyboxID)?.repoTags == [reference, "\(registry.host)/library/busybox:2"])
    }

    @Test func unknownImagesBadDigestsAndBadReferencesAreTypedErrors() async throws {
        let registry = try await LocalRegistry.start()
        defer { registry.stop() }
        let work = try Fixtures.temporaryDirectory("errors")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let layout = try Fixtures.busyboxLayout()
        try await registry.push(layout: layout, as: "library/busybox:1")
        let manager = ImageManager(root: work + "/root", registry: RegistryConfiguration(attempts: 2, retryDelay: .milliseconds(10),
                                                                                          connectTimeout: .seconds(2)))

        await expectNotFound { try await manager.pull(reference: "\(registry.host)/library/nothing:1") }
        await expectNotFound { try await manager.pull(reference: "\(registry.host)/library/busybox:nope") }
        await expectNotFound { try await manager.pull(reference: "\(registry.host)/library/busybox@sha256:" + String(repeating: "0", count: 64)) }
        await #expect(throws: ImageReferenceError.uppercaseName("library/BusyBox")) {
            try await manager.pull(reference: "\(registry.host)/library/BusyBox:1")
        }

        // The registry serves a layer whose bytes no longer match its digest (same size, one byte flipped).
        let layer = try #require(try ImageStore(root: work).resolve(layout).layers.first)
        let data = registry.blobDataPath(layer.digest)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: data))
        bytes[bytes.count / 3] ^= 0x55
        try bytes.write(to: URL(fileURLWithPath: data))
        do {
            try await manager.pull(reference: "\(registry.host)/library/busybox:1")
            Issue.record("a corrupt layer was accepted")
        } catch let error as ContentError {
            guard case .digestMismatch(let expected, _, let source) = error else { Issue.record("\(error)"); return }
            #expect(expected == layer.digest)
            #expect(source.hasSuffix("/blobs/" + layer.digest), "\(source)")
        }
        #expect(!manager.content.contains(try Digest(parsing: layer.digest)), "the corrupt layer was not stored")
        #expect(manager.list().isEmpty, "nothing named after a failed pull")

        // Nothing listens: a transport error after the retries.
        let closed = try LocalRegistry.freePort()
        do {
            try await manager.pull(reference: "127.0.0.1:\(closed)/library/busybox:1")
            Issue.record("pulled from a closed port")
        } catch let error as RegistryError {
            guard case .transport = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func pullsOverTLSWithACABundle() async throws {
        let registry = try await LocalRegistry.start(tls: true)
        defer { registry.stop() }
        let work = try Fixtures.temporaryDirectory("tls")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let layout = try Fixtures.busyboxLayout()
        try await registry.push(layout: layout, as: "library/busybox:1")
        let reference = "\(registry.host)/library/busybox:1"

        let untrusting = ImageManager(root: work + "/untrusting", registry: RegistryConfiguration(attempts: 1, connectTimeout: .seconds(2)))
        do {
            try await untrusting.pull(reference: reference)
            Issue.record("pulled over TLS without trusting the registry's certificate")
        } catch let error as RegistryError {
            guard case .transport(let url, let reason) = error else { Issue.record("\(error)"); return }
            #expect(url.hasPrefix("https://"), "\(url)")
            #expect(reason.lowercased().contains("certificate"), "the TLS failure says why: \(reason)")
        }

        let trusting = ImageManager(root: work + "/trusting", registry: RegistryConfiguration(caBundlePath: registry.certificate))
        #expect(try await trusting.pull(reference: reference) == (try Fixtures.configDigest(of: layout)))
    }

    @Test func tokenAuthWithCredentials() async throws {
        let registry = try await LocalRegistry.start(auth: .token(user: "alice", password: "s3cret"))
        defer { registry.stop() }
        let work = try Fixtures.temporaryDirectory("token")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let layout = try Fixtures.busyboxLayout()
        try await registry.push(layout: layout, as: "library/busybox:1", credentials: "alice:s3cret")
        let reference = "\(registry.host)/library/busybox:1"
        let manager = ImageManager(root: work + "/root")

        for auth in [RegistryAuth.anonymous, RegistryAuth(username: "alice", password: "wrong")] {
            do {
                try await manager.pull(reference: reference, auth: auth)
                Issue.record("pulled with \(auth)")
            } catch let error as RegistryError {
                guard case .unauthorized = error else { Issue.record("\(error)"); return }
            }
        }
        let before = (try? String(contentsOfFile: registry.tokenLog, encoding: .utf8)) ?? ""
        #expect(try await manager.pull(reference: reference, auth: RegistryAuth(encodedAuth: Data("alice:s3cret".utf8).base64EncodedString()))
                == (try Fixtures.configDigest(of: layout)))
        let granted = (try String(contentsOfFile: registry.tokenLog, encoding: .utf8)).dropFirst(before.count)
            .split(separator: "\n").filter { $0.hasPrefix("granted") }
        #expect(granted == ["granted repository:library/busybox:pull"], "one token, reused for manifest and blobs: \(granted)")
    }

    @Test func multiPlatformIndexSelectsTheConfiguredPlatform() async throws {
        let registry = try await LocalRegistry.start()
        defer { registry.stop() }
        let work = try Fixtures.temporaryDirectory("index")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let layout = try Fixtures.busyboxLayout()
        let variant = try Fixtures.variantLayout(of: layout, in: work, cmd: ["echo", "arm64"])
        let multi = try Fixtures.multiPlatformLayout(amd64: layout, arm64: variant, in: work)
        try await registry.push(layout: multi, tag: "multi", as: "library/multi:1", all: true)
        let reference = "\(registry.host)/library/multi:1"

        let amd64 = ImageManager(root: work + "/amd64", registry: RegistryConfiguration(platform: OCIPlatform(architecture: "amd64", os: "linux")))
        #expect(try await amd64.pull(reference: reference, unpack: false) == (try Fixtures.configDigest(of: layout)))
        let arm64 = ImageManager(root: work + "/arm64", registry: RegistryConfiguration(platform: OCIPlatform(architecture: "arm64", os: "linux")))
        #expect(try await arm64.pull(reference: reference, unpack: false) == (try Fixtures.configDigest(of: variant)))
        let s390x = ImageManager(root: work + "/s390x", registry: RegistryConfiguration(platform: OCIPlatform(architecture: "s390x", os: "linux")))
        await #expect(throws: ManifestError.self) { try await s390x.pull(reference: reference, unpack: false) }
    }

    func expectNotFound(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async {
        do {
            try await body()
            Issue.record("no error", sourceLocation: sourceLocation)
        } catch let error as RegistryError {
            guard case .notFound = error else { Issue.record("\(error)", sourceLocation: sourceLocation); return }
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }
}
