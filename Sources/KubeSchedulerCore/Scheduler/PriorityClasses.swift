import KubeAPI

/// PriorityClass values by name. This apiserver has no Priority admission plugin, so the
/// scheduler resolves `priorityClassName` itself when `spec.priority` is unset (and applies
/// the `globalDefault` class to pods that name none).
struct PriorityClasses: Sendable {
    var values: [String: Int32] = [:]
    var globalDefault: String?

    mutating func set(_ pc: PriorityClass) {
        guard let name = pc.metadata.name else { return }
        values[name] = pc.value
        if pc.globalDefault == true { globalDefault = name } else if globalDefault == name { globalDefault = nil }
    }

    mutating func remove(_ name: String) {
        values.removeValue(forKey: name)
        if globalDefault == name { globalDefault = nil }
    }

    func priority(of pod: Pod) -> Int32? {
        if let p = pod.spec.priority { return p }
        if let name = pod.spec.priorityClassName, !name.isEmpty { return values[name] }
        return globalDefault.flatMap { values[$0] }
    }
}
