import KubeAPI

/// The `-o` flag.
public enum OutputFormat: Sendable, Equatable {
    case table
    case wide
    case yaml
    case json
    case name
    case jsonpath(String)
    case customColumns(String)
    case goTemplate(String)

    public init(_ flag: String?) throws {
        guard let flag, !flag.isEmpty else {
            self = .table
            return
        }
        switch flag {
        case "wide": self = .wide
        case "yaml": self = .yaml
        case "json": self = .json
        case "name": self = .name
        default:
            if let t = OutputFormat.value(flag, "jsonpath") ?? OutputFormat.value(flag, "jsonpath-as-json") {
                self = .jsonpath(t)
            } else if let t = OutputFormat.value(flag, "go-template") ?? OutputFormat.value(flag, "template") {
                self = .goTemplate(t)
            } else if let spec = OutputFormat.value(flag, "custom-columns") {
                self = .customColumns(spec)
            } else {
                throw KubectlError(
                    "unable to match a printer suitable for the output format \"\(flag)\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml")
            }
        }
    }

    static func value(_ flag: String, _ name: String) -> String? {
        guard flag.hasPrefix(name + "=") else { return nil }
        return String(flag.dropFirst(name.count + 1))
    }

    public var isTable: Bool { self == .table || self == .wide }
}

/// yaml/json/name/jsonpath printing of whole objects, shared by get, create, apply, patch, label.
public enum ObjectPrinter {
    /// Several objects print as one `kind: List` (json/yaml) as kubectl does.
    public static func wrapList(_ objects: [JSONValue]) -> JSONValue {
        ["apiVersion": "v1", "items": .array(objects), "kind": "List", "metadata": ["resourceVersion": ""]]
    }

    public static func print(_ objects: [JSONValue], format: OutputFormat, asList: Bool, showManagedFields: Bool = false) throws -> String {
        // Only json and yaml hide managedFields; templates see the whole object.
        let objects = showManagedFields || !(format == .json || format == .yaml) ? objects : objects.map(omitManagedFields)
        let value = (asList || objects.count != 1) ? wrapList(objects) : objects[0]
        switch format {
        case .yaml: return value.yamlString()
        case .json: return prettyJSON(value) + "\n"
        case .name: return objects.map { name(of: $0) + "\n" }.joined()
        case .jsonpath(let template):
            var t = try JSONPathTemplate(template)
            t.allowMissingKeys = true
            return try t.render(value)
        case .goTemplate(let template):
            return try GoTemplate(template).render(value)
        default: return ""
        }
    }

    /// kubectl hides `metadata.managedFields` unless `--show-managed-fields`.
    public static func omitManagedFields(_ object: JSONValue) -> JSONValue {
        var copy = object
        if copy[path: ["metadata", "managedFields"]] != nil { copy.set(path: ["metadata", "managedFields"], to: nil) }
        return copy
    }

    /// `pod/nginx`, `deployment.apps/web`.
    public static func name(of object: JSONValue) -> String {
        let kind = (object["kind"]?.stringValue ?? "").lowercased()
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        return group.isEmpty ? "\(kind)/\(name)" : "\(kind).\(group)/\(name)"
    }

    /// kubectl -o json: four-space indentation, keys sorted (Go map order).
    public static func prettyJSON(_ value: JSONValue, indent: Int = 0) -> String {
        let pad = String(repeating: "    ", count: indent + 1)
        let close = String(repeating: "    ", count: indent)
        switch value {
        case .object(let o) where !o.isEmpty:
            let body = o.keys.sorted().map { key -> String in
                var k: [UInt8] = []
                JSONValue.writeString(key, into: &k)
                return pad + String(decoding: k, as: UTF8.self) + ": " + prettyJSON(o[key]!, indent: indent + 1)
            }
            return "{\n" + body.joined(separator: ",\n") + "\n" + close + "}"
        case .array(let a) where !a.isEmpty:
            return "[\n" + a.map { pad + prettyJSON($0, indent: indent + 1) }.joined(separator: ",\n") + "\n" + close + "]"
        default:
            return value.serialized()
        }
    }
}
