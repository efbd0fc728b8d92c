import Testing
import Yams

@testable import KubeAPI

/// The schema of upstream's test type `MergeItem` (strategicpatch/patch_test.go): every list or
/// object field means the same thing at any depth, so rules go by the last field name.
struct MergeItemSchema: StrategicMergeSchema {
    func field(_ path: String) -> Substring { path.split(separator: ".").last ?? "" }

    func listType(at path: String) -> ListType {
        switch field(path) {
        case "mergingList", "retainKeysMergingList", "mergeItemPtr": return .map(keys: ["name"])
        case "mergingIntList": return .set
        default: return .atomic
        }
    }

    func retainsKeys(at path: String) -> Bool {
        ["retainKeysMap", "retainKeysMergingList"].contains(field(path))
    }

    func replacesObject(at path: String) -> Bool { field(path) == "replacingItem" }
}

func yaml(_ text: String) throws -> JSONValue {
    try YAMLDecoder().decode(JSONValue.self, from: text)
}

@Suite struct StrategicMergePatchTests {
    /// Upstream's three-way cases: `twoWay` is the patch from original to modified, `threeWay` the
    /// patch kubectl apply sends for (original, modified, current), `result` that patch applied to current.
    struct ThreeWayCase: CustomTestStringConvertible, Sendable {
        var name: String
        var original: String
        var modified: String
        var current: String
        var twoWay: String
        var threeWay: String
        var result: String
        var twoWayResult: String? = nil
        var testDescription: String { name }
    }

    static let threeWayCases: [ThreeWayCase] = [
        .init(name: "nil original", original: "{}", modified: "{name: 1, value: 1}", current: "{name: 1, other: a}",
              twoWay: "{name: 1, value: 1}", threeWay: "{value: 1}", result: "{name: 1, value: 1, other: a}"),
        .init(name: "nil patch", original: "{name: 1}", modified: "{name: 1}", current: "{name: 1}",
              twoWay: "{}", threeWay: "{}", result: "{name: 1}"),
        .init(name: "add field to map with conflict", original: "{name: 1}", modified: "{name: 1, value: 1}",
              current: "{name: a, other: a}", twoWay: "{value: 1}", threeWay: "{name: 1, value: 1}",
              result: "{name: 1, value: 1, other: a}"),
        .init(name: "add field and delete field from map", original: "{name: 1}", modified: "{value: 1}",
              current: "{name: 1, other: a}", twoWay: "{name: null, value: 1}", threeWay: "{name: null, value: 1}",
              result: "{value: 1, other: a}"),
        .init(name: "delete field from nested map with conflict", original: "{simpleMap: {key1: 1, key2: 1}}",
              modified: "{simpleMap: {key1: 1}}", current: "{simpleMap: {key1: a, key2: 1, other: a}}",
              twoWay: "{simpleMap: {key2: null}}", threeWay: "{simpleMap: {key1: 1, key2: null}}",
              result: "{simpleMap: {key1: 1, other: a}}"),
        .init(name: "add field and delete all fields from map with conflict", original: "{name: 1, value: 1}",
              modified: "{other: a}", current: "{name: 1, value: 1, other: b}",
              twoWay: "{name: null, value: null, other: a}", threeWay: "{name: null, value: null, other: a}",
              result: "{other: a}"),
        .init(name: "replace list of scalars with conflict", original: "{nonMergingIntList: [1, 2]}",
              modified: "{nonMergingIntList: [2, 3]}", current: "{nonMergingIntList: [1, 4]}",
              twoWay: "{nonMergingIntList: [2, 3]}", threeWay: "{nonMergingIntList: [2, 3]}",
              result: "{nonMergingIntList: [2, 3]}"),
        .init(name: "delete all maps from merging list with conflict", original: "{mergingList: [{name: 1}, {name: 2}]}",
              modified: "{mergingList: []}", current: "{mergingList: [{name: 1, other: a}, {name: 2, other: b}]}",
              twoWay: "{mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}",
              threeWay: "{mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]}",
              result: "{mergingList: []}"),
        .init(name: "merge empty merging lists", original: "{mergingList: []}", modified: "{mergingList: []}",
              current: "{mergingList: []}", twoWay: "{}", threeWay: "{}", result: "{mergingList: []}"),
        .init(name: "defined null values should propagate overwrite current fields", original: "{name: 2}",
              modified: "{name: 1, value: 1, other: null}", current: "{name: a, other: a}",
              twoWay: "{name: 1, value: 1, other: null}", threeWay: "{name: 1, value: 1, other: null}",
              result: "{name: 1, value: 1}", twoWayResult: "{name: 1, value: 1}"),
        .init(name: "retainKeys map with no change should not be present", original: "{name: a, retainKeysMap: {name: foo}}",
              modified: "{name: a, value: b, retainKeysMap: {name: foo}}",
              current: "{name: a, other: c, retainKeysMap: {name: foo}}", twoWay: "{value: b}", threeWay: "{value: b}",
              result: "{name: a, value: b, other: c, retainKeysMap: {name: foo}}"),
        .init(name: "delete items in lists of scalars", original: "{mergingIntList: [1, 2, 3]}",
              modified: "{mergingIntList: [1, 2]}", current: "{mergingIntList: [1, 2, 3, 4]}",
              twoWay: "{$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}",
              threeWay: "{$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}",
              result: "{mergingIntList: [1, 2, 4]}"),
        .init(name: "delete all duplicate items in lists of scalars", original: "{mergingIntList: [1, 2, 3, 3]}",
              modified: "{mergingIntList: [1, 2]}", current: "{mergingIntList: [1, 2, 3, 3, 4]}",
              twoWay: "{$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}",
              threeWay: "{$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}",
              result: "{mergingIntList: [1, 2, 4]}"),
        .init(name: "add and delete items in lists of scalars", original: "{mergingIntList: [1, 2, 3]}",
              modified: "{mergingIntList: [1, 2, 4]}", current: "{mergingIntList: [1, 2, 3, 4]}",
              twoWay: "{$setElementOrder/mergingIntList: [1, 2, 4], $deleteFromPrimitiveList/mergingIntList: [3], mergingIntList: [4]}",
              threeWay: "{$setElementOrder/mergingIntList: [1, 2, 4], $deleteFromPrimitiveList/mergingIntList: [3]}",
              result: "{mergingIntList: [1, 2, 4]}"),
        .init(name: "merge lists of maps", original: "{mergingList: [{name: 1}, {name: 2, value: 2}]}",
              modified: "{mergingList: [{name: 4, value: 4}, {name: 1}, {name: 2, value: 2}, {name: 3, value: 3}]}",
              current: "{mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}",
              twoWay: "{$setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]}",
              threeWay: "{$setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]}",
              result: "{mergingList: [{name: 4, value: 4}, {name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]}"),
        .init(name: "merge lists of maps with conflict", original: "{mergingList: [{name: 1}, {name: 2, value: 2}]}",
              modified: "{mergingList: [{name: 1}, {name: 2, value: 2}, {name: 3, value: 3}]}",
              current: "{mergingList: [{name: 1, other: a}, {name: 2, value: 3, other: b}]}",
              twoWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 3, value: 3}]}",
              threeWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 2, value: 2}, {name: 3, value: 3}]}",
              result: "{mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]}"),
        .init(name: "add map and delete map from merging list", original: "{mergingList: [{name: 1}, {name: 2}]}",
              modified: "{mergingList: [{name: 2}, {name: 3}]}",
              current: "{mergingList: [{name: 1}, {name: 2, other: b}, {name: 4, other: c}]}",
              twoWay: "{$setElementOrder/mergingList: [{name: 2}, {name: 3}], mergingList: [{name: 3}, {name: 1, $patch: delete}]}",
              threeWay: "{$setElementOrder/mergingList: [{name: 2}, {name: 3}], mergingList: [{name: 3}, {name: 1, $patch: delete}]}",
              result: "{mergingList: [{name: 2, other: b}, {name: 4, other: c}, {name: 3}]}"),
        .init(name: "add map and delete map from merging list with conflict", original: "{mergingList: [{name: 1}, {name: 2}]}",
              modified: "{mergingList: [{name: 2}, {name: 3}]}",
              current: "{mergingList: [{name: 1, other: a}, {name: 4, other: c}]}",
              twoWay: "{$setElementOrder/mergingList: [{name: 2}, {name: 3}], mergingList: [{name: 3}, {name: 1, $patch: delete}]}",
              threeWay: "{$setElementOrder/mergingList: [{name: 2}, {name: 3}], mergingList: [{name: 2}, {name: 3}, {name: 1, $patch: delete}]}",
              result: "{mergingList: [{name: 4, other: c}, {name: 2}, {name: 3}]}"),
        .init(name: "delete missing field from map in merging list with conflict",
              original: "{mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}",
              modified: "{mergingList: [{name: 1}, {name: 2, value: 2}]}",
              current: "{mergingList: [{name: 1, other: a}, {name: 2, other: b}]}",
              twoWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: null}]}",
              threeWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: null}, {name: 2, value: 2}]}",
              result: "{mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]}"),
        .init(name: "replace non merging list nested in merging list with deletion conflict",
              original: "{mergingList: [{name: 1, nonMergingList: [{name: 1}, {name: 2, value: 2}]}, {name: 2}]}",
              modified: "{mergingList: [{name: 1, nonMergingList: [{name: 1, value: 1}]}, {name: 2}]}",
              current: "{mergingList: [{name: 1, other: a, nonMergingList: [{name: 2, value: 2}]}, {name: 2, other: b}]}",
              twoWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, nonMergingList: [{name: 1, value: 1}]}]}",
              threeWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, nonMergingList: [{name: 1, value: 1}]}]}",
              result: "{mergingList: [{name: 1, other: a, nonMergingList: [{name: 1, value: 1}]}, {name: 2, other: b}]}"),
        .init(name: "add field to map in merging list nested in merging list with value conflict",
              original: "{mergingList: [{name: 1, mergingList: [{name: 1}, {name: 2, value: 2}]}, {name: 2}]}",
              modified: "{mergingList: [{name: 1, mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}, {name: 2}]}",
              current: "{mergingList: [{name: 1, other: a, mergingList: [{name: 1, value: a, other: c}, {name: 2, value: b, other: d}]}, {name: 2, other: b}]}",
              twoWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{$setElementOrder/mergingList: [{name: 1}, {name: 2}], name: 1, mergingList: [{name: 1, value: 1}]}]}",
              threeWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{$setElementOrder/mergingList: [{name: 1}, {name: 2}], name: 1, mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]}]}",
              result: "{mergingList: [{name: 1, other: a, mergingList: [{name: 1, value: 1, other: c}, {name: 2, value: 2, other: d}]}, {name: 2, other: b}]}"),
        .init(name: "reorder nested merging list with deletion conflict",
              original: "{mergingList: [{name: 1, mergingList: [{name: 1}, {name: 2, value: 2}]}, {name: 2}]}",
              modified: "{mergingList: [{name: 1, mergingList: [{name: 2, value: 2}, {name: 1, value: 1}]}, {name: 2}]}",
              current: "{mergingList: [{name: 1, other: a, mergingList: [{name: 2, value: 2, other: d}]}, {name: 2, other: b}]}",
              twoWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{$setElementOrder/mergingList: [{name: 2}, {name: 1}], name: 1, mergingList: [{name: 1, value: 1}]}]}",
              threeWay: "{$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{$setElementOrder/mergingList: [{name: 2}, {name: 1}], name: 1, mergingList: [{name: 1, value: 1}]}]}",
              result: "{mergingList: [{name: 1, other: a, mergingList: [{name: 2, value: 2, other: d}, {name: 1, value: 1}]}, {name: 2, other: b}]}"),
        .init(name: "add map to merging list by pointer with conflict", original: "{mergeItemPtr: [{name: 1}]}",
              modified: "{mergeItemPtr: [{name: 1}, {name: 2}]}", current: "{mergeItemPtr: [{name: 3}]}",
              twoWay: "{$setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}], mergeItemPtr: [{name: 2}]}",
              threeWay: "{$setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}], mergeItemPtr: [{name: 1}, {name: 2}]}",
              result: "{mergeItemPtr: [{name: 1}, {name: 2}, {name: 3}]}"),
        .init(name: "retainKeys map clears a field", original: "{retainKeysMap: {name: foo, value: bar}}",
              modified: "{retainKeysMap: {name: foo, value: bar}}", current: "{retainKeysMap: {name: foo, value: bar, other: a}}",
              twoWay: "{}", threeWay: "{retainKeysMap: {$retainKeys: [name, value]}}",
              result: "{retainKeysMap: {name: foo, value: bar}}"),
        .init(name: "retainKeys map nested map with no change", original: "{retainKeysMap: {name: foo, simpleMap: {key1: a}}}",
              modified: "{retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a}}}",
              current: "{retainKeysMap: {name: foo, simpleMap: {key1: a}}}",
              twoWay: "{retainKeysMap: {$retainKeys: [name, simpleMap, value], value: bar}}",
              threeWay: "{retainKeysMap: {$retainKeys: [name, simpleMap, value], value: bar}}",
              result: "{retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a}}}"),
        .init(name: "retainKeys map deletes a field in a nested map",
              original: "{retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key2: b}}}",
              modified: "{retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a}}}",
              current: "{retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key2: b, key3: c}}}",
              twoWay: "{retainKeysMap: {$retainKeys: [name, simpleMap, value], simpleMap: {key2: null}}}",
              threeWay: "{retainKeysMap: {$retainKeys: [name, simpleMap, value], simpleMap: {key2: null}}}",
              result: "{retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key3: c}}}"),
        .init(name: "retainKeys map nested non-merging list with no change with conflict",
              original: "{retainKeysMap: {name: foo, nonMergingList: [{name: a}, {name: b}]}}",
              modified: "{retainKeysMap: {name: foo, value: bar, nonMergingList: [{name: a}, {name: b}]}}",
              current: "{retainKeysMap: {name: foo, nonMergingList: [{name: a}, {name: b}, {name: c}]}}",
              twoWay: "{retainKeysMap: {$retainKeys: [name, nonMergingList, value], value: bar}}",
              threeWay: "{retainKeysMap: {$retainKeys: [name, nonMergingList, value], value: bar, nonMergingList: [{name: a}, {name: b}]}}",
              result: "{retainKeysMap: {name: foo, value: bar, nonMergingList: [{name: a}, {name: b}]}}"),
        .init(name: "retainKeys map deletes nested non-merging list",
              original: "{retainKeysMap: {name: foo, nonMergingList: [{name: a}, {name: b}]}}",
              modified: "{retainKeysMap: {name: foo, value: bar}}",
              current: "{retainKeysMap: {name: foo, nonMergingList: [{name: a}, {name: b}]}}",
              twoWay: "{retainKeysMap: {$retainKeys: [name, value], value: bar, nonMergingList: null}}",
              threeWay: "{retainKeysMap: {$retainKeys: [name, value], value: bar, nonMergingList: null}}",
              result: "{retainKeysMap: {name: foo, value: bar}}"),
        .init(name: "retainKeys map nested merging int list with no change",
              original: "{retainKeysMap: {name: foo, mergingIntList: [1, 2]}}",
              modified: "{retainKeysMap: {name: foo, value: bar, mergingIntList: [1, 2]}}",
              current: "{retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}}",
              twoWay: "{retainKeysMap: {$retainKeys: [mergingIntList, name, value], value: bar}}",
              threeWay: "{retainKeysMap: {$retainKeys: [mergingIntList, name, value], $setElementOrder/mergingIntList: [1, 2], value: bar}}",
              result: "{retainKeysMap: {name: foo, value: bar, mergingIntList: [1, 2, 3]}}"),
        .init(name: "retainKeys map adds an item in nested merging int list",
              original: "{retainKeysMap: {name: foo, mergingIntList: [1, 2]}}",
              modified: "{retainKeysMap: {name: foo, mergingIntList: [1, 2, 4]}}",
              current: "{retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}}",
              twoWay: "{retainKeysMap: {$setElementOrder/mergingIntList: [1, 2, 4], $retainKeys: [mergingIntList, name], mergingIntList: [4]}}",
              threeWay: "{retainKeysMap: {$setElementOrder/mergingIntList: [1, 2, 4], $retainKeys: [mergingIntList, name], mergingIntList: [4]}}",
              result: "{retainKeysMap: {name: foo, mergingIntList: [1, 2, 4, 3]}}"),
        .init(name: "retainKeys map adds an item and deletes an item in nested merging int list",
              original: "{retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}}",
              modified: "{retainKeysMap: {name: foo, mergingIntList: [1, 3, 5]}}",
              current: "{retainKeysMap: {name: foo, mergingIntList: [1, 2, 3, 4]}}",
              twoWay: "{retainKeysMap: {$retainKeys: [mergingIntList, name], mergingIntList: [5], $deleteFromPrimitiveList/mergingIntList: [2], $setElementOrder/mergingIntList: [1, 3, 5]}}",
              threeWay: "{retainKeysMap: {$retainKeys: [mergingIntList, name], mergingIntList: [5], $deleteFromPrimitiveList/mergingIntList: [2], $setElementOrder/mergingIntList: [1, 3, 5]}}",
              result: "{retainKeysMap: {name: foo, mergingIntList: [1, 3, 5, 4]}}"),
        .init(name: "retainKeys map nested merging list with no change",
              original: "{retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}]}}",
              modified: "{retainKeysMap: {name: foo, value: bar, mergingList: [{name: a}, {name: b}]}}",
              current: "{retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: c}]}}",
              twoWay: "{retainKeysMap: {$retainKeys: [mergingList, name, value], value: bar}}",
              threeWay: "{retainKeysMap: {$retainKeys: [mergingList, name, value], $setElementOrder/mergingList: [{name: a}, {name: b}], value: bar}}",
              result: "{retainKeysMap: {name: foo, value: bar, mergingList: [{name: a}, {name: b}, {name: c}]}}"),
        .init(name: "retainKeys map adds an item in nested merging list",
              original: "{retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}]}}",
              modified: "{retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: c}]}}",
              current: "{retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: x}]}}",
              twoWay: "{retainKeysMap: {$retainKeys: [mergingList, name], $setElementOrder/mergingList: [{name: a}, {name: b}, {name: c}], mergingList: [{name: c}]}}",
              threeWay: "{retainKeysMap: {$retainKeys: [mergingList, name], $setElementOrder/mergingList: [{name: a}, {name: b}, {name: c}], mergingList: [{name: c}]}}",
              result: "{retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: c}, {name: x}]}}"),
        .init(name: "retainKeys map changes an item in nested merging list",
              original: "{retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b, value: foo}]}}",
              modified: "{retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b, value: bar}]}}",
              current: "{retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b, value: foo}, {name: x}]}}",
              twoWay: "{retainKeysMap: {$retainKeys: [mergingList, name], $setElementOrder/mergingList: [{name: a}, {name: b}], mergingList: [{name: b, value: bar}]}}",
              threeWay: "{retainKeysMap: {$retainKeys: [mergingList, name], $setElementOrder/mergingList: [{name: a}, {name: b}], mergingList: [{name: b, value: bar}]}}",
              result: "{retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b, value: bar}, {name: x}]}}"),
    ]

    @Test(arguments: threeWayCases)
    func createsAndAppliesUpstreamCases(_ c: ThreeWayCase) throws {
        let schema = MergeItemSchema()
        let original = try yaml(c.original)
        let modified = try yaml(c.modified)
        let current = try yaml(c.current)

        let twoWay = try StrategicMergePatch.createTwoWayMergePatch(original: original, modified: modified, schema: schema)
        #expect(twoWay.isEquivalent(to: try yaml(c.twoWay)), "two-way patch: \(twoWay)")
        let twoWayApplied = try StrategicMergePatch.apply(twoWay, to: original, schema: schema)
        #expect(twoWayApplied.isEquivalent(to: try yaml(c.twoWayResult ?? c.modified)), "two-way result: \(twoWayApplied)")

        let threeWay = try StrategicMergePatch.createThreeWayMergePatch(
            original: original, modified: modified, current: current, schema: schema)
        #expect(threeWay.isEquivalent(to: try yaml(c.threeWay)), "three-way patch: \(threeWay)")
        let result = try StrategicMergePatch.apply(threeWay, to: current, schema: schema)
        #expect(result.isEquivalent(to: try yaml(c.result)), "three-way result: \(result)")
    }

    /// Upstream's "custom" cases: patches CreateTwoWayMergePatch would not write, applied to original.
    static let applyCases: [(String, String, String, String)] = [
        ("unique scalars when merging lists", "{mergingIntList: [1, 2]}", "{mergingIntList: [2, 3]}", "{mergingIntList: [1, 2, 3]}"),
        ("delete map from nested map", "{simpleMap: {key1: 1, key2: 1}}", "{simpleMap: {$patch: delete}}", "{simpleMap: {}}"),
        ("delete all items from merging list", "{mergingList: [{name: 1}, {name: 2}]}", "{mergingList: [{$patch: replace}]}",
         "{mergingList: []}"),
        ("merge empty merging lists", "{mergingList: []}", "{mergingList: []}", "{mergingList: []}"),
        ("delete all keys from map", "{name: 1, value: 1}", "{$patch: replace}", "{}"),
        ("add key and delete all keys from map", "{name: 1, value: 1}", "{other: a, $patch: replace}", "{other: a}"),
        ("de-duplicate entries in a merging list",
         "{mergingList: [{name: 1}, {name: 1}, {name: 2, value: a}, {name: 3}, {name: 3}]}",
         "{mergingList: [{name: 1, $patch: delete}, {name: 3, $patch: delete}]}", "{mergingList: [{name: 2, value: a}]}"),
        ("retainKeys map can add a field when no retainKeys directive present", "{retainKeysMap: {name: foo}}",
         "{retainKeysMap: {value: bar}}", "{retainKeysMap: {name: foo, value: bar}}"),
        ("retainKeys map can delete a field when no retainKeys directive present", "{retainKeysMap: {name: foo, value: a}}",
         "{retainKeysMap: {value: null}}", "{retainKeysMap: {name: foo}}"),
        ("retainKeys directive clears other keys", "{retainKeysMap: {name: foo, value: a, other: b}}",
         "{retainKeysMap: {$retainKeys: [name, value], value: c}}", "{retainKeysMap: {name: foo, value: c}}"),
        ("retainKeys list can change a field", "{retainKeysMergingList: [{name: bar}, {name: foo, value: a}]}",
         "{retainKeysMergingList: [{name: foo, value: b}]}", "{retainKeysMergingList: [{name: bar}, {name: foo, value: b}]}"),
        ("preserve the order from the patch in a merging list", "{mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]}",
         "{mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, other: x}]}",
         "{mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, value: b, other: x}]}"),
        ("preserve the order from the patch in a merging list 2", "{mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]}",
         "{mergingList: [{name: 3, value: c}, {name: 1, value: a}]}",
         "{mergingList: [{name: 2, value: b}, {name: 3, value: c}, {name: 1, value: a}]}"),
        ("preserve the order from the patch in a merging int list", "{mergingIntList: [1, 2, 3]}", "{mergingIntList: [3, 1, 2]}",
         "{mergingIntList: [3, 1, 2]}"),
        ("preserve the order from the patch in a merging int list 2", "{mergingIntList: [1, 2, 3]}", "{mergingIntList: [3, 1]}",
         "{mergingIntList: [2, 3, 1]}"),
        ("$setElementOrder contains item that is not present in the list to be merged", "{mergingList: [{name: 1}, {name: 3}]}",
         "{$setElementOrder/mergingList: [{name: 3}, {name: 2}, {name: 1}], mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}",
         "{mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}"),
        ("$setElementOrder contains item that is not present in the int list to be merged", "{mergingIntList: [1, 3]}",
         "{$setElementOrder/mergingIntList: [3, 2, 1]}", "{mergingIntList: [3, 1]}"),
        ("replace strategy replaces the whole object", "{replacingItem: {a: 1, b: 2}}", "{replacingItem: {c: 3}}",
         "{replacingItem: {c: 3}}"),
        ("null for an absent field is dropped", "{name: 1}", "{value: null, simpleMap: {a: null, b: 1}}",
         "{name: 1, simpleMap: {b: 1}}"),
        ("directives in a new subtree are resolved", "{}", "{mergingList: [{name: 1, $patch: delete}, {name: 2}]}",
         "{mergingList: [{name: 2}]}"),
    ]

    @Test(arguments: applyCases)
    func appliesUpstreamCustomPatches(_ name: String, _ original: String, _ patch: String, _ expected: String) throws {
        let result = try StrategicMergePatch.apply(try yaml(patch), to: try yaml(original), schema: MergeItemSchema())
        #expect(result.isEquivalent(to: try yaml(expected)), "\(name): \(result)")
    }

    @Test(arguments: [
        ("{mergingList: [{name: 1}, {name: 3}, {name: 2}]}",
         "{$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}",
         "mergingList: The order in patch list:\n[map[name:3 value:3] map[name:1 value:1]]\n doesn't match $setElementOrder list:\n[map[name:1] map[name:2] map[name:3]]\n"),
        ("{mergingIntList: [1, 3, 2]}", "{$setElementOrder/mergingIntList: [1, 2, 3], mergingIntList: [3, 1]}",
         "mergingIntList: The order in patch list:\n[3 1]\n doesn't match $setElementOrder list:\n[1 2 3]\n"),
        ("{mergingList: [{name: 1, value: a}]}", "{mergingList: [{value: b}]}",
         "mergingList: map: map[value:b] does not contain declared merge key: name"),
        ("{mergingList: [{name: 1}]}", "{mergingList: [{name: 1, $patch: merge}]}",
         "mergingList: merging lists cannot yet be specified in the patch"),
        ("{mergingList: [{name: 1}]}", "{mergingList: [{name: 1, $patch: frob}]}",
         "mergingList: unknown patch type: frob in map: map[$patch:frob name:1]"),
        ("{simpleMap: {a: 1}}", "{simpleMap: {$patch: merge}}", "simpleMap: unknown patch type: merge in map: map[$patch:merge]"),
        ("{retainKeysMap: {name: a}}", "{retainKeysMap: {$retainKeys: [name], value: b}}",
         "retainKeysMap: invalid patch format of retainKeys"),
        ("{mergingIntList: [1]}", "{$deleteFromPrimitiveList: [1]}", "invalid patch format of primitive list"),
        ("{mergingList: [[1]]}", "{mergingList: [[2]]}", "mergingList: lists of lists are not supported"),
    ])
    func rejectsMalformedPatches(_ original: String, _ patch: String, _ message: String) throws {
        let o = try yaml(original)
        let p = try yaml(patch)
        do {
            let r = try StrategicMergePatch.apply(p, to: o, schema: MergeItemSchema())
            Issue.record("applied to \(r)")
        } catch {
            #expect(error.description == message)
        }
    }
}

/// The same machinery driven by a built-in kind's merge rules (PatchSchema).
@Suite struct StrategicMergePatchKindTests {
    static let pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          labels: {app: web, tier: fe}
          finalizers: [a, b]
        spec:
          containers:
          - name: app
            image: app:1
            env:
            - {name: A, value: "1"}
            - {name: B, value: "2"}
          - name: sidecar
            image: proxy:1
          tolerations:
          - {key: k1, operator: Exists}
        """

    func apply(_ patch: String, kind: String = "Pod", to object: String = pod) throws -> JSONValue {
        try StrategicMergePatch.apply(try yaml(patch), to: try yaml(object), kind: kind)
    }

    @Test func containersMergeByName() throws {
        let result = try apply("{spec: {containers: [{name: sidecar, image: proxy:2}, {name: debug, image: busybox}]}}")
        let containers = result[path: ["spec", "containers"]]?.arrayValue ?? []
        #expect(containers.map { $0["name"]?.stringValue } == ["app", "sidecar", "debug"])
        #expect(containers[1]["image"] == "proxy:2")
        #expect(containers[0]["env"]?.arrayValue?.count == 2, "untouched container keeps its env")
    }

    @Test func envMergesByNameInsideContainer() throws {
        let result = try apply("{spec: {containers: [{name: app, env: [{name: B, value: '3'}, {name: C, value: '4'}]}]}}")
        let env = result[path: ["spec", "containers"]]?.arrayValue?[0]["env"]
        #expect(env == (try yaml("[{name: A, value: '1'}, {name: B, value: '3'}, {name: C, value: '4'}]")))
    }

    @Test func patchDeleteRemovesContainer() throws {
        let result = try apply("{spec: {containers: [{name: app, $patch: delete}]}}")
        #expect(result[path: ["spec", "containers"]]?.arrayValue?.map { $0["name"] } == ["sidecar"])
    }

    @Test func setElementOrderReordersContainers() throws {
        let result = try apply(
            "{spec: {$setElementOrder/containers: [{name: sidecar}, {name: app}], containers: [{name: app, image: app:2}]}}")
        let containers = result[path: ["spec", "containers"]]?.arrayValue ?? []
        #expect(containers.map { $0["name"]?.stringValue } == ["sidecar", "app"])
        #expect(containers[1]["image"] == "app:2")
        #expect(result[path: ["spec"]]?["$setElementOrder/containers"] == nil)
    }

    @Test func atomicListIsReplaced() throws {
        let result = try apply("{spec: {tolerations: [{key: k2, operator: Exists}]}}")
        #expect(result[path: ["spec", "tolerations"]] == (try yaml("[{key: k2, operator: Exists}]")))
    }

    @Test func finalizersMergeAsPrimitiveSet() throws {
        let added = try apply("{metadata: {finalizers: [c, a]}}")
        // Patch order first; server-only items follow the items they followed before.
        #expect(added[path: ["metadata", "finalizers"]] == ["c", "a", "b"])
        let removed = try apply("{metadata: {$deleteFromPrimitiveList/finalizers: [a]}}")
        #expect(removed[path: ["metadata", "finalizers"]] == ["b"])
    }

    @Test func nullDeletesAndReplaceDirectiveReplacesMap() throws {
        let deleted = try apply("{metadata: {labels: {tier: null, missing: null}}}")
        #expect(deleted[path: ["metadata", "labels"]] == ["app": "web"])
        let replaced = try apply("{metadata: {labels: {$patch: replace, env: prod}}}")
        #expect(replaced[path: ["metadata", "labels"]] == ["env": "prod"])
    }

    @Test func errorsNameTheFieldPath() throws {
        do {
            _ = try apply("{spec: {containers: [{image: x}]}}")
            Issue.record("accepted a container without a name")
        } catch let error as StrategicMergePatchError {
            #expect(error.path == "spec.containers")
            #expect(error.description == "spec.containers: map: map[image:x] does not contain declared merge key: name")
        }
        #expect(throws: StrategicMergePatchError(path: "", reason: .notAnObject(what: "the patch", got: "array"))) {
            try apply("[1]")
        }
    }

    static let lastApplied = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web, tier: fe}
        spec:
          replicas: 2
          strategy:
            type: RollingUpdate
            rollingUpdate: {maxSurge: 1}
          template:
            spec:
              containers:
              - name: web
                image: nginx:1
                env:
                - {name: A, value: "1"}
                - {name: B, value: "2"}
        """

    static let newConfig = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web}
        spec:
          replicas: 3
          strategy:
            type: Recreate
          template:
            spec:
              containers:
              - name: web
                image: nginx:2
                env:
                - {name: A, value: "1"}
        """

    static let live = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          uid: u-1
          labels: {app: web, tier: fe}
        spec:
          replicas: 2
          strategy:
            type: RollingUpdate
            rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}
          template:
            spec:
              containers:
              - name: web
                image: nginx:1
                imagePullPolicy: IfNotPresent
                env:
                - {name: A, value: "1"}
                - {name: B, value: "2"}
              - name: injected
                image: proxy:1
        status:
          replicas: 2
        """

    @Test func kubectlApplyThreeWayPatchForDeployment() throws {
        let patch = try StrategicMergePatch.createThreeWayMergePatch(
            original: try yaml(Self.lastApplied), modified: try yaml(Self.newConfig), current: try yaml(Self.live),
            kind: "Deployment")
        let expected = try yaml(
            """
            metadata:
              labels: {tier: null}
            spec:
              replicas: 3
              strategy:
                $retainKeys: [type]
                rollingUpdate: null
                type: Recreate
              template:
                spec:
                  $setElementOrder/containers: [{name: web}]
                  containers:
                  - $setElementOrder/env: [{name: A}]
                    env:
                    - {$patch: delete, name: B}
                    image: nginx:2
                    name: web
            """)
        #expect(patch.isEquivalent(to: expected), "\(patch)")
        // Members come out sorted, as upstream's json.Marshal writes them.
        #expect(patch.serialized().hasPrefix(#"{"metadata":{"labels":{"tier":null}},"spec":{"replicas":3,"strategy":{"$retainKeys":["type"],"#))

        let result = try StrategicMergePatch.apply(patch, to: try yaml(Self.live), kind: "Deployment")
        let expectedResult = try yaml(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              uid: u-1
              labels: {app: web}
            spec:
              replicas: 3
              strategy:
                type: Recreate
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx:2
                    imagePullPolicy: IfNotPresent
                    env:
                    - {name: A, value: "1"}
                  - name: injected
                    image: proxy:1
            status:
              replicas: 2
            """)
        #expect(result.isEquivalent(to: expectedResult), "\(result)")
    }

    @Test func threeWayWithoutLastAppliedNeverDeletes() throws {
        let patch = try StrategicMergePatch.createThreeWayMergePatch(
            original: nil, modified: try yaml(Self.newConfig), current: try yaml(Self.live), kind: "Deployment")
        #expect(patch[path: ["metadata", "labels"]] == nil)
        #expect(patch[path: ["spec", "strategy", "type"]] == "Recreate")
        #expect(patch[path: ["spec", "replicas"]] == 3)
    }

    @Test func volumesCarryRetainKeys() throws {
        let original = try yaml("{spec: {volumes: [{name: data, emptyDir: {}}]}}")
        let modified = try yaml("{spec: {volumes: [{name: data, hostPath: {path: /srv}}]}}")
        let patch = try StrategicMergePatch.createTwoWayMergePatch(original: original, modified: modified, kind: "Pod")
        let expected = try yaml(
            "{spec: {$setElementOrder/volumes: [{name: data}], volumes: [{$retainKeys: [hostPath, name], emptyDir: null, hostPath: {path: /srv}, name: data}]}}")
        #expect(patch.isEquivalent(to: expected), "\(patch)")
        let applied = try StrategicMergePatch.apply(patch, to: original, kind: "Pod")
        #expect(applied.isEquivalent(to: modified), "\(applied)")
    }
}
