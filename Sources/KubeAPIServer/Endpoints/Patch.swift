import Foundation
import KubeAPI

extension APIServerCore {
    /// PATCH with the four content types upstream accepts.
    func patch(_ request: APIRequest, _ resource: ResourceInfo, namespace: String?, name: String, subresource: String?, options: WriteOptions) async throws(APIError) -> APIResponse {
        let contentType = (request.contentType ?? "").split(separator: ";").first.map { $0.trimmingHTTPWhitespace.lowercased() } ?? ""
        let kind = PatchKind(rawValue: contentType)
        guard let kind else { throw APIError.unsupportedMediaType(contentType) }
        let patch = try request.decodedBody()

        if subresource == "scale" {
            // The patch applies to the Scale view of the object (client-go's scale client sends
            // `{"spec":{"replicas":N}}`), and the answer is a Scale too.
            guard let object = try await storage.get(resource, namespace: namespace, name: name) else {
                throw APIError.notFound(resource, name: name)
            }
            let current = scale(of: object, resource)
            // A Scale has no lists, so strategic merge and apply reduce to a merge patch.
            let patched = try PatchApplier.apply(kind == .json ? .json : .merge, patch: patch, to: current, objectKind: "Scale")
            return try await update(resource, namespace: namespace, name: name, subresource: "scale", object: patched, options: options)
        }
        if kind == .apply {
            return try await serverSideApply(resource, namespace: namespace, name: name, subresource: subresource, config: patch, options: options)
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

extension APIServerCore {
    /// `application/apply-patch+yaml`: merge the manager's configuration, with ownership and
    /// conflicts tracked in managedFields; creates the object when it does not exist.
    func serverSideApply(_ resource: ResourceInfo, namespace: String?, name: String, subresource: String?, config body: JSONValue, options: WriteOptions) async throws(APIError) -> APIResponse {
        guard let manager = options.fieldManager, !manager.isEmpty else {
            throw APIError(code: 422, reason: "Invalid", message: "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
                           details: ["group": "meta.k8s.io", "kind": "PatchOptions", "causes": [["reason": "FieldValueRequired", "message": "Required value: is required for apply patch", "field": "fieldManager"]]])
        }
        var config = body
        do {
            try ManagedFields.validate(config: config, kind: resource.kind, apiVersion: resource.apiVersion)
        } catch {
            throw APIError.badRequest("error decoding apply configuration: \(error)")
        }
        if let configName = config[path: ["metadata", "name"]]?.stringValue, configName != name {
            throw APIError.badRequest("the name of the object (\(configName)) does not match the name on the URL (\(name))")
        }
        // Status belongs to the status subresource; applying it to the main resource would
        // claim fields the write then discards.
        if resource.hasStatus && subresource == nil, case .object(var o) = config {
            o.removeValue(forKey: "status")
            config = .object(o)
        }
        func applied(_ live: JSONValue?) throws(APIError) -> JSONValue {
            do {
                return try ManagedFields.apply(
                    live: live, config: config, manager: manager, force: options.force, kind: resource.kind,
                    apiVersion: resource.apiVersion, now: Timestamps.now())
            } catch {
                throw APIError(
                    code: 409, reason: "Conflict", message: error.message,
                    details: ["causes": .array(error.conflicts.map { c in
                        ["reason": "FieldManagerConflict", "message": .string(c.causeMessage), "field": .string(c.field)]
                    })])
            }
        }
        if try await storage.get(resource, namespace: namespace, name: name) == nil {
            let created = try await create(resource, namespace: namespace, object: try applied(nil), options: options, recordFields: false)
            return .json(created, status: 201)
        }
        let result = try await write(resource, namespace: namespace, name: name, subresource: subresource, options: options, recordFields: false) { current throws(APIError) in
            try applied(current)
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
        case .merge:
            guard case .object = patch else { throw APIError.badRequest("patch must be a JSON object") }
            return MergePatch.apply(patch, to: current)
        case .strategic:
            guard case .object = patch else { throw APIError.badRequest("patch must be a JSON object") }
            do { return try StrategicMergePatch.apply(patch, to: current, kind: objectKind) } catch {
                throw APIError(code: 422, reason: "Invalid", message: "\(error)")
            }
        case .json:
            do { return try JSONPatch(patch).apply(to: current) } catch {
                throw APIError(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request: \(error)")
            }
        case .apply:
            throw APIError.internalError("apply patches are handled by server-side apply")
        }
    }
}
