import Foundation
import KubeAPI

extension APIServerCore {
    /// PATCH with the four content types upstream accepts.
    func patch(_ request: APIRequest, _ resource: ResourceInfo, namespace: String?, name: String, subresource: String?, options: WriteOptions) async throws(APIError) -> APIResponse {
        let contentType = (request.contentType ?? "").split(separator: ";").first.map { String($0).trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let kind = PatchKind(rawValue: contentType)
        guard let kind else { throw APIError.unsupportedMediaType(contentType) }
        let patch = try request.decodedBody()

        if kind == .apply {
            // Server-side apply creates what does not exist yet.
            let existing = try await storage.get(resource, namespace: namespace, name: name)
            if existing == nil {
                var object = patch
                object.set(path: ["metadata", "name"], to: .string(name))
                let created = try await create(resource, namespace: namespace, object: object, options: options)
                return .json(created, status: 201)
            }
        }
        let result = try await write(resource, namespace: namespace, name: name, subresource: subresource, options: options) { current throws(APIError) in
            let patched = try PatchApplier.apply(kind, patch: patch, to: current, objectKind: resource.kind)
            if let precondition = patched[path: ["metadata", "resourceVersion"]]?.stringValue,
               precondition != current[path: ["metadata", "resourceVersion"]]?.stringValue {
                throw APIError.modified(resource, name: name)
            }
            return patched
        }
        return .json(result)
    }
}

enum PatchKind: String, Sendable {
    case json = "application/json-patch+json"
    case merge = "application/merge-patch+json"
    case strategic = "application/strategic-merge-patch+json"
    case apply = "application/apply-patch+yaml"
}

/// Applies a decoded patch document to the current object.
enum PatchApplier {
    static func apply(_ kind: PatchKind, patch: JSONValue, to current: JSONValue, objectKind: String) throws(APIError) -> JSONValue {
        switch kind {
        case .merge, .strategic, .apply:
            guard case .object = patch else { throw APIError.badRequest("patch must be a JSON object") }
            return mergePatch(current, patch)
        case .json:
            throw APIError.unsupportedMediaType(kind.rawValue)
        }
    }

    /// RFC 7386 JSON merge patch.
    static func mergePatch(_ target: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(let p) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in p {
            if value.isNull {
                result.removeValue(forKey: key)
            } else {
                result[key] = mergePatch(result[key] ?? .null, value)
            }
        }
        return .object(result)
    }
}
