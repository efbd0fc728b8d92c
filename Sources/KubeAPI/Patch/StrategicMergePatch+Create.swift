extension StrategicMergePatch {
    /// The patch `kubectl apply` sends (upstream's `CreateThreeWayMergePatch` with overwrite):
    /// fields removed from `original` (the last-applied configuration) to `modified` are deleted,
    /// fields that differ between `current` (the live object) and `modified` are set, and fields
    /// only `current` has are left alone. Members are sorted as upstream's `json.Marshal` writes them.
    public static func createThreeWayMergePatch(original: JSONValue?, modified: JSONValue, current: JSONValue, kind: String)
        throws(StrategicMergePatchError) -> JSONValue
    {
        try createThreeWayMergePatch(original: original, modified: modified, current: current, schema: KindPatchSchema(kind: kind))
    }

    public static func createThreeWayMergePatch(
        original: JSONValue?, modified: JSONValue, current: JSONValue, schema: some StrategicMergeSchema
    ) throws(StrategicMergePatchError) -> JSONValue {
        let originalObject = try object(original ?? .object([:]), "the original configuration")
        let modifiedObject = try object(modified, "the modified configuration")
        let currentObject = try object(current, "the current object")
        let differ = StrategicDiffer(schema: schema)
        // Additions and changes from current to modified, plus deletions from original to
        // modified; the first applied onto the second is the patch.
        let delta = try differ.diffMaps(
            currentObject, modifiedObject, path: "", options: .init(setElementOrder: true, ignoreDeletions: true))
        let deletions = try differ.diffMaps(
            originalObject, modifiedObject, path: "", options: .init(setElementOrder: true, ignoreChangesAndAdditions: true))
        let merger = StrategicMerger(schema: schema, mergeParallelList: false, ignoreUnmatchedNulls: false)
        return JSONValue.object(try merger.mergeMap(deletions, delta, path: "")).sortedKeys()
    }

    /// A patch turning `original` into `modified` (upstream's `CreateTwoWayMergePatch`).
    public static func createTwoWayMergePatch(original: JSONValue, modified: JSONValue, schema: some StrategicMergeSchema)
        throws(StrategicMergePatchError) -> JSONValue
    {
        let differ = StrategicDiffer(schema: schema)
        let patch = try differ.diffMaps(
            try object(original, "the original object"), try object(modified, "the modified object"), path: "",
            options: .init(setElementOrder: true))
        return JSONValue.object(patch).sortedKeys()
    }

    public static func createTwoWayMergePatch(original: JSONValue, modified: JSONValue, kind: String)
        throws(StrategicMergePatchError) -> JSONValue
    {
        try createTwoWayMergePatch(original: original, modified: modified, schema: KindPatchSchema(kind: kind))
    }

    static func object(_ value: JSONValue, _ what: String) throws(StrategicMergePatchError) -> JSONObject {
        guard case .object(let o) = value else {
            throw StrategicMergePatchError(path: "", reason: .notAnObject(what: what, got: value.typeName))
        }
        return o
    }
}

/// Upstream's `diffMaps` family: the strategic merge patch from one object to another.
struct StrategicDiffer<Schema: StrategicMergeSchema> {
    struct Options {
        /// Emit `$setElementOrder` lists for merged lists that changed.
        var setElementOrder = false
        var ignoreChangesAndAdditions = false
        var ignoreDeletions = false
        /// Emit `$retainKeys` listing the keys the modified object has.
        var buildRetainKeys = false
    }

    typealias Failure = StrategicMergePatchError
    typealias M = StrategicMergePatch
    typealias Merger = StrategicMerger<Schema>

    let schema: Schema

    func fail(_ path: String, _ reason: Failure.Reason) -> Failure { Failure(path: path, reason: reason) }

    func diffMaps(_ original: JSONObject, _ modified: JSONObject, path: String, options: Options) throws(Failure) -> JSONObject {
        var patch = JSONObject()
        var retainKeys: [JSONValue] = []
        for (key, modifiedValue) in modified {
            if options.buildRetainKeys && !modifiedValue.isNull { retainKeys.append(.string(key)) }
            guard let originalValue = original[key] else {
                if !options.ignoreChangesAndAdditions { patch[key] = modifiedValue }
                continue
            }
            if key == M.directiveMarker {
                guard case .string = originalValue, case .string = modifiedValue else { throw fail(path, .badDirectiveValue) }
                if originalValue != modifiedValue { patch[key] = modifiedValue }
                continue
            }
            let childPath = Merger.join(path, key)
            switch (originalValue, modifiedValue) {
            case (.object(let o), .object(let m)):
                var childOptions = options
                childOptions.buildRetainKeys = schema.retainsKeys(at: childPath)
                if schema.replacesObject(at: childPath) {
                    if !options.ignoreChangesAndAdditions { patch[key] = modifiedValue }
                } else {
                    let nested = try diffMaps(o, m, path: childPath, options: childOptions)
                    if !nested.isEmpty { patch[key] = .object(nested) }
                }
            case (.array(let o), .array(let m)):
                try diffListField(key, o, m, into: &patch, path: childPath, options: options)
            default:
                if !options.ignoreChangesAndAdditions && !originalValue.isEquivalent(to: modifiedValue) {
                    patch[key] = modifiedValue
                }
            }
        }
        if !options.ignoreDeletions {
            for key in original.keys where modified[key] == nil { patch[key] = .null }
        }
        let originalHasMore = original.contains { !$0.value.isNull && modified[$0.key] == nil }
        if !retainKeys.isEmpty && (!patch.isEmpty || originalHasMore) {
            patch[M.retainKeysDirective] = .array(Self.sortedScalars(retainKeys))
        }
        return patch
    }

    func diffListField(
        _ key: String, _ original: [JSONValue], _ modified: [JSONValue], into patch: inout JSONObject, path: String,
        options: Options
    ) throws(Failure) {
        let mergeKey: String
        switch schema.listType(at: path) {
        case .atomic:
            if !options.ignoreChangesAndAdditions && !JSONValue.array(original).isEquivalent(to: .array(modified)) {
                patch[key] = .array(modified)
            }
            return
        case .set: mergeKey = ""
        case .map(let keys): mergeKey = keys.first ?? ""
        }
        var listOptions = options
        listOptions.buildRetainKeys = schema.retainsKeys(at: path)
        let (additions, deletions, order) = try diffLists(original, modified, path: path, mergeKey: mergeKey, options: listOptions)
        if !additions.isEmpty { patch[key] = .array(additions) }
        if !deletions.isEmpty { patch[M.deleteFromPrimitiveListPrefix + "/" + key] = .array(deletions) }
        if !order.isEmpty { patch[M.setElementOrderPrefix + "/" + key] = .array(order) }
    }

    /// Returns the patch list, the parallel deletion list (scalars only) and the `$setElementOrder` list.
    func diffLists(_ original: [JSONValue], _ modified: [JSONValue], path: String, mergeKey: String, options: Options)
        throws(Failure) -> ([JSONValue], [JSONValue], [JSONValue])
    {
        if original.isEmpty {
            if modified.isEmpty || options.ignoreChangesAndAdditions { return ([], [], []) }
            return (modified, [], [])
        }
        let merger = Merger(schema: schema, mergeParallelList: false, ignoreUnmatchedNulls: false)
        let kind = try merger.elementKind(original, modified, path: path)
        switch kind {
        case .object:
            guard !mergeKey.isEmpty else { throw fail(path, .noMergeKeyForList) }
            var (patchList, deletions) = try diffListsOfMaps(original, modified, path: path, mergeKey: mergeKey, options: options)
            patchList = try merger.normalizeSliceOrder(patchList, by: modified, mergeKey: mergeKey, kind: .object, path: path)
            let orderSame =
                original.count == modified.count
                && zip(original, modified).allSatisfy { a, b in
                    a[mergeKey] != nil && b[mergeKey] != nil && a[mergeKey]!.isEquivalent(to: b[mergeKey]!)
                }
            patchList += deletions
            var order: [JSONValue] = []
            if options.setElementOrder
                && ((!options.ignoreChangesAndAdditions && (!patchList.isEmpty || !orderSame))
                    || (!options.ignoreDeletions && !patchList.isEmpty))
            {
                order = modified.map { .object([mergeKey: $0[mergeKey] ?? .null]) }
            }
            return (patchList, [], order)
        case .scalar:
            var (additions, deletions) = diffListsOfScalars(original, modified, options: options)
            additions = try merger.normalizeSliceOrder(additions, by: modified, mergeKey: "", kind: .scalar, path: path)
            var order: [JSONValue] = []
            if options.setElementOrder
                && ((!options.ignoreDeletions && !deletions.isEmpty)
                    || (!options.ignoreChangesAndAdditions && !JSONValue.array(original).isEquivalent(to: .array(modified))))
            {
                order = modified
            }
            deletions = Merger.deduplicated(deletions)
            return (additions, deletions, order)
        }
    }

    /// Scalars compared by their printed form, as upstream sorts and walks them.
    func diffListsOfScalars(_ original: [JSONValue], _ modified: [JSONValue], options: Options) -> ([JSONValue], [JSONValue]) {
        let o = Self.sortedScalars(original)
        let m = Self.sortedScalars(modified)
        var i = 0
        var j = 0
        var additions: [JSONValue] = []
        var deletions: [JSONValue] = []
        while i < o.count || j < m.count {
            let os = i < o.count ? o[i].goScalarText : nil
            let ms = j < m.count ? m[j].goScalarText : nil
            if let os, let ms, os == ms {
                i += 1
                j += 1
            } else if os == nil || (ms != nil && os! > ms!) {
                if !options.ignoreChangesAndAdditions { additions.append(m[j]) }
                j += 1
            } else {
                if !options.ignoreDeletions { deletions.append(o[i]) }
                i += 1
            }
        }
        return (additions, deletions)
    }

    /// Lists of objects walked in merge-key order: matching items diffed (the patch item carries
    /// the merge key), new items added whole, missing items become `$patch: delete` items.
    func diffListsOfMaps(_ original: [JSONValue], _ modified: [JSONValue], path: String, mergeKey: String, options: Options)
        throws(Failure) -> ([JSONValue], [JSONValue])
    {
        func keyed(_ list: [JSONValue]) throws(Failure) -> [(JSONObject, JSONValue, String)] {
            var out: [(JSONObject, JSONValue, String)] = []
            for item in list {
                guard case .object(let m) = item else {
                    throw fail(path, .badArgType(expected: "map[string]interface {}", got: item.goTypeName))
                }
                guard let k = m[mergeKey] else { throw fail(path, .noMergeKey(map: item.goDescription, key: mergeKey)) }
                out.append((m, k, k.goScalarText))
            }
            return out.enumerated().sorted { ($0.element.2, $0.offset) < ($1.element.2, $1.offset) }.map(\.element)
        }
        let o = try keyed(original)
        let m = try keyed(modified)
        var patch: [JSONValue] = []
        var deletions: [JSONValue] = []
        var i = 0
        var j = 0
        while i < o.count || j < m.count {
            if i < o.count && j < m.count && o[i].2 == m[j].2 {
                var nested = try diffMaps(o[i].0, m[j].0, path: path + "[]", options: options)
                if !nested.isEmpty {
                    nested[mergeKey] = m[j].1
                    patch.append(.object(nested))
                }
                i += 1
                j += 1
            } else if i >= o.count || (j < m.count && o[i].2 > m[j].2) {
                if !options.ignoreChangesAndAdditions { patch.append(.object(m[j].0)) }
                j += 1
            } else {
                if !options.ignoreDeletions {
                    deletions.append(.object([mergeKey: o[i].1, M.directiveMarker: "delete"]))
                }
                i += 1
            }
        }
        return (patch, deletions)
    }

    static func sortedScalars(_ list: [JSONValue]) -> [JSONValue] {
        list.enumerated().sorted { ($0.element.goScalarText, $0.offset) < ($1.element.goScalarText, $1.offset) }.map(\.element)
    }
}
