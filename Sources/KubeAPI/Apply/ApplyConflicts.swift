/// An apply that would change fields another manager owns, refused (HTTP 409, reason
/// Conflict) unless forced. One conflict per field and owner.
public struct ApplyConflicts: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Conflict: Equatable, Sendable {
        /// The owner as conflict messages name it (`"kubectl" using apps/v1`).
        public var manager: String
        public var path: FieldPath
        /// The `field` of the Status cause: `.spec.replicas`.
        public var field: String { path.pathString }
        /// The `message` of the Status cause: `conflict with "kubectl" using apps/v1`.
        public var causeMessage: String { "conflict with \(manager)" }
    }

    public var conflicts: [Conflict]

    /// Upstream's message: one conflict on one line; several grouped by owner, owners sorted.
    public var message: String {
        if conflicts.count == 1 {
            return "Apply failed with 1 conflict: conflict with \(conflicts[0].manager): \(conflicts[0].field)"
        }
        var byManager: [String: [String]] = [:]
        for c in conflicts { byManager[c.manager, default: []].append(c.field) }
        var lines: [String] = []
        for manager in byManager.keys.sorted(by: bytesLess) {
            lines.append("conflicts with \(manager):")
            for field in byManager[manager]! { lines.append("- \(field)") }
        }
        return "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n")
    }

    public var description: String { message }
}

/// An apply request body that cannot be applied.
public struct ApplyConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: String
    public var reason: String
    public var description: String { "apply configuration \(field): \(reason)" }
}
