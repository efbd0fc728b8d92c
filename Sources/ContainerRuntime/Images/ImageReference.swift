/// Why an image reference was refused; the cases and messages follow distribution/reference.
public enum ImageReferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case invalidFormat(String)
    case uppercaseName(String)
    case nameTooLong(String)
    case invalidTag(String)
    case invalidDigest(String)
    case unsupportedDigestAlgorithm(String)
    /// A bare 64-hex string: an image ID, not a repository name.
    case identifierNotName(String)

    public var description: String {
        switch self {
        case .empty: "invalid reference: repository name must have at least one component"
        case .invalidFormat(let s): "invalid reference format: \(s)"
        case .uppercaseName(let s): "invalid reference format: repository name (\(s)) must be lowercase"
        case .nameTooLong(let s): "invalid reference \(s): repository name must not be more than \(ImageReference.nameLengthMax) characters"
        case .invalidTag(let s): "invalid reference: invalid tag format in \(s)"
        case .invalidDigest(let s): "invalid reference: invalid digest format \(s)"
        case .unsupportedDigestAlgorithm(let s): "invalid reference: unsupported digest algorithm in \(s)"
        case .identifierNotName(let s): "invalid repository name (\(s)), cannot specify 64-byte hexadecimal strings"
        }
    }
}

/// An image reference in the normalised form Kubernetes and containerd use:
/// `busybox` → `docker.io/library/busybox:latest`, `user/app:1` → `docker.io/user/app:1`,
/// `localhost:5000/x` keeps its registry. Grammar and domain rules as distribution/reference's
/// `ParseNormalizedNamed`; `string` as containerd's `ParseDockerRef` (a reference with both a
/// tag and a digest keeps only the digest, which is what is pulled).
public struct ImageReference: Hashable, Sendable, CustomStringConvertible {
    public static let defaultDomain = "docker.io"
    public static let nameLengthMax = 255

    /// Registry host with optional port: `docker.io`, `localhost:5000`, `[::1]:5000`.
    public let domain: String
    /// Repository path inside the registry: `library/busybox`.
    public let path: String
    /// The tag as written (nil when only a digest was given).
    public let tag: String?
    public let digest: Digest?

    /// `docker.io/library/busybox`.
    public var name: String { domain + "/" + path }
    /// The canonical string: `name@digest` when a digest is known, else `name:tag` (tag defaulting to latest).
    public var string: String {
        if let digest { return name + "@" + digest.string }
        return name + ":" + (tag ?? "latest")
    }
    public var description: String { string }
    /// What the registry is asked for under `/v2/<path>/manifests/<this>`.
    public var manifestReference: String { digest?.string ?? tag ?? "latest" }
    /// The same repository at a digest (a repoDigest).
    public func withDigest(_ digest: Digest) -> ImageReference { ImageReference(domain: domain, path: path, tag: nil, digest: digest) }
    /// The tagged form, or nil for a digest-only reference.
    public var taggedString: String? { digest != nil && tag == nil ? nil : name + ":" + (tag ?? "latest") }

    init(domain: String, path: String, tag: String?, digest: Digest?) {
        (self.domain, self.path, self.tag, self.digest) = (domain, path, tag, digest)
    }

    public init(parsing text: String) throws(ImageReferenceError) {
        guard !text.isEmpty else { throw .empty }
        if text.count == 64, text.allSatisfy({ $0.isNumber || ("a"..."f").contains($0) }) { throw .identifierNotName(text) }

        var rest = Substring(text)
        var digest: Digest?
        if let at = rest.firstIndex(of: "@") {
            let digestText = String(rest[rest.index(after: at)...])
            do { digest = try Digest(parsing: digestText) } catch {
                if case .unsupportedDigestAlgorithm = error { throw error }
                throw .invalidDigest(digestText)
            }
            rest = rest[..<at]
        }
        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            let tagText = String(rest[rest.index(after: colon)...])
            guard Self.isValidTag(tagText) else { throw .invalidTag(text) }
            tag = tagText
            rest = rest[..<colon]
        }
        guard !rest.isEmpty else { throw .invalidFormat(text) }

        let (domain, path) = Self.splitDomain(String(rest))
        if path.lowercased() != path { throw .uppercaseName(path) }
        guard Self.isValidDomain(domain), Self.isValidPath(path) else { throw .invalidFormat(text) }
        guard path.count <= Self.nameLengthMax else { throw .nameTooLong(text) }
        self.init(domain: domain, path: path, tag: tag, digest: digest)
    }

    /// distribution/reference's splitDockerDomain: the first component is a registry when it is
    /// `localhost`, contains `.` or `:`, or has uppercase letters; `index.docker.io` is Docker Hub;
    /// single-component Docker Hub names live under `library/`.
    static func splitDomain(_ name: String) -> (domain: String, path: String) {
        guard let slash = name.firstIndex(of: "/") else { return (defaultDomain, "library/" + name) }
        let first = String(name[..<slash])
        let remainder = String(name[name.index(after: slash)...])
        var domain = defaultDomain
        var path = name
        if first == "localhost" || first.contains(".") || first.contains(":") || first.lowercased() != first {
            (domain, path) = (first, remainder)
        }
        if domain == "index.docker.io" { domain = defaultDomain }
        if domain == defaultDomain, !path.contains("/") { path = "library/" + path }
        return (domain, path)
    }

    /// `[\w][\w.-]{0,127}`
    static func isValidTag(_ tag: String) -> Bool {
        guard let first = tag.first, tag.count <= 128, isWord(first) else { return false }
        return tag.allSatisfy { isWord($0) || $0 == "." || $0 == "-" }
    }

    /// path-component (`/` path-component)*, each `[a-z0-9]+` joined by `.`, `_`, `__` or `-`+.
    static func isValidPath(_ path: String) -> Bool {
        path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { component in
            guard let first = component.first, let last = component.last, isLowerAlnum(first), isLowerAlnum(last) else { return false }
            var separator = ""
            for character in component {
                if isLowerAlnum(character) {
                    guard separator.isEmpty || separator == "." || separator == "_" || separator == "__"
                            || separator.allSatisfy({ $0 == "-" }) else { return false }
                    separator = ""
                } else if character == "." || character == "_" || character == "-" {
                    separator.append(character)
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// host[:port]: DNS-ish components, IPv4, or a bracketed IPv6 address.
    static func isValidDomain(_ domain: String) -> Bool {
        var host = Substring(domain)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let address = host[host.index(after: host.startIndex)..<close]
            guard !address.isEmpty, address.allSatisfy({ $0.isHexDigit || $0 == ":" }) else { return false }
            host = host[host.index(after: close)...]
            if host.isEmpty { return true }
            guard host.first == ":" else { return false }
            let port = host.dropFirst()
            return !port.isEmpty && port.allSatisfy(\.isNumber)
        }
        if let colon = host.firstIndex(of: ":") {
            let port = host[host.index(after: colon)...]
            guard !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            host = host[..<colon]
        }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { component in
            guard let first = component.first, let last = component.last, isAlnum(first), isAlnum(last) else { return false }
            return component.allSatisfy { isAlnum($0) || $0 == "-" }
        }
    }

    static func isWord(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
    static func isAlnum(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
    static func isLowerAlnum(_ c: Character) -> Bool { c.isASCII && (c.isLowercase || c.isNumber) }
}
