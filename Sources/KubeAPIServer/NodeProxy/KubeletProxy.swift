import AsyncHTTPClient
import Foundation
import KubeAPI
import NIOCore
import NIOHTTP1

/// The apiserver's requests to kubelets: `pods/log` (upstream's LogREST + LocationStreamer) and
/// `nodes/{name}/proxy/…`, answered by streaming the kubelet's body through.
extension APIServerCore {
    static let kubeletClient = HTTPClient.shared

    /// `GET …/pods/{name}/log`.
    func podLog(_ request: APIRequest, namespace: String, name: String) async throws(APIError) -> APIResponse {
        let pod = try await pod(namespace: namespace, name: name)
        let options = try PodLogQuery(request.query)
        let container = try Self.validateContainer(options.container, pod: pod, podName: name)
        // Upstream returns an empty log for a pod not yet scheduled.
        guard let nodeName = pod[path: ["spec", "nodeName"]]?.stringValue, !nodeName.isEmpty else {
            return APIResponse(status: 200, contentType: "text/plain", body: .bytes([]))
        }
        let location = try await kubeletLocation(nodeName: nodeName)
        let url = location.baseURL + "/containerLogs/\(namespace)/\(name)/\(container)"
            + (options.kubeletParameters.isEmpty ? "" : "?" + KubeletLocation.encodeQuery(options.kubeletParameters))
        return try await stream(url: url, method: .GET, body: nil, headers: [:], resource: "pods/log", name: name, passStatus: false)
    }

    /// `…/nodes/{name}/proxy/{path}`: any method, the kubelet's status and body passed through.
    func nodeProxy(_ request: APIRequest, name: String, remainder: [String]) async throws(APIError) -> APIResponse {
        let location = try await kubeletLocation(nodeName: name)
        var url = location.baseURL + "/" + remainder.joined(separator: "/")
        if request.path.hasSuffix("/") && !remainder.isEmpty { url += "/" }
        if !request.query.isEmpty { url += "?" + KubeletLocation.encodeQuery(request.query.map { ($0.key, $0.value) }) }
        var headers: [String: String] = [:]
        for key in ["accept", "content-type"] { if let v = request.headers[key] { headers[key] = v } }
        return try await stream(
            url: url, method: HTTPMethod(rawValue: request.method), body: request.body.isEmpty ? nil : request.body,
            headers: headers, resource: "nodes/proxy", name: name, passStatus: true)
    }

    /// Sends one request to a kubelet and streams its body back. With `passStatus` false, a status
    /// outside 200…206 becomes an API error as upstream's GenericHttpResponseChecker words it.
    private func stream(url: String, method: HTTPMethod, body: [UInt8]?, headers: [String: String], resource: String, name: String,
                        passStatus: Bool) async throws(APIError) -> APIResponse {
        var outbound = HTTPClientRequest(url: url)
        outbound.method = method
        for (k, v) in headers { outbound.headers.add(name: k, value: v) }
        if let body { outbound.body = .bytes(body) }
        let response: HTTPClientResponse
        do {
            // No deadline: a followed log stays open as long as the client reads it.
            response = try await Self.kubeletClient.execute(outbound, deadline: .distantFuture)
        } catch {
            // As Go's client error text, which upstream returns as an unknown-reason 500.
            throw APIError(code: 500, reason: "", message: "\(method.rawValue.capitalized) \"\(url)\": \(error)")
        }
        let status = Int(response.status.code)
        if !passStatus && !(200...206).contains(status) {
            let text = (try? await response.body.collect(upTo: 4096)).map { String(buffer: $0) } ?? ""
            switch status {
            case 500: throw APIError.internalError(text)
            case 400: throw APIError.badRequest(text)
            case 404:
                throw APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource ( \(resource) \(name))",
                               details: ["name": .string(name), "kind": .string(resource), "causes": [["reason": "UnexpectedServerResponse", "message": .string(text)]]])
            default:
                throw APIError(code: status, reason: "", message: "an error on the server (\"\(text)\") has prevented the request from succeeding ( \(resource) \(name))")
            }
        }
        let contentType = response.headers.first(name: "content-type") ?? "text/plain"
        let watches = watches
        let chunks = AsyncStream<[UInt8]> { continuation in
            let id = watches.add(continuation)
            let task = Task {
                do {
                    for try await buffer in response.body { continuation.yield(Array(buffer.readableBytesView)) }
                } catch {}
                continuation.finish()
            }
            continuation.onTermination = { _ in
                task.cancel()
                watches.remove(id)
            }
        }
        return APIResponse(status: status, contentType: contentType, body: .stream(chunks))
    }
}

/// core/v1 PodLogOptions from the query string, and the parameters the kubelet is sent (upstream's LogLocation).
struct PodLogQuery {
    var container: String?
    var kubeletParameters: [(String, String)] = []

    init(_ query: [String: String]) throws(APIError) {
        container = query["container"]
        func bool(_ key: String) throws(APIError) -> Bool {
            guard let v = query[key] else { return false }
            switch v {
            case "1", "t", "T", "true", "TRUE", "True": return true
            case "0", "f", "F", "false", "FALSE", "False", "": return false
            default: throw APIError.badRequest("strconv.ParseBool: parsing \"\(v)\": invalid syntax")
            }
        }
        func int(_ key: String) throws(APIError) -> Int64? {
            guard let v = query[key] else { return nil }
            guard let n = Int64(v) else { throw APIError.badRequest("strconv.ParseInt: parsing \"\(v)\": invalid syntax") }
            return n
        }
        var invalid: [FieldError] = []
        if try bool("follow") { kubeletParameters.append(("follow", "true")) }
        if try bool("previous") { kubeletParameters.append(("previous", "true")) }
        if try bool("timestamps") { kubeletParameters.append(("timestamps", "true")) }
        let sinceSeconds = try int("sinceSeconds")
        if let s = sinceSeconds {
            if s < 1 { invalid.append(FieldError(.invalid, field: "sinceSeconds", badValue: .int(s), detail: "must be greater than 0")) }
            kubeletParameters.append(("sinceSeconds", String(s)))
        }
        if let t = query["sinceTime"] {
            guard (try? Time(rfc3339: t)) != nil else { throw APIError.badRequest("parsing time \"\(t)\" as \"2006-01-02T15:04:05Z07:00\": cannot parse") }
            if sinceSeconds != nil {
                invalid.append(FieldError(.forbidden, field: "sinceSeconds", detail: "at most one of `sinceTime` or `sinceSeconds` may be specified"))
            }
            kubeletParameters.append(("sinceTime", t))
        }
        if let n = try int("tailLines") {
            if n < 0 { invalid.append(FieldError(.invalid, field: "tailLines", badValue: .int(n), detail: "must be greater than or equal to 0")) }
            kubeletParameters.append(("tailLines", String(n)))
        }
        if let n = try int("limitBytes") {
            if n < 1 { invalid.append(FieldError(.invalid, field: "limitBytes", badValue: .int(n), detail: "must be greater than 0")) }
            kubeletParameters.append(("limitBytes", String(n)))
        }
        if !invalid.isEmpty { throw APIError.invalid(kind: "PodLogOptions", group: "", name: "", errors: invalid) }
    }
}
