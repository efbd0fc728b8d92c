import Foundation
import KubeAPI

/// `codec COUNT`: the cost per object of the JSON conversions a pod goes through on its way from
/// the apiserver to the scheduler's cache, on a bound SchedulingBasic pod as the apiserver stores
/// it: parsing bytes to a tree, the typed decode from the tree and from bytes (Foundation's
/// JSONDecoder, as the informers use), and the typed encode to a tree and to bytes.
func runCodec(count: Int) throws {
    var object = FakeObjects.pod("measured-1")
    object.set(path: ["metadata", "uid"], to: "3f1a1c7e-8b7e-4d55-9a53-0f8a4f7c2b10")
    object.set(path: ["metadata", "resourceVersion"], to: "123456")
    object.set(path: ["metadata", "creationTimestamp"], to: "2026-11-25T03:00:00Z")
    object.set(path: ["spec", "nodeName"], to: "node-17")
    object = try JSONValue(encoding: try object.decode(as: Pod.self))
    let bytes = object.serializedBytes()
    let data = Data(bytes)
    let pod = try object.decode(as: Pod.self)

    func time(_ name: String, _ body: () throws -> Void) rethrows {
        for _ in 0..<min(count, 1000) { try body() }
        let start = ContinuousClock.now
        for _ in 0..<count { try body() }
        let micros = (ContinuousClock.now - start).seconds * 1e6 / Double(count)
        print("codec \(name) us_per_object=\(fixed(micros, 2)) bytes=\(bytes.count)")
    }
    try time("parse-bytes-to-tree") { _ = try JSONValue.parse(bytes) }
    try time("serialize-tree-to-bytes") { _ = object.serializedBytes() }
    try time("decode-typed-from-tree") { _ = try object.decode(as: Pod.self) }
    try time("decode-typed-finding-unknown-fields") {
        var copy = object
        _ = try UnknownFields.decodeAndPrune(&copy, as: Pod.self) { _, _ in false }
    }
    try time("decode-typed-from-bytes-via-tree") { _ = try JSONValue.parse(bytes).decode(as: Pod.self) }
    try time("decode-typed-from-bytes-jsondecoder") { _ = try JSONDecoder().decode(Pod.self, from: data) }
    try time("encode-typed-to-tree") { _ = try JSONValue(encoding: pod) }
    try time("encode-typed-to-bytes-jsonencoder") { _ = try JSONEncoder().encode(pod) }
}
