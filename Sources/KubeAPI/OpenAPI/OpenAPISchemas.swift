/// OpenAPI v3 component schemas for the built-in kinds, derived rather than written per kind:
///
/// - field names, JSON types and formats from `ProtobufSchema.kubernetes` (the one table of
///   every built-in message, in upstream's field order, with inline structs spliced in);
/// - descriptions and required fields from `SchemaDocs`;
/// - list and map merge rules (`x-kubernetes-patch-strategy`, `x-kubernetes-patch-merge-key`,
///   `x-kubernetes-list-type`, `x-kubernetes-list-map-keys`, `x-kubernetes-map-type`) from
///   `PatchSchema`, the table strategic merge patch and server-side apply already read — so
///   what kubectl computes a client-side apply patch with is what the server merges with.
///
/// Names follow upstream's definitions (`io.k8s.api.core.v1.PodSpec`,
/// `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`), so kubectl's explain and apply find
/// what they look for.
public enum OpenAPISchemas {
    /// A top-level kind to describe.
    public struct Kind: Hashable, Sendable {
        public var group: String
        public var version: String
        public var kind: String
        public init(group: String, version: String, kind: String) {
            self.group = group
            self.version = version
            self.kind = kind
        }
        var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    }

    static let quantityName = "io.k8s.apimachinery.pkg.api.resource.Quantity"
    static let intOrStringName = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
    static let timeName = "io.k8s.apimachinery.pkg.apis.meta.v1.Time"
    static let microTimeName = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime"
    static let rawExtensionName = "io.k8s.apimachinery.pkg.runtime.RawExtension"
    static let fieldsV1Name = "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1"

    /// The definition name upstream gives a message: `meta.v1.ObjectMeta` →
    /// `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`, `apps.v1.Deployment` → `io.k8s.api.apps.v1.Deployment`.
    public static func definitionName(message: String) -> String {
        message.hasPrefix("meta.v1.") ? "io.k8s.apimachinery.pkg.apis." + message : "io.k8s.api." + message
    }

    /// The schema message of a kind, when the built-in table has it.
    public static func message(for kind: Kind) -> String? {
        ProtobufKinds.messageName(apiVersion: kind.apiVersion, kind: kind.kind)
    }

    /// The schemas of `kinds` and of everything they reference, keyed by definition name.
    /// Kinds the table does not know are left out; callers describe them some other way.
    public static func components(for kinds: [Kind]) -> JSONObject {
        var messages: [String: [Kind]] = [:]
        var order: [String] = []
        for kind in kinds {
            guard let name = message(for: kind) else { continue }
            if messages[name] == nil { order.append(name) }
            messages[name, default: []].append(kind)
        }
        var builder = Builder(rules: PatchRules.shared)
        for name in order { builder.add(message: name, kinds: messages[name]!) }
        return builder.schemas
    }

    struct Builder {
        let rules: PatchRules
        var schemas = JSONObject()

        mutating func add(message name: String, kinds: [Kind] = []) {
            let definition = OpenAPISchemas.definitionName(message: name)
            guard schemas[definition] == nil, let message = ProtobufSchema.kubernetes[name] else { return }
            schemas[definition] = [:]  // placeholder: stops recursion through a cycle
            var properties = JSONObject()
            if !kinds.isEmpty {
                properties["apiVersion"] = [
                    "description": .string(SchemaDocs.apiVersion), "type": "string",
                ]
                properties["kind"] = ["description": .string(SchemaDocs.kind), "type": "string"]
            }
            var required: [String] = SchemaDocs.required[name] ?? []
            addFields(of: message, owner: name, kindName: kinds.first?.kind, into: &properties, required: &required)
            var schema: JSONObject = [:]
            let kindName = kinds.first?.kind ?? String(name.split(separator: ".").last ?? "")
            if let text = SchemaDocs.descriptions[name] ?? SchemaDocs.fallback(type: kindName, isList: name.hasSuffix("List") && !kinds.isEmpty) {
                schema["description"] = .string(text)
            }
            schema["type"] = "object"
            schema["properties"] = .object(JSONObject(uniqueKeysWithValues: properties.sorted { $0.key < $1.key }))
            if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
            if !kinds.isEmpty {
                schema["x-kubernetes-group-version-kind"] = .array(kinds.map {
                    ["group": .string($0.group), "kind": .string($0.kind), "version": .string($0.version)]
                })
            }
            schemas[definition] = .object(schema)
        }

        /// Adds `message`'s fields, splicing inline members (`Volume` ← `VolumeSource`) into the same object.
        mutating func addFields(of message: ProtobufMessageSchema, owner: String, kindName: String?, into properties: inout JSONObject, required: inout [String]) {
            for field in message.fields {
                if field.presence == .inline, case .message(let inlined) = field.kind, let inner = ProtobufSchema.kubernetes[inlined] {
                    required += SchemaDocs.required[inlined] ?? []
                    addFields(of: inner, owner: inlined, kindName: nil, into: &properties, required: &required)
                    continue
                }
                var schema = self.schema(for: field.kind)
                let description = SchemaDocs.descriptions["\(owner).\(field.jsonName)"]
                    ?? kindName.flatMap { SchemaDocs.fallback(field: field.jsonName, ofKind: $0) }
                if let description {
                    if schema["$ref"] != nil {
                        schema = ["allOf": [.object(schema)]]
                    }
                    schema["description"] = .string(description)
                }
                for (key, value) in rules.extensions(message: owner, field: field.jsonName) { schema[key] = value }
                properties[field.jsonName] = .object(schema)
            }
        }

        mutating func schema(for kind: ProtobufFieldKind) -> JSONObject {
            switch kind {
            case .string: return ["type": "string"]
            case .bool: return ["type": "boolean"]
            case .int32: return ["type": "integer", "format": "int32"]
            case .int64: return ["type": "integer", "format": "int64"]
            case .double: return ["type": "number", "format": "double"]
            case .bytes: return ["type": "string", "format": "byte"]
            case .duration: return ["type": "string"]
            case .message(let name):
                add(message: name)
                return ref(OpenAPISchemas.definitionName(message: name))
            case .repeated(let element):
                return ["type": "array", "items": .object(schema(for: element))]
            case .map(_, let value):
                return ["type": "object", "additionalProperties": .object(schema(for: value))]
            case .quantity:
                schemas[quantityName] = [
                    "description": .string(SchemaDocs.quantity),
                    "oneOf": [["type": "string"], ["type": "number"]],
                ]
                return ref(quantityName)
            case .intOrString:
                schemas[intOrStringName] = [
                    "description": .string(SchemaDocs.intOrString),
                    "format": "int-or-string",
                    "oneOf": [["type": "integer"], ["type": "string"]],
                ]
                return ref(intOrStringName)
            case .time:
                schemas[timeName] = ["description": .string(SchemaDocs.time), "type": "string", "format": "date-time"]
                return ref(timeName)
            case .microTime:
                schemas[microTimeName] = ["description": .string(SchemaDocs.microTime), "type": "string", "format": "date-time"]
                return ref(microTimeName)
            case .rawExtension:
                schemas[rawExtensionName] = ["description": .string(SchemaDocs.rawExtension), "type": "object"]
                return ref(rawExtensionName)
            case .fieldsV1:
                schemas[fieldsV1Name] = ["description": .string(SchemaDocs.fieldsV1), "type": "object"]
                return ref(fieldsV1Name)
            }
        }

        func ref(_ definition: String) -> JSONObject { ["$ref": .string("#/components/schemas/\(definition)")] }
    }
}
