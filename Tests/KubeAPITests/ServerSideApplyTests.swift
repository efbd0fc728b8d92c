import Testing

@testable import KubeAPI

@Suite struct ServerSideApplyTests {
    static let t0 = "2026-11-24T03:00:00Z"
    static let t1 = "2026-11-24T03:05:00Z"
    static let t2 = "2026-11-24T03:10:00Z"

    static func deployment(replicas: Int64? = 3, image: String = "nginx:1.27", labels: JSONValue = ["app": "nginx"]) -> JSONValue {
        var spec: JSONValue = [
            "selector": ["matchLabels": ["app": "nginx"]],
            "template": [
                "metadata": ["labels": ["app": "nginx"]],
                "spec": ["containers": [["name": "nginx", "image": .string(image)]]],
            ],
        ]
        if let replicas { spec["replicas"] = .int(replicas) }
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": "web", "namespace": "default", "labels": labels],
            "spec": spec,
        ]
    }

    static func entries(_ object: JSONValue) throws -> [ManagedFieldsEntry] {
        try ManagedFieldsEntry.decode(from: object)
    }

    static func entry(_ object: JSONValue, _ manager: String) throws -> ManagedFieldsEntry? {
        try entries(object).first { $0.manager == manager }
    }

    static func apply(
        _ live: JSONValue?, _ config: JSONValue, as manager: String, force: Bool = false, now: String = t1, kind: String = "Deployment",
        apiVersion: String = "apps/v1"
    ) throws(ApplyConflicts) -> JSONValue {
        try ManagedFields.apply(live: live, config: config, manager: manager, force: force, kind: kind, apiVersion: apiVersion, now: now)
    }

    static let replicas: FieldPath = [.field("spec"), .field("replicas")]
    static let containers: FieldPath = [.field("spec"), .field("template"), .field("spec"), .field("containers")]

    // MARK: Apply creating an object

    @Test func applyCreatesTheObjectWithOneApplyEntry() throws {
        let config = Self.deployment()
        let created = try Self.apply(nil, config, as: "kubectl")
        #expect(ManagedFields.withoutManagedFields(created) == config)
        let entries = try Self.entries(created)
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.manager == "kubectl")
        #expect(entry.operation == .apply)
        #expect(entry.apiVersion == "apps/v1")
        #expect(entry.time == Self.t1)
        #expect(entry.subresource == nil)
        #expect(entry.fields.fieldsV1String ==
            #"{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{"f:image":{},"f:name":{},".":{}}}}}}}"#)
        #expect(created[path: ["metadata", "managedFields"]] == .array([[
            "manager": "kubectl", "operation": "Apply", "apiVersion": "apps/v1", "time": .string(Self.t1),
            "fieldsType": "FieldsV1", "fieldsV1": entry.fields.fieldsV1,
        ]]))
    }

    @Test func applyConfigurationIsValidated() {
        var noName = Self.deployment()
        noName.set(path: ["metadata", "name"], to: nil)
        #expect(throws: ApplyConfigurationError(field: "metadata.name", reason: "must be set")) {
            try ManagedFields.validate(config: noName, kind: "Deployment", apiVersion: "apps/v1")
        }
        #expect(throws: ApplyConfigurationError(field: "kind", reason: #""Deployment" does not match "StatefulSet""#)) {
            try ManagedFields.validate(config: Self.deployment(), kind: "StatefulSet", apiVersion: "apps/v1")
        }
        var withManaged = Self.deployment()
        withManaged.set(path: ["metadata", "managedFields"], to: [])
        #expect(throws: ApplyConfigurationError.self) {
            try ManagedFields.validate(config: withManaged, kind: "Deployment", apiVersion: "apps/v1")
        }
        #expect(throws: Never.self) { try ManagedFields.validate(config: Self.deployment(), kind: "Deployment", apiVersion: "apps/v1") }
    }

    // MARK: Conflicts between managers

    /// A Deployment created by client-side `kubectl apply` (an Update), then server-side applied.
    static func createdByClientSideApply() -> JSONValue {
        ManagedFields.updateForUpdate(
            old: nil, new: deployment(), manager: "kubectl-client-side-apply", apiVersion: "apps/v1", subresource: nil, now: t0)
    }

    @Test func changingAFieldAnotherManagerOwnsConflicts() throws {
        let live = Self.createdByClientSideApply()
        #expect(throws: ApplyConflicts.self) { try Self.apply(live, Self.deployment(replicas: 5), as: "deployer") }
        do {
            _ = try Self.apply(live, Self.deployment(replicas: 5), as: "deployer")
        } catch {
            #expect(error.message == #"Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas"#)
            #expect(error.conflicts.map(\.field) == [".spec.replicas"])
            #expect(error.conflicts.first?.causeMessage == #"conflict with "kubectl-client-side-apply" using apps/v1"#)
        }
    }

    @Test func applyingTheSameValueSharesOwnership() throws {
        let live = Self.createdByClientSideApply()
        let applied = try Self.apply(live, Self.deployment(), as: "deployer")
        #expect(ManagedFields.withoutManagedFields(applied) == ManagedFields.withoutManagedFields(live))
        #expect(try Self.entry(applied, "deployer")?.fields.contains(Self.replicas) == true)
        #expect(try Self.entry(applied, "kubectl-client-side-apply")?.fields.contains(Self.replicas) == true)
        // Apply entries are listed before Update entries.
        #expect(try Self.entries(applied).map(\.operation) == [.apply, .update])
    }

    @Test func forceMovesOwnership() throws {
        let live = Self.createdByClientSideApply()
        let applied = try Self.apply(live, Self.deployment(replicas: 5), as: "deployer", force: true)
        #expect(applied[path: ["spec", "replicas"]] == 5)
        #expect(try Self.entry(applied, "deployer")?.fields.contains(Self.replicas) == true)
        let previous = try #require(try Self.entry(applied, "kubectl-client-side-apply"))
        #expect(!previous.fields.contains(Self.replicas))
        #expect(previous.fields.contains(Self.containers + [.key([("name", "nginx")]), .field("image")]))
        #expect(previous.time == Self.t0)
    }

    @Test func conflictsWithSeveralFieldsUseThePluralMessage() throws {
        let configMap: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cm"], "data": ["a": "1", "b": "2", "c": "3"]]
        let live = ManagedFields.updateForUpdate(old: nil, new: configMap, manager: "x", apiVersion: "v1", subresource: nil, now: Self.t0)
        var config = configMap
        config["data"] = ["a": "10", "b": "20", "c": "3"]
        do {
            _ = try Self.apply(live, config, as: "y", kind: "ConfigMap", apiVersion: "v1")
            Issue.record("expected conflicts")
        } catch {
            #expect(error.message == "Apply failed with 2 conflicts: conflicts with \"x\" using v1:\n- .data.a\n- .data.b")
        }
    }

    @Test func conflictsWithAnotherApplierNameItWithoutVersion() throws {
        let first = try Self.apply(nil, Self.deployment(), as: "team-a")
        do {
            _ = try Self.apply(first, Self.deployment(replicas: 1), as: "team-b")
            Issue.record("expected a conflict")
        } catch {
            #expect(error.message == #"Apply failed with 1 conflict: conflict with "team-a": .spec.replicas"#)
        }
    }

    // MARK: Removing what a manager stops applying

    @Test func fieldTheManagerStopsApplyingIsRemoved() throws {
        let first = try Self.apply(nil, Self.deployment(labels: ["app": "nginx", "tier": "web"]), as: "deployer", now: Self.t0)
        #expect(first[path: ["metadata", "labels", "tier"]] == "web")
        let second = try Self.apply(first, Self.deployment(labels: ["app": "nginx"]), as: "deployer", now: Self.t1)
        #expect(second[path: ["metadata", "labels"]] == ["app": "nginx"])
        #expect(try Self.entry(second, "deployer")?.fields == FieldSet(from: Self.deployment(labels: ["app": "nginx"]), kind: "Deployment").difference(ManagedFields.stripped))
        // Dropping replicas from the configuration removes it too (the server defaults it afterwards).
        let third = try Self.apply(second, Self.deployment(replicas: nil), as: "deployer", now: Self.t2)
        #expect(third[path: ["spec", "replicas"]] == nil)
        #expect(third[path: ["spec", "selector"]] == ["matchLabels": ["app": "nginx"]])
    }

    @Test func fieldAnotherApplierStillAppliesIsKept() throws {
        let labels: JSONValue = ["app": "nginx", "tier": "web"]
        let first = try Self.apply(nil, Self.deployment(labels: labels), as: "deployer")
        let tierOnly: JSONValue = ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "labels": ["tier": "web"]]]
        let shared = try Self.apply(first, tierOnly, as: "labeller")
        let second = try Self.apply(shared, Self.deployment(labels: ["app": "nginx"]), as: "deployer", now: Self.t2)
        #expect(second[path: ["metadata", "labels", "tier"]] == "web")
        #expect(try Self.entry(second, "labeller")?.fields.contains([.field("metadata"), .field("labels"), .field("tier")]) == true)
    }

    @Test func fieldAnUpdaterTookOverIsKept() throws {
        let first = try Self.apply(nil, Self.deployment(), as: "deployer", now: Self.t0)
        var scaled = first
        scaled.set(path: ["spec", "replicas"], to: 7)
        let afterScale = ManagedFields.updateForUpdate(
            old: first, new: scaled, manager: "kube-controller-manager", apiVersion: "apps/v1", subresource: "scale", now: Self.t1)
        #expect(try Self.entry(afterScale, "deployer")?.fields.contains(Self.replicas) == false)
        let scaler = try #require(try Self.entry(afterScale, "kube-controller-manager"))
        #expect(scaler.subresource == "scale")
        #expect(scaler.fields == FieldSet([Self.replicas]))

        let reapplied = try Self.apply(afterScale, Self.deployment(replicas: nil), as: "deployer", now: Self.t2)
        #expect(reapplied[path: ["spec", "replicas"]] == 7)
        #expect(try Self.entry(reapplied, "kube-controller-manager")?.fields == FieldSet([Self.replicas]))
    }

    // MARK: List-map merge

    @Test func containersMergeByNameAcrossManagers() throws {
        let first = try Self.apply(nil, Self.deployment(), as: "deployer", now: Self.t0)
        let sidecar: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"],
            "spec": ["template": ["spec": ["containers": [["name": "proxy", "image": "envoy:1.30"]]]]],
        ]
        let injected = try Self.apply(first, sidecar, as: "injector", now: Self.t1)
        let names = injected[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["nginx", "proxy"])
        #expect(injected[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:1.27")
        let injector = try #require(try Self.entry(injected, "injector"))
        #expect(injector.fields.fieldsV1String ==
            #"{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"proxy\"}":{"f:image":{},"f:name":{},".":{}}}}}}}"#)

        // The deployer updating its own container leaves the injected one alone.
        let updated = try Self.apply(injected, Self.deployment(image: "nginx:1.28"), as: "deployer", now: Self.t2)
        let items = try #require(updated[path: ["spec", "template", "spec", "containers"]]?.arrayValue)
        #expect(items.map { $0["image"] } == ["nginx:1.28", "envoy:1.30"])

        // The injector dropping its container removes it; the deployer's stays.
        var none = sidecar
        none.set(path: ["spec"], to: nil)
        let removed = try Self.apply(updated, none, as: "injector", now: Self.t2)
        #expect(removed[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["nginx"])
        #expect(try Self.entry(removed, "injector") == nil)
    }

    @Test func changingAnotherManagersContainerConflictsOnThatField() throws {
        let first = try Self.apply(nil, Self.deployment(), as: "deployer")
        let other: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"],
            "spec": ["template": ["spec": ["containers": [["name": "nginx", "image": "nginx:evil"]]]]],
        ]
        do {
            _ = try Self.apply(first, other, as: "intruder")
            Issue.record("expected a conflict")
        } catch {
            #expect(error.message == #"Apply failed with 1 conflict: conflict with "deployer": .spec.template.spec.containers[name="nginx"].image"#)
        }
    }

    @Test func setsMergeByValue() throws {
        let live = ManagedFields.updateForUpdate(
            old: nil, new: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cm", "finalizers": ["a.io/x"]]],
            manager: "controller", apiVersion: "v1", subresource: nil, now: Self.t0)
        let config: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cm", "finalizers": ["b.io/y"]]]
        let applied = try Self.apply(live, config, as: "me", kind: "ConfigMap", apiVersion: "v1")
        #expect(applied[path: ["metadata", "finalizers"]] == ["a.io/x", "b.io/y"])
        #expect(try Self.entry(applied, "me")?.fields.fieldsV1String == #"{"f:metadata":{"f:finalizers":{"v:\"b.io/y\"":{}}}}"#)
    }

    // MARK: Update operations

    @Test func createRecordsEveryFieldAsUpstreamWould() throws {
        let created = Self.createdByClientSideApply()
        let entry = try #require(try Self.entry(created, "kubectl-client-side-apply"))
        #expect(entry.operation == .update)
        #expect(entry.time == Self.t0)
        // spec, template and its metadata always exist in the Go struct, so only the maps and
        // list items that appeared get a "." entry.
        #expect(entry.fields.fieldsV1String ==
            #"{"f:metadata":{"f:labels":{"f:app":{},".":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{},".":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{"f:image":{},"f:name":{},".":{}}}}}}}"#)
    }

    @Test func updateMovesOwnershipOfChangedFields() throws {
        let created = Self.createdByClientSideApply()
        var edited = created
        edited.set(path: ["spec", "replicas"], to: 4)
        let afterEdit = ManagedFields.updateForUpdate(
            old: created, new: edited, manager: "kubectl-edit", apiVersion: "apps/v1", subresource: nil, now: Self.t1)
        let editor = try #require(try Self.entry(afterEdit, "kubectl-edit"))
        #expect(editor.fields == FieldSet([Self.replicas]))
        #expect(editor.time == Self.t1)
        let creator = try #require(try Self.entry(afterEdit, "kubectl-client-side-apply"))
        #expect(!creator.fields.contains(Self.replicas))
        #expect(creator.time == Self.t0)
        // Entries are ordered oldest first among updaters.
        #expect(try Self.entries(afterEdit).map(\.manager) == ["kubectl-client-side-apply", "kubectl-edit"])

        // The editor taking the last field the creator owned alone drops the creator's entry.
        var everything = afterEdit
        everything.set(path: ["metadata", "labels"], to: nil)
        everything.set(path: ["spec"], to: ["replicas": 1])
        let taken = ManagedFields.updateForUpdate(
            old: afterEdit, new: everything, manager: "kubectl-edit", apiVersion: "apps/v1", subresource: nil, now: Self.t2)
        #expect(try Self.entries(taken).map(\.manager) == ["kubectl-edit"])
        #expect(try Self.entry(taken, "kubectl-edit")?.fields == FieldSet([Self.replicas]))
    }

    @Test func updateThatChangesNothingLeavesEntriesAlone() throws {
        let created = Self.createdByClientSideApply()
        let same = ManagedFields.updateForUpdate(
            old: created, new: created, manager: "kubectl-edit", apiVersion: "apps/v1", subresource: nil, now: Self.t1)
        #expect(same == created)
    }

    @Test func updatersAreOneEntryPerApiVersion() throws {
        let created = Self.createdByClientSideApply()
        var edited = created
        edited.set(path: ["spec", "replicas"], to: 4)
        let other = ManagedFields.updateForUpdate(
            old: created, new: edited, manager: "kubectl-client-side-apply", apiVersion: "apps/v1beta2", subresource: nil, now: Self.t1)
        let versions = try Self.entries(other).filter { $0.manager == "kubectl-client-side-apply" }.map(\.apiVersion)
        #expect(versions == ["apps/v1", "apps/v1beta2"])
    }

    @Test func firstApplyToAnUntrackedObjectMeetsBeforeFirstApply() throws {
        let untracked = Self.deployment()
        do {
            _ = try Self.apply(untracked, Self.deployment(replicas: 2), as: "deployer")
            Issue.record("expected a conflict")
        } catch {
            #expect(error.message == #"Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas"#)
        }
    }

    // MARK: Round trips

    @Test func managedFieldsEntriesRoundTrip() throws {
        let applied = try Self.apply(Self.createdByClientSideApply(), Self.deployment(), as: "deployer")
        let list = try #require(applied[path: ["metadata", "managedFields"]])
        let text = list.serialized()
        let reparsed = try JSONValue.parse(text)
        #expect(reparsed == list)
        var object = applied
        object.set(path: ["metadata", "managedFields"], to: reparsed)
        let entries = try Self.entries(object)
        #expect(entries.map(\.json) == list.arrayValue)
    }

    @Test func managedFieldsFromTheRequestReplaceRecordedOnes() throws {
        let created = Self.createdByClientSideApply()
        var edited = created
        let custom = ManagedFieldsEntry(manager: "me", operation: .update, apiVersion: "apps/v1", time: Self.t0, fields: FieldSet([Self.replicas]))
        edited.set(path: ["metadata", "managedFields"], to: [custom.json])
        let out = ManagedFields.updateForUpdate(
            old: created, new: edited, manager: "kubectl-edit", apiVersion: "apps/v1", subresource: nil, now: Self.t1)
        #expect(try Self.entries(out) == [custom])
        // Through a subresource the request's managedFields are ignored.
        let viaStatus = ManagedFields.updateForUpdate(
            old: created, new: edited, manager: "kubectl-edit", apiVersion: "apps/v1", subresource: "status", now: Self.t1)
        #expect(try Self.entries(viaStatus) == Self.entries(created))
    }

    @Test func reapplyingUnchangedKeepsTheTime() throws {
        let first = try Self.apply(nil, Self.deployment(), as: "deployer", now: Self.t0)
        let again = try Self.apply(first, Self.deployment(), as: "deployer", now: Self.t2)
        #expect(again == first)
    }
}

@Suite struct ManagedFieldsCapTests {
    @Test func oldestUpdatersFoldIntoAncientChanges() throws {
        var object: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cm"], "data": [:]]
        for i in 0..<12 {
            var next = object
            next.set(path: ["data", "k\(i)"], to: .string("v"))
            let time = "2026-11-24T03:\(i < 10 ? "0" : "")\(i):00Z"
            object = ManagedFields.updateForUpdate(
                old: object, new: next, manager: "writer-\(i)", apiVersion: "v1", subresource: nil, now: time)
        }
        let entries = try ManagedFieldsEntry.decode(from: object)
        #expect(entries.count == ManagedFields.maxUpdateManagers)
        let ancient = try #require(entries.first)
        #expect(ancient.manager == "ancient-changes")
        // writer-0, writer-1 and writer-2 folded together, stamped with the newest of their times.
        #expect(ancient.fields == FieldSet([[.field("data"), .field("k0")], [.field("data"), .field("k1")], [.field("data"), .field("k2")]]))
        #expect(ancient.time == "2026-11-24T03:02:00Z")
        #expect(entries.dropFirst().map(\.manager) == (3..<12).map { "writer-\($0)" })
    }
}
