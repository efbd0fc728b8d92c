import Foundation

/// Credentials for one pull, as the CRI's AuthConfig carries them: username/password (or the
/// base64 `auth` form), an identity token (an OAuth2 refresh token for the token endpoint) or a
/// registry token (a bearer token sent as is). All empty: anonymous.
public struct RegistryAuth: Sendable, Equatable {
    public var username: String?
    public var password: String?
    public var identityToken: String?
    public var registryToken: String?

    public static let anonymous = RegistryAuth()

    public init(username: String? = nil, password: String? = nil, identityToken: String? = nil, registryToken: String? = nil) {
        self.username = username.flatMap { $0.isEmpty ? nil : $0 }
        self.password = password
        self.identityToken = identityToken.flatMap { $0.isEmpty ? nil : $0 }
        self.registryToken = registryToken.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The `auth` field of a docker config / CRI AuthConfig: base64("user:password").
    public init(encodedAuth: String) {
        let decoded = Data(base64Encoded: encodedAuth).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let colon = decoded.firstIndex(of: ":")
        self.init(username: colon.map { String(decoded[..<$0]) }, password: colon.map { String(decoded[decoded.index(after: $0)...]) })
    }

    var basicAuthorization: String? {
        guard let username else { return nil }
        return "Basic " + Data("\(username):\(password ?? "")".utf8).base64EncodedString()
    }
}

/// One challenge from a `WWW-Authenticate` header (RFC 7235): scheme plus auth-params, e.g.
/// `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"`.
public struct AuthChallenge: Sendable, Equatable {
    public var scheme: String
    public var parameters: [String: String]

    public var realm: String? { parameters["realm"] }

    /// Every challenge in a header value; parameters may be quoted and contain commas.
    public static func parse(_ header: String) -> [AuthChallenge] {
        var challenges: [AuthChallenge] = []
        var scanner = Substring(header)
        func skipSpaces() { scanner = scanner.drop { $0 == " " || $0 == "\t" || $0 == "," } }
        func token() -> Substring {
            let t = scanner.prefix { !" \t,=\"".contains($0) }
            scanner = scanner.dropFirst(t.count)
            return t
        }
        skipSpaces()
        while !scanner.isEmpty {
            let scheme = token()
            guard !scheme.isEmpty else { break }
            var challenge = AuthChallenge(scheme: scheme.lowercased(), parameters: [:])
            while true {
                skipSpaces()
                // A parameter is `name=value`; a bare token followed by no `=` starts the next challenge.
                let save = scanner
                let name = token()
                guard !name.isEmpty, scanner.first == "=" else { scanner = save; break }
                scanner = scanner.dropFirst()
                var value = ""
                if scanner.first == "\"" {
                    scanner = scanner.dropFirst()
                    while let c = scanner.first, c != "\"" {
                        if c == "\\", scanner.count > 1 { scanner = scanner.dropFirst() }
                        value.append(scanner.first!)
                        scanner = scanner.dropFirst()
                    }
                    scanner = scanner.dropFirst()
                } else {
                    value = String(token())
                }
                challenge.parameters[name.lowercased()] = value
            }
            challenges.append(challenge)
            skipSpaces()
        }
        return challenges
    }
}
