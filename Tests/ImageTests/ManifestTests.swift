@testable import ContainerRuntime
import Foundation
import Testing

@Suite struct ManifestTests {
    static func hex(_ c: Character) -> String { "sha256:" + String(repeating: c, count: 64) }

    static let dockerList = """
    {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
     {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"\(hex("1"))","size":527,"platform":{"architecture":"arm","os":"linux","variant":"v7"}},
     {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"\(hex("2"))","size":527,"platform":{"architecture":"amd64","os":"linux"}},
     {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"\(hex("3"))","size":527,"platform":{"architecture":"amd64","os":"windows"}}]}
    """
    static let ociIndexWithAttestation = """
    {"schemaVersion":2,"manifests":[
     {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\(hex("4"))","size":1,"platform":{"architecture":"unknown","os":"unknown"}},
     {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\(hex("5"))","size":1,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
     {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\(hex("6"))","size":1,"platform":{"architecture":"amd64","os":"linux"}}]}
    """
    static let dockerManifest = """
    {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
     "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1469,"digest":"\(hex("c"))"},
     "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":2,"digest":"\(hex("a"))"},
               {"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":3,"digest":"\(hex("b"))"}]}
    """

    @Test func dockerManifestListSelectsLinuxAmd64() throws {
        guard case .index(let index) = try ManifestDocument.parse(Data(Self.dockerList.utf8), mediaType: MediaType.dockerManifestList, source: "t")
        else { Issue.record("not an index"); return }
        #expect(index.manifests.count == 3)
        let chosen = try ManifestDocument.select(OCIPlatform(architecture: "amd64", os: "linux"), from: index, source: "t")
        #expect(chosen.digest == Self.hex("2"))
        let arm = try ManifestDocument.select(OCIPlatform(architecture: "arm", os: "linux", variant: "v7"), from: index, source: "t")
        #expect(arm.digest == Self.hex("1"))
        #expect(throws: ManifestError.noMatchingPlatform(source: "t", wanted: "linux/s390x",
                                                         available: ["linux/arm/v7", "linux/amd64", "windows/amd64"])) {
            try ManifestDocument.select(OCIPlatform(architecture: "s390x", os: "linux"), from: index, source: "t")
        }
    }

    @Test func ociIndexWithoutMediaTypeSkipsAttestations() throws {
        // No Content-Type and no mediaType field: recognised by its shape.
        guard case .index(let index) = try ManifestDocument.parse(Data(Self.ociIndexWithAttestation.utf8), mediaType: nil, source: "t")
        else { Issue.record("not an index"); return }
        #expect(try ManifestDocument.select(OCIPlatform(architecture: "amd64", os: "linux"), from: index, source: "t").digest == Self.hex("6"))
        #expect(try ManifestDocument.select(OCIPlatform(architecture: "arm64", os: "linux"), from: index, source: "t").digest == Self.hex("5"))
    }

    @Test func dockerSchema2Manifest() throws {
        // The registry's Content-Type may carry parameters.
        guard case .manifest(let manifest) = try ManifestDocument.parse(Data(Self.dockerManifest.utf8),
                                                                        mediaType: MediaType.dockerManifest + "; charset=utf-8", source: "t")
        else { Issue.record("not a manifest"); return }
        #expect(manifest.config.digest == Self.hex("c"))
        #expect(manifest.layers.map(\.size) == [2, 3])
    }

    @Test func refusesSchema1UnknownTypesAndBadDigests() {
        let schema1 = #"{"schemaVersion":1,"name":"library/busybox","tag":"latest","fsLayers":[]}"#
        #expect(throws: ManifestError.self) { try ManifestDocument.parse(Data(schema1.utf8), mediaType: MediaType.dockerSchema1Signed, source: "t") }
        do {
            _ = try ManifestDocument.parse(Data(schema1.utf8), mediaType: nil, source: "t")
            Issue.record("schema 1 accepted")
        } catch {
            #expect("\(error)".contains("schema 1"), "\(error)")
        }
        #expect(throws: ManifestError.unsupportedMediaType("application/vnd.example+json", source: "t")) {
            try ManifestDocument.parse(Data(Self.dockerManifest.utf8), mediaType: "application/vnd.example+json", source: "t")
        }
        let badDigest = Self.dockerManifest.replacingOccurrences(of: Self.hex("a"), with: "sha256:xyz")
        #expect(throws: ManifestError.self) { try ManifestDocument.parse(Data(badDigest.utf8), mediaType: nil, source: "t") }
        #expect(throws: ManifestError.self) { try ManifestDocument.parse(Data("not json".utf8), mediaType: nil, source: "t") }
    }

    @Test func authChallenges() {
        let header = #"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull,push""#
        #expect(AuthChallenge.parse(header) == [AuthChallenge(scheme: "bearer", parameters: [
            "realm": "https://auth.docker.io/token", "service": "registry.docker.io", "scope": "repository:library/busybox:pull,push"])])
        #expect(AuthChallenge.parse(#"Basic realm="Registry Realm", Bearer realm="http://x/t",error="invalid_token""#) == [
            AuthChallenge(scheme: "basic", parameters: ["realm": "Registry Realm"]),
            AuthChallenge(scheme: "bearer", parameters: ["realm": "http://x/t", "error": "invalid_token"])])
        #expect(RegistryAuth(encodedAuth: "YWxpY2U6czNjcjN0OnBhcnQ=") == RegistryAuth(username: "alice", password: "s3cr3t:part"))
    }

    @Test func loopbackHostsAreRecognised() {
        #expect(RegistryClient.isLoopback("127.0.0.1:5000"))
        #expect(RegistryClient.isLoopback("localhost"))
        #expect(RegistryClient.isLoopback("[::1]:5000"))
        #expect(!RegistryClient.isLoopback("registry.k8s.io"))
        #expect(!RegistryClient.isLoopback("10.0.0.1:5000"))
    }
}
