import Foundation
import KubeAPI
import KubeStore

@testable import KubeAPIServer

/// An apiserver core over a store, driven in-process with plain requests.
struct TestAPI {
    let core: APIServerCore

    init(store: any Store = MemoryStore()) async throws {
        core = try APIServerCore(store: store)
        try await core.bootstrap()
    }

    struct Reply {
        var status: Int
        var body: JSONValue
    }

    @discardableResult
    func call(_ method: String, _ path: String, _ body: JSONValue? = nil, query: [String: String] = [:],
              contentType: String? = nil, accept: String? = nil) async -> Reply {
        var headers: [String: String] = [:]
        if let contentType { headers["content-type"] = contentType }
        if let accept { headers["accept"] = accept }
        let response = await core.handle(APIRequest(
            method: method, path: path, query: query, headers: headers, body: body?.serializedBytes() ?? []))
        let parsed = (try? JSONValue.parse(response.bodyBytes)) ?? .string(String(decoding: response.bodyBytes, as: UTF8.self))
        return Reply(status: response.status, body: parsed)
    }

    func callYAML(_ method: String, _ path: String, yaml: String, contentType: String = "application/yaml", query: [String: String] = [:]) async -> Reply {
        let response = await core.handle(APIRequest(
            method: method, path: path, query: query, headers: ["content-type": contentType], body: Array(yaml.utf8)))
        return Reply(status: response.status, body: (try? JSONValue.parse(response.bodyBytes)) ?? .null)
    }

    /// Opens a watch, runs `action`, and collects events until `count` arrived or `timeout` passed.
    func watch(_ path: String, query: [String: String], count: Int, timeout: Duration = .seconds(5),
               accept: String? = nil, during action: @Sendable () async -> Void = {}) async -> [JSONValue] {
        var headers: [String: String] = [:]
        if let accept { headers["accept"] = accept }
        let response = await core.handle(APIRequest(
            method: "GET", path: path, query: query.merging(["watch": "true"]) { a, _ in a }, headers: headers))
        guard case .stream(let stream) = response.body else { return [] }
        let collector = Task {
            var events: [JSONValue] = []
            for await chunk in stream {
                for line in chunk.split(separator: 0x0A) {
                    if let e = try? JSONValue.parse(line) { events.append(e) }
                }
                if events.count >= count { break }
            }
            return events
        }
        await action()
        let timer = Task {
            try? await Task.sleep(for: timeout)
            collector.cancel()
        }
        let events = await collector.value
        timer.cancel()
        return events
    }
}

func pod(_ name: String, labels: JSONValue = [:], namespace: String? = nil) -> JSONValue {
    var meta: JSONValue = ["name": .string(name), "labels": labels]
    if let namespace { meta["namespace"] = .string(namespace) }
    return [
        "apiVersion": "v1", "kind": "Pod", "metadata": meta,
        "spec": ["containers": [["name": "c", "image": "busybox"]]],
    ]
}
