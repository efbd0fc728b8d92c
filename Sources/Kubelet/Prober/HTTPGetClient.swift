import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// What an httpGet produced: the last response (after same-host redirects), or Go-style error text
/// (`Get "http://10.244.0.5:8080/healthz": dial tcp 10.244.0.5:8080: connect: connection refused`).
enum HTTPGetResponse: Sendable, Equatable {
    case response(status: Int, body: String)
    case error(String)
}

/// The kubelet's HTTP client for probes and hooks, shaped as upstream's: no TLS verification, no
/// keep-alive, redirects followed only to the same host name (at most 10), the body read up to 10 KiB.
enum HTTPGetClient {
    static let maxBodyBytes = 10 * 1024
    static let maxRedirects = 10

    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(certificateVerification: .none, redirectConfiguration: .disallow)
        // A refused connection fails the probe now, as Go's dialer does, instead of retrying until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    static func get(_ request: HTTPGetRequest, timeout: Duration) async -> HTTPGetResponse {
        let deadline = NIODeadline.now() + .nanoseconds(timeout.nanosecondsClamped)
        var url = request.url
        var redirects = 0
        while true {
            var outgoing = HTTPClientRequest(url: url)
            outgoing.method = .GET
            for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
            outgoing.headers.replaceOrAdd(name: "Connection", value: "close")
            let response: HTTPClientResponse
            do {
                response = try await client.execute(outgoing, deadline: deadline)
            } catch {
                return .error("Get \"\(url)\": \(errorText(error, url: url))")
            }
            let status = Int(response.status.code)
            if Self.isRedirect(status), let location = response.headers.first(name: "Location"),
               let target = URL(string: location, relativeTo: URL(string: url))?.absoluteURL {
                // Go's client with upstream's redirect checker: another host ends the chain and the
                // redirect itself is the answer (a warning); the same host is followed up to 10 times.
                if target.host == request.host || target.host == "[\(request.host)]" {
                    guard redirects < maxRedirects else {
                        return .error("Get \"\(target.absoluteString)\": stopped after \(maxRedirects) redirects")
                    }
                    redirects += 1
                    _ = await readBody(response.body)
                    url = target.absoluteString
                    continue
                }
            }
            return .response(status: status, body: await readBody(response.body))
        }
    }

    private static func isRedirect(_ status: Int) -> Bool {
        [301, 302, 303, 307, 308].contains(status)
    }

    /// At most maxBodyBytes; a longer body is cut, as upstream's ReadAtMost (not an error).
    private static func readBody(_ body: HTTPClientResponse.Body) async -> String {
        var bytes: [UInt8] = []
        do {
            for try await var chunk in body {
                let wanted = min(chunk.readableBytes, maxBodyBytes - bytes.count)
                bytes += chunk.readBytes(length: wanted) ?? []
                if bytes.count >= maxBodyBytes { break }
            }
        } catch {
            // A body cut short still counts: the status decides.
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func errorText(_ error: any Error, url: String) -> String {
        let components = URLComponents(string: url)
        let port = components?.port ?? (components?.scheme == "https" ? 443 : 80)
        let address = HostPort.join(host: components?.host ?? "", port: port)
        if let error = error as? HTTPClientError, error != .connectTimeout {
            return DialErrorText.reason(error)
        }
        return DialErrorText.describe(error, address: address)
    }
}
