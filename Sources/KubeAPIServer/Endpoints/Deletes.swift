import Foundation
import KubeAPI

extension APIServerCore {
    func delete(_ request: APIRequest, _ resource: ResourceInfo, namespace: String?, name: String, options: WriteOptions) async throws(APIError) -> APIResponse {
        let deleteOptions = try Self.deleteOptions(request)
        let (object, gone) = try await deleteObject(resource, namespace: namespace, name: name, deleteOptions: deleteOptions, options: options)
        // A finished deletion answers 200 with the last state; one still pending (finalizers,
        // grace period) answers 202 Accepted with the object as it now is, as upstream.
        return try render(object, resource, request, status: gone ? 200 : 202)
    }

    func deleteCollection(_ request: APIRequest, _ resource: ResourceInfo, namespace: String?, options: WriteOptions) async throws(APIError) -> APIResponse {
        let deleteOptions = try Self.deleteOptions(request)
        let filter = try ObjectFilter(request: request, resource: resource)
        let page = try await storage.list(resource, namespace: namespace, startAfter: nil, limit: 0, revision: 0, filter: filter.matches)
        var deleted: [JSONValue] = []
        for item in page.items {
            let itemName = item[path: ["metadata", "name"]]?.stringValue ?? ""
            let itemNamespace = item[path: ["metadata", "namespace"]]?.stringValue
            do {
                let (object, _) = try await deleteObject(resource, namespace: itemNamespace, name: itemName, deleteOptions: deleteOptions, options: options)
                deleted.append(object)
            } catch where error.code == 404 {
                continue
            }
        }
        return .json([
            "kind": .string(resource.listKind), "apiVersion": .string(resource.apiVersion),
            "metadata": ["resourceVersion": .string(String(page.revision))], "items": .array(deleted),
        ])
    }

    /// Deletes now, or marks for deletion when finalizers or a grace period hold the object.
    /// Returns the object and whether it is gone from storage.
    func deleteObject(_ resource: ResourceInfo, namespace: String?, name: String, deleteOptions: JSONValue, options: WriteOptions) async throws(APIError) -> (JSONValue, Bool) {
        let dryRun = options.dryRun || (deleteOptions["dryRun"]?.arrayValue?.contains("All") ?? false)
        let propagation = deleteOptions["propagationPolicy"]?.stringValue
        let orphanDependents = deleteOptions["orphanDependents"]?.boolValue
        for _ in 0..<16 {
            guard let current = try await storage.get(resource, namespace: namespace, name: name) else {
                throw APIError.notFound(resource, name: name)
            }
            if let uid = deleteOptions[path: ["preconditions", "uid"]]?.stringValue,
               uid != current[path: ["metadata", "uid"]]?.stringValue {
                throw APIError.conflict(resource, name: name, detail: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(current[path: ["metadata", "uid"]]?.stringValue ?? "")")
            }
            if let rv = deleteOptions[path: ["preconditions", "resourceVersion"]]?.stringValue,
               rv != current[path: ["metadata", "resourceVersion"]]?.stringValue {
                throw APIError.conflict(resource, name: name, detail: "Precondition failed: ResourceVersion in precondition: \(rv), ResourceVersion in object meta: \(current[path: ["metadata", "resourceVersion"]]?.stringValue ?? "")")
            }
            var finalizers = (current[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
            if propagation == "Orphan" || orphanDependents == true, !finalizers.contains("orphan") { finalizers.append("orphan") }
            if propagation == "Foreground", !finalizers.contains("foregroundDeletion") { finalizers.append("foregroundDeletion") }
            let grace = gracePeriod(resource, current, requested: deleteOptions["gracePeriodSeconds"]?.intValue)
            if resource.kind == "Namespace" { finalizers += (current[path: ["spec", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue) }

            if finalizers.isEmpty && grace == 0 {
                if dryRun { return (current, true) }
                do {
                    let deleted = try await storage.delete(
                        resource, namespace: namespace, name: name, expectedRevision: ObjectStorage.revision(of: current))
                    releaseServiceAddresses(resource, deleted)
                    return (deleted, true)
                } catch where error.code == 409 {
                    continue
                }
            }
            // Graceful: record the deletion request and keep the object until its holders let go.
            var next = current
            if current[path: ["metadata", "deletionTimestamp"]] == nil {
                next.set(path: ["metadata", "deletionTimestamp"], to: .string(Timestamps.format(Date().addingTimeInterval(Double(grace)))))
                next.set(path: ["metadata", "deletionGracePeriodSeconds"], to: .int(grace))
            } else if let existing = current[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue, grace < existing {
                // A shorter grace period may replace a longer one, never the reverse.
                next.set(path: ["metadata", "deletionGracePeriodSeconds"], to: .int(grace))
            }
            let metaFinalizers = (current[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
            var wanted = metaFinalizers
            for f in ["orphan", "foregroundDeletion"] where finalizers.contains(f) && !wanted.contains(f) { wanted.append(f) }
            if !wanted.isEmpty { next.set(path: ["metadata", "finalizers"], to: .array(wanted.map(JSONValue.string))) }
            if resource.kind == "Namespace" { next.set(path: ["status", "phase"], to: "Terminating") }
            if dryRun { return (next, false) }
            if next == current { return (current, false) }
            do {
                let updated = try await storage.update(resource, next, expectedRevision: ObjectStorage.revision(of: current))
                if resource.kind == "Namespace" { startNamespaceCleanup(name) }
                return (updated, false)
            } catch where error.code == 409 {
                continue
            }
        }
        throw APIError.modified(resource, name: name)
    }

    /// Pods are deleted gracefully once bound to a node and still running; everything else at once.
    func gracePeriod(_ resource: ResourceInfo, _ object: JSONValue, requested: Int64?) -> Int64 {
        guard resource.kind == "Pod", resource.group.isEmpty else { return 0 }
        let phase = object[path: ["status", "phase"]]?.stringValue ?? ""
        let node = object[path: ["spec", "nodeName"]]?.stringValue ?? ""
        if node.isEmpty || phase == "Succeeded" || phase == "Failed" { return 0 }
        let grace = requested ?? object[path: ["spec", "terminationGracePeriodSeconds"]]?.intValue ?? 30
        return max(grace, 0)
    }

    static func deleteOptions(_ request: APIRequest) throws(APIError) -> JSONValue {
        var options: JSONValue = request.body.isEmpty ? [:] : try request.decodedBody()
        if options.objectValue == nil { options = [:] }
        if let grace = request.query["gracePeriodSeconds"].flatMap(Int64.init) { options["gracePeriodSeconds"] = .int(grace) }
        if let policy = request.query["propagationPolicy"] { options["propagationPolicy"] = .string(policy) }
        if let orphan = request.query["orphanDependents"] { options["orphanDependents"] = .bool(orphan == "true") }
        if request.query["dryRun"] == "All" { options["dryRun"] = ["All"] }
        return options
    }

    /// Until the controller-manager's namespace controller exists, the apiserver empties a
    /// terminating namespace itself and then removes it: every namespaced resource in it is
    /// deleted, then the `kubernetes` finalizer is dropped.
    func startNamespaceCleanup(_ namespace: String) {
        Task {
            let namespaces = registry.lookup(group: "", version: "v1", resource: "namespaces")!
            for resource in registry.resources where resource.namespaced {
                let page = try? await storage.list(resource, namespace: namespace, startAfter: nil, limit: 0, revision: 0) { _ in true }
                for item in page?.items ?? [] {
                    let name = item[path: ["metadata", "name"]]?.stringValue ?? ""
                    _ = try? await deleteObject(resource, namespace: namespace, name: name, deleteOptions: ["gracePeriodSeconds": 0], options: WriteOptions())
                }
            }
            _ = try? await storage.guaranteedUpdate(namespaces, namespace: nil, name: namespace) { ns throws(APIError) in
                var next = ns
                next.set(path: ["spec", "finalizers"], to: nil)
                return next
            }
            if let ns = try? await storage.get(namespaces, namespace: nil, name: namespace),
               (ns[path: ["metadata", "finalizers"]]?.arrayValue ?? []).isEmpty {
                _ = try? await storage.delete(namespaces, namespace: nil, name: namespace, expectedRevision: ObjectStorage.revision(of: ns))
            }
        }
    }
}
