import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Get documentation for a resource.")

    @OptionGroup var global: GlobalOptions
    @Argument var target: String
    @Flag(name: .customLong("recursive")) var recursive = false
    @Option(name: .customLong("api-version")) var apiVersion: String?

    func run() async throws {
        let session = try global.session()
        let mapper = try await session.mapper()
        let parts = target.split(separator: ".").map(String.init)
        var resource = try mapper.resource(for: parts[0])
        if let apiVersion {
            resource = try mapper.resource(apiVersion: apiVersion, kind: resource.kind)
        }
        let index = try JSONValue.parse(try await session.client.getRaw("/openapi/v3"))
        let key = resource.group.isEmpty ? "api/\(resource.version)" : "apis/\(resource.group)/\(resource.version)"
        guard let url = index[path: ["paths", key, "serverRelativeURL"]]?.stringValue else {
            throw KubectlError("couldn't find resource for \"\(resource.groupVersion), Kind=\(resource.kind)\"")
        }
        let pathOnly = String(url.split(separator: "?", maxSplits: 1)[0])
        let document = try JSONValue.parse(try await session.client.getRaw(pathOnly))
        let explainer = OpenAPIExplainer(document: document)
        Terminal.current.out(try explainer.explain(group: resource.group, version: resource.version, kind: resource.kind, fieldPath: Array(parts.dropFirst()), recursive: recursive))
    }
}

/// Renders `kubectl explain` text from an OpenAPI v3 document (`components.schemas`, `$ref`, `allOf`).
public struct OpenAPIExplainer: Sendable {
    public let document: JSONValue
    public init(document: JSONValue) { self.document = document }

    var schemas: JSONObject { document[path: ["components", "schemas"]]?.objectValue ?? [:] }

    func schemaName(group: String, version: String, kind: String) -> String? {
        schemas.first { _, schema in
            (schema["x-kubernetes-group-version-kind"]?.arrayValue ?? []).contains {
                $0["group"]?.stringValue == group && $0["version"]?.stringValue == version && $0["kind"]?.stringValue == kind
            }
        }?.key
    }

    /// Follows `$ref` and single-element `allOf` wrappers.
    func resolve(_ schema: JSONValue) -> JSONValue {
        if let ref = schema["$ref"]?.stringValue, let target = schemas[String(ref.split(separator: "/").last ?? "")] {
            var merged = resolve(target)
            if let description = schema["description"] { merged["description"] = description }
            return merged
        }
        if let allOf = schema["allOf"]?.arrayValue, allOf.count == 1 {
            var merged = resolve(allOf[0])
            if let description = schema["description"] { merged["description"] = description }
            return merged
        }
        return schema
    }

    func refName(_ schema: JSONValue) -> String? {
        let ref = schema["$ref"]?.stringValue ?? schema["allOf"]?.arrayValue?.first?["$ref"]?.stringValue
        return ref.map { String($0.split(separator: ".").last ?? "") }
    }

    /// `<string>`, `<[]Container>`, `<map[string]string>`, `<ObjectMeta>`.
    func typeName(_ schema: JSONValue) -> String {
        if let name = refName(schema) {
            // A named scalar (metav1.Time is a string) prints as its scalar type, as upstream's typeGuess.
            if let scalar = resolve(schema)["type"]?.stringValue, ["string", "integer", "number", "boolean"].contains(scalar) {
                return scalar
            }
            return name
        }
        switch schema["type"]?.stringValue {
        case "array": return "[]" + typeName(schema["items"] ?? [:])
        case "object":
            if let additional = schema["additionalProperties"], additional.objectValue != nil { return "map[string]" + typeName(additional) }
            return "Object"
        case let t?: return t
        default:
            if schema["x-kubernetes-int-or-string"]?.boolValue == true { return "IntOrString" }
            return "Object"
        }
    }

    /// The description of a field as upstream's template prints it: the field's own text, then
    /// that of the type it refers to (directly or as list items).
    func description(of field: JSONValue) -> String? {
        var parts: [String] = []
        if let own = field["description"]?.stringValue { parts.append(own) }
        let target = refName(field) != nil ? field : (field["items"].flatMap { refName($0) != nil ? $0 : nil })
        if let target, let ref = target["$ref"]?.stringValue ?? target["allOf"]?.arrayValue?.first?["$ref"]?.stringValue,
           let typeText = schemas[String(ref.split(separator: "/").last ?? "")]?["description"]?.stringValue {
            parts.append(typeText)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }

    public func explain(group: String, version: String, kind: String, fieldPath: [String], recursive: Bool) throws -> String {
        guard let name = schemaName(group: group, version: version, kind: kind), let root = schemas[name] else {
            throw KubectlError("couldn't find resource for \"\(group.isEmpty ? version : "\(group)/\(version)"), Kind=\(kind)\"")
        }
        var schema = root
        var fieldLine: String?
        var text = root["description"]?.stringValue
        for field in fieldPath {
            var container = resolve(schema)
            if container["type"]?.stringValue == "array", let items = container["items"] { container = resolve(items) }
            guard let child = container["properties"]?[field] else {
                throw KubectlError("field \"\(field)\" does not exist")
            }
            fieldLine = "FIELD: \(field) <\(typeName(child))>"
            text = description(of: child)
            schema = child
        }
        var out = group.isEmpty ? "" : "GROUP:      \(group)\n"
        out += "KIND:       \(kind)\nVERSION:    \(version)\n\n"
        // Upstream's template leaves room for an enum list after the field line.
        if let fieldLine { out += fieldLine + "\n\n\n" }
        var resolved = resolve(schema)
        out += "DESCRIPTION:\n"
        // Upstream's template indents the trailing empty line too.
        out += wrap(text ?? "<empty>", indent: 4) + "    \n"
        if resolved["type"]?.stringValue == "array", let items = resolved["items"] { resolved = resolve(items) }
        guard let properties = resolved["properties"]?.objectValue, !properties.isEmpty else { return out + "\n" }
        out += "FIELDS:\n"
        if recursive { return out + recursiveFields(resolved, depth: 1, seen: []) + "\n" }
        let required = Set(resolved["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        for key in properties.keys.sorted() {
            let child = properties[key]!
            out += "  \(key)\t<\(typeName(child))>\(required.contains(key) ? " -required-" : "")\n"
            out += wrap(child["description"]?.stringValue ?? "<no description>", indent: 4) + "\n"
        }
        return out + "\n"
    }

    func recursiveFields(_ schema: JSONValue, depth: Int, seen: Set<String>) -> String {
        var out = ""
        let properties = schema["properties"]?.objectValue ?? [:]
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        for key in properties.keys.sorted() {
            let child = properties[key]!
            out += String(repeating: "  ", count: depth) + "\(key)\t<\(typeName(child))>\(required.contains(key) ? " -required-" : "")\n"
            var next = resolve(child)
            if next["type"]?.stringValue == "array", let items = next["items"] { next = resolve(items) }
            let name = refName(child) ?? refName(child["items"] ?? [:]) ?? ""
            if !seen.contains(name), next["properties"] != nil {
                out += recursiveFields(next, depth: depth + 1, seen: seen.union([name]))
            }
        }
        return out
    }

    /// Word-wraps at 80 columns with the given indentation, keeping paragraph breaks.
    func wrap(_ text: String, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty, indent + line.count + 1 + word.count > 80 {
                    lines.append(pad + line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(line.isEmpty ? pad : pad + line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
