import ContainerRuntime
import Foundation
import Testing

@Suite struct ImageStoreTests {
    /// A layout whose one layer blob does not match its digest.
    func corruptLayout() throws -> (root: String, layout: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("images-\(UUID())").path
        let layout = root + "/images/corrupt"
        let blobs = layout + "/blobs/sha256"
        try FileManager.default.createDirectory(atPath: blobs, withIntermediateDirectories: true)
        let layer = String(repeating: "a", count: 64)
        let config = String(repeating: "c", count: 64)
        let manifest = String(repeating: "m", count: 64)
        try "not the layer".write(toFile: blobs + "/" + layer, atomically: false, encoding: .utf8)
        try #"{"config":{"Cmd":["sh"],"User":"65534"}}"#.write(toFile: blobs + "/" + config, atomically: false, encoding: .utf8)
        try #"{"schemaVersion":2,"config":{"mediaType":"c","digest":"sha256:\#(config)","size":1},"layers":[{"mediaType":"l","digest":"sha256:\#(layer)","size":13}]}"#
            .write(toFile: blobs + "/" + manifest, atomically: false, encoding: .utf8)
        try #"{"schemaVersion":2,"manifests":[{"mediaType":"m","digest":"sha256:\#(manifest)","size":1,"annotations":{"org.opencontainers.image.ref.name":"v1"}}]}"#
            .write(toFile: layout + "/index.json", atomically: false, encoding: .utf8)
        return (root, layout)
    }

    @Test func referencesMapToLayouts() {
        let store = ImageStore(root: "/var/lib/kubeswift/runtime")
        #expect(store.layoutPath(for: "busybox:latest") == "/var/lib/kubeswift/runtime/images/busybox")
        #expect(store.layoutPath(for: "example.com/team/app:1.0") == "/var/lib/kubeswift/runtime/images/example.com/team/app")
        #expect(store.layoutPath(for: "localhost:5000/app") == "/var/lib/kubeswift/runtime/images/localhost:5000/app")
        #expect(store.layoutPath(for: "/opt/images/x") == "/opt/images/x")
    }

    @Test func resolvesConfigAndRefusesABlobThatDoesNotMatchItsDigest() throws {
        let (root, _) = try corruptLayout()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = ImageStore(root: root)
        let image = try store.resolve("corrupt:v1")
        #expect(image.config.config?.User == "65534")
        #expect(image.layers.count == 1)
        #expect(throws: ImageError.self) { try store.unpackedLayers(of: image) }
        do { _ = try store.unpackedLayers(of: image) } catch {
            #expect("\(error)".contains("has sha256:"), "\(error)")
        }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: store.layersDirectory))?.isEmpty ?? true, "nothing half-unpacked")
        #expect(throws: ImageError.notFound(reference: "missing", path: root + "/images/missing")) { try store.resolve("missing") }
    }
}
