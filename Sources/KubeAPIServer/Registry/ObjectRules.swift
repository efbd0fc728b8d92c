import Foundation
import KubeAPI

/// The decode → default → validate stages of the write path, per kind, from `KubeAPI`:
/// typed decoding (wrong JSON types are a 400, unknown fields handled per `fieldValidation`),
/// upstream's defaulting, and upstream's validation.
enum ObjectRules {
    /// The typed struct of each built-in kind, used to check JSON types and find unknown fields.
    static let typed: [String: any KubeObject.Type] = {
        let kinds: [any KubeObject.Type] = [
            Pod.self, Service.self, Namespace.self, Node.self, Endpoints.self, ConfigMap.self, Secret.self,
            ServiceAccount.self, Event.self, ReplicationController.self, Binding.self, PersistentVolumeClaim.self,
            Deployment.self, ReplicaSet.self, DaemonSet.self, StatefulSet.self, ControllerRevision.self,
            Job.self, CronJob.self, Lease.self, EndpointSlice.self, Eviction.self,
        ]
        var map: [String: any KubeObject.Type] = [:]
        for k in kinds { map["\(k.group)/\(k.kind)"] = k }
        return map
    }()

    /// Checks JSON types against the kind's typed struct and removes unknown fields — refusing
    /// them under `fieldValidation=Strict`. Returns the warnings for `Warn`.
    static func decode(_ resource: ResourceInfo, _ object: inout JSONValue, fieldValidation: String) throws(APIError) -> [String] {
        guard let type = typed["\(resource.group)/\(resource.kind)"] else { return [] }
        let unknown: [String]
        do {
            // An unknown key with an empty value (null, {}, []) is let through and kept: clients
            // send `status: {}` and `creationTimestamp: null` in kinds and fields the typed
            // structs may not model.
            unknown = try UnknownFields.decodeAndPrune(&object, as: type) { parent, value in
                isEmpty(value) || isFreeForm(path: parent)
            }.unknown
        } catch {
            throw APIError.badRequest(cannotHandle(resource) + describe(error))
        }
        guard !unknown.isEmpty else { return [] }
        switch fieldValidation {
        case "Strict":
            let list = unknown.map { "unknown field \"\($0)\"" }
            throw APIError.badRequest(cannotHandle(resource) + "strict decoding error: " + list.joined(separator: ", "))
        case "Warn":
            return unknown.map { "unknown field \"\($0)\"" }
        default:
            return []
        }
    }

    /// Upstream's prefix for decoding errors of a body.
    static func cannotHandle(_ resource: ResourceInfo) -> String {
        "\(resource.kind) in version \"\(resource.version)\" cannot be handled as a \(resource.kind): "
    }

    static func isEmpty(_ v: JSONValue) -> Bool {
        switch v {
        case .null: return true
        case .object(let o): return o.isEmpty
        case .array(let a): return a.isEmpty
        default: return false
        }
    }

    /// Maps whose keys are data, not fields.
    static func isFreeForm(path: String) -> Bool {
        let last = path.split(separator: ".").last.map(String.init) ?? path
        return ["labels", "annotations", "data", "binaryData", "stringData", "selector", "matchLabels", "nodeSelector",
                "capacity", "allocatable", "limits", "requests", "fieldsV1", "hard", "used"].contains(last)
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(let type, let context):
            return "json: cannot unmarshal into Go struct field \(pathString(context.codingPath)) of type \(type)"
        case DecodingError.dataCorrupted(let context):
            return "\(pathString(context.codingPath)): \(context.debugDescription)"
        case DecodingError.valueNotFound(let type, let context):
            return "json: missing value of type \(type) at \(pathString(context.codingPath))"
        default:
            return "\(error)"
        }
    }

    static func pathString(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    static func applyDefaults(_ resource: ResourceInfo, _ object: inout JSONValue) {
        if resource.group.isEmpty && resource.kind == "Secret" { Defaulting.normalizeSecret(&object) }
        Defaulting.apply(group: resource.group, kind: resource.kind, to: &object)
    }

    static func validateCreate(_ resource: ResourceInfo, _ object: JSONValue) -> [FieldError] {
        Validation.validateCreate(group: resource.group, kind: resource.kind, object: object)
    }

    static func validateUpdate(_ resource: ResourceInfo, _ object: JSONValue, old: JSONValue) -> [FieldError] {
        Validation.validateUpdate(group: resource.group, kind: resource.kind, object: object, old: old)
    }
}
