/// RFC 7386 JSON Merge Patch (`application/merge-patch+json`): objects merge member by
/// member, `null` deletes a member, anything else (arrays included) replaces.
public enum MergePatch {
    /// Applies `patch` to `target`.
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchObject) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (name, value) in patchObject {
            if value.isNull {
                result.removeValue(forKey: name)
            } else {
                result[name] = apply(value, to: result[name] ?? .null)
            }
        }
        return .object(result)
    }

    /// A merge patch that turns `original` into `modified`: changed and added members with their
    /// new values, removed members as `null`, differing non-objects (arrays too) replaced whole.
    /// Members are sorted by key, as upstream's `json.Marshal` of the patch writes them.
    public static func createMergePatch(original: JSONValue, modified: JSONValue) -> JSONValue {
        guard case .object(let from) = original, case .object(let to) = modified else {
            return modified.sortedKeys()
        }
        return .object(diff(from, to)).sortedKeys()
    }

    static func diff(_ original: JSONObject, _ modified: JSONObject) -> JSONObject {
        var patch = JSONObject()
        for (key, newValue) in modified {
            guard let oldValue = original[key] else {
                patch[key] = newValue
                continue
            }
            if case .object(let o) = oldValue, case .object(let m) = newValue {
                let nested = diff(o, m)
                if !nested.isEmpty { patch[key] = .object(nested) }
            } else if !oldValue.isEquivalent(to: newValue) {
                patch[key] = newValue
            }
        }
        for key in original.keys where modified[key] == nil {
            patch[key] = .null
        }
        return patch
    }
}
