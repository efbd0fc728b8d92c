import Testing

@testable import KubeAPI

/// Hand-built protobuf fields for fixtures, written independently of the encoder under test.
private enum PB {
    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        return out + [UInt8(v)]
    }
    static func key(_ number: Int, _ wire: UInt64) -> [UInt8] { varint(UInt64(number) << 3 | wire) }
    static func int(_ number: Int, _ value: Int64) -> [UInt8] { key(number, 0) + varint(UInt64(bitPattern: value)) }
    static func bytes(_ number: Int, _ value: [UInt8]) -> [UInt8] { key(number, 2) + varint(UInt64(value.count)) + value }
    static func string(_ number: Int, _ value: String) -> [UInt8] { bytes(number, Array(value.utf8)) }
    static func message(_ number: Int, _ parts: [UInt8]...) -> [UInt8] { bytes(number, parts.flatMap { $0 }) }
    static func envelope(apiVersion: String, kind: String, raw: [UInt8], contentType: String = "") -> [UInt8] {
        [0x6B, 0x38, 0x73, 0x00]
            + message(1, string(1, apiVersion), string(2, kind)) + bytes(2, raw)
            + string(3, "") + string(4, contentType)
    }
}

/// Object keys sorted at every level, so JSON from different writers compares by content.
private func canonical(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let members):
        var sorted = JSONObject()
        for key in members.keys.sorted() { sorted[key] = canonical(members[key]!) }
        return .object(sorted)
    case .array(let elements): return .array(elements.map(canonical))
    default: return value
    }
}

private func hexBytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.utf8.filter { !($0 == 0x20 || $0 == 0x0A) })
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
}

@Suite struct ProtobufWireTests {
    @Test func envelopeCarriesTypeMetaFirstThenTheObject() throws {
        let raw = PB.message(1, PB.string(1, "cm1"), PB.string(3, "default")) + PB.message(2, PB.string(1, "k"), PB.string(2, "v"))
        let value = try KubernetesProtobuf.decode(PB.envelope(apiVersion: "v1", kind: "ConfigMap", raw: raw))
        #expect(value == ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cm1", "namespace": "default", "creationTimestamp": nil], "data": ["k": "v"]])
        #expect(Array(value.objectValue!.keys) == ["apiVersion", "kind", "metadata", "data"])
    }

    @Test func envelopeWithJSONContentTypeIsParsedAsJSON() throws {
        let raw = Array(#"{"metadata":{"name":"x"},"data":{"a":"1"}}"#.utf8)
        let value = try KubernetesProtobuf.decode(PB.envelope(apiVersion: "v1", kind: "ConfigMap", raw: raw, contentType: "application/json"))
        #expect(value == ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "x"], "data": ["a": "1"]])
    }

    @Test func rejectsBodiesThatAreNotKubernetesProtobuf() {
        #expect(throws: ProtobufDecodingError.missingMagic) { try KubernetesProtobuf.decode(Array(#"{"kind":"Pod"}"#.utf8)) }
        #expect(throws: ProtobufDecodingError.unknownKind(apiVersion: "example.com/v1", kind: "Widget")) {
            try KubernetesProtobuf.decode(PB.envelope(apiVersion: "example.com/v1", kind: "Widget", raw: []))
        }
        var gzipped = PB.envelope(apiVersion: "v1", kind: "ConfigMap", raw: [])
        gzipped.removeLast(4)
        gzipped += PB.string(3, "gzip") + PB.string(4, "")
        #expect(throws: ProtobufDecodingError.unsupportedContentEncoding("gzip")) { try KubernetesProtobuf.decode(gzipped) }
    }

    @Test func truncatedInputSaysWhichFieldWasCutShort() throws {
        // metadata holds `name` claiming 5 bytes with only 1 there.
        let raw = PB.bytes(1, [0x0A, 0x05, 0x63])
        let error = #expect(throws: ProtobufDecodingError.self) {
            try KubernetesProtobuf.decode(PB.envelope(apiVersion: "v1", kind: "ConfigMap", raw: raw))
        }
        #expect(error?.description == "core.v1.ConfigMap.metadata → meta.v1.ObjectMeta: protobuf: truncated field 1 of 5 bytes at offset 1")
        let cut = Array(PB.envelope(apiVersion: "v1", kind: "ConfigMap", raw: raw).dropLast(6))
        #expect(throws: ProtobufDecodingError.inField("runtime.Unknown", .truncated(offset: 18, what: "field 2 of 5 bytes"))) {
            try KubernetesProtobuf.decode(cut)
        }
    }

    @Test func unknownFieldNumbersAreSkipped() throws {
        let raw = PB.message(1, PB.string(1, "a"), PB.int(99, 7), PB.string(100, "future")) + PB.int(4, 1)
        let value = try KubernetesProtobuf.decodeMessage("core.v1.ConfigMap", raw)
        #expect(value == ["metadata": ["name": "a", "creationTimestamp": nil], "immutable": true])
    }

    @Test func valueFieldsFollowGoOmitEmptyAndPointersKeepZero() throws {
        // ObjectMeta as Go writes it: every value field, zero or not; omitempty drops the zeros.
        let meta = PB.message(
            1, PB.string(1, "web"), PB.string(2, ""), PB.string(3, ""), PB.int(7, 0), PB.bytes(8, []))
        // DeploymentSpec.replicas is *int32: present and zero stays in JSON.
        let spec = PB.message(2, PB.int(1, 0), PB.int(5, 0))
        let value = try KubernetesProtobuf.decodeMessage("apps.v1.Deployment", meta + spec)
        #expect(value["metadata"] == ["name": "web", "creationTimestamp": nil])
        #expect(value["spec"]?["replicas"] == 0)
        #expect(value["spec"]?["minReadySeconds"] == nil)
        // Non-pointer structs are always in Go's JSON, even when absent from the wire.
        #expect(value["spec"]?["template"] == ["metadata": ["creationTimestamp": nil], "spec": ["containers": nil]])
        #expect(value["spec"]?["strategy"] == [:])
        #expect(value["status"] == [:])
    }

    @Test func fieldsWithoutOmitEmptyAppearWhenZero() throws {
        // Container.name has no omitempty; ContainerPort.containerPort neither.
        let container = PB.string(2, "nginx") + PB.message(6, PB.int(3, 0))
        let value = try KubernetesProtobuf.decodeMessage("core.v1.Container", container)
        #expect(value == ["name": "", "image": "nginx", "ports": [["containerPort": 0]], "resources": [:]])
    }

    @Test func negativeIntegersUseTenByteVarints() throws {
        let raw = PB.message(1, PB.string(1, "low")) + PB.int(2, -5)
        #expect(Array(PB.int(2, -5).dropFirst()).count == 10)
        let value = try KubernetesProtobuf.decodeMessage("scheduling.v1.PriorityClass", raw)
        #expect(value["value"] == -5)
        #expect(try KubernetesProtobuf.encodeMessage("scheduling.v1.PriorityClass", value).contains(contentsOf: PB.int(2, -5)))
    }

    @Test func inlineStructsAreSplicedIntoTheParent() throws {
        // Volume{name, volumeSource{configMap{localObjectReference{name}, defaultMode}}}
        let volume = PB.string(1, "cfg")
            + PB.message(2, PB.message(19, PB.message(1, PB.string(1, "app-config")), PB.int(3, 0o644)))
        let value = try KubernetesProtobuf.decodeMessage("core.v1.Volume", volume)
        #expect(value == ["name": "cfg", "configMap": ["name": "app-config", "defaultMode": 420]])
        #expect(try KubernetesProtobuf.encodeMessage("core.v1.Volume", value) == volume)
    }

    @Test func quantityIsItsString() throws {
        let hard = PB.message(1, PB.string(1, "cpu"), PB.message(2, PB.string(1, "500m")))
            + PB.message(1, PB.string(1, "memory"), PB.message(2, PB.string(1, "1Gi")))
        let value = try KubernetesProtobuf.decodeMessage("core.v1.ResourceQuotaSpec", hard)
        #expect(value == ["hard": ["cpu": "500m", "memory": "1Gi"]])
        #expect(try KubernetesProtobuf.encodeMessage("core.v1.ResourceQuotaSpec", value) == hard)
    }

    @Test func intOrStringIsANumberOrAString() throws {
        let byNumber = PB.int(3, 80) + PB.message(4, PB.int(1, 0), PB.int(2, 8080), PB.string(3, ""))
        let byName = PB.int(3, 443) + PB.message(4, PB.int(1, 1), PB.int(2, 0), PB.string(3, "https"))
        let first = try KubernetesProtobuf.decodeMessage("core.v1.ServicePort", byNumber)
        let second = try KubernetesProtobuf.decodeMessage("core.v1.ServicePort", byName)
        #expect(first == ["port": 80, "targetPort": 8080])
        #expect(second == ["port": 443, "targetPort": "https"])
        // Go writes every field of a value message, protocol and name included.
        #expect(try KubernetesProtobuf.encodeMessage("core.v1.ServicePort", second)
            == PB.string(1, "") + PB.string(2, "") + byName + PB.int(5, 0))
    }

    @Test func timeIsRFC3339InUTCAndZeroIsNull() throws {
        let stamped = PB.message(8, PB.int(1, 1_700_000_000), PB.int(2, 999_000_000))
        #expect(try KubernetesProtobuf.decodeMessage("meta.v1.ObjectMeta", stamped)["creationTimestamp"] == "2023-11-14T22:13:20Z")
        #expect(try KubernetesProtobuf.decodeMessage("meta.v1.ObjectMeta", PB.bytes(8, []))["creationTimestamp"] == .null)
        let epoch = PB.message(8, PB.int(1, 0), PB.int(2, 0))
        #expect(try KubernetesProtobuf.decodeMessage("meta.v1.ObjectMeta", epoch)["creationTimestamp"] == "1970-01-01T00:00:00Z")
        let before = PB.message(9, PB.int(1, -86_401), PB.int(2, 0))
        #expect(try KubernetesProtobuf.decodeMessage("meta.v1.ObjectMeta", before)["deletionTimestamp"] == "1969-12-30T23:59:59Z")
        // Encoding parses offsets; JSON Time has seconds precision, so nanos are zero on the wire.
        let encoded = try KubernetesProtobuf.encodeMessage("meta.v1.ObjectMeta", ["creationTimestamp": "2023-11-15T00:13:20.5+02:00"])
        #expect(encoded.contains(contentsOf: PB.message(8, PB.int(1, 1_700_000_000), PB.int(2, 0))))
    }

    @Test func microTimeKeepsSixFractionalDigits() throws {
        let spec = PB.message(4, PB.int(1, 1_700_000_000), PB.int(2, 123_456_789))
        let value = try KubernetesProtobuf.decodeMessage("coordination.v1.LeaseSpec", spec)
        #expect(value == ["renewTime": "2023-11-14T22:13:20.123456Z"])
        #expect(try KubernetesProtobuf.encodeMessage("coordination.v1.LeaseSpec", value)
            == PB.message(4, PB.int(1, 1_700_000_000), PB.int(2, 123_456_000)))
    }

    @Test func rawExtensionAndFieldsV1EmbedJSON() throws {
        let revision = PB.message(1, PB.string(1, "rev")) + PB.message(2, PB.string(1, #"{"spec":{"replicas":2}}"#)) + PB.int(3, 4)
        let value = try KubernetesProtobuf.decodeMessage("apps.v1.ControllerRevision", revision)
        #expect(value["data"] == ["spec": ["replicas": 2]])
        #expect(value["revision"] == 4)
        let entry = PB.string(1, "kubectl") + PB.string(2, "Update") + PB.string(6, "FieldsV1")
            + PB.message(7, PB.string(1, #"{"f:data":{".":{}}}"#))
        let managed = try KubernetesProtobuf.decodeMessage("meta.v1.ManagedFieldsEntry", entry)
        #expect(managed == ["manager": "kubectl", "operation": "Update", "fieldsType": "FieldsV1", "fieldsV1": ["f:data": [".": [:]]]])
        let bad = PB.message(2, PB.string(1, "{not json"))
        #expect(throws: ProtobufDecodingError.self) { try KubernetesProtobuf.decodeMessage("apps.v1.ControllerRevision", bad) }
    }

    @Test func rawExtensionMayHoldANestedProtobufObject() throws {
        let pod = PB.envelope(apiVersion: "v1", kind: "Pod", raw: PB.message(1, PB.string(1, "p")))
        let event = PB.string(1, "ADDED") + PB.message(2, PB.bytes(1, pod))
        let value = try KubernetesProtobuf.decodeMessage("meta.v1.WatchEvent", event)
        #expect(value["type"] == "ADDED")
        #expect(value["object"]?["kind"] == "Pod")
        #expect(value["object"]?["metadata"]?["name"] == "p")
    }

    @Test func nestingObjectsInRawExtensionsIsBounded() throws {
        var body = PB.envelope(apiVersion: "apps/v1", kind: "ControllerRevision", raw: PB.int(3, 1))
        for _ in 0..<8 { body = PB.envelope(apiVersion: "apps/v1", kind: "ControllerRevision", raw: PB.message(2, PB.bytes(1, body))) }
        #expect(try KubernetesProtobuf.decode(body)[path: Array(repeating: "data", count: 8) + ["revision"]] == 1)
        body = PB.envelope(apiVersion: "apps/v1", kind: "ControllerRevision", raw: PB.message(2, PB.bytes(1, body)))
        let error = #expect(throws: ProtobufDecodingError.self) { try KubernetesProtobuf.decode(body) }
        #expect(error?.description.hasSuffix("protobuf: objects nested in RawExtensions more than 8 deep") == true)
    }

    @Test func secretBytesAreBase64() throws {
        let data = PB.message(2, PB.string(1, "blob"), PB.bytes(2, [0, 1, 0xFE, 0xFF]))
        let value = try KubernetesProtobuf.decodeMessage("core.v1.Secret", data)
        #expect(value["data"] == ["blob": "AAH+/w=="])
        #expect(throws: ProtobufEncodingError.self) {
            try KubernetesProtobuf.encodeMessage("core.v1.Secret", ["data": ["x": "not base64!"]])
        }
    }

    @Test func mapEntriesAreSortedBytewiseBothWays() throws {
        let labels: JSONValue = ["labels": ["b": "2", "a": "1", "A": "0", "é": "3"]]
        let bytes = try KubernetesProtobuf.encodeMessage("meta.v1.ObjectMeta", labels)
        let entries = ["A": "0", "a": "1", "b": "2", "é": "3"].sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { PB.message(11, PB.string(1, $0.key), PB.string(2, $0.value)) }.flatMap { $0 }
        #expect(bytes.contains(contentsOf: entries))
        let decoded = try KubernetesProtobuf.decodeMessage("meta.v1.ObjectMeta", bytes)
        #expect(decoded["labels"]?.objectValue.map { Array($0.keys) } == ["A", "a", "b", "é"])
    }

    @Test func packedRepeatedScalarsAreAccepted() throws {
        // proto2 Go writes repeated int64 unpacked; other writers may pack them.
        let packed = PB.bytes(4, PB.varint(1000) + PB.varint(2000))
        let unpacked = PB.int(4, 1000) + PB.int(4, 2000)
        for body in [packed, unpacked] {
            let value = try KubernetesProtobuf.decodeMessage("core.v1.PodSecurityContext", body)
            #expect(value["supplementalGroups"] == [1000, 2000])
        }
    }

    @Test func wireTypeMismatchIsAnError() {
        // ConfigMap.metadata sent as a varint.
        #expect(throws: ProtobufDecodingError.self) { try KubernetesProtobuf.decodeMessage("core.v1.ConfigMap", PB.int(1, 5)) }
    }

    @Test(arguments: [
        (Int64(0), "0s"), (1, "1ns"), (1500, "1.5µs"), (2_000_000, "2ms"), (1_500_000_000, "1.5s"),
        (90_000_000_000, "1m30s"), (3_600_000_000_000, "1h0m0s"), (-5_000_000_000, "-5s"),
    ])
    func goDurationText(_ nanoseconds: Int64, _ text: String) {
        #expect(GoDuration.format(nanoseconds: nanoseconds) == text)
        #expect(GoDuration.parse(text) == nanoseconds)
    }
}

extension Array where Element == UInt8 {
    fileprivate func contains(contentsOf needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<$0 + needle.count]) == needle }
    }
}

@Suite struct ProtobufSchemaTests {
    @Test func everyKindResolvesToASchemaMessage() {
        for entry in ProtobufKinds.table {
            for kind in entry.kinds {
                let name = KubernetesProtobuf.messageName(apiVersion: entry.apiVersion, kind: kind)
                #expect(name.flatMap { ProtobufSchema.kubernetes[$0] } != nil, "\(entry.apiVersion) \(kind)")
            }
        }
    }

    /// Spot checks against upstream's generated.proto (k8s.io/api v0.32).
    @Test(arguments: [
        ("core.v1.PodSpec", 2, "containers"), ("core.v1.PodSpec", 40, "resources"), ("core.v1.PodSpec", 39, "resourceClaims"),
        ("core.v1.Container", 2, "image"), ("core.v1.Container", 24, "restartPolicy"), ("core.v1.VolumeSource", 29, "ephemeral"),
        ("core.v1.VolumeSource", 28, "csi"), ("meta.v1.ObjectMeta", 17, "managedFields"), ("apps.v1.DeploymentSpec", 3, "template"),
        ("batch.v1.JobSpec", 6, "template"), ("batch.v1.CronJobSpec", 5, "jobTemplate"), ("policy.v1.Eviction", 2, "deleteOptions"),
        ("rbac.v1.PolicyRule", 5, "nonResourceURLs"), ("authentication.v1.TokenRequestSpec", 3, "boundObjectRef"),
    ])
    func fieldNumbersMatchUpstream(_ message: String, _ number: Int, _ jsonName: String) {
        #expect(ProtobufSchema.kubernetes[message]?.field(number: number)?.jsonName == jsonName)
    }

    @Test func malformedTablesAreRejectedWithTheLine() {
        #expect(throws: ProtobufSchemaError.self) { try ProtobufSchema(tables: ["message a.v1.X\n  1 name strng"]) }
        #expect(throws: ProtobufSchemaError.self) { try ProtobufSchema(tables: ["message a.v1.X\n  1 child a.v1.Missing"]) }
    }
}

@Suite struct ProtobufKubectlTests {
    /// Decoding what kubectl sent gives what kubectl prints for --dry-run=client -o json, and
    /// encoding that JSON again gives kubectl's bytes exactly.
    @Test(arguments: KubectlProtobufFixtures.all.map(\.name))
    func kubectlBodyDecodesToItsDryRunJSONAndReencodesByteForByte(_ name: String) throws {
        let fixture = KubectlProtobufFixtures.all.first { $0.name == name }!
        let body = hexBytes(fixture.bodyHex)
        let decoded = try KubernetesProtobuf.decode(body)
        let expected = try JSONValue.parse(fixture.dryRunJSON)
        #expect(canonical(decoded) == canonical(expected), "\(fixture.command)")
        let reencoded = try KubernetesProtobuf.encode(decoded)
        #expect(reencoded == body, "\(fixture.command)")
    }
}

@Suite struct ProtobufRoundTripTests {
    /// JSON in Go's normal form (what the Go object marshals to) survives encode → decode unchanged,
    /// and encoding the decoded object again gives the same bytes.
    private func expectRoundTrip(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let object = try JSONValue.parse(json)
        let bytes = try KubernetesProtobuf.encode(object)
        #expect(Array(bytes.prefix(4)) == KubernetesProtobuf.magic, sourceLocation: sourceLocation)
        let decoded = try KubernetesProtobuf.decode(bytes)
        #expect(canonical(decoded) == canonical(object), sourceLocation: sourceLocation)
        #expect(try KubernetesProtobuf.encode(decoded) == bytes, sourceLocation: sourceLocation)
    }

    @Test func configMap() throws {
        try expectRoundTrip(#"""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"prod","uid":"3f1c","resourceVersion":"12",
             "generation":2,"creationTimestamp":"2026-11-24T03:00:00Z","labels":{"app":"web"},"annotations":{"note":"<&>"},
             "finalizers":["example.com/keep"],
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"9a","controller":true,"blockOwnerDeletion":false}],
             "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"2026-11-24T03:00:00Z","fieldsType":"FieldsV1",
               "fieldsV1":{"f:data":{".":{},"f:a":{}}}}]},
             "immutable":false,"data":{"a":"1","b":"","ü":"ünïcode"},"binaryData":{"bin":"AAH+/w=="}}
            """#)
    }

    @Test func secret() throws {
        try expectRoundTrip(#"""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"creds","creationTimestamp":null},
             "data":{"empty":"","password":"czNjcjN0IQ==","raw":"AAECAwQFBgcICQoLDA0ODxAREhM="},"stringData":{"extra":"x"},"type":"Opaque"}
            """#)
    }

    @Test func deploymentWithTheRichPodTemplateKubectlSent() throws {
        // The pod template kubectl built from richcj.json (see KubectlProtobufFixtures), inside a Deployment with status.
        let job = try JSONValue.parse(KubectlProtobufFixtures.all.first { $0.name == "job-from-cronjob" }!.dryRunJSON)
        let template = try #require(job["spec"]?["template"])
        #expect(template["spec"]?["volumes"]?.arrayValue?.count == 12)
        var deployment = try JSONValue.parse(#"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","creationTimestamp":null},
             "spec":{"replicas":0,"selector":{"matchLabels":{"job":"rich"},"matchExpressions":[{"key":"tier","operator":"In","values":["a","b"]}]},
              "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"25%"}},
              "minReadySeconds":5,"revisionHistoryLimit":3,"paused":true,"progressDeadlineSeconds":600},
             "status":{"observedGeneration":4,"replicas":2,"updatedReplicas":2,"readyReplicas":1,"availableReplicas":1,"unavailableReplicas":1,
              "conditions":[{"type":"Available","status":"True","lastUpdateTime":"2026-11-24T03:01:02Z","lastTransitionTime":"2026-11-24T03:01:02Z",
               "reason":"MinimumReplicasAvailable","message":"ok"}],"collisionCount":0}}
            """#)
        deployment.set(path: ["spec", "template"], to: template)
        try expectRoundTrip(deployment.serialized())
    }

    @Test func job() throws {
        try expectRoundTrip(#"""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi","creationTimestamp":null},
             "spec":{"parallelism":1,"completions":1,"backoffLimit":4,"manualSelector":false,"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"u1"}},
              "template":{"metadata":{"creationTimestamp":null,"labels":{"job-name":"pi"}},
               "spec":{"containers":[{"name":"pi","image":"perl:5.34","command":["perl","-Mbignum=bpi","-wle","print bpi(2000)"],"resources":{}}],
                "restartPolicy":"Never"}},
              "backoffLimitPerIndex":2,"maxFailedIndexes":1,"successPolicy":{"rules":[{"succeededIndexes":"0-2","succeededCount":1}]}},
             "status":{"startTime":"2026-11-24T03:00:00Z","completionTime":"2026-11-24T03:00:09Z","succeeded":1,
              "conditions":[{"type":"Complete","status":"True","lastProbeTime":"2026-11-24T03:00:09Z","lastTransitionTime":"2026-11-24T03:00:09Z"}],
              "completedIndexes":"0","uncountedTerminatedPods":{"succeeded":["a"]},"ready":0,"terminating":0}}
            """#)
    }

    @Test func evictionAsKubectlDrainWritesIt() throws {
        // kubectl 1.32 drain sends this body as JSON; a protobuf client sends the same object.
        try expectRoundTrip(#"""
            {"kind":"Eviction","apiVersion":"policy/v1","metadata":{"name":"victim","namespace":"default","creationTimestamp":null},
             "deleteOptions":{"gracePeriodSeconds":7,"preconditions":{"uid":"u1","resourceVersion":"5"},"propagationPolicy":"Background","dryRun":["All"]}}
            """#)
    }

    @Test func listsWithItems() throws {
        try expectRoundTrip(#"""
            {"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"99","continue":"c","remainingItemCount":3},
             "items":[{"metadata":{"name":"a","creationTimestamp":null},"spec":{"containers":[{"name":"c","image":"i","resources":{}}]},
              "status":{"phase":"Running","podIP":"10.0.0.5","podIPs":[{"ip":"10.0.0.5"}],"startTime":"2026-11-24T03:00:00Z",
               "containerStatuses":[{"name":"c","state":{"running":{"startedAt":"2026-11-24T03:00:01Z"}},"lastState":{},"ready":true,
                "restartCount":0,"image":"i","imageID":"sha256:1","containerID":"containerd://x","started":true}]}}]}
            """#)
    }

    @Test func leaseWithMicroTime() throws {
        try expectRoundTrip(#"""
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"node-1","namespace":"kube-node-lease","creationTimestamp":null},
             "spec":{"holderIdentity":"node-1","leaseDurationSeconds":40,"renewTime":"2026-11-24T03:04:05.123456Z","leaseTransitions":0}}
            """#)
    }

    @Test func encodingRejectsWrongJSONTypesWithThePath() {
        let error = #expect(throws: ProtobufEncodingError.self) {
            try KubernetesProtobuf.encode(["apiVersion": "apps/v1", "kind": "Deployment", "spec": ["replicas": "three"]])
        }
        #expect(error?.description == "protobuf encode spec.replicas: expected integer, got string")
        #expect(throws: ProtobufEncodingError.unknownKind(apiVersion: "v1", kind: "Widget")) {
            try KubernetesProtobuf.encode(["apiVersion": "v1", "kind": "Widget"])
        }
    }
}

@Suite struct ProtobufWatchStreamTests {
    @Test func framesCarryLengthThenWatchEventWithANestedObject() throws {
        let pod: JSONValue = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "creationTimestamp": nil], "spec": ["containers": nil], "status": [:]]
        let frame = try KubernetesProtobuf.encodeWatchEventFrame(type: "ADDED", object: pod)
        let length = Int(frame[0]) << 24 | Int(frame[1]) << 16 | Int(frame[2]) << 8 | Int(frame[3])
        #expect(length == frame.count - 4)
        // The event itself has no magic; its object does.
        #expect(Array(frame[4..<11]) == PB.string(1, "ADDED"))
        let objectBody = try KubernetesProtobuf.encode(pod)
        #expect(Array(frame[11...]) == PB.bytes(2, PB.bytes(1, objectBody)))

        var buffer = frame + frame + Array(frame.prefix(6))
        let events = try KubernetesProtobuf.decodeWatchEventFrames(&buffer)
        #expect(events.count == 2)
        #expect(events.first == ["type": "ADDED", "object": pod])
        #expect(buffer == Array(frame.prefix(6)))
    }
}

@Suite struct ProtobufRobustnessTests {
    /// Corrupted kubectl bodies must come back as a value or a thrown error, never a trap.
    @Test func corruptedBodiesThrowOrDecodeButNeverCrash() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        var decoded = 0
        var rejected = 0
        for fixture in KubectlProtobufFixtures.all {
            let body = hexBytes(fixture.bodyHex)
            for _ in 0..<200 {
                var mutated = body
                for _ in 0..<(1 + Int(next() % 3)) {
                    let index = 4 + Int(next() % UInt64(mutated.count - 4))
                    mutated[index] = UInt8(truncatingIfNeeded: next())
                }
                if next() % 4 == 0 { mutated.removeLast(Int(next() % UInt64(mutated.count - 4))) }
                do {
                    _ = try KubernetesProtobuf.decode(mutated)
                    decoded += 1
                } catch {
                    rejected += 1
                }
            }
        }
        #expect(decoded > 0)
        #expect(rejected > 0)
    }
}
