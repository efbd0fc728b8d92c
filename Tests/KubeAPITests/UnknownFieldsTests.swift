import Testing

@testable import KubeAPI

/// Unknown fields are the keys a typed decode never looked up, reported in document order with
/// the API's field paths and removed from the object; what the type knows stays as it was sent.
@Suite struct UnknownFieldsTests {
    struct Item: Codable { var name: String; var size: Int? }
    struct Spec: Codable {
        var items: [Item]
        var labels: [String: String]?
        var raw: JSONValue?
    }
    struct Thing: Codable { var spec: Spec }

    /// Reads `kind` first with a keyed container of its own, then the rest with another, as
    /// polymorphic types do: a key either opening looked up is known.
    struct TwoPass: Decodable {
        enum KindKey: String, CodingKey { case kind }
        enum RestKey: String, CodingKey { case value }
        var kind: String
        var value: Int
        init(from decoder: any Decoder) throws {
            kind = try decoder.container(keyedBy: KindKey.self).decode(String.self, forKey: .kind)
            value = try decoder.container(keyedBy: RestKey.self).decode(Int.self, forKey: .value)
        }
    }

    func parse(_ text: String) throws -> JSONValue { try JSONValue.parse(Array(text.utf8)) }

    @Test func unknownKeysAreReportedInDocumentOrderAndRemoved() throws {
        var object = try parse(#"""
            {"zeta": 1, "spec": {"items": [{"name": "a", "colour": "red"}, {"name": "b", "size": null}],
             "extra": {"x": 1}, "labels": {"any.key/at-all": "v"}, "raw": {"free": {"form": true}}}}
            """#)
        let (thing, unknown) = try UnknownFields.decodeAndPrune(&object, as: Thing.self) { _, _ in false }
        #expect(unknown == ["zeta", "spec.items[0].colour", "spec.extra"])
        #expect(thing.spec.items.map(\.name) == ["a", "b"])
        #expect(object == (try parse(#"""
            {"spec": {"items": [{"name": "a"}, {"name": "b", "size": null}],
             "labels": {"any.key/at-all": "v"}, "raw": {"free": {"form": true}}}}
            """#)))
    }

    @Test func keptKeysStayAndAreNotReported() throws {
        var object = try parse(#"{"spec": {"items": [], "status": {}, "bad": 1}, "top": null}"#)
        let (_, unknown) = try UnknownFields.decodeAndPrune(&object, as: Thing.self) { parent, value in
            value == .null || value == .object([:]) || parent == "never"
        }
        #expect(unknown == ["spec.bad"])
        #expect(object == (try parse(#"{"spec": {"items": [], "status": {}}, "top": null}"#)))
    }

    @Test func aKeyAnyOpeningLookedUpIsKnown() throws {
        var object = try parse(#"{"kind": "K", "value": 3, "other": true}"#)
        let (value, unknown) = try UnknownFields.decodeAndPrune(&object, as: TwoPass.self) { _, _ in false }
        #expect(value.kind == "K" && value.value == 3)
        #expect(unknown == ["other"])
        #expect(object == (try parse(#"{"kind": "K", "value": 3}"#)))
    }

    @Test func nothingUnknownLeavesTheObjectAlone() throws {
        let sent = try parse(#"{"spec": {"items": [{"name": "a", "size": 2}], "labels": {}}}"#)
        var object = sent
        let (_, unknown) = try UnknownFields.decodeAndPrune(&object, as: Thing.self) { _, _ in false }
        #expect(unknown.isEmpty)
        #expect(object == sent)
    }

    @Test func typeErrorsAreTheDecodersErrors() throws {
        var object = try parse(#"{"spec": {"items": [{"name": 5}]}}"#)
        #expect(throws: DecodingError.self) { try UnknownFields.decodeAndPrune(&object, as: Thing.self) { _, _ in false } }
    }

    /// Objects with more than 64 keys keep their lookups past the first word of bits.
    @Test func wideObjectsAreTracked() throws {
        var fields: [String] = (0..<70).map { "\"k\($0)\": \($0)" }
        fields.append(#""name": "n""#)
        var object = try parse("{\(fields.joined(separator: ", "))}")
        let (_, unknown) = try UnknownFields.decodeAndPrune(&object, as: Item.self) { _, _ in false }
        #expect(unknown == (0..<70).map { "k\($0)" })
        #expect(object == (try parse(#"{"name": "n"}"#)))
    }
}

/// Upstream-shaped objects of each kind decode with nothing unknown: every field upstream sends
/// in them is one the typed structs look up.
@Suite struct UnknownFieldsFixtureTests {
    @Test(arguments: [
        ("Pod", podFixture), ("Deployment", deploymentFixture), ("Service", serviceFixture), ("Secret", secretFixture),
        ("Node", nodeFixture), ("Job", jobFixture), ("CronJob", cronJobFixture), ("Lease", leaseFixture),
        ("EndpointSlice", endpointSliceFixture),
    ])
    func fixturesHaveNoUnknownFields(kind: String, json: String) throws {
        let types: [String: any Decodable.Type] = [
            "Pod": Pod.self, "Deployment": Deployment.self, "Service": Service.self, "Secret": Secret.self,
            "Node": Node.self, "Job": Job.self, "CronJob": CronJob.self, "Lease": Lease.self, "EndpointSlice": EndpointSlice.self,
        ]
        var object = try JSONValue.parse(json)
        let sent = object
        let unknown = try UnknownFields.decodeAndPrune(&object, as: types[kind]!) { _, _ in false }.unknown
        #expect(unknown == [])
        #expect(object == sent)
    }
}
