/// One `metadata.managedFields` entry: who owns which fields, through which operation.
public struct ManagedFieldsEntry: Hashable, Sendable {
    public enum Operation: String, Hashable, Sendable {
        case apply = "Apply"
        case update = "Update"
    }

    public var manager: String
    public var operation: Operation
    public var apiVersion: String
    /// RFC 3339, UTC, seconds precision (`2026-11-24T03:35:00Z`).
    public var time: String?
    public var fields: FieldSet
    public var subresource: String?

    public init(
        manager: String, operation: Operation, apiVersion: String, time: String?, fields: FieldSet,
        subresource: String? = nil
    ) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.fields = fields
        self.subresource = subresource
    }

    /// Who an entry belongs to, as upstream's manager identifier: appliers are one entry
    /// whatever version they apply with; updaters get one entry per API version.
    public struct Identity: Hashable, Sendable {
        public var manager: String
        public var operation: Operation
        /// Empty for appliers.
        public var apiVersion: String
        public var subresource: String
    }

    public var identity: Identity {
        Identity(manager: manager, operation: operation, apiVersion: operation == .apply ? "" : apiVersion,
                 subresource: subresource ?? "")
    }

    /// How conflict messages name the owner: `"kubectl" using apps/v1` for an updater,
    /// `"x" with subresource "status"` when the write went through a subresource.
    public var conflictName: String {
        var name = goQuoted(manager)
        if let subresource, !subresource.isEmpty { name += " with subresource \(goQuoted(subresource))" }
        if operation == .update { name += " using \(apiVersion)" }
        return name
    }

    /// The entry as JSON, fields in the order the Go struct declares them.
    public var json: JSONValue {
        var o = JSONObject()
        o["manager"] = .string(manager)
        o["operation"] = .string(operation.rawValue)
        if !apiVersion.isEmpty { o["apiVersion"] = .string(apiVersion) }
        if let time { o["time"] = .string(time) }
        o["fieldsType"] = "FieldsV1"
        o["fieldsV1"] = fields.fieldsV1
        if let subresource, !subresource.isEmpty { o["subresource"] = .string(subresource) }
        return .object(o)
    }
}

/// A managedFields entry that could not be read.
public struct ManagedFieldsError: Error, Equatable, Sendable, CustomStringConvertible {
    public var index: Int
    public var reason: String
    public var description: String { "metadata.managedFields[\(index)]: \(reason)" }
}

extension ManagedFieldsEntry {
    public init(json: JSONValue, index: Int) throws(ManagedFieldsError) {
        guard json.objectValue != nil else {
            throw ManagedFieldsError(index: index, reason: "expected object, got \(json.typeName)")
        }
        guard let manager = json["manager"]?.stringValue else {
            throw ManagedFieldsError(index: index, reason: "manager is required")
        }
        guard let op = json["operation"]?.stringValue, let operation = Operation(rawValue: op) else {
            throw ManagedFieldsError(
                index: index, reason: "operation must be Apply or Update, got \(json["operation"]?.serialized() ?? "nothing")")
        }
        if let type = json["fieldsType"]?.stringValue, type != "FieldsV1" {
            throw ManagedFieldsError(index: index, reason: "fieldsType \(goQuoted(type)) is not FieldsV1")
        }
        var fields = FieldSet()
        if let v1 = json["fieldsV1"], !v1.isNull {
            do { fields = try FieldSet(fieldsV1: v1) } catch {
                throw ManagedFieldsError(index: index, reason: error.description)
            }
        }
        self.init(
            manager: manager, operation: operation, apiVersion: json["apiVersion"]?.stringValue ?? "",
            time: json["time"]?.stringValue, fields: fields, subresource: json["subresource"]?.stringValue)
    }

    /// All entries of an object's `metadata.managedFields` (none when absent).
    public static func decode(from object: JSONValue?) throws(ManagedFieldsError) -> [ManagedFieldsEntry] {
        guard let list = object?[path: ["metadata", "managedFields"]], !list.isNull else { return [] }
        guard let items = list.arrayValue else {
            throw ManagedFieldsError(index: 0, reason: "managedFields must be a list, got \(list.typeName)")
        }
        var out: [ManagedFieldsEntry] = []
        for (i, item) in items.enumerated() { out.append(try ManagedFieldsEntry(json: item, index: i)) }
        return out
    }

    /// Upstream's stored order: Apply before Update, then oldest first, then by manager,
    /// API version and subresource.
    static func storedOrder(_ p: ManagedFieldsEntry, _ q: ManagedFieldsEntry) -> Bool {
        if p.operation != q.operation { return p.operation == .apply }
        if (p.time ?? "") != (q.time ?? "") { return (p.time ?? "") < (q.time ?? "") }
        if p.manager != q.manager { return bytesLess(p.manager, q.manager) }
        if p.apiVersion != q.apiVersion { return bytesLess(p.apiVersion, q.apiVersion) }
        return bytesLess(p.subresource ?? "", q.subresource ?? "")
    }
}
