import ContainerRuntime
import Testing

@Suite struct ImageReferenceTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    /// Inputs and their normalised forms, as `crictl pull` / containerd's ParseDockerRef give them.
    @Test(arguments: [
        ("busybox", "docker.io/library/busybox:latest"),
        ("busybox:1.36", "docker.io/library/busybox:1.36"),
        ("library/busybox", "docker.io/library/busybox:latest"),
        ("docker.io/busybox", "docker.io/library/busybox:latest"),
        ("index.docker.io/library/busybox:1", "docker.io/library/busybox:1"),
        ("user/app:1", "docker.io/user/app:1"),
        ("user/team/app", "docker.io/user/team/app:latest"),
        ("localhost/app", "localhost/app:latest"),
        ("localhost:5000/x", "localhost:5000/x:latest"),
        ("127.0.0.1:5000/library/busybox:1", "127.0.0.1:5000/library/busybox:1"),
        ("registry.k8s.io/pause:3.9", "registry.k8s.io/pause:3.9"),
        ("quay.io/a/b/c:v1.2.3-rc.1_x", "quay.io/a/b/c:v1.2.3-rc.1_x"),
        ("[::1]:5000/app", "[::1]:5000/app:latest"),
        ("Example.com/app", "Example.com/app:latest"),
        ("a__b-c---d/e", "docker.io/a__b-c---d/e:latest"),
        ("host:5000/a/b@" + digest, "host:5000/a/b@" + digest),
        ("busybox:1@" + digest, "docker.io/library/busybox@" + digest),
    ])
    func normalises(_ input: String, _ expected: String) throws {
        #expect(try ImageReference(parsing: input).string == expected)
    }

    @Test func partsOfAReference() throws {
        let reference = try ImageReference(parsing: "localhost:5000/team/app:2@" + Self.digest)
        #expect(reference.domain == "localhost:5000")
        #expect(reference.path == "team/app")
        #expect(reference.tag == "2")
        #expect(reference.digest?.string == Self.digest)
        #expect(reference.manifestReference == Self.digest, "a digest wins over the tag when pulling")
        #expect(reference.taggedString == "localhost:5000/team/app:2")
        #expect(try ImageReference(parsing: "busybox").manifestReference == "latest")
        #expect(try ImageReference(parsing: "busybox@" + Self.digest).taggedString == nil)
    }

    static let a64 = String(repeating: "a", count: 64)
    static let long = String(repeating: "t", count: 129)
    static let upperHex = "sha256:" + String(repeating: "A", count: 64)
    static let sha512 = "sha512:" + String(repeating: "a", count: 128)
    static let refused: [(String, ImageReferenceError)] = [
        ("", .empty),
        ("Busybox", .uppercaseName("library/Busybox")),
        ("user/App", .uppercaseName("user/App")),
        (a64, .identifierNotName(a64)),
        ("busybox:", .invalidTag("busybox:")),
        ("busybox:-x", .invalidTag("busybox:-x")),
        ("busybox:\(long)", .invalidTag("busybox:\(long)")),
        ("busybox@sha256:abc", .invalidDigest("sha256:abc")),
        ("busybox@\(upperHex)", .invalidDigest(upperHex)),
        ("busybox@\(sha512)", .unsupportedDigestAlgorithm(sha512)),
        ("-busybox", .invalidFormat("-busybox")),
        ("a//b", .invalidFormat("a//b")),
        ("a/b_", .invalidFormat("a/b_")),
        ("a/b___c", .invalidFormat("a/b___c")),
        ("host:port/app", .invalidFormat("host:port/app")),
        ("ho_st.com/app", .invalidFormat("ho_st.com/app")),
        ("app with space", .invalidFormat("app with space")),
    ]

    @Test(arguments: refused)
    func refuses(_ input: String, _ expected: ImageReferenceError) {
        #expect(throws: expected) { try ImageReference(parsing: input) }
    }

    @Test func nameLengthIsBounded() throws {
        let long = "x/" + String(repeating: "a", count: 254)
        #expect(throws: ImageReferenceError.nameTooLong(long)) { try ImageReference(parsing: long) }
        #expect(try ImageReference(parsing: "x/" + String(repeating: "a", count: 253)).path.count == 255)
    }

    @Test func digests() throws {
        #expect(try Digest(parsing: Self.digest).hex == String(repeating: "ab", count: 32))
        #expect(Digest.of(Array("hello".utf8)).string == "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        #expect(throws: ImageReferenceError.invalidDigest("sha256")) { try Digest(parsing: "sha256") }
    }
}
