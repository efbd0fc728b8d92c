import Foundation
import KubeAPI
import KubeClient

/// The `TYPE[,TYPE…] [NAME…]` / `TYPE/NAME…` arguments most verbs take, before mapping.
public struct ResourceArguments: Equatable, Sendable {
    public struct Selection: Equatable, Sendable {
        public var type: String
        public var names: [String]
    }

    public var selections: [Selection]

    public init(_ args: [String], verb: String = "get") throws {
        guard let first = args.first else {
            throw KubectlError(
                "You must specify the type of resource to \(verb). Use \"kubectl api-resources\" for a complete list of supported resources.\n")
        }
        if args.contains(where: { $0.contains("/") }) {
            var selections: [Selection] = []
            for arg in args {
                let parts = arg.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    if !arg.contains("/") {
                        throw KubectlError(
                            "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl \(verb) resource/<resource_name>' instead of 'kubectl \(verb) resource resource/<resource_name>'")
                    }
                    throw KubectlError("arguments in resource/name form must have a single resource and name")
                }
                if let index = selections.firstIndex(where: { $0.type == parts[0] }) {
                    selections[index].names.append(parts[1])
                } else {
                    selections.append(Selection(type: parts[0], names: [parts[1]]))
                }
            }
            self.selections = selections
            return
        }
        let types = first.split(separator: ",").map(String.init).filter { !$0.isEmpty }
        let names = Array(args.dropFirst())
        if types.count > 1, !names.isEmpty {
            self.selections = types.map { Selection(type: $0, names: names) }
        } else {
            self.selections = types.map { Selection(type: $0, names: names) }
        }
    }

    /// Resolved against discovery; `all` expands to its category.
    func resolve(_ mapper: RESTMapper) throws -> [(resource: APIResourceInfo, names: [String])] {
        var out: [(APIResourceInfo, [String])] = []
        for selection in selections {
            if selection.type == "all" {
                out += mapper.category("all").map { ($0, selection.names) }
                continue
            }
            out.append((try mapper.resource(for: selection.type), selection.names))
        }
        return out
    }
}

/// Reads `-f` arguments: files, directories (their .json/.yaml/.yml files, sorted), or `-` for stdin; every
/// YAML document becomes one object, and `kind: List` is flattened into its items.
public enum ManifestReader {
    public static func read(_ paths: [String], recursive: Bool = false) throws -> [JSONValue] {
        try readWithSource(paths, recursive: recursive).map(\.object)
    }

    /// Objects with the file each came from (`STDIN` for `-`), for error messages.
    public static func readWithSource(_ paths: [String], recursive: Bool = false) throws -> [(source: String, object: JSONValue)] {
        var objects: [(source: String, object: JSONValue)] = []
        for path in paths {
            if path == "-" {
                objects += try parse(String(decoding: Terminal.current.stdin(), as: UTF8.self), source: "STDIN").map { ("STDIN", $0) }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw KubectlError("the path \"\(path)\" does not exist")
            }
            if isDirectory.boolValue {
                for file in try files(in: path, recursive: recursive) {
                    objects += try parse(try String(contentsOfFile: file, encoding: .utf8), source: file).map { (file, $0) }
                }
            } else {
                objects += try parse(try String(contentsOfFile: path, encoding: .utf8), source: path).map { (path, $0) }
            }
        }
        return objects
    }

    static func files(in directory: String, recursive: Bool) throws -> [String] {
        var out: [String] = []
        for entry in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
            let full = (directory as NSString).appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                if recursive { out += try files(in: full, recursive: true) }
            } else if [".json", ".yaml", ".yml"].contains(where: { entry.hasSuffix($0) }) {
                out.append(full)
            }
        }
        return out
    }

    public static func parse(_ text: String, source: String) throws -> [JSONValue] {
        let documents: [JSONValue]
        do {
            documents = try JSONValue.parseYAMLDocuments(text)
        } catch {
            throw KubectlError("error parsing \(source): \(error)")
        }
        var out: [JSONValue] = []
        for document in documents {
            guard case .object = document else { throw KubectlError("error parsing \(source): expected an object, got \(document.typeName)") }
            if let kind = document["kind"]?.stringValue, kind.hasSuffix("List"), let items = document["items"]?.arrayValue {
                out += items
                continue
            }
            var missing: [String] = []
            if !(document["apiVersion"]?.stringValue.map { !$0.isEmpty } ?? false) { missing.append("apiVersion not set") }
            if !(document["kind"]?.stringValue.map { !$0.isEmpty } ?? false) { missing.append("kind not set") }
            if !missing.isEmpty {
                let list = missing.count == 1 ? missing[0] : "[" + missing.joined(separator: ", ") + "]"
                throw KubectlError("error validating \"\(source)\": error validating data: \(list); if you choose to ignore these errors, turn validation off with --validate=false")
            }
            out.append(document)
        }
        return out
    }
}

/// Facts about an object read from a file, resolved against discovery.
struct ManifestObject {
    var object: JSONValue
    var resource: APIResourceInfo
    var namespace: String?
    var name: String

    init(_ object: JSONValue, mapper: RESTMapper, defaultNamespace: String, explicitNamespace: Bool) throws {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let kind = object["kind"]?.stringValue ?? ""
        self.resource = try mapper.resource(apiVersion: apiVersion, kind: kind)
        self.object = object
        self.name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let own = object[path: ["metadata", "namespace"]]?.stringValue
        if resource.namespaced {
            if let own, !own.isEmpty, explicitNamespace, own != defaultNamespace {
                throw KubectlError(
                    "the namespace from the provided object \"\(own)\" does not match the namespace \"\(defaultNamespace)\". You must pass '--namespace=\(own)' to perform this operation.")
            }
            let ns = (own?.isEmpty ?? true) ? defaultNamespace : own!
            self.namespace = ns
            self.object.set(path: ["metadata", "namespace"], to: .string(ns))
        } else {
            self.namespace = nil
        }
    }

    var path: ResourcePath { resource.path(namespace: namespace, name: name.isEmpty ? nil : name) }
    /// `pod/nginx`, `deployment.apps/web`.
    var displayName: String { "\(resource.kindQualifiedName)/\(name)" }
}
