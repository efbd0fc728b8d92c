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
        if let name = refName(schema) { return name }
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

    public func explain(group: String, version: String, kind: String, fieldPath: [String], recursive: Bool) throws -> String {
        guard let name = schemaName(group: group, version: version, kind: kind), let root = schemas[name] else {
            throw KubectlError("couldn't find resource for \"\(group.isEmpty ? version : "\(group)/\(version)"), Kind=\(kind)\"")
        }
        var schema = root
        var fieldLine: String?
        for field in fieldPath {
            var container = resolve(schema)
            if container["type"]?.stringValue == "array", let items = container["items"] { container = resolve(items) }
            guard let child = container["properties"]?[field] else {
                throw KubectlError("field \"\(field)\" does not exist")
            }
            fieldLine = "FIELD: \(field) <\(typeName(child))>"
            schema = child
        }
        var out = "KIND:       \(kind)\nVERSION:    \(group.isEmpty ? version : "\(group)/\(version)")\n\n"
        if let fieldLine { out += fieldLine + "\n\n" }
        var resolved = resolve(schema)
        out += "DESCRIPTION:\n"
        // Upstream's template indents the trailing empty line too.
        out += wrap(resolved["description"]?.stringValue ?? "<empty>", indent: 4) + "    \n"
        if resolved["type"]?.stringValue == "array", let items = resolved["items"] { resolved = resolve(items) }
        if let properties = resolved["properties"]?.objectValue, !properties.isEmpty {
            out += "FIELDS:\n"
            let required = Set(resolved["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            if recursive {
                out += recursiveFields(resolved, depth: 1, seen: [])
            } else {
                for key in properties.keys.sorted() {
                    let child = properties[key]!
                    out += "  \(key)\t<\(typeName(child))>\(required.contains(key) ? " -required-" : "")\n"
                    out += wrap(resolve(child)["description"]?.stringValue ?? "<no description>", indent: 4) + "\n"
                }
                out += "\n"
            }
        }
        return out
    }

    func recursiveFields(_ schema: JSONValue, depth: Int, seen: Set<String>) -> String {
        var out = ""
        let properties = schema["properties"]?.objectValue ?? [:]
        for key in properties.keys.sorted() {
            let child = properties[key]!
            out += String(repeating: "  ", count: depth) + "\(key)\t<\(typeName(child))>\n"
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
