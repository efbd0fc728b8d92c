import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// `key=value` / `key-` arguments of `kubectl label` and `kubectl annotate`.
public struct MetadataChanges: Equatable, Sendable {
    public var set: [(key: String, value: String)]
    public var remove: [String]

    public static func == (a: MetadataChanges, b: MetadataChanges) -> Bool {
        a.remove == b.remove && a.set.map(\.key) == b.set.map(\.key) && a.set.map(\.value) == b.set.map(\.value)
    }

    /// Splits arguments into resource arguments and changes: changes are the trailing `k=v` / `k-` arguments.
    public static func split(_ args: [String]) -> (resources: [String], changes: [String]) {
        var firstChange = args.count
        for (i, arg) in args.enumerated().reversed() {
            if arg.contains("=") || (arg.hasSuffix("-") && !arg.contains("/")) { firstChange = i } else { break }
        }
        return (Array(args[..<firstChange]), Array(args[firstChange...]))
    }

    public init(_ args: [String], noun: String) throws {
        var set: [(String, String)] = []
        var remove: [String] = []
        for arg in args {
            if let eq = arg.firstIndex(of: "=") {
                let key = String(arg[..<eq])
                let value = String(arg[arg.index(after: eq)...])
                guard MetadataChanges.isValidKey(key), noun == "annotation" || MetadataChanges.isValidLabelValue(value) else {
                    throw KubectlError("invalid \(noun) spec: \(arg)")
                }
                set.append((key, value))
            } else if arg.hasSuffix("-") {
                let key = String(arg.dropLast())
                guard MetadataChanges.isValidKey(key) else { throw KubectlError("invalid \(noun) spec: \(arg)") }
                remove.append(key)
            } else {
                throw KubectlError("invalid \(noun) spec: \(arg)")
            }
        }
        for key in remove where set.contains(where: { $0.0 == key }) {
            throw KubectlError("can not both modify and remove \(noun)s in the same command")
        }
        self.set = set
        self.remove = remove
    }

    /// A qualified name with an optional DNS-subdomain prefix (`app`, `example.com/tier`).
    static func isValidKey(_ key: String) -> Bool {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.last, !name.isEmpty, name.count <= 63 else { return false }
        if parts.count == 2 {
            let prefix = parts[0]
            guard !prefix.isEmpty, prefix.count <= 253, prefix.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "." }) else { return false }
        }
        guard let first = name.first, let last = name.last, first.isLetter || first.isNumber, last.isLetter || last.isNumber else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." } && name.allSatisfy(\.isASCII)
    }

    static func isValidLabelValue(_ value: String) -> Bool {
        if value.isEmpty { return true }
        guard value.count <= 63, let first = value.first, let last = value.last, first.isLetter || first.isNumber, last.isLetter || last.isNumber else {
            return false
        }
        return value.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") && $0.isASCII }
    }

    /// Applies the changes to a labels/annotations map, enforcing `--overwrite` as upstream does.
    public func apply(to existing: JSONObject, overwrite: Bool) throws -> JSONObject {
        var result = existing
        for (key, value) in set {
            if !overwrite, let current = existing[key]?.stringValue, current != value {
                throw KubectlError("'\(key)' already has a value (\(current)), and --overwrite is false")
            }
            result[key] = .string(value)
        }
        for key in remove { result[key] = nil }
        return result
    }
}

/// Shared implementation of `label` and `annotate`.
struct MetadataCommand {
    var global: GlobalOptions
    var arguments: [String]
    var overwrite: Bool
    var all: Bool
    var selector: String?
    var output: String?
    var field: String
    var noun: String
    var pastTense: String

    func run() async throws {
        let format = try OutputFormat(output)
        let (resourceArgs, changeArgs) = MetadataChanges.split(arguments)
        guard !changeArgs.isEmpty else { throw KubectlError("at least one \(noun) update is required") }
        let changes = try MetadataChanges(changeArgs, noun: noun)
        let session = try global.session()
        let terminal = Terminal.current
        let targets = try await session.targets(resourceArgs, verb: noun, selector: selector, all: all)
        for target in targets {
            let (resource, name, path) = (target.resource, target.name, target.path)
            let object = try await session.client.get(path)
            let existing = object[path: ["metadata", field]]?.objectValue ?? [:]
            let updated = try changes.apply(to: existing, overwrite: overwrite)
            if noun == "label" {
                for key in changes.remove where existing[key] == nil { terminal.out("label \"\(key)\" not found.\n") }
            }
            var message = pastTense
            var result = object
            if updated == existing {
                if noun == "label" { message = "not labeled" }
            } else {
                var patchMap = JSONObject()
                for (k, v) in updated where existing[k] != v { patchMap[k] = v }
                for k in existing.keys where updated[k] == nil { patchMap[k] = .null }
                let patch: JSONValue = ["metadata": [field: .object(patchMap)]]
                result = try await session.client.patch(path, type: .merge, body: patch)
                if noun == "label", !overwrite, updated.count < existing.count { message = "unlabeled" }
            }
            if format == .table {
                terminal.out("\(resource.kindQualifiedName)/\(name) \(message)\n")
            } else {
                terminal.out(try ObjectPrinter.print([result], format: format, asList: false))
            }
        }
    }
}

struct Label: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Update the labels on a resource.")
    @OptionGroup var global: GlobalOptions
    @Argument var arguments: [String] = []
    @Flag(name: .customLong("overwrite")) var overwrite = false
    @Flag(name: .customLong("all")) var all = false
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Option(name: .shortAndLong) var output: String?

    func run() async throws {
        try await MetadataCommand(
            global: global, arguments: arguments, overwrite: overwrite, all: all, selector: selector, output: output, field: "labels",
            noun: "label", pastTense: "labeled"
        ).run()
    }
}

struct Annotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Update the annotations on a resource.")
    @OptionGroup var global: GlobalOptions
    @Argument var arguments: [String] = []
    @Flag(name: .customLong("overwrite")) var overwrite = false
    @Flag(name: .customLong("all")) var all = false
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Option(name: .shortAndLong) var output: String?

    func run() async throws {
        try await MetadataCommand(
            global: global, arguments: arguments, overwrite: overwrite, all: all, selector: selector, output: output, field: "annotations",
            noun: "annotation", pastTense: "annotated"
        ).run()
    }
}
