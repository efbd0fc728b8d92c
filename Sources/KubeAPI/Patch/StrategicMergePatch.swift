/// Strategic merge patch (`application/strategic-merge-patch+json`), upstream's
/// `strategicpatch` package on `JSONValue`: a JSON merge patch whose lists merge by the rules
/// of the object's kind (by key, as sets, or replaced) and which understands the directives
/// `$patch: replace|delete` (on objects and list items), `$setElementOrder/<list>`,
/// `$deleteFromPrimitiveList/<list>` and `$retainKeys`.
public enum StrategicMergePatch {
    static let directiveMarker = "$patch"
    static let retainKeysDirective = "$retainKeys"
    static let deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList"
    static let setElementOrderPrefix = "$setElementOrder"

    /// Applies `patch` to `original`, an object of `kind` (`Deployment`, `Pod`, …).
    public static func apply(_ patch: JSONValue, to original: JSONValue, kind: String) throws(StrategicMergePatchError)
        -> JSONValue
    {
        try apply(patch, to: original, schema: KindPatchSchema(kind: kind))
    }

    /// Applies `patch` to `original` with the merge rules in `schema`. Nulls in the patch delete
    /// fields (and are dropped where there is nothing to delete); directives never reach the result.
    public static func apply(_ patch: JSONValue, to original: JSONValue, schema: some StrategicMergeSchema)
        throws(StrategicMergePatchError) -> JSONValue
    {
        guard case .object(let originalObject) = original else {
            throw StrategicMergePatchError(path: "", reason: .notAnObject(what: "the object", got: original.typeName))
        }
        guard case .object(let patchObject) = patch else {
            throw StrategicMergePatchError(path: "", reason: .notAnObject(what: "the patch", got: patch.typeName))
        }
        let merger = StrategicMerger(schema: schema, mergeParallelList: true, ignoreUnmatchedNulls: true)
        return .object(try merger.mergeMap(originalObject, patchObject, path: ""))
    }
}

/// Upstream's `mergeMap` and friends. With `mergeParallelList` (applying a patch) the
/// parallel directive lists act on the document; without it (combining two patches while
/// creating a three-way patch) they are carried into the result.
struct StrategicMerger<Schema: StrategicMergeSchema> {
    enum ElementKind { case object, scalar }

    let schema: Schema
    let mergeParallelList: Bool
    let ignoreUnmatchedNulls: Bool

    typealias Failure = StrategicMergePatchError
    typealias M = StrategicMergePatch

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func fail(_ path: String, _ reason: Failure.Reason) -> Failure { Failure(path: path, reason: reason) }

    /// The merge key of the list at `path`, "" for lists of scalars merged as sets, nil when replaced.
    func mergeStrategy(at path: String) -> String? {
        switch schema.listType(at: path) {
        case .map(let keys): return keys.first ?? ""
        case .set: return ""
        case .atomic: return nil
        }
    }

    func mergeMap(_ originalIn: JSONObject, _ patchIn: JSONObject, path: String) throws(Failure) -> JSONObject {
        var patch = patchIn
        if let directive = patch[M.directiveMarker] {
            switch directive.stringValue {
            case "replace":
                patch.removeValue(forKey: M.directiveMarker)
                return patch
            case "delete":
                return [:]
            default:
                throw fail(path, .badPatchType(directive: directive.goScalarText, in: JSONValue.object(patch).goDescription))
            }
        }
        var original = originalIn
        try applyRetainKeys(&original, &patch, path: path)
        try mergeOrderedLists(&original, &patch, path: path)

        for (patchKey, patchValue) in patch {
            var key = patchKey
            var isDeleteList = false
            if patchKey.hasPrefix(M.deleteFromPrimitiveListPrefix) {
                if !mergeParallelList {
                    original[patchKey] = patchValue
                    continue
                }
                key = try extractKey(patchKey, prefix: M.deleteFromPrimitiveListPrefix, path: path)
                isDeleteList = true
            }
            let childPath = Self.join(path, key)
            if patchValue.isNull {
                original.removeValue(forKey: key)
                if ignoreUnmatchedNulls { continue }
            }
            guard let originalValue = original[key] else {
                if !isDeleteList { original[key] = try fresh(patchValue, path: childPath) }
                continue
            }
            switch (originalValue, patchValue) {
            case (.object(let o), .object(let p)):
                original[key] = schema.replacesObject(at: childPath) ? patchValue : .object(try mergeMap(o, p, path: childPath))
            case (.array(let o), .array(let p)):
                original[key] = .array(try mergeList(o, p, path: childPath, isDeleteList: isDeleteList))
            default:
                if !isDeleteList { original[key] = try fresh(patchValue, path: childPath) }
            }
        }
        return original
    }

    /// A patch value landing where the document has nothing to merge with. Applying, it is
    /// merged into an empty value so its own nulls and directives are resolved rather than
    /// stored; combining patches, it is carried as it is.
    func fresh(_ value: JSONValue, path: String) throws(Failure) -> JSONValue {
        guard mergeParallelList else { return value }
        switch value {
        case .object(let o):
            return schema.replacesObject(at: path) ? value : .object(try mergeMap([:], o, path: path))
        case .array(let a):
            return mergeStrategy(at: path) == nil ? value : .array(try mergeList([], a, path: path, isDeleteList: false))
        default:
            return value
        }
    }

    func mergeList(_ original: [JSONValue], _ patch: [JSONValue], path: String, isDeleteList: Bool) throws(Failure)
        -> [JSONValue]
    {
        var view = AliasedList(original)
        return try mergeList(original, patch, path: path, isDeleteList: isDeleteList, view: &view)
    }

    func mergeList(_ original: [JSONValue], _ patch: [JSONValue], path: String, isDeleteList: Bool, view: inout AliasedList)
        throws(Failure) -> [JSONValue]
    {
        guard let mergeKey = mergeStrategy(at: path) else { return patch }
        return try mergeSlice(original, patch, path: path, mergeKey: mergeKey, isDeleteList: isDeleteList, view: &view)
    }

    func mergeSlice(
        _ originalIn: [JSONValue], _ patchIn: [JSONValue], path: String, mergeKey: String, isDeleteList: Bool,
        view: inout AliasedList
    ) throws(Failure) -> [JSONValue] {
        if originalIn.isEmpty && patchIn.isEmpty { return originalIn }
        var original = originalIn
        var patch = patchIn
        let kind = try elementKind(original, patch, path: path)
        let merged: [JSONValue]
        switch kind {
        case .scalar:
            if mergeParallelList && isDeleteList {
                return original.filter { item in !patch.contains { $0.isEquivalent(to: item) } }
            }
            merged = Self.deduplicated(original + patch)
        case .object:
            guard !mergeKey.isEmpty else { throw fail(path, .noMergeKeyForList) }
            (original, patch) = try mergeSpecialElements(original, patch, mergeKey: mergeKey, path: path, view: &view)
            merged = try mergeElements(original, patch, mergeKey: mergeKey, path: path, view: &view)
        }
        let effectiveKey = kind == .scalar ? "" : mergeKey
        let (patchItems, serverOnly) = try partition(merged, by: patch, mergeKey: effectiveKey, path: path)
        return try normalizeElementOrder(
            patchItems, serverOnly, patchOrder: patch, serverOrder: original, mergeKey: effectiveKey, kind: kind, path: path)
    }

    /// Handles list items carrying `$patch`: `delete` removes every item with that key,
    /// `replace` makes the other items the whole list.
    func mergeSpecialElements(
        _ originalIn: [JSONValue], _ patch: [JSONValue], mergeKey: String, path: String, view: inout AliasedList
    ) throws(Failure) -> ([JSONValue], [JSONValue]) {
        var original = originalIn
        var plain: [JSONValue] = []
        var replace = false
        for item in patch {
            guard case .object(let m) = item else {
                throw fail(path, .badArgType(expected: "map[string]interface {}", got: item.goTypeName))
            }
            guard let directive = m[M.directiveMarker] else {
                plain.append(item)
                continue
            }
            switch directive.stringValue {
            case "delete":
                guard let keyValue = m[mergeKey] else {
                    throw fail(path, .noMergeKey(map: item.goDescription, key: mergeKey))
                }
                while let index = try Self.indexOfMap(in: original, mergeKey: mergeKey, value: keyValue, path: path) {
                    original.remove(at: index)
                    view.remove(at: index)
                }
            case "replace":
                replace = true
            case "merge":
                throw fail(path, .mergingListsNotSupported)
            default:
                throw fail(path, .badPatchType(directive: directive.goScalarText, in: item.goDescription))
            }
        }
        if replace {
            view.detach()
            return (plain, [])
        }
        return (original, plain)
    }

    func mergeElements(
        _ originalIn: [JSONValue], _ patch: [JSONValue], mergeKey: String, path: String, view: inout AliasedList
    ) throws(Failure) -> [JSONValue] {
        var original = originalIn
        let elementPath = path + "[]"
        for item in patch {
            guard case .object(let m) = item, let keyValue = m[mergeKey] else {
                throw fail(path, .noMergeKey(map: item.goDescription, key: mergeKey))
            }
            if let index = try Self.indexOfMap(in: original, mergeKey: mergeKey, value: keyValue, path: path) {
                original[index] = .object(try mergeMap(original[index].objectValue!, m, path: elementPath))
                view.set(index, original[index])
            } else {
                original.append(try fresh(item, path: elementPath))
                view.append(original[original.count - 1])
            }
        }
        return original
    }

    static func indexOfMap(in list: [JSONValue], mergeKey: String, value: JSONValue, path: String) throws(Failure) -> Int? {
        for (i, item) in list.enumerated() {
            guard case .object(let m) = item else {
                throw Failure(path: path, reason: .badArgType(expected: "map[string]interface {}", got: item.goTypeName))
            }
            if let v = m[mergeKey], v.isEquivalent(to: value) { return i }
        }
        return nil
    }

    static func deduplicated(_ list: [JSONValue]) -> [JSONValue] {
        var out: [JSONValue] = []
        for item in list where !out.contains(where: { $0.isEquivalent(to: item) }) { out.append(item) }
        return out
    }

    /// All items must be objects or all scalars; lists of lists are refused, as upstream does.
    func elementKind(_ lists: [JSONValue]..., path: String) throws(Failure) -> ElementKind {
        var kind: ElementKind? = nil
        var scalarType: String? = nil
        for list in lists {
            for item in list {
                let this: ElementKind
                switch item {
                case .array: throw fail(path, .listOfLists)
                case .object: this = .object
                default: this = .scalar
                }
                if let kind, kind != this {
                    throw fail(path, .elementTypesDiffer(lists.map { JSONValue.array($0).goDescription }.joined(separator: " ")))
                }
                if this == .scalar {
                    if let scalarType, scalarType != item.goTypeName {
                        throw fail(path, .elementTypesDiffer(lists.map { JSONValue.array($0).goDescription }.joined(separator: " ")))
                    }
                    scalarType = item.goTypeName
                }
                kind = this
            }
        }
        return kind ?? .scalar
    }

    /// `$retainKeys: [a, b]` clears every other key of the original object.
    func applyRetainKeys(_ original: inout JSONObject, _ patch: inout JSONObject, path: String) throws(Failure) {
        guard let retain = patch.removeValue(forKey: M.retainKeysDirective) else { return }
        if !mergeParallelList {
            if let existing = original[M.retainKeysDirective] {
                guard existing.isEquivalent(to: retain) else {
                    throw fail(path, .retainKeysDiffer(existing.goDescription, retain.goDescription))
                }
            } else {
                original[M.retainKeysDirective] = retain
            }
            return
        }
        guard case .array(let keys) = retain else { throw fail(path, .badRetainKeys) }
        let retained = Set(keys.compactMap(\.stringValue))
        for (key, value) in patch {
            if value.isNull || key.hasPrefix(M.deleteFromPrimitiveListPrefix) || key.hasPrefix(M.setElementOrderPrefix) {
                continue
            }
            guard retained.contains(key) else { throw fail(path, .badRetainKeys) }
        }
        original = original.filter { retained.contains($0.key) }
    }

    func extractKey(_ key: String, prefix: String, path: String) throws(Failure) -> String {
        let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == prefix else {
            throw fail(path, prefix == M.setElementOrderPrefix ? .badSetElementOrder : .badPrimitiveList)
        }
        return String(parts[1])
    }
}

/// What upstream's caller still sees of a list after `mergeSlice` edited it in place.
///
/// Upstream deletes list items with `append(s[:i], s[i+1:]...)` and appends merged items to
/// the same Go slice, so the caller's view of the original list (same backing array, same
/// length) ends up holding shifted and appended items. `$setElementOrder` then uses that view
/// to place server-only items, and the resulting order is what kubectl and upstream's tests
/// expect, so the edits are replayed here on a copy.
struct AliasedList {
    private(set) var items: [JSONValue]
    /// Length of the list being edited; the view shows only the first `items.count` slots.
    private var length: Int
    private var detached = false

    init(_ items: [JSONValue]) {
        self.items = items
        self.length = items.count
    }

    mutating func remove(at index: Int) {
        guard !detached else { return }
        let end = min(length, items.count)
        if index < end - 1 {
            for i in index..<(end - 1) { items[i] = items[i + 1] }
        }
        length -= 1
    }

    mutating func set(_ index: Int, _ value: JSONValue) {
        guard !detached, index < items.count else { return }
        items[index] = value
    }

    mutating func append(_ value: JSONValue) {
        guard !detached else { return }
        if length < items.count { items[length] = value }
        length += 1
    }

    /// Later edits go to a different list (upstream's `$patch: replace` result).
    mutating func detach() { detached = true }
}
