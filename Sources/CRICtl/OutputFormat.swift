import Foundation
import SwiftProtobuf

/// `-o json|yaml|table` as crictl takes it.
public enum OutputFormat: String, Sendable, CaseIterable {
    case json, yaml, table

    public init(parsing text: String, default fallback: OutputFormat) throws(CRICtlError) {
        if text.isEmpty {
            self = fallback
            return
        }
        guard let format = OutputFormat(rawValue: text) else { throw CRICtlError("unsupported output format \"\(text)\"") }
        self = format
    }
}

/// Protobuf messages printed as crictl prints them: protojson (lowerCamelCase names, int64 as
/// strings, enums by name) indented by two spaces, or that JSON turned into YAML.
public enum ProtoPrinter {
    // Never inlined: inlined into the commands' async closures, the typed throws of
    // JSONValue(parsing:) crash the release compiler (Swift 6.x, LLVM coroutine splitting).
    @inline(never)
    public static func json(_ message: some SwiftProtobuf.Message) throws -> JSONValue {
        try JSONValue(parsing: message.jsonString())
    }

    @inline(never)
    public static func render(_ value: JSONValue, as format: OutputFormat) throws -> String {
        switch format {
        case .yaml: try value.yaml()
        default: value.indented() + "\n"
        }
    }

    /// crictl's outputStatusData for one object (inspect, inspectp, info): `{"status": …}` plus
    /// each `info` entry (JSON objects parsed, other values with their quotes trimmed), all keys
    /// sorted as the Go map that holds them.
    public static func statusDocument(status: JSONValue?, extra: [(String, JSONValue)] = [], info: [String: String]) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let status { members.append(("status", status)) }
        members += extra
        for (key, text) in info {
            if text.hasPrefix("{"), let parsed = try? JSONValue(parsing: text) {
                members.append((key, parsed))
            } else {
                members.append((key, .string(text.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))))
            }
        }
        return JSONValue.object(members).sortedKeys()
    }

    /// Several documents print as one array, a single one on its own (crictl's "old behaviour").
    public static func statusDocuments(_ documents: [JSONValue]) -> JSONValue {
        documents.count == 1 ? documents[0] : .array(documents)
    }

    /// proto3 JSON leaves out fields at their default value, where crictl (EmitDefaultValues)
    /// prints them; the fields scripts read most are put back.
    public static func withDefaults(_ value: JSONValue, _ defaults: [(String, JSONValue)]) -> JSONValue {
        var value = value
        for (key, fallback) in defaults where value[key] == nil { value.set(key, fallback) }
        return value
    }
}
