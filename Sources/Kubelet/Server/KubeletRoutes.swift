import Foundation
import HTTPTypes
import Hummingbird
import KubeAPI
import NIOCore

/// The plain HTTP routes of the kubelet server. Exec and attach arrive as websocket upgrades and
/// are handled by `ContainerStreamProxy` before they reach here.
struct KubeletRoutes: HTTPResponder {
    typealias Context = BasicRequestContext
    let server: KubeletServer

    var backend: any KubeletServerBackend { server.backend }

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let path = request.uri.path
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let query = QueryParameters(raw: request.uri.query)
        let route = parts.first ?? ""
        server.metrics.recordRequest(method: request.method.rawValue, path: route.isEmpty ? "/" : route)
        do throws(KubeletServerError) {
            switch (request.method, route) {
            case (.get, "healthz") where parts.count == 1:
                return Self.text("ok")
            case (.get, "pods") where parts.count == 1:
                guard let list = try? JSONValue(encoding: KubeList<Pod>(items: backend.runningPods())) else {
                    throw KubeletServerError(status: 500, "encoding the pod list failed")
                }
                return Self.json(list)
            case (.get, "stats") where parts == ["stats", "summary"]:
                return try await Self.json(StatsSummary.build(backend: backend))
            case (.get, "metrics") where parts.count == 1:
                var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: server.metrics.exposition(backend: backend))))
                response.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
                return response
            case (.get, "containerLogs"):
                guard parts.count == 4 else { throw KubeletServerError(status: 400, "{\"message\": \"Missing podID.\"}") }
                return try await containerLogs(namespace: parts[1], pod: parts[2], container: parts[3], query: query)
            case (_, "exec"), (_, "attach"):
                // Upstream also speaks SPDY here; this kubelet speaks only the websocket protocols.
                throw KubeletServerError(status: 400, "Upgrade request required: use a websocket with \(ContainerStreamProxy.subprotocols.joined(separator: " or "))")
            default:
                return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "404 page not found\n")))
            }
        } catch {
            return Self.text(error.message, status: .init(code: error.status))
        }
    }

    func containerLogs(namespace: String, pod: String, container: String, query: QueryParameters) async throws(KubeletServerError) -> Response {
        let options = try ContainerLogOptions(query: query)
        let resolved: (containerID: String, logPath: String)
        do {
            resolved = try await backend.containerLog(namespace: namespace, pod: pod, container: container, previous: options.previous)
        } catch let error as KubeletServerError {
            throw error
        } catch {
            throw KubeletServerError(status: 400, "\(error)")
        }
        let backend = backend
        let streamer = ContainerLogStreamer(
            path: resolved.logPath, options: options,
            isRunning: { try await backend.isContainerRunning(id: resolved.containerID) })
        // Opening the file first turns a missing file into an error status rather than an empty 200.
        var probe = try LogFile(path: resolved.logPath)
        probe.close()
        let body = ResponseBody { writer in
            try await streamer.stream { bytes in try await writer.write(ByteBuffer(bytes: bytes)) }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/plain"], body: body)
    }

    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ value: JSONValue) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: value.serializedBytes())))
    }
}

