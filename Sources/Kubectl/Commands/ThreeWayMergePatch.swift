import KubeAPI
import KubeClient

/// The patch `apply` and `edit` send. Built-in kinds get a strategic merge patch (list items merged by key,
/// KubeAPI's `StrategicMergePatch`); kinds the client has no schema for (custom resources) get a JSON merge
/// patch, as upstream kubectl does for unstructured objects.
enum ApplyPatch {
    static let builtinGroups: Set<String> = [
        "", "apps", "batch", "autoscaling", "policy", "coordination.k8s.io", "discovery.k8s.io", "networking.k8s.io",
        "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io", "node.k8s.io", "events.k8s.io", "certificates.k8s.io",
        "admissionregistration.k8s.io", "apiextensions.k8s.io", "flowcontrol.apiserver.k8s.io",
    ]

    static func threeWay(original: JSONValue?, modified: JSONValue, current: JSONValue, resource: APIResourceInfo) throws -> (JSONValue, RESTClient.PatchType) {
        if builtinGroups.contains(resource.group) {
            return (try StrategicMergePatch.createThreeWayMergePatch(original: original, modified: modified, current: current, kind: resource.kind), .strategic)
        }
        return (ThreeWayMergePatch.create(original: original, modified: modified, current: current), .merge)
    }

    static func twoWay(from: JSONValue, to: JSONValue, resource: APIResourceInfo) throws -> (JSONValue, RESTClient.PatchType) {
        if builtinGroups.contains(resource.group) {
            return (try StrategicMergePatch.createTwoWayMergePatch(original: from, modified: to, kind: resource.kind), .strategic)
        }
        return (ThreeWayMergePatch.twoWay(from: from, to: to), .merge)
    }
}

/// A three-way JSON merge patch (RFC 7386 shape) from the last-applied configuration (`original`), the new
/// configuration (`modified`) and the live object (`current`), as client-go's CreateThreeWayJSONMergePatch builds it:
/// fields the user removed since the last apply become `null`; fields whose value differs from the live object
/// take the new value. Lists are replaced whole.
enum ThreeWayMergePatch {
    static func create(original: JSONValue?, modified: JSONValue, current: JSONValue) -> JSONValue {
        let additions = diff(from: current, to: modified, includeDeletions: false)
        let deletions = original.map { diff(from: $0, to: modified, includeDeletions: true, onlyDeletions: true) } ?? [:]
        return merge(deletions, additions)
    }

    /// Two-way patch turning `from` into `to` (edit and label use it).
    static func twoWay(from: JSONValue, to: JSONValue) -> JSONValue { diff(from: from, to: to, includeDeletions: true) }

    static func diff(from: JSONValue, to: JSONValue, includeDeletions: Bool, onlyDeletions: Bool = false) -> JSONValue {
        guard case .object(let a) = from, case .object(let b) = to else { return onlyDeletions ? [:] : to }
        var patch = JSONObject()
        for (key, newValue) in b {
            guard let oldValue = a[key] else {
                if !onlyDeletions { patch[key] = newValue }
                continue
            }
            if oldValue == newValue { continue }
            if case .object = oldValue, case .object = newValue {
                let child = diff(from: oldValue, to: newValue, includeDeletions: includeDeletions, onlyDeletions: onlyDeletions)
                if !(child.objectValue?.isEmpty ?? true) { patch[key] = child }
            } else if !onlyDeletions {
                patch[key] = newValue
            }
        }
        if includeDeletions {
            for key in a.keys where b[key] == nil { patch[key] = .null }
        }
        return .object(patch)
    }

    static func merge(_ base: JSONValue, _ overlay: JSONValue) -> JSONValue {
        guard case .object(var a) = base, case .object(let b) = overlay else { return overlay }
        for (key, value) in b {
            if let existing = a[key], case .object = existing, case .object = value {
                a[key] = merge(existing, value)
            } else {
                a[key] = value
            }
        }
        return .object(a)
    }

    static func isEmpty(_ patch: JSONValue) -> Bool { patch.objectValue?.isEmpty ?? false }
}
