/// List order in strategic merge patch: `$setElementOrder/<list>` decides the order of the items
/// it names, then the order in the patch, then the order in the live list. Items only the live
/// object has keep their place relative to their neighbours.
/// (upstream design: preserve-order-in-strategic-merge-patch.md)
extension StrategicMerger {
    /// Merges each list that has a `$setElementOrder` directive together with that directive,
    /// removing both from `patch` so the main merge does not process them again.
    func mergeOrderedLists(_ original: inout JSONObject, _ patch: inout JSONObject, path: String) throws(Failure) {
        for directiveKey in Array(patch.keys) where directiveKey.hasPrefix(M.setElementOrderPrefix) {
            let order = patch[directiveKey]!
            if !mergeParallelList {
                if let existing = original[directiveKey] {
                    guard existing.isEquivalent(to: order) else { throw fail(path, .badSetElementOrder) }
                } else {
                    original[directiveKey] = order
                }
            }
            patch.removeValue(forKey: directiveKey)
            guard case .array(let orderList) = order else {
                throw fail(path, .badArgType(expected: "[]interface {}", got: order.goTypeName))
            }
            let key = try extractKey(directiveKey, prefix: M.setElementOrderPrefix, path: path)
            let listPath = Self.join(path, key)
            let originalList = original[key]
            let patchList = patch[key]
            var originalItems: [JSONValue] = []
            var patchItemsIn: [JSONValue] = []
            if let originalList {
                guard case .array(let a) = originalList else {
                    throw fail(listPath, .badArgType(expected: "[]interface {}", got: originalList.goTypeName))
                }
                originalItems = a
            }
            if let patchList {
                guard case .array(let a) = patchList else {
                    throw fail(listPath, .badArgType(expected: "[]interface {}", got: patchList.goTypeName))
                }
                patchItemsIn = a
            }
            let mergeKey = mergeStrategy(at: listPath) ?? ""
            try validateAgainstOrder(patchItemsIn, orderList, mergeKey: mergeKey, path: listPath)

            let merged: [JSONValue]
            var view = AliasedList(originalItems)
            switch (originalList != nil, patchList != nil) {
            case (true, false): merged = originalItems
            case (false, true): merged = try mergeList([], patchItemsIn, path: listPath, isDeleteList: false)
            case (true, true):
                merged = try mergeList(originalItems, patchItemsIn, path: listPath, isDeleteList: false, view: &view)
            case (false, false): continue
            }
            // Upstream orders server-only items by the original list as mergeSlice left it.
            let serverOrder = view.items
            let (inOrder, serverOnly) = try partition(merged, by: orderList, mergeKey: mergeKey, path: listPath)
            let kind = try elementKind(originalItems, patchItemsIn, merged, path: listPath)
            original[key] = .array(
                try normalizeElementOrder(
                    inOrder, serverOnly, patchOrder: orderList, serverOrder: serverOrder, mergeKey: mergeKey, kind: kind,
                    path: listPath))
            patch.removeValue(forKey: key)
        }
    }

    /// Checks that the patch list's items appear in `$setElementOrder` in the same relative order.
    func validateAgainstOrder(_ patchList: [JSONValue], _ order: [JSONValue], mergeKey: String, path: String) throws(Failure) {
        if order.isEmpty || patchList.isEmpty { return }
        var items = patchList
        if !mergeKey.isEmpty { items = try splitDeletions(patchList, path: path).kept }
        var p = 0
        var o = 0
        while p < items.count && o < order.count {
            if items[p][M.directiveMarker] != nil {
                p += 1
                continue
            }
            if try mergeKeyValuesEqual(items[p], order[o], mergeKey: mergeKey, path: path) { p += 1 }
            o += 1
        }
        if p < items.count && o >= order.count {
            throw fail(
                path, .setElementOrderMismatch(patch: JSONValue.array(patchList).goDescription, order: JSONValue.array(order).goDescription))
        }
    }

    func mergeKeyValuesEqual(_ left: JSONValue, _ right: JSONValue, mergeKey: String, path: String) throws(Failure) -> Bool {
        if mergeKey.isEmpty { return left.isEquivalent(to: right) }
        for side in [left, right] {
            guard case .object(let m) = side else {
                throw fail(path, .badArgType(expected: "map[string]interface {}", got: side.goTypeName))
            }
            if m[mergeKey] == nil { throw fail(path, .noMergeKey(map: side.goDescription, key: mergeKey)) }
        }
        return left[mergeKey]!.isEquivalent(to: right[mergeKey]!)
    }

    /// Splits `items` into those present in `by` (by merge key, or by value for scalars) and the rest.
    func partition(_ items: [JSONValue], by: [JSONValue], mergeKey: String, path: String) throws(Failure)
        -> ([JSONValue], [JSONValue])
    {
        var present: [JSONValue] = []
        var absent: [JSONValue] = []
        for item in items {
            let found: Bool
            if mergeKey.isEmpty {
                found = by.contains { $0.isEquivalent(to: item) }
            } else {
                guard case .object(let m) = item, let keyValue = m[mergeKey] else {
                    throw fail(path, .noMergeKey(map: item.goDescription, key: mergeKey))
                }
                found = try Self.indexOfMap(in: by, mergeKey: mergeKey, value: keyValue, path: path) != nil
            }
            if found { present.append(item) } else { absent.append(item) }
        }
        return (present, absent)
    }

    func normalizeElementOrder(
        _ patchItems: [JSONValue], _ serverOnly: [JSONValue], patchOrder: [JSONValue], serverOrder: [JSONValue],
        mergeKey: String, kind: ElementKind, path: String
    ) throws(Failure) -> [JSONValue] {
        let sortedPatch = try normalizeSliceOrder(patchItems, by: patchOrder, mergeKey: mergeKey, kind: kind, path: path)
        let sortedServer = try normalizeSliceOrder(serverOnly, by: serverOrder, mergeKey: mergeKey, kind: kind, path: path)
        return Self.mergeSorted(sortedServer, sortedPatch, serverOrder: serverOrder, mergeKey: mergeKey, kind: kind)
    }

    /// Sorts `items` by their position in `order`; `$patch: delete` items go last.
    func normalizeSliceOrder(_ items: [JSONValue], by order: [JSONValue], mergeKey: String, kind: ElementKind, path: String)
        throws(Failure) -> [JSONValue]
    {
        var toSort = items
        var deletions: [JSONValue] = []
        if kind == .object {
            for item in items + order {
                guard case .object(let m) = item else {
                    throw fail(path, .badArgType(expected: "map[string]interface {}", got: item.goTypeName))
                }
                if m[mergeKey] == nil { throw fail(path, .noMergeKey(map: item.goDescription, key: mergeKey)) }
            }
            (toSort, deletions) = try splitDeletions(items, path: path)
        }
        let positioned = toSort.enumerated().map { ($0.element, Self.index(of: $0.element, in: order, mergeKey: mergeKey, kind: kind), $0.offset) }
        let found = positioned.filter { $0.1 >= 0 }.sorted { ($0.1, $0.2) < ($1.1, $1.2) }.map(\.0)
        let unplaced = positioned.filter { $0.1 < 0 }.map(\.0)
        return found + unplaced + deletions
    }

    func splitDeletions(_ items: [JSONValue], path: String) throws(Failure) -> (kept: [JSONValue], deletions: [JSONValue]) {
        var kept: [JSONValue] = []
        var deletions: [JSONValue] = []
        for item in items {
            guard case .object(let m) = item else {
                throw fail(path, .badArgType(expected: "map[string]interface {}", got: item.goTypeName))
            }
            if m[M.directiveMarker]?.stringValue == "delete" { deletions.append(item) } else { kept.append(item) }
        }
        return (kept, deletions)
    }

    static func index(of item: JSONValue, in list: [JSONValue], mergeKey: String, kind: ElementKind) -> Int {
        let probe = kind == .object ? item[mergeKey] : item
        for (i, candidate) in list.enumerated() {
            let value = kind == .object ? candidate[mergeKey] : candidate
            switch (probe, value) {
            case (nil, nil): return i
            case (let a?, let b?) where a.isEquivalent(to: b): return i
            default: continue
            }
        }
        return -1
    }

    /// Interleaves two individually sorted lists, keeping each one's relative order: a `left`
    /// item goes first only when both are found in `serverOrder` and it comes earlier there.
    static func mergeSorted(_ left: [JSONValue], _ right: [JSONValue], serverOrder: [JSONValue], mergeKey: String, kind: ElementKind)
        -> [JSONValue]
    {
        var result: [JSONValue] = []
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            if i >= left.count {
                result.append(right[j])
                j += 1
            } else if j >= right.count {
                result.append(left[i])
                i += 1
            } else {
                let li = index(of: left[i], in: serverOrder, mergeKey: mergeKey, kind: kind)
                let ri = index(of: right[j], in: serverOrder, mergeKey: mergeKey, kind: kind)
                if li >= 0 && ri >= 0 && li < ri {
                    result.append(left[i])
                    i += 1
                } else {
                    result.append(right[j])
                    j += 1
                }
            }
        }
        return result
    }
}
