import Foundation
import Testing

@testable import KubeAPI

/// `JSONValue.decode(as:)` and `JSONValue(encoding:)` work on the tree directly. They must give
/// what Foundation's JSONDecoder and JSONEncoder give through bytes: the same typed value, the
/// same tree, and the same `DecodingError` with the same coding path, which the apiserver turns
/// into its 400 messages.
@Suite struct JSONValueCodingTests {
    /// Every upstream-shaped fixture: decoded from the tree it equals the JSONDecoder result, and
    /// encoded to a tree it equals what JSONEncoder's bytes parse to.
    @Test(arguments: [
        ("Pod", podFixture), ("Deployment", deploymentFixture), ("Service", serviceFixture),
        ("Secret", secretFixture), ("Node", nodeFixture), ("EventList", eventListFixture), ("Job", jobFixture),
        ("CronJob", cronJobFixture), ("Lease", leaseFixture), ("EndpointSlice", endpointSliceFixture),
        ("Status", statusFixture), ("Table", tableFixture),
    ])
    func fixturesMatchFoundation(kind: String, json: String) throws {
        switch kind {
        case "Pod": try expectSameAsFoundation(Pod.self, json)
        case "Deployment": try expectSameAsFoundation(Deployment.self, json)
        case "Service": try expectSameAsFoundation(Service.self, json)
        case "Secret": try expectSameAsFoundation(Secret.self, json)
        case "Node": try expectSameAsFoundation(Node.self, json)
        case "EventList": try expectSameAsFoundation(EventList.self, json)
        case "Job": try expectSameAsFoundation(Job.self, json)
        case "CronJob": try expectSameAsFoundation(CronJob.self, json)
        case "Lease": try expectSameAsFoundation(Lease.self, json)
        case "EndpointSlice": try expectSameAsFoundation(EndpointSlice.self, json)
        case "Status": try expectSameAsFoundation(Status.self, json)
        case "Table": try expectSameAsFoundation(Table.self, json)
        default: Issue.record("no type for \(kind)")
        }
    }

    @Test func keysKeepTheOrderTheTypeEncodesThem() throws {
        let pod = try JSONValue.parse(podFixture).decode(as: Pod.self)
        let tree = try JSONValue(encoding: pod)
        #expect(tree.objectValue?.keys.prefix(3).elementsEqual(["apiVersion", "kind", "metadata"]) == true)
        #expect(tree.serialized() == (try JSONValue(encoding: pod)).serialized())
    }

    @Test func aWrongJSONTypeIsATypeMismatchAtItsPath() throws {
        let tree = try JSONValue.parse(#"{"metadata":{"name":"a"},"spec":{"containers":[{"name":"c","image":7}]}}"#)
        let treeError = try #require(decodingError { try tree.decode(as: Pod.self) })
        let foundationError = try #require(decodingError { try JSONDecoder().decode(Pod.self, from: Data(tree.serialized().utf8)) })
        guard case .typeMismatch(let type, let context) = treeError, case .typeMismatch(let fType, let fContext) = foundationError else {
            Issue.record("expected typeMismatch, got \(treeError) and \(foundationError)")
            return
        }
        #expect(type == String.self && fType == String.self)
        #expect(path(context.codingPath) == "spec.containers[0].image")
        #expect(path(context.codingPath) == path(fContext.codingPath))
    }

    @Test func anObjectWhereAListBelongsIsATypeMismatch() throws {
        let tree = try JSONValue.parse(#"{"spec":{"containers":{"name":"c"}}}"#)
        let error = try #require(decodingError { try tree.decode(as: Pod.self) })
        guard case .typeMismatch(_, let context) = error else { Issue.record("\(error)"); return }
        #expect(path(context.codingPath) == "spec.containers")
    }

    @Test func nullForARequiredFieldIsValueNotFoundAndNullForAnOptionalIsNil() throws {
        struct Item: Codable { var name: String; var image: String? }
        struct Holder: Codable { var items: [Item] }
        let required = try JSONValue.parse(#"{"items":[{"name":"a"},{"name":null}]}"#)
        let error = try #require(decodingError { try required.decode(as: Holder.self) })
        guard case .valueNotFound(_, let context) = error else { Issue.record("\(error)"); return }
        #expect(path(context.codingPath) == "items[1].name")

        let optional = try JSONValue.parse(#"{"items":[{"name":"c","image":null}]}"#)
        let decoded = try optional.decode(as: Holder.self)
        #expect(decoded.items[0].name == "c" && decoded.items[0].image == nil)
    }

    @Test func numbersConvertOnlyWhenExact() throws {
        #expect(try JSONValue.double(3.0).decode(as: Int32.self) == 3)
        #expect(try JSONValue.int(3).decode(as: Double.self) == 3.0)
        for (value, type) in [(JSONValue.double(3.5), "Int"), (.int(300), "Int8"), (.int(-1), "UInt")] {
            let error = decodingError {
                switch type {
                case "Int": _ = try value.decode(as: Int.self)
                case "Int8": _ = try value.decode(as: Int8.self)
                default: _ = try value.decode(as: UInt.self)
                }
            }
            guard case .dataCorrupted = error else {
                Issue.record("\(value) as \(type): expected dataCorrupted, got \(String(describing: error))")
                continue
            }
        }
        #expect(decodingError { _ = try JSONValue.string("3").decode(as: Int.self) }.map(isTypeMismatch) == true)
        #expect(decodingError { _ = try JSONValue.int(1).decode(as: Bool.self) }.map(isTypeMismatch) == true)
    }

    @Test func aMissingRequiredKeyIsKeyNotFound() throws {
        struct Needs: Codable { var a: String }
        let error = try #require(decodingError { try JSONValue.object([:]).decode(as: Needs.self) })
        guard case .keyNotFound(let key, _) = error else { Issue.record("\(error)"); return }
        #expect(key.stringValue == "a")
    }

    /// Doubles are written the way JSONEncoder writes them, so a whole number reads back as an integer.
    @Test func floatingPointNumbersReadBackAsOnTheWire() throws {
        struct Numbers: Codable, Equatable { var whole: Double; var half: Double; var small: Float; var big: UInt64 }
        let value = Numbers(whole: 3, half: 0.5, small: 0.1, big: 1 << 40)
        let tree = try JSONValue(encoding: value)
        let wire = try JSONValue.parse(try JSONEncoder().encode(value))
        #expect(jsonDifferences(wire, tree).isEmpty, "\(jsonDifferences(wire, tree))")
        #expect(tree["whole"] == .int(3))
        #expect(try tree.decode(as: Numbers.self) == value)
        #expect(throws: EncodingError.self) { try JSONValue(encoding: ["x": Double.nan]) }
    }

    /// Nested containers, super-encoders and unkeyed nesting, which the API types do not use but
    /// hand-written Codable conformances may.
    @Test func nestedContainersAndSuperEncoders() throws {
        struct Shape: Codable, Equatable {
            var name: String
            var points: [[Int]]
            var parent: String

            enum Keys: String, CodingKey { case name, geometry, points, parent }

            init(name: String, points: [[Int]], parent: String) {
                self.name = name
                self.points = points
                self.parent = parent
            }

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: Keys.self)
                var geometry = c.nestedContainer(keyedBy: Keys.self, forKey: .geometry)
                try c.encode(name, forKey: .name)
                var list = geometry.nestedUnkeyedContainer(forKey: .points)
                for p in points {
                    var inner = list.nestedUnkeyedContainer()
                    for x in p { try inner.encode(x) }
                }
                try parent.encode(to: c.superEncoder(forKey: .parent))
            }

            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: Keys.self)
                name = try c.decode(String.self, forKey: .name)
                var list = try c.nestedContainer(keyedBy: Keys.self, forKey: .geometry).nestedUnkeyedContainer(forKey: .points)
                var points: [[Int]] = []
                while !list.isAtEnd {
                    var inner = try list.nestedUnkeyedContainer()
                    var p: [Int] = []
                    while !inner.isAtEnd { p.append(try inner.decode(Int.self)) }
                    points.append(p)
                }
                self.points = points
                parent = try String(from: c.superDecoder(forKey: .parent))
            }
        }
        let shape = Shape(name: "tri", points: [[0, 0], [1, 0], [0, 1]], parent: "plane")
        let tree = try JSONValue(encoding: shape)
        #expect(tree.serialized() == #"{"geometry":{"points":[[0,0],[1,0],[0,1]]},"name":"tri","parent":"plane"}"#)
        #expect(jsonDifferences(try JSONValue.parse(try JSONEncoder().encode(shape)), tree).isEmpty)
        #expect(try tree.decode(as: Shape.self) == shape)
    }

    @Test func freeFormJSONPassesThroughUnchanged() throws {
        let fields: JSONValue = ["f:metadata": ["f:labels": ["f:app": [:]]], "n": 1.5, "list": [nil, true, "x"]]
        #expect(try JSONValue(encoding: fields) == fields)
        #expect(try fields.decode(as: JSONValue.self) == fields)
    }

    private func expectSameAsFoundation<T: Codable>(
        _ type: T.Type, _ json: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let tree = try JSONValue.parse(json)
        let fromTree = try tree.decode(as: T.self)
        let fromBytes = try JSONDecoder().decode(T.self, from: Data(json.utf8))
        // Compared as trees: JSONDecoder hands free-form objects (JSONValue fields) over in no
        // fixed key order, so the typed values can differ in order alone.
        let typedDifferences = jsonDifferences(
            try JSONValue.parse(try JSONEncoder().encode(fromBytes)), try JSONValue.parse(try JSONEncoder().encode(fromTree)))
        #expect(typedDifferences.isEmpty, "\(T.self) decodes differently from the tree: \(typedDifferences)", sourceLocation: sourceLocation)

        let encodedTree = try JSONValue(encoding: fromTree)
        let encodedBytes = try JSONValue.parse(try JSONEncoder().encode(fromTree))
        let differences = jsonDifferences(encodedBytes, encodedTree)
        #expect(differences.isEmpty, "\(T.self): \(differences.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    private func decodingError(_ body: () throws -> Any) -> DecodingError? {
        do {
            _ = try body()
            return nil
        } catch let error as DecodingError {
            return error
        } catch {
            return nil
        }
    }

    private func isTypeMismatch(_ error: DecodingError) -> Bool {
        if case .typeMismatch = error { return true } else { return false }
    }

    private func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}
