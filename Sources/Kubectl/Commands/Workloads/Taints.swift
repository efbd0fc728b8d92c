import Foundation
import KubeAPI

/// The `key[=value]:Effect` / `key[:Effect]-` arguments of `kubectl taint` and what they do to a
/// node's `spec.taints` (kubectl/pkg/cmd/taint/utils.go).
public struct TaintChanges: Sendable {
    public struct Taint: Equatable, Sendable {
        public var key: String
        public var value: String
        public var effect: String
    }

    public var add: [Taint]
    /// Removals; an empty effect removes the key with every effect.
    public var remove: [Taint]

    static let effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"]

    public init(_ specs: [String]) throws {
        var add: [Taint] = []
        var remove: [Taint] = []
        for spec in specs {
            if spec.hasSuffix("-") {
                let body = String(spec.dropLast())
                let parts = body.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let key = parts[0].split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                let effect = parts.count == 2 ? parts[1] : ""
                guard MetadataChanges.isValidKey(key) else { throw KubectlError("invalid taint spec: \(spec)") }
                if !effect.isEmpty, !Self.effects.contains(effect) {
                    throw KubectlError("invalid taint effect: \(effect), unsupported taint effect")
                }
                remove.append(Taint(key: key, value: "", effect: effect))
                continue
            }
            let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { throw KubectlError("invalid taint spec: \(spec)") }
            let keyValue = parts[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let key = keyValue[0]
            let value = keyValue.count == 2 ? keyValue[1] : ""
            guard Self.effects.contains(parts[1]) else { throw KubectlError("invalid taint effect: \(parts[1]), unsupported taint effect") }
            guard MetadataChanges.isValidKey(key), MetadataChanges.isValidLabelValue(value) else {
                throw KubectlError("invalid taint spec: \(spec)")
            }
            let taint = Taint(key: key, value: value, effect: parts[1])
            if add.contains(where: { $0.key == key && $0.effect == taint.effect }) {
                throw KubectlError("duplicated taints with the same key and effect: \(taint.key)=\(taint.value):\(taint.effect)")
            }
            add.append(taint)
        }
        for r in remove where add.contains(where: { $0.key == r.key && (r.effect.isEmpty || $0.effect == r.effect) }) {
            throw KubectlError("can not both modify and remove the following taint(s) in the same command: \(r.key)")
        }
        self.add = add
        self.remove = remove
    }

    /// The node's new taint list and the word kubectl prints (`tainted`, `untainted`, `modified`).
    public func apply(to existing: [JSONValue], nodeName: String, overwrite: Bool, now: Time = .now()) throws -> (taints: [JSONValue], operation: String) {
        var result = existing
        for r in remove {
            let before = result.count
            result.removeAll { $0["key"]?.stringValue == r.key && (r.effect.isEmpty || $0["effect"]?.stringValue == r.effect) }
            if result.count == before {
                throw KubectlError("taint \"\(r.effect.isEmpty ? r.key : "\(r.key):\(r.effect)")\" not found")
            }
        }
        var clashing: [String] = []
        for taint in add {
            var object: JSONObject = ["key": .string(taint.key)]
            if !taint.value.isEmpty { object["value"] = .string(taint.value) }
            object["effect"] = .string(taint.effect)
            if taint.effect == "NoExecute" { object["timeAdded"] = .string(now.rfc3339) }
            if let index = result.firstIndex(where: { $0["key"]?.stringValue == taint.key && $0["effect"]?.stringValue == taint.effect }) {
                if !overwrite { clashing.append(taint.key); continue }
                result[index] = .object(object)
            } else {
                result.append(.object(object))
            }
        }
        if !clashing.isEmpty {
            throw KubectlError("node \(nodeName) already has \(clashing.joined(separator: ",")) taint(s) with same effect(s) and --overwrite is false")
        }
        let operation = add.isEmpty ? "untainted" : (remove.isEmpty ? "tainted" : "modified")
        return (result, operation)
    }
}
