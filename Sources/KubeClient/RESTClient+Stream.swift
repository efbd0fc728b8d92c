import AsyncHTTPClient
import Foundation
import KubeAPI
import NIOCore

extension RESTClient {
    /// A GET whose body is handed over as it arrives (`pods/log?follow=true`, `nodes/x/proxy/…`).
    /// A non-2xx status throws the server's Status as `APIError` before any chunk is delivered;
    /// cancelling the consuming task closes the connection.
    public func stream(_ path: String, query: [String: String] = [:], accept: String = "*/*") async throws -> AsyncThrowingStream<[UInt8], any Error> {
        let response = try await send(method: .GET, path: path, query: query, body: nil, contentType: nil, accept: accept, streaming: true)
        if let warningHandler {
            for text in WarningHeader.parse(response.headers["Warning"]) { warningHandler(text) }
        }
        guard response.status.code < 300 else {
            let body = try await response.body.collect(upTo: 4 << 20)
            throw APIError.from(statusCode: Int(response.status.code), body: Array(buffer: body))
        }
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await chunk in response.body { continuation.yield(Array(chunk.readableBytesView)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The headers a streaming (websocket) request to the apiserver needs for authentication,
    /// as every other request sends them.
    public var authorizationHeaders: [(String, String)] {
        var headers = [("User-Agent", config.userAgent)]
        if let token = config.bearerToken, !token.isEmpty {
            headers.append(("Authorization", "Bearer \(token)"))
        } else if let username = config.username, let password = config.password {
            headers.append(("Authorization", "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()))
        }
        return headers
    }
}
