import CRI
@testable import ContainerRuntime
import Foundation
import Glibc
import Testing

/// CRI PullImage's puller: a loopback registry (Debian's docker-registry, pushed to with
/// skopeo), the pulled image visible to the CRI's image view, and no network for an image
/// already present.
@Suite(.serialized, .enabled(if: LocalRegistry.available, "needs docker-registry and skopeo (Scripts/install-deps.sh)"),
       .enabled(if: getuid() == 0, "unpacking layers keeps file owners (tar --same-owner): run as root"))
struct CRIPullImageTests {
    @Test func pullsFromTheRegistryThenResolvesLocallyWithoutNetwork() async throws {
        let registry = try await LocalRegistry.start()
        defer { registry.stop() }
        let work = try Fixtures.temporaryDirectory("cri-pull")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let layout = try Fixtures.busyboxLayout()
        let busyboxID = try Fixtures.configDigest(of: layout)
        try await registry.push(layout: layout, as: "library/busybox:1")

        let configuration = RuntimeConfiguration(rootDirectory: work + "/root", runDirectory: work + "/run")
        let puller = RegistryImagePuller(configuration: configuration)
        let images = LocalImages(configuration: configuration)
        let reference = "\(registry.host)/library/busybox:1"
        #expect(images.find(reference) == nil, "nothing is present before the pull")

        let id = try await puller.pull(reference, credentials: nil)
        #expect(id == busyboxID)
        let entry = try #require(images.find(reference))
        #expect(entry.id == busyboxID && entry.stored)
        #expect(entry.tags == [reference])
        #expect(images.list().map(\.id) == [busyboxID])
        // What CreateContainer hands the container code resolves to the pulled image.
        #expect(try configuration.imageStore.resolve(entry.specReference).id == busyboxID)

        do {
            _ = try await puller.pull("\(registry.host)/library/absent:1", credentials: nil)
            Issue.record("pulling an absent image succeeded")
        } catch {
            guard case .notFound = error else { Issue.record("absent image: expected NotFound, got \(error)"); return }
        }

        registry.stop()
        #expect(try await puller.pull(reference, credentials: nil) == busyboxID, "present locally: no registry needed")
        #expect(try await puller.pull(busyboxID, credentials: nil) == busyboxID, "by image id")

        try images.remove(entry)
        #expect(images.find(reference) == nil, "RemoveImage of a pulled image removes it from the store")
    }

    @Test func authConfigBecomesRegistryCredentials() {
        #expect(RegistryImagePuller.auth(nil) == .anonymous)
        let encoded = Data("alice:s3cret".utf8).base64EncodedString()
        let fromAuth = RegistryImagePuller.auth(RegistryCredentials(auth: encoded))
        #expect(fromAuth.username == "alice" && fromAuth.password == "s3cret")
        let plain = RegistryImagePuller.auth(RegistryCredentials(username: "bob", password: "pw", auth: encoded))
        #expect(plain.username == "bob" && plain.password == "pw")
    }
}
