/// Field ownership over `metadata.managedFields`, as the apiserver's field manager keeps it:
/// every write records which manager set which fields; an apply merges a manager's intent
/// into the object, refuses to silently overrule other owners, and removes what the
/// manager stopped applying.
public enum ManagedFields {
    /// Fields never recorded as owned (upstream's strip set). Only these exact paths: the
    /// children of `metadata` stay owned.
    static let stripped = FieldSet([
        [.field("apiVersion")], [.field("kind")], [.field("metadata")],
        [.field("metadata"), .field("name")], [.field("metadata"), .field("namespace")],
        [.field("metadata"), .field("creationTimestamp")], [.field("metadata"), .field("selfLink")],
        [.field("metadata"), .field("uid")], [.field("metadata"), .field("clusterName")],
        [.field("metadata"), .field("generation")], [.field("metadata"), .field("managedFields")],
        [.field("metadata"), .field("resourceVersion")],
    ])

    /// The owner recorded for fields of an object that predates field tracking, on its first apply.
    public static let beforeFirstApplyManager = "before-first-apply"

    // MARK: Update (create, update, non-apply patch)

    /// Records a create, update or non-apply patch: every field this write added or changed
    /// becomes owned by `manager` (operation Update, one entry per manager, API version and
    /// subresource) and stops being owned by anyone else; fields it removed stop being owned.
    /// Entries left empty are dropped. `old` is nil for a create. Returns `new` with its
    /// `metadata.managedFields` set.
    ///
    /// A request that carries its own non-empty `managedFields` (not through a subresource)
    /// replaces the recorded ones, as upstream lets clients edit them.
    public static func updateForUpdate(
        old: JSONValue?, new: JSONValue, manager: String, apiVersion: String, subresource: String?, now: String,
        kind: String? = nil
    ) -> JSONValue {
        let kind = kind ?? new["kind"]?.stringValue ?? old?["kind"]?.stringValue ?? ""
        var entries = recordedEntries(old: old, new: new, throughSubresource: subresource != nil)
        let oldObject = old.map(withoutManagedFields) ?? PatchSchema.zeroValue(kind: kind)
        let newObject = withoutManagedFields(new)
        let comparison = ObjectComparison(old: oldObject, new: newObject, kind: kind)

        let changed = comparison.modified.union(comparison.added)
        for i in entries.indices {
            entries[i].fields = entries[i].fields.difference(changed).difference(comparison.removed)
        }
        let taken = changed.difference(comparison.removed).difference(stripped)
        if !taken.isEmpty {
            let entry = ManagedFieldsEntry(
                manager: manager, operation: .update, apiVersion: apiVersion, time: now, fields: taken,
                subresource: subresource)
            if let i = entries.firstIndex(where: { $0.identity == entry.identity }) {
                entries[i].fields = entries[i].fields.union(taken)
                entries[i].time = now
            } else {
                entries.append(entry)
            }
        }
        return written(capUpdateManagers(entries.filter { !$0.fields.difference(stripped).isEmpty }), into: newObject)
    }

    // MARK: Apply

    /// Server-side apply of `config` by `manager` over `live` (nil: the object does not
    /// exist and is created from the configuration; the server fills in the rest of metadata).
    ///
    /// The configuration is merged into the live object; fields this manager applied last
    /// time and no longer applies are removed unless another applier still applies them;
    /// a field whose value would change and which another manager owns is a conflict —
    /// thrown, or with `force` taken over. The manager's Apply entry becomes exactly the
    /// configuration's field set. Call `validate(config:kind:apiVersion:)` first.
    public static func apply(
        live: JSONValue?, config: JSONValue, manager: String, force: Bool, kind: String, apiVersion: String, now: String
    ) throws(ApplyConflicts) -> JSONValue {
        let merge = ObjectMerge(kind: kind)
        let liveObject = live.map(withoutManagedFields)
        var entries = (try? ManagedFieldsEntry.decode(from: live)) ?? []
        if let liveObject, entries.isEmpty {
            // An object written before fields were tracked: what it holds belongs to someone.
            let existing = FieldSet(from: liveObject, kind: kind).difference(stripped)
            if !existing.isEmpty {
                entries.append(ManagedFieldsEntry(
                    manager: beforeFirstApplyManager, operation: .update,
                    apiVersion: liveObject["apiVersion"]?.stringValue ?? apiVersion, time: now, fields: existing))
            }
        }
        let configObject = withoutManagedFields(config)
        let base = liveObject ?? .object([:])
        var merged = merge.merge(base, configObject) ?? base

        let applying = ManagedFieldsEntry(
            manager: manager, operation: .apply, apiVersion: apiVersion, time: nil,
            fields: FieldSet(from: configObject, kind: kind))
        let previousIndex = entries.firstIndex { $0.identity == applying.identity }
        let lastSet = previousIndex.map { entries[$0].fields } ?? FieldSet()
        let previousTime = previousIndex.flatMap { entries[$0].time }
        if let previousIndex { entries.remove(at: previousIndex) }

        if !lastSet.isEmpty {
            let appliedByAnyone = entries.filter { $0.operation == .apply }.reduce(applying.fields) { $0.union($1.fields) }
            merged = prune(merged, lastSet: lastSet, stillApplied: appliedByAnyone, merge: merge, kind: kind)
        }

        // Other owners of fields this apply changes: conflicts, or (forced) no longer owners.
        let comparison = ObjectComparison(old: base, new: merged, kind: kind)
        let changed = comparison.modified.union(comparison.added)
        var conflicts: [ApplyConflicts.Conflict] = []
        for entry in entries {
            let contested = entry.fields.intersection(changed).difference(stripped)
            for path in contested.paths { conflicts.append(.init(manager: entry.conflictName, path: path)) }
        }
        if !force && !conflicts.isEmpty {
            let order = conflicts.map(\.manager).sorted(by: bytesLess)
            let sorted = order.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
                .flatMap { name in conflicts.filter { $0.manager == name } }
            throw ApplyConflicts(conflicts: sorted)
        }
        for i in entries.indices {
            entries[i].fields = entries[i].fields.difference(changed).difference(comparison.removed)
        }

        var entry = applying
        entry.fields = applying.fields.difference(stripped)
        let objectChanged = !comparison.isSame
        entry.time = objectChanged || previousTime == nil || entry.fields != lastSet.difference(stripped) ? now : previousTime
        entries.append(entry)
        return written(entries, into: merged)
    }

    /// Checks an apply request body: it names its apiVersion, kind and metadata.name, they match
    /// the endpoint, and it does not try to set managedFields.
    public static func validate(config: JSONValue, kind: String, apiVersion: String) throws(ApplyConfigurationError) {
        guard config.objectValue != nil else {
            throw ApplyConfigurationError(field: "", reason: "expected object, got \(config.typeName)")
        }
        guard let configVersion = config["apiVersion"]?.stringValue, !configVersion.isEmpty else {
            throw ApplyConfigurationError(field: "apiVersion", reason: "must be set")
        }
        guard let configKind = config["kind"]?.stringValue, !configKind.isEmpty else {
            throw ApplyConfigurationError(field: "kind", reason: "must be set")
        }
        guard let name = config[path: ["metadata", "name"]]?.stringValue, !name.isEmpty else {
            throw ApplyConfigurationError(field: "metadata.name", reason: "must be set")
        }
        if configVersion != apiVersion {
            throw ApplyConfigurationError(field: "apiVersion", reason: "\(goQuoted(configVersion)) does not match \(goQuoted(apiVersion))")
        }
        if configKind != kind {
            throw ApplyConfigurationError(field: "kind", reason: "\(goQuoted(configKind)) does not match \(goQuoted(kind))")
        }
        if let mf = config[path: ["metadata", "managedFields"]], !mf.isNull {
            throw ApplyConfigurationError(field: "metadata.managedFields", reason: "must be nil")
        }
    }

    // MARK: Helpers

    /// Removes what the applier applied last time and no longer applies, keeping items
    /// another applier (or this configuration) still applies and anything the applier never
    /// owned (upstream's prune, addBackOwnedItems, addBackDanglingItems).
    static func prune(
        _ merged: JSONValue, lastSet: FieldSet, stillApplied: FieldSet, merge: ObjectMerge, kind: String
    ) -> JSONValue {
        let mergedSet = FieldSet(from: merged, kind: kind)
        var pruned = merge.removing(lastSet, from: merged)
        var prunedSet = FieldSet(from: pruned, kind: kind)
        pruned = merge.removing(mergedSet.difference(prunedSet.union(stillApplied)), from: merged)
        prunedSet = FieldSet(from: pruned, kind: kind)
        return merge.removing(mergedSet.difference(prunedSet).intersection(lastSet), from: merged)
    }

    /// The entries to start from: the request's own when it carries some (not for a
    /// subresource), else the live object's; unreadable ones count as none.
    static func recordedEntries(old: JSONValue?, new: JSONValue, throughSubresource: Bool) -> [ManagedFieldsEntry] {
        if !throughSubresource, let fromRequest = try? ManagedFieldsEntry.decode(from: new), !fromRequest.isEmpty {
            return fromRequest
        }
        return (try? ManagedFieldsEntry.decode(from: old)) ?? []
    }

    static func withoutManagedFields(_ object: JSONValue) -> JSONValue {
        guard object[path: ["metadata", "managedFields"]] != nil else { return object }
        var copy = object
        copy.set(path: ["metadata", "managedFields"], to: nil)
        return copy
    }

    /// `object` with `entries` (stripped, empty ones dropped, in stored order) as its managedFields.
    static func written(_ entries: [ManagedFieldsEntry], into object: JSONValue) -> JSONValue {
        var kept = entries.map { e -> ManagedFieldsEntry in
            var e = e
            e.fields = e.fields.difference(stripped)
            return e
        }.filter { !$0.fields.isEmpty }
        kept.sort(by: ManagedFieldsEntry.storedOrder)
        var out = withoutManagedFields(object)
        if !kept.isEmpty {
            out.set(path: ["metadata", "managedFields"], to: .array(kept.map(\.json)))
        }
        return out
    }
}
