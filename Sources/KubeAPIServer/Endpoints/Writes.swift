import Foundation
import KubeAPI

extension APIServerCore {
    /// POST to a collection.
    /// POST to a collection. `appliedBy` marks a create through server-side apply, whose
    /// managedFields are already recorded.
    func create(_ resource: ResourceInfo, namespace: String?, object body: JSONValue, options: WriteOptions, recordFields: Bool = true) async throws(APIError) -> JSONValue {
        guard case .object = body else { throw APIError.badRequest("the body of the request must be a JSON or YAML object") }
        var object = try typeChecked(body, resource)
        if resource.namespaced {
            let bodyNamespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
            if !bodyNamespace.isEmpty && bodyNamespace != namespace {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            object.set(path: ["metadata", "namespace"], to: namespace.map(JSONValue.string))
        } else {
            object.set(path: ["metadata", "namespace"], to: nil)
        }
        if object[path: ["metadata", "resourceVersion"]]?.stringValue.map({ !$0.isEmpty }) ?? false {
            throw APIError.internalError("resourceVersion should not be set on objects to be created")
        }
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if name.isEmpty, let prefix = object[path: ["metadata", "generateName"]]?.stringValue, !prefix.isEmpty {
            object.set(path: ["metadata", "name"], to: .string(Names.generate(prefix: prefix)))
        }
        RequestWarnings.add(try ObjectRules.decode(resource, &object, fieldValidation: options.fieldValidation))
        ObjectRules.applyDefaults(resource, &object)
        if recordFields {
            object = ManagedFields.updateForUpdate(
                old: nil, new: object, manager: options.manager, apiVersion: resource.apiVersion, subresource: nil,
                now: Timestamps.now(), kind: resource.kind)
        }
        Strategy.prepareForCreate(resource, &object)
        for key in ["deletionTimestamp", "deletionGracePeriodSeconds"] { object.set(path: ["metadata", key], to: nil) }
        let uid = UIDs.random()
        object.set(path: ["metadata", "uid"], to: .string(uid))
        if resource.group == "batch" && resource.kind == "Job" { Defaulting.generateJobSelector(&object, uid: uid) }
        object.set(path: ["metadata", "creationTimestamp"], to: .string(Timestamps.now()))

        var admission = AdmissionRequest(
            operation: .create, resource: resource, namespace: namespace,
            name: object[path: ["metadata", "name"]]?.stringValue ?? "", subresource: nil, object: object,
            oldObject: nil, user: options.user)
        for plugin in self.admission { try await plugin.admit(&admission, storage: storage, registry: registry) }
        object = admission.object ?? object

        let errors = ObjectRules.validateCreate(resource, object)
        if !errors.isEmpty {
            throw APIError.invalid(kind: resource.kind, group: resource.group, name: admission.name, errors: errors)
        }
        let allocation = try allocateServiceAddresses(resource, &object, old: nil)
        if options.dryRun {
            allocation.release()
            return object
        }
        do {
            return try await storage.create(resource, object)
        } catch {
            allocation.release()
            throw error
        }
    }

    /// PUT to an object or its status.
    func update(_ resource: ResourceInfo, namespace: String?, name: String, subresource: String?, object body: JSONValue, options: WriteOptions) async throws(APIError) -> APIResponse {
        if subresource == "scale" {
            let replicas = body[path: ["spec", "replicas"]]?.intValue
            guard let replicas, replicas >= 0 else {
                throw APIError.invalid(kind: "Scale", group: "autoscaling", name: name,
                                       errors: [FieldError(.invalid, field: "spec.replicas", badValue: body[path: ["spec", "replicas"]] ?? .null, detail: "must be greater than or equal to 0")])
            }
            let precondition = ObjectStorage.revision(of: body)
            let updated = try await storage.guaranteedUpdate(resource, namespace: namespace, name: name) { current throws(APIError) in
                if let precondition, precondition != ObjectStorage.revision(of: current) {
                    throw APIError.modified(resource, name: name)
                }
                var next = current
                next.set(path: ["spec", "replicas"], to: .int(replicas))
                Strategy.prepareForUpdate(resource, new: &next, old: current, subresource: nil)
                return next
            }
            return .json(scale(of: updated, resource))
        }
        var object = try typeChecked(body, resource)
        let bodyName = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if bodyName != name {
            throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        if resource.namespaced {
            let bodyNamespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
            if !bodyNamespace.isEmpty && bodyNamespace != namespace {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            object.set(path: ["metadata", "namespace"], to: namespace.map(JSONValue.string))
        }
        let precondition = ObjectStorage.revision(of: object)
        if object[path: ["metadata", "resourceVersion"]] != nil && precondition == nil {
            throw APIError.badRequest("invalid resource version \"\(object[path: ["metadata", "resourceVersion"]]!.stringValue ?? "")\"")
        }
        let result = try await write(resource, namespace: namespace, name: name, subresource: subresource, options: options) { current throws(APIError) in
            if let precondition, precondition != ObjectStorage.revision(of: current) {
                throw APIError.modified(resource, name: name)
            }
            return object
        }
        return .json(result)
    }

    /// The shared read-modify-write of update and patch: `change` produces the desired object
    /// from the current one; defaulting, strategy, admission, validation and allocation follow.
    func write(
        _ resource: ResourceInfo, namespace: String?, name: String, subresource: String?, options: WriteOptions,
        recordFields: Bool = true, change: (JSONValue) async throws(APIError) -> JSONValue
    ) async throws(APIError) -> JSONValue {
        var allocation = ServiceAllocation.none
        var deleteNow = false
        var dryRunResult: JSONValue?
        let stored = try await storage.guaranteedUpdate(resource, namespace: namespace, name: name) { current throws(APIError) in
            allocation.release()
            var next = try await change(current)
            next.set(path: ["metadata", "resourceVersion"], to: current[path: ["metadata", "resourceVersion"]])
            RequestWarnings.add(try ObjectRules.decode(resource, &next, fieldValidation: options.fieldValidation))
            if subresource != "status" { ObjectRules.applyDefaults(resource, &next) }
            if recordFields {
                next = ManagedFields.updateForUpdate(
                    old: current, new: next, manager: options.manager, apiVersion: resource.apiVersion,
                    subresource: subresource, now: Timestamps.now(), kind: resource.kind)
            }
            Strategy.prepareForUpdate(resource, new: &next, old: current, subresource: subresource)
            var admission = AdmissionRequest(
                operation: .update, resource: resource, namespace: namespace, name: name, subresource: subresource,
                object: next, oldObject: current, user: options.user)
            for plugin in self.admission { try await plugin.admit(&admission, storage: self.storage, registry: self.registry) }
            next = admission.object ?? next
            // Addresses first: an update that omits clusterIP keeps the allocated one, as upstream.
            allocation = try self.allocateServiceAddresses(resource, &next, old: current)
            let errors = ObjectRules.validateUpdate(resource, next, old: current)
            if !errors.isEmpty {
                throw APIError.invalid(kind: resource.kind, group: resource.group, name: name, errors: errors)
            }
            // An object being deleted goes away once its last finalizer is removed.
            deleteNow = next[path: ["metadata", "deletionTimestamp"]] != nil
                && (next[path: ["metadata", "finalizers"]]?.arrayValue ?? []).isEmpty
                && (resource.kind != "Pod" || (next[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue ?? 0) == 0)
            if options.dryRun {
                dryRunResult = next
                return nil
            }
            if next == current { return nil }
            return next
        }
        if let dryRunResult {
            allocation.release()
            return dryRunResult
        }
        if deleteNow {
            let deleted = try await storage.delete(resource, namespace: namespace, name: name, expectedRevision: ObjectStorage.revision(of: stored))
            releaseServiceAddresses(resource, deleted)
            return stored
        }
        return stored
    }

    /// POST to an object's subresource: `pods/NAME/binding`, `pods/NAME/eviction`.
    func createSubresource(_ resource: ResourceInfo, namespace: String?, name: String, subresource: String, body: JSONValue, options: WriteOptions) async throws(APIError) -> APIResponse {
        switch (resource.kind, subresource) {
        case ("Pod", "binding"):
            guard let node = body[path: ["target", "name"]]?.stringValue, !node.isEmpty else {
                throw APIError.invalid(kind: "Binding", group: "", name: name, errors: [FieldError(.required, field: "target.name")])
            }
            _ = try await storage.guaranteedUpdate(resource, namespace: namespace, name: name) { pod throws(APIError) in
                if pod[path: ["metadata", "deletionTimestamp"]] != nil {
                    throw APIError.conflict(resource, name: name, detail: "pod \(name) is being deleted, cannot be assigned to a host")
                }
                if let existing = pod[path: ["spec", "nodeName"]]?.stringValue, !existing.isEmpty {
                    throw APIError.conflict(resource, name: name, detail: "pod \(name) is already assigned to node \"\(existing)\"")
                }
                var next = pod
                next.set(path: ["spec", "nodeName"], to: .string(node))
                var conditions = next[path: ["status", "conditions"]]?.arrayValue ?? []
                conditions.removeAll { $0["type"]?.stringValue == "PodScheduled" }
                conditions.append(["type": "PodScheduled", "status": "True", "lastProbeTime": nil,
                                   "lastTransitionTime": .string(Timestamps.now())])
                next.set(path: ["status", "conditions"], to: .array(conditions))
                return next
            }
            return .json(["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "code": 201], status: 201)
        case ("Pod", "eviction"):
            let deleteOptions = body["deleteOptions"] ?? [:]
            _ = try await deleteObject(resource, namespace: namespace, name: name, deleteOptions: deleteOptions, options: options)
            return .json(["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "code": 201], status: 201)
        default:
            throw APIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
    }

    /// Fills kind/apiVersion from the URL when absent; refuses a body of another kind.
    func typeChecked(_ body: JSONValue, _ resource: ResourceInfo) throws(APIError) -> JSONValue {
        var object = body
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let kind = object["kind"]?.stringValue ?? ""
        if !apiVersion.isEmpty && apiVersion != resource.apiVersion {
            throw APIError.badRequest("the API version in the data (\(apiVersion)) does not match the expected API version (\(resource.apiVersion))")
        }
        if !kind.isEmpty && kind != resource.kind {
            throw APIError.badRequest("the kind in the data (\(kind)) does not match the expected kind (\(resource.kind))")
        }
        guard case .object(var o) = object else { return object }
        if o["metadata"]?.objectValue == nil && o["metadata"] != nil {
            throw APIError.badRequest("metadata must be an object")
        }
        // kind and apiVersion lead, as upstream serializes them.
        o.removeValue(forKey: "apiVersion")
        o.removeValue(forKey: "kind")
        var ordered = JSONObject()
        ordered["apiVersion"] = .string(resource.apiVersion)
        ordered["kind"] = .string(resource.kind)
        ordered.merge(o) { a, _ in a }
        if ordered["metadata"] == nil { ordered["metadata"] = .object([:]) }
        object = .object(ordered)
        return object
    }
}

enum Names {
    /// Upstream's generateName suffix: 5 characters without vowels or look-alikes.
    static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    static func generate(prefix: String) -> String {
        let trimmed = prefix.count > 58 ? String(prefix.prefix(58)) : prefix
        return trimmed + String((0..<5).map { _ in alphabet.randomElement()! })
    }
}

enum UIDs {
    private static let hex = Array("0123456789abcdef".utf8)

    /// A random (version 4) UUID in lowercase, as upstream's metadata.uid. Drawn from the system
    /// generator (getrandom(2)): Foundation's UUID() opens /dev/urandom for every UUID on Linux,
    /// which was 2% of the apiserver's CPU time in a create-heavy load.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<2).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
        bytes[6] = bytes[6] & 0x0f | 0x40  // version 4
        bytes[8] = bytes[8] & 0x3f | 0x80  // RFC 4122 variant
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0xf)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

enum Timestamps {
    /// RFC 3339 in UTC with seconds precision, as metav1.Time serializes.
    static func now() -> String { format(Date()) }

    static func format(_ date: Date) -> String { Time(date).rfc3339 }
}
