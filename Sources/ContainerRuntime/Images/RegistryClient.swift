import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// How the client reaches registries.
public struct RegistryConfiguration: Sendable {
    /// PEM file of extra CA certificates trusted for HTTPS registries (besides the system roots).
    public var caBundlePath: String?
    /// Registries (`host` or `host:port`) spoken to over plain HTTP only.
    public var insecureRegistries: Set<String>
    /// Attempts per request when the network or the server fails transiently (5xx, 429).
    public var attempts: Int
    public var retryDelay: Duration
    /// Which image of a multi-platform index to pull.
    public var platform: OCIPlatform
    public var connectTimeout: Duration
    /// Longest silence while reading a response before the attempt fails.
    public var readTimeout: Duration

    public init(caBundlePath: String? = nil, insecureRegistries: Set<String> = [], attempts: Int = 3,
                retryDelay: Duration = .milliseconds(250), platform: OCIPlatform = .host,
                connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(60)) {
        self.caBundlePath = caBundlePath
        self.insecureRegistries = insecureRegistries
        self.attempts = max(1, attempts)
        self.retryDelay = retryDelay
        self.platform = platform
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
    }
}

/// A client of the OCI distribution API (`/v2/<name>/manifests/<ref>`, `/v2/<name>/blobs/<digest>`),
/// with the registries' token flow: a 401 carrying `WWW-Authenticate: Bearer realm=…,service=…,scope=…`
/// sends the client to the realm for a token (anonymously or with the pull's credentials), then the
/// request is repeated with `Authorization: Bearer <token>`; `Basic` challenges get the credentials.
///
/// HTTPS by default; plain HTTP for `insecureRegistries`; loopback registries (`localhost`,
/// `127.0.0.0/8`, `[::1]`) use plain HTTP when it answers there, else HTTPS (containerd also lets
/// loopback registries speak HTTP). One client per pull: `RegistryClient.with(configuration) { … }`.
public actor RegistryClient {
    public let configuration: RegistryConfiguration
    let http: HTTPClient
    var baseURLs: [String: String] = [:]
    /// `Authorization` values by `domain/path`, learnt from challenges.
    var authorizations: [String: String] = [:]

    public static func with<T: Sendable>(_ configuration: RegistryConfiguration,
                                         _ body: (RegistryClient) async throws -> T) async throws -> T {
        let client = try RegistryClient(configuration: configuration)
        do {
            let result = try await body(client)
            try? await client.http.shutdown()
            return result
        } catch {
            try? await client.http.shutdown()
            throw error
        }
    }

    init(configuration: RegistryConfiguration) throws(RegistryError) {
        self.configuration = configuration
        var tls = TLSConfiguration.makeClientConfiguration()
        if let bundle = configuration.caBundlePath {
            do {
                tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(bundle))]
            } catch {
                throw .transport(url: bundle, reason: "CA bundle: \(error)")
            }
        }
        let timeout = HTTPClient.Configuration.Timeout(connect: .nanoseconds(Int64(configuration.connectTimeout.nanoseconds)),
                                                       read: .nanoseconds(Int64(configuration.readTimeout.nanoseconds)))
        // Redirects are followed by hand, so credentials never travel to another host (blob storage).
        var client = HTTPClient.Configuration()
        client.tlsConfiguration = tls
        client.redirectConfiguration = .disallow
        client.timeout = timeout
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: client)
    }

    // MARK: Manifests

    public struct FetchedManifest: Sendable {
        public var digest: Digest
        public var mediaType: String?
        public var data: Data
        public var document: ManifestDocument
    }

    /// GETs the manifest `reference` names (tag or digest), verified against the digest asked for
    /// (or, for a tag, against the registry's `Docker-Content-Digest`, if sent).
    public func fetchManifest(_ reference: ImageReference, auth: RegistryAuth) async throws -> FetchedManifest {
        try await fetchManifest(reference, at: reference.manifestReference, expected: reference.digest, auth: auth)
    }

    public func fetchManifest(_ repository: ImageReference, digest: Digest, auth: RegistryAuth) async throws -> FetchedManifest {
        try await fetchManifest(repository, at: digest.string, expected: digest, auth: auth)
    }

    func fetchManifest(_ repository: ImageReference, at reference: String, expected: Digest?, auth: RegistryAuth) async throws -> FetchedManifest {
        let url = try await baseURL(for: repository.domain) + "/v2/\(repository.path)/manifests/\(reference)"
        return try await retrying(url) { () async throws -> FetchedManifest in
            let response = try await get(url, accept: MediaType.acceptedManifests, repository: repository, auth: auth,
                                         timeout: .seconds(120))
            let body: ByteBuffer
            do { body = try await response.body.collect(upTo: 8 << 20) } catch {
                throw RegistryError.transport(url: url, reason: "reading manifest: \(error)")
            }
            let data = Data(body.readableBytesView)
            let actual = Digest.of(data)
            if let expected, expected != actual {
                throw ContentError.digestMismatch(expected: expected.string, actual: actual.string, source: url)
            }
            if let header = response.headers.first(name: "Docker-Content-Digest"), let announced = try? Digest(parsing: header),
               announced != actual {
                throw ContentError.digestMismatch(expected: announced.string, actual: actual.string, source: url)
            }
            let mediaType = response.headers.first(name: "Content-Type")
            let document = try ManifestDocument.parse(data, mediaType: mediaType, source: url)
            return FetchedManifest(digest: actual, mediaType: mediaType, data: data, document: document)
        }
    }

    // MARK: Blobs

    /// Streams the blob into `store`, hashing on the way; a blob already there is not fetched.
    /// Returns whether it was downloaded.
    @discardableResult
    public func fetchBlob(_ repository: ImageReference, descriptor: OCIDescriptor, into store: ContentStore,
                          auth: RegistryAuth) async throws -> Bool {
        let digest = try Digest(parsing: descriptor.digest)
        if store.contains(digest) { return false }
        let url = try await baseURL(for: repository.domain) + "/v2/\(repository.path)/blobs/\(digest.string)"
        try await retrying(url) { () async throws -> Void in
            let response = try await get(url, accept: ["*/*"], repository: repository, auth: auth, timeout: .hours(1))
            let writer = try BlobWriter(store: store)
            do {
                for try await buffer in response.body {
                    try buffer.withUnsafeReadableBytes { raw in try writer.append(raw) }
                    if writer.written > descriptor.size { break }
                }
            } catch let error as ContentError {
                writer.abort()
                throw error
            } catch {
                writer.abort()
                throw RegistryError.transport(url: url, reason: "reading blob: \(error)")
            }
            _ = try writer.commit(expected: digest, expectedSize: descriptor.size, source: url)
        }
        return true
    }

    // MARK: Requests

    func retrying<T: Sendable>(_ url: String, _ attempt: () async throws -> T) async throws -> T {
        var delay = configuration.retryDelay
        for remaining in stride(from: configuration.attempts - 1, through: 0, by: -1) {
            do {
                return try await attempt()
            } catch let error as RegistryError where error.isTransient && remaining > 0 {
                try await Task.sleep(for: delay)
                delay *= 2
            }
        }
        preconditionFailure("unreachable: the last attempt returns or throws")
    }

    /// One GET answered 200: authorization negotiated, redirects followed. The body is left to the caller.
    /// `timeout`: for the whole exchange, body included.
    func get(_ initialURL: String, accept: [String], repository: ImageReference, auth: RegistryAuth,
             timeout: TimeAmount) async throws -> HTTPClientResponse {
        let scopeKey = repository.domain + "/" + repository.path
        let originHost = URL(string: initialURL)?.host
        var url = initialURL
        var redirects = 0
        var answeredChallenge = false
        while true {
            var request = HTTPClientRequest(url: url)
            request.method = .GET
            request.headers.add(name: "Accept", value: accept.joined(separator: ", "))
            request.headers.add(name: "User-Agent", value: "kubeswift")
            if URL(string: url)?.host == originHost, let authorization = authorizations[scopeKey] {
                request.headers.add(name: "Authorization", value: authorization)
            }
            let response: HTTPClientResponse
            do {
                response = try await http.execute(request, timeout: timeout)
            } catch {
                throw RegistryError.transport(url: url, reason: "\(error)")
            }
            switch response.status.code {
            case 200:
                return response
            case 301, 302, 303, 307, 308:
                let location = response.headers.first(name: "Location")
                _ = try? await response.body.collect(upTo: 1 << 16)
                guard let location, let next = URL(string: location, relativeTo: URL(string: url))?.absoluteString, redirects < 5 else {
                    throw RegistryError.invalidResponse(url: url, reason: "redirect without a usable Location (\(location ?? "none"))")
                }
                url = next
                redirects += 1
            case 401 where !answeredChallenge:
                let challenges = response.headers["WWW-Authenticate"].flatMap(AuthChallenge.parse)
                _ = try? await response.body.collect(upTo: 1 << 16)
                authorizations[scopeKey] = try await authorization(for: challenges, repository: repository, auth: auth, url: url)
                answeredChallenge = true
            default:
                let body = (try? await response.body.collect(upTo: 1 << 16)).map { String(buffer: $0) } ?? ""
                throw Self.error(status: Int(response.status.code), url: url, body: body, authenticated: answeredChallenge)
            }
        }
    }

    static func error(status: Int, url: String, body: String, authenticated: Bool) -> RegistryError {
        struct Errors: Decodable { struct Entry: Decodable { var code: String?; var message: String? }; var errors: [Entry]? }
        let entry = (try? JSONDecoder().decode(Errors.self, from: Data(body.utf8)))?.errors?.first
        switch status {
        case 404: return .notFound(url: url, code: entry?.code)
        case 401, 403:
            return .unauthorized(url: url, reason: [entry?.code, entry?.message].compactMap { $0 }.joined(separator: ": ")
                .nonEmpty ?? (authenticated ? "credentials refused" : "access denied"))
        default: return .unexpectedStatus(url: url, status: status, body: String(body.prefix(512)))
        }
    }

    /// The `Authorization` value answering the registry's challenge.
    func authorization(for challenges: [AuthChallenge], repository: ImageReference, auth: RegistryAuth, url: String) async throws -> String {
        if let bearer = challenges.first(where: { $0.scheme == "bearer" }) {
            if let token = auth.registryToken { return "Bearer " + token }
            guard let realm = bearer.realm else {
                throw RegistryError.invalidResponse(url: url, reason: "Bearer challenge without a realm")
            }
            let scope = bearer.parameters["scope"] ?? "repository:\(repository.path):pull"
            return "Bearer " + (try await fetchToken(realm: realm, service: bearer.parameters["service"], scope: scope, auth: auth))
        }
        if challenges.contains(where: { $0.scheme == "basic" }) {
            guard let basic = auth.basicAuthorization else {
                throw RegistryError.unauthorized(url: url, reason: "registry wants basic credentials and none were given")
            }
            return basic
        }
        throw RegistryError.unauthorized(url: url, reason: "401 without a Bearer or Basic challenge")
    }

    /// The distribution token flow: GET `realm?service=…&scope=…` (Basic credentials if any), or,
    /// with an identity token, the OAuth2 refresh-token POST; the answer's `token` or `access_token`.
    func fetchToken(realm: String, service: String?, scope: String, auth: RegistryAuth) async throws -> String {
        guard var components = URLComponents(string: realm), components.scheme == "https" || components.scheme == "http" else {
            throw RegistryError.tokenRequestFailed(realm: realm, reason: "realm is not an http(s) URL")
        }
        var request: HTTPClientRequest
        if let identityToken = auth.identityToken {
            request = HTTPClientRequest(url: realm)
            request.method = .POST
            var form = URLComponents()
            form.queryItems = [.init(name: "grant_type", value: "refresh_token"), .init(name: "refresh_token", value: identityToken),
                               .init(name: "client_id", value: "kubeswift"), .init(name: "scope", value: scope)]
                + (service.map { [.init(name: "service", value: $0)] } ?? [])
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form.percentEncodedQuery ?? ""))
        } else {
            components.queryItems = (components.queryItems ?? []) + (service.map { [.init(name: "service", value: $0)] } ?? [])
                + [.init(name: "scope", value: scope)]
            request = HTTPClientRequest(url: components.string ?? realm)
            if let basic = auth.basicAuthorization { request.headers.add(name: "Authorization", value: basic) }
        }
        request.headers.add(name: "User-Agent", value: "kubeswift")
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await http.execute(request, timeout: .seconds(60))
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw RegistryError.tokenRequestFailed(realm: realm, reason: "\(error)")
        }
        guard response.status == .ok else {
            if response.status == .unauthorized || response.status == .forbidden {
                throw RegistryError.unauthorized(url: realm, reason: "token endpoint refused the credentials (HTTP \(response.status.code))")
            }
            throw RegistryError.tokenRequestFailed(realm: realm, reason: "HTTP \(response.status.code) \(String(buffer: body).prefix(256))")
        }
        struct TokenResponse: Decodable { var token: String?; var access_token: String? }
        guard let decoded = try? JSONDecoder().decode(TokenResponse.self, from: Data(body.readableBytesView)),
              let token = decoded.token ?? decoded.access_token, !token.isEmpty else {
            throw RegistryError.tokenRequestFailed(realm: realm, reason: "no token in the answer")
        }
        return token
    }

    // MARK: Endpoints

    /// `scheme://host[:port]` for a reference's domain, deciding HTTP vs HTTPS once per domain.
    func baseURL(for domain: String) async throws -> String {
        if let known = baseURLs[domain] { return known }
        let host = domain == ImageReference.defaultDomain ? "registry-1.docker.io" : domain
        let chosen: String
        if configuration.insecureRegistries.contains(domain) {
            chosen = "http://" + host
        } else if Self.isLoopback(host) {
            chosen = try await probe(host)
        } else {
            chosen = "https://" + host
        }
        baseURLs[domain] = chosen
        return chosen
    }

    /// Plain HTTP when `/v2/` answers there (a TLS server answers plain HTTP with 400), else
    /// HTTPS. HTTP is asked first because a failed TLS attempt costs the whole connect timeout
    /// (the pool retries connecting), while an HTTP request to a TLS port is refused at once.
    func probe(_ host: String) async throws -> String {
        let plain = "http://" + host
        if (try? await ping(plain)) != nil { return plain }
        return "https://" + host
    }

    func ping(_ base: String) async throws -> Int {
        var request = HTTPClientRequest(url: base + "/v2/")
        request.headers.add(name: "User-Agent", value: "kubeswift")
        do {
            let response = try await http.execute(request, timeout: .seconds(30))
            _ = try? await response.body.collect(upTo: 1 << 16)
            // Any HTTP answer proves the scheme; a TLS server spoken to in plain HTTP answers 400.
            guard response.status == .ok || response.status == .unauthorized else {
                throw RegistryError.unexpectedStatus(url: base + "/v2/", status: Int(response.status.code), body: "")
            }
            return Int(response.status.code)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError.transport(url: base + "/v2/", reason: "\(error)")
        }
    }

    static func isLoopback(_ hostAndPort: String) -> Bool {
        var host = hostAndPort
        if host.hasPrefix("[") { host = String(host.dropFirst().prefix { $0 != "]" }) } else if let colon = host.firstIndex(of: ":") {
            host = String(host[..<colon])
        }
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
