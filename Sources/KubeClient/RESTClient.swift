import AsyncHTTPClient
import Foundation
import KubeAPI
import NIOCore
import NIOHTTP1
import NIOSSL

/// The REST core every other client piece is built on: one apiserver, JSON bodies as `JSONValue`,
/// Status errors as `APIError`, watches as an async stream of events.
public struct RESTClient: Sendable {
    public let config: ClientConfig
    let http: HTTPClient
    let tls: TLSConfiguration?

    public init(config: ClientConfig) throws {
        self.config = config
        self.http = Self.sharedHTTP
        if config.server.hasPrefix("https://") {
            var tls = TLSConfiguration.makeClientConfiguration()
            if config.insecureSkipTLSVerify {
                tls.certificateVerification = .none
            }
            do {
                if let ca = config.caData {
                    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(ca))
                }
                if let cert = config.clientCertificateData, let key = config.clientKeyData {
                    tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(cert).map { .certificate($0) }
                    tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
                }
            } catch {
                throw ClientConfigError(message: "unable to load TLS material for \(config.server): \(error)")
            }
            self.tls = tls
        } else {
            self.tls = nil
        }
    }

    /// One process-wide HTTP client. Every watch holds an HTTP/1.1 connection for its lifetime, so
    /// `HTTPClient.shared`'s limit of 8 connections per host starves a controller-manager (a dozen
    /// informers) of connections for plain requests; like client-go, allow many.
    static let sharedHTTP: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 512
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public enum PatchType: String, Sendable {
        case json = "application/json-patch+json"
        case merge = "application/merge-patch+json"
        case strategic = "application/strategic-merge-patch+json"
        case apply = "application/apply-patch+yaml"
    }

    // MARK: Verbs

    public func get(_ path: ResourcePath, query: [String: String] = [:], accept: String? = nil) async throws -> JSONValue {
        try await json(method: .GET, path: path.urlPath, query: query, accept: accept)
    }

    public func list(_ path: ResourcePath, query: [String: String] = [:], accept: String? = nil) async throws -> JSONValue {
        try await json(method: .GET, path: path.named(nil).urlPath, query: query, accept: accept)
    }

    public func create(_ path: ResourcePath, body: JSONValue, query: [String: String] = [:]) async throws -> JSONValue {
        try await json(method: .POST, path: path.named(nil).urlPath, query: query, body: body.serializedBytes())
    }

    public func update(_ path: ResourcePath, body: JSONValue, query: [String: String] = [:]) async throws -> JSONValue {
        try await json(method: .PUT, path: path.urlPath, query: query, body: body.serializedBytes())
    }

    public func patch(_ path: ResourcePath, type: PatchType, body: [UInt8], query: [String: String] = [:]) async throws -> JSONValue {
        try await json(method: .PATCH, path: path.urlPath, query: query, body: body, contentType: type.rawValue)
    }

    public func patch(_ path: ResourcePath, type: PatchType, body: JSONValue, query: [String: String] = [:]) async throws -> JSONValue {
        try await patch(path, type: type, body: body.serializedBytes(), query: query)
    }

    /// Deletes one object; the response is the object (graceful deletion) or a Status.
    public func delete(_ path: ResourcePath, options: JSONValue? = nil, query: [String: String] = [:]) async throws -> JSONValue {
        try await json(method: .DELETE, path: path.urlPath, query: query, body: options?.serializedBytes())
    }

    public func deleteCollection(_ path: ResourcePath, options: JSONValue? = nil, query: [String: String] = [:]) async throws -> JSONValue {
        try await json(method: .DELETE, path: path.named(nil).urlPath, query: query, body: options?.serializedBytes())
    }

    /// A watch: `?watch=true` plus the caller's query (resourceVersion, labelSelector, …), decoded line by line.
    /// The stream ends when the server closes the connection; cancelling the consuming task closes it.
    public func watch(_ path: ResourcePath, query: [String: String] = [:]) -> AsyncThrowingStream<WatchEvent, any Error> {
        var watchQuery = query
        watchQuery["watch"] = "true"
        let query = watchQuery
        let url = path.urlPath
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let response = try await send(method: .GET, path: url, query: query, body: nil, contentType: nil, accept: "application/json", streaming: true)
                    guard response.status.code < 300 else {
                        let body = try await response.body.collect(upTo: 4 << 20)
                        throw APIError.from(statusCode: Int(response.status.code), body: Array(buffer: body))
                    }
                    var splitter = NewlineDelimitedSplitter()
                    for try await chunk in response.body {
                        for line in splitter.feed(chunk.readableBytesView) {
                            continuation.yield(try WatchEvent(json: try JSONValue.parse(line)))
                        }
                    }
                    if let last = splitter.finish() { continuation.yield(try WatchEvent(json: try JSONValue.parse(last))) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    // MARK: Raw access (discovery, /version, /openapi)

    /// GET of any server path, returning the body when the status is 2xx.
    public func getRaw(_ path: String, query: [String: String] = [:], accept: String = "application/json") async throws -> [UInt8] {
        let (status, body) = try await raw(method: .GET, path: path, query: query, body: nil, contentType: nil, accept: accept)
        guard status < 300 else { throw APIError.from(statusCode: status, body: body) }
        return body
    }

    public func json(
        method: HTTPMethod, path: String, query: [String: String] = [:], body: [UInt8]? = nil,
        contentType: String = "application/json", accept: String? = nil
    ) async throws -> JSONValue {
        let (status, bytes) = try await raw(
            method: method, path: path, query: query, body: body, contentType: body == nil ? nil : contentType, accept: accept ?? "application/json")
        guard status < 300 else { throw APIError.from(statusCode: status, body: bytes) }
        if bytes.isEmpty { return .null }
        return try JSONValue.parse(bytes)
    }

    public func raw(
        method: HTTPMethod, path: String, query: [String: String], body: [UInt8]?, contentType: String?, accept: String
    ) async throws -> (status: Int, body: [UInt8]) {
        let response = try await send(method: method, path: path, query: query, body: body, contentType: contentType, accept: accept, streaming: false)
        let buffer = try await response.body.collect(upTo: 256 << 20)
        return (Int(response.status.code), Array(buffer: buffer))
    }

    func send(
        method: HTTPMethod, path: String, query: [String: String], body: [UInt8]?, contentType: String?, accept: String, streaming: Bool
    ) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: config.server + path + ResourcePath.encodeQuery(query))
        request.method = method
        request.tlsConfiguration = tls
        request.headers.add(name: "Accept", value: accept)
        request.headers.add(name: "User-Agent", value: config.userAgent)
        if let token = config.bearerToken, !token.isEmpty {
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        } else if let username = config.username, let password = config.password {
            let credentials = Data("\(username):\(password)".utf8).base64EncodedString()
            request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType ?? "application/json")
            request.body = .bytes(body)
        }
        let deadline: NIODeadline
        if !streaming, let timeout = config.timeout {
            let (seconds, attoseconds) = timeout.components
            deadline = .now() + .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        } else {
            deadline = .distantFuture
        }
        do {
            return try await http.execute(request, deadline: deadline)
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw ConnectionError(server: config.server, underlying: "context deadline exceeded (Client.Timeout exceeded while awaiting headers)", refused: false)
        } catch let error as HTTPClientError {
            throw ConnectionError(server: config.server, underlying: "\(error)", refused: false)
        } catch {
            let text = "\(error)"
            let refused = text.contains("connection refused") || text.contains("Connection refused") || text.contains("ECONNREFUSED")
            throw ConnectionError(server: config.server, underlying: text, refused: refused)
        }
    }
}
