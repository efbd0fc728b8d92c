import Yams

/// A YAML document that could not be read as a JSON tree (`line 3: mapping key is not a string`).
public struct YAMLConversionError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    public var line: Int?

    public init(message: String, line: Int? = nil) {
        self.message = message
        self.line = line
    }

    public var description: String {
        if let line { return "error converting YAML to JSON: yaml: line \(line): \(message)" }
        return "error converting YAML to JSON: \(message)"
    }
}

extension JSONValue {
    /// Parses every document of a multi-document YAML stream (`---` separated); empty documents are skipped,
    /// as kubectl's resource builder does.
    public static func parseYAMLDocuments(_ text: String) throws(YAMLConversionError) -> [JSONValue] {
        do {
            var out: [JSONValue] = []
            for node in try Yams.compose_all(yaml: text) {
                let value = try JSONValue(yamlNode: node)
                if value.isNull { continue }
                out.append(value)
            }
            return out
        } catch let error as YAMLConversionError {
            throw error
        } catch {
            throw YAMLConversionError(message: "\(error)", line: nil)
        }
    }

    /// Parses a single YAML (or JSON, which is YAML) document.
    public static func parseYAML(_ text: String) throws(YAMLConversionError) -> JSONValue {
        do {
            guard let node = try Yams.compose(yaml: text) else { return .null }
            return try JSONValue(yamlNode: node)
        } catch let error as YAMLConversionError {
            throw error
        } catch {
            throw YAMLConversionError(message: "\(error)", line: nil)
        }
    }

    /// Converts a composed YAML node. Scalars are typed the way sigs.k8s.io/yaml (go-yaml v2) types them:
    /// plain `true`/`yes`/`on` are booleans, `3` and `0x1F` integers, `1.5` floats, `~`/`null`/empty null;
    /// anything quoted, and timestamps, stay strings.
    init(yamlNode node: Yams.Node) throws(YAMLConversionError) {
        switch node {
        case .scalar(let scalar):
            self = JSONValue.resolveScalar(scalar)
        case .alias:
            // Yams' composer substitutes anchored nodes for aliases, so this is only reached for a dangling one.
            throw YAMLConversionError(message: "unknown anchor referenced", line: node.mark.map { $0.line })
        case .sequence(let sequence):
            var array: [JSONValue] = []
            array.reserveCapacity(sequence.count)
            for element in sequence { array.append(try JSONValue(yamlNode: element)) }
            self = .array(array)
        case .mapping(let mapping):
            var object = JSONObject()
            var merged: [JSONObject] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw YAMLConversionError(message: "mapping key is not a scalar", line: key.mark.map { $0.line })
                }
                if keyScalar.style == .plain, keyScalar.string == "<<" {
                    // YAML merge key: `<<: *base` or `<<: [*a, *b]`; explicit keys win.
                    let source = try JSONValue(yamlNode: value)
                    switch source {
                    case .object(let o): merged.append(o)
                    case .array(let list): merged.append(contentsOf: list.compactMap(\.objectValue))
                    default: throw YAMLConversionError(message: "map merge requires map or sequence of maps as the value", line: value.mark.map { $0.line })
                    }
                    continue
                }
                object[JSONValue.keyString(keyScalar)] = try JSONValue(yamlNode: value)
            }
            for source in merged {
                for (k, v) in source where object[k] == nil { object[k] = v }
            }
            self = .object(object)
        }
    }

    /// Non-string keys (`1: a`, `true: b`) become their textual form, as sigs.k8s.io/yaml does.
    static func keyString(_ scalar: Yams.Node.Scalar) -> String {
        switch resolveScalar(scalar) {
        case .string(let s): return s
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case let other: return other.serialized()
        }
    }

    static func resolveScalar(_ scalar: Yams.Node.Scalar) -> JSONValue {
        let text = scalar.string
        guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
        switch Tag.Name(rawValue: Yams.Node.scalar(scalar).tag.rawValue) {
        case .str: return .string(text)
        case .null: return .null
        case .bool: return resolveBool(text).map(JSONValue.bool) ?? .string(text)
        case .int: return resolveInt(text).map(JSONValue.int) ?? resolveFloat(text).map(JSONValue.double) ?? .string(text)
        case .float: return resolveFloat(text).map(JSONValue.double) ?? .string(text)
        default: return .string(text)
        }
    }

    static func resolveBool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N": return false
        default: return nil
        }
    }

    static func resolveInt(_ text: String) -> Int64? {
        var s = text.replacingOccurrences(of: "_", with: "")
        var negative = false
        if s.hasPrefix("-") { negative = true; s.removeFirst() } else if s.hasPrefix("+") { s.removeFirst() }
        guard !s.isEmpty else { return nil }
        var magnitude: UInt64?
        if s.hasPrefix("0x") || s.hasPrefix("0X") {
            magnitude = UInt64(s.dropFirst(2), radix: 16)
        } else if s.hasPrefix("0o") || s.hasPrefix("0O") {
            magnitude = UInt64(s.dropFirst(2), radix: 8)
        } else if s.hasPrefix("0b") || s.hasPrefix("0B") {
            magnitude = UInt64(s.dropFirst(2), radix: 2)
        } else if s.count > 1, s.hasPrefix("0") {
            magnitude = UInt64(s.dropFirst(), radix: 8)
        } else if s.contains(":") {
            // YAML 1.1 sexagesimal (`1:30` = 90).
            var total: UInt64 = 0
            for part in s.split(separator: ":") {
                guard let v = UInt64(part) else { return nil }
                total = total * 60 + v
            }
            magnitude = total
        } else {
            magnitude = UInt64(s)
        }
        guard let magnitude else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    static func resolveFloat(_ text: String) -> Double? {
        let s = text.replacingOccurrences(of: "_", with: "")
        switch s {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: return Double(s)
        }
    }
}

// MARK: - JSON → YAML, as kubectl -o yaml writes it

extension JSONValue {
    /// YAML text as `kubectl get -o yaml` prints it: go-yaml v2 block style, two-space indentation, sequences
    /// inside a mapping not indented, object keys sorted (kubectl goes through a Go map), strings quoted only
    /// when they would otherwise read back as something else.
    public func yamlString() -> String {
        var out = ""
        switch self {
        case .object(let o) where !o.isEmpty:
            JSONValue.writeMapping(o, indent: 0, into: &out)
        case .array(let a) where !a.isEmpty:
            JSONValue.writeSequence(a, indent: 0, into: &out)
        default:
            out = JSONValue.inlineScalar(self, indent: 0) + "\n"
        }
        return out
    }

    static func pad(_ n: Int) -> String { String(repeating: " ", count: n) }

    static func writeMapping(_ object: JSONObject, indent: Int, into out: inout String) {
        for key in object.keys.sorted() {
            let value = object[key]!
            let k = yamlKey(key)
            switch value {
            case .object(let child) where !child.isEmpty:
                out += pad(indent) + k + ":\n"
                writeMapping(child, indent: indent + 2, into: &out)
            case .array(let list) where !list.isEmpty:
                out += pad(indent) + k + ":\n"
                writeSequence(list, indent: indent, into: &out)
            default:
                out += pad(indent) + k + ":" + scalarSuffix(value, indent: indent + 2) + "\n"
            }
        }
    }

    static func writeSequence(_ list: [JSONValue], indent: Int, into out: inout String) {
        for element in list {
            switch element {
            case .object(let child) where !child.isEmpty:
                // First key shares the line with the dash; the rest align under it.
                var nested = ""
                writeMapping(child, indent: indent + 2, into: &nested)
                out += pad(indent) + "- " + nested.dropFirst(indent + 2)
            case .array(let inner) where !inner.isEmpty:
                var nested = ""
                writeSequence(inner, indent: indent + 2, into: &nested)
                out += pad(indent) + "- " + nested.dropFirst(indent + 2)
            default:
                out += pad(indent) + "-" + scalarSuffix(element, indent: indent + 2) + "\n"
            }
        }
    }

    /// The text after `key:` or `-` for a scalar or empty collection, including its leading space.
    static func scalarSuffix(_ value: JSONValue, indent: Int) -> String {
        if case .string(let s) = value, s.contains("\n"), isLiteralSafe(s) {
            let chomp = s.hasSuffix("\n") ? (s.hasSuffix("\n\n") ? "+" : "") : "-"
            var body = s
            if body.hasSuffix("\n") { body.removeLast() }
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
            let indicator = (lines.first?.first == " ") ? "2" : ""
            var text = " |" + indicator + chomp
            for line in lines {
                text += "\n" + (line.isEmpty ? "" : pad(indent) + line)
            }
            return text
        }
        return " " + inlineScalar(value, indent: indent)
    }

    static func inlineScalar(_ value: JSONValue, indent: Int) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return formatYAMLFloat(d)
        case .string(let s): return yamlQuotedIfNeeded(s)
        case .array: return "[]"
        case .object: return "{}"
        }
    }

    static func formatYAMLFloat(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d > 0 ? ".inf" : "-.inf" }
        return formatDouble(d)
    }

    static func yamlKey(_ key: String) -> String { yamlQuotedIfNeeded(key) }

    /// Literal block style only for printable text without trailing spaces on lines (go-yaml falls back to
    /// double quotes otherwise).
    static func isLiteralSafe(_ s: String) -> Bool {
        for line in s.split(separator: "\n", omittingEmptySubsequences: false) where line.last == " " || line.last == "\t" {
            return false
        }
        return !s.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F }
    }

    /// As go-yaml v2: double quotes when the plain text would read back as another type (`"true"`, `"1.0"`,
    /// `""`) or holds control characters; single quotes when it starts with or contains YAML indicators.
    static func yamlQuotedIfNeeded(_ s: String) -> String {
        if s.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }) || resolvesToNonString(s) {
            return doubleQuoted(s)
        }
        if needsQuotes(s) {
            return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
        }
        return s
    }

    static func needsQuotes(_ s: String) -> Bool {
        guard let first = s.first, let last = s.last else { return true }
        if first == " " || last == " " || first == "\t" || last == "\t" { return true }
        if "-?:".contains(first) {
            return s.count == 1 || s.dropFirst().first == " " || s == "---"
        }
        if ",[]{}#&*!|>'\"%@`".contains(first) { return true }
        if s.contains(": ") || s.contains(" #") || s.contains("\t#") || last == ":" { return true }
        return s == "..."
    }

    static func resolvesToNonString(_ s: String) -> Bool {
        switch s {
        case "~", "null", "Null", "NULL", "": return true
        default: break
        }
        if resolveBool(s) != nil { return true }
        let range = NSRange(s.startIndex..<s.endIndex, in: s)
        return YAMLImplicitTypes.patterns.contains { $0.firstMatch(in: s, options: [], range: range) != nil }
    }

    static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

import Foundation

/// Yams' own int/float/timestamp rules, compiled once, to decide whether a string needs quoting on output.
enum YAMLImplicitTypes {
    static let patterns: [NSRegularExpression] = [Resolver.Rule.int, .float, .timestamp].compactMap {
        try? NSRegularExpression(pattern: $0.pattern)
    }
}
