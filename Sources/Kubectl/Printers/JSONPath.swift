import KubeAPI

/// kubectl's JSONPath templates (`{.items[*].metadata.name}`, `{range .items[*]}{.metadata.name}{"\n"}{end}`,
/// filters `[?(@.type=="Ready")]`, slices, recursive descent `..`), after k8s.io/client-go/util/jsonpath.
public struct JSONPathTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case expression([Step])
        case range([Step], [Node])
    }

    enum Step: Sendable {
        case field(String)
        case recursive(String)
        case wildcard
        case index(Int)
        case slice(Int?, Int?, Int?)
        case filter(FilterExpression)
        case root
    }

    struct FilterExpression: Sendable {
        var left: [Step]
        var op: String?
        var right: Operand?
    }

    enum Operand: Sendable {
        case path([Step])
        case literal(JSONValue)
    }

    let nodes: [Node]
    /// When false (kubectl's `--allow-missing-template-keys=false`), a missing key is an error.
    public var allowMissingKeys = true

    public init(_ template: String) throws(JSONPathError) {
        var parser = JSONPathParser(template)
        nodes = try parser.parseTemplate()
    }

    /// Evaluates against `data` and renders as kubectl prints it: several results of one expression joined by
    /// spaces, strings raw, objects and arrays as compact JSON with sorted keys.
    public func render(_ data: JSONValue) throws(JSONPathError) -> String {
        var out = ""
        try render(nodes, current: data, root: data, into: &out)
        return out
    }

    /// The raw results of a single-expression template (custom-columns uses this).
    public func values(_ data: JSONValue) throws(JSONPathError) -> [JSONValue] {
        var results: [JSONValue] = []
        for node in nodes {
            if case .expression(let steps) = node { results += try evaluate(steps, current: data, root: data) }
        }
        return results
    }

    func render(_ nodes: [Node], current: JSONValue, root: JSONValue, into out: inout String) throws(JSONPathError) {
        for node in nodes {
            switch node {
            case .text(let text): out += text
            case .expression(let steps):
                let results = try evaluate(steps, current: current, root: root)
                out += results.map(JSONPathTemplate.text).joined(separator: " ")
            case .range(let steps, let body):
                for element in try evaluate(steps, current: current, root: root) {
                    try render(body, current: element, root: root, into: &out)
                }
            }
        }
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .null: return "<nil>"
        case .object, .array: return sortedCompactJSON(value)
        default: return value.serialized()
        }
    }

    /// Go's json.Marshal of a map sorts keys.
    public static func sortedCompactJSON(_ value: JSONValue) -> String {
        switch value {
        case .object(let o):
            return "{" + o.keys.sorted().map { k in
                var key: [UInt8] = []
                JSONValue.writeString(k, into: &key)
                return String(decoding: key, as: UTF8.self) + ":" + sortedCompactJSON(o[k]!)
            }.joined(separator: ",") + "}"
        case .array(let a): return "[" + a.map(sortedCompactJSON).joined(separator: ",") + "]"
        default: return value.serialized()
        }
    }

    func evaluate(_ steps: [Step], current: JSONValue, root: JSONValue) throws(JSONPathError) -> [JSONValue] {
        var values = [current]
        for step in steps {
            var next: [JSONValue] = []
            switch step {
            case .root:
                next = [root]
            case .field(let name):
                for value in values {
                    if let child = value[name] {
                        next.append(child)
                    } else if !allowMissingKeys {
                        throw JSONPathError(message: "\(name) is not found")
                    }
                }
            case .recursive(let name):
                for value in values { JSONPathTemplate.collect(name, in: value, into: &next) }
            case .wildcard:
                for value in values {
                    switch value {
                    case .array(let a): next += a
                    case .object(let o): next += o.keys.sorted().map { o[$0]! }
                    default: break
                    }
                }
            case .index(let i):
                for value in values {
                    guard let a = value.arrayValue else { continue }
                    let index = i < 0 ? a.count + i : i
                    if index >= 0, index < a.count {
                        next.append(a[index])
                    } else if !allowMissingKeys {
                        throw JSONPathError(message: "array index out of bounds: index \(i), length \(a.count)")
                    }
                }
            case .slice(let start, let end, let stepSize):
                for value in values {
                    guard let a = value.arrayValue else { continue }
                    let n = a.count
                    var s = start ?? 0
                    var e = end ?? n
                    if s < 0 { s += n }
                    if e < 0 { e += n }
                    s = max(0, min(s, n))
                    e = max(0, min(e, n))
                    let by = max(1, stepSize ?? 1)
                    var i = s
                    while i < e {
                        next.append(a[i])
                        i += by
                    }
                }
            case .filter(let filter):
                for value in values {
                    let candidates = value.arrayValue ?? [value]
                    for element in candidates where try matches(filter, element, root: root) { next.append(element) }
                }
            }
            values = next
        }
        return values
    }

    static func collect(_ name: String, in value: JSONValue, into out: inout [JSONValue]) {
        switch value {
        case .object(let o):
            if name == "*" { out += o.values } else if let v = o[name] { out.append(v) }
            for (_, child) in o { collect(name, in: child, into: &out) }
        case .array(let a):
            for child in a { collect(name, in: child, into: &out) }
        default: break
        }
    }

    func matches(_ filter: FilterExpression, _ element: JSONValue, root: JSONValue) throws(JSONPathError) -> Bool {
        // A filter probes fields that many elements lack; that is never an error.
        var lenient = self
        lenient.allowMissingKeys = true
        let left = try lenient.evaluate(filter.left, current: element, root: root)
        guard let op = filter.op, let right = filter.right else { return !left.isEmpty }
        let rightValues: [JSONValue]
        switch right {
        case .literal(let v): rightValues = [v]
        case .path(let steps): rightValues = try lenient.evaluate(steps, current: element, root: root)
        }
        guard let l = left.first, let r = rightValues.first else { return false }
        switch op {
        case "==": return JSONPathTemplate.equal(l, r)
        case "!=": return !JSONPathTemplate.equal(l, r)
        case "<", ">", "<=", ">=":
            guard let a = l.doubleValue, let b = r.doubleValue else { return false }
            switch op {
            case "<": return a < b
            case ">": return a > b
            case "<=": return a <= b
            default: return a >= b
            }
        default: throw JSONPathError(message: "unrecognized filter operator \(op)")
        }
    }

    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.doubleValue, let y = b.doubleValue { return x == y }
        return a == b
    }
}

public struct JSONPathError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public var description: String { message }
}

/// Recursive-descent parser for the template language.
struct JSONPathParser {
    let chars: [Character]
    var index = 0

    init(_ template: String) { chars = Array(template) }

    mutating func parseTemplate() throws(JSONPathError) -> [JSONPathTemplate.Node] {
        let (nodes, terminatedByEnd) = try parseNodes()
        if terminatedByEnd { throw JSONPathError(message: "not in range, nothing to end") }
        return nodes
    }

    /// Parses until the end of input or an `{end}` (returning true in that case).
    mutating func parseNodes() throws(JSONPathError) -> ([JSONPathTemplate.Node], Bool) {
        var nodes: [JSONPathTemplate.Node] = []
        var text = ""
        while index < chars.count {
            let c = chars[index]
            if c != "{" {
                text.append(c)
                index += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(text))
                text = ""
            }
            let inner = try readAction()
            let trimmed = inner.trimmingCharacters(in: .whitespaces)
            if trimmed == "end" { return (nodes, true) }
            if trimmed.hasPrefix("range"), let next = trimmed.dropFirst(5).first, next == " " || next == "\t" || next == "." || next == "@" || next == "$" {
                let steps = try JSONPathParser.parseExpression(String(trimmed.dropFirst(5)).trimmingCharacters(in: .whitespaces))
                let (body, ended) = try parseNodes()
                guard ended else { throw JSONPathError(message: "unclosed action") }
                nodes.append(.range(steps, body))
                continue
            }
            if trimmed.hasPrefix("\"") {
                nodes.append(.text(try JSONPathParser.unquote(trimmed)))
                continue
            }
            nodes.append(.expression(try JSONPathParser.parseExpression(trimmed)))
        }
        if !text.isEmpty { nodes.append(.text(text)) }
        return (nodes, false)
    }

    /// Reads from `{` to its matching `}`, respecting quotes and brackets.
    mutating func readAction() throws(JSONPathError) -> String {
        index += 1
        var out = ""
        var depth = 0
        var quote: Character?
        while index < chars.count {
            let c = chars[index]
            index += 1
            if let q = quote {
                out.append(c)
                if c == "\\", index < chars.count {
                    out.append(chars[index])
                    index += 1
                } else if c == q {
                    quote = nil
                }
                continue
            }
            switch c {
            case "\"", "'": quote = c; out.append(c)
            case "[", "(": depth += 1; out.append(c)
            case "]", ")": depth -= 1; out.append(c)
            case "}" where depth <= 0: return out
            default: out.append(c)
            }
        }
        throw JSONPathError(message: "unclosed action")
    }

    static func unquote(_ s: String) throws(JSONPathError) -> String {
        guard s.count >= 2, s.last == s.first else { throw JSONPathError(message: "unterminated quoted string in \(s)") }
        var out = ""
        var escaping = false
        for c in s.dropFirst().dropLast() {
            if escaping {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                default: out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func parseExpression(_ text: String) throws(JSONPathError) -> [JSONPathTemplate.Step] {
        let c = Array(text)
        var i = 0
        var steps: [JSONPathTemplate.Step] = []
        func readName() -> String {
            var name = ""
            while i < c.count, c[i] != ".", c[i] != "[", c[i] != " " {
                name.append(c[i])
                i += 1
            }
            return name
        }
        while i < c.count {
            switch c[i] {
            case "$":
                steps.append(.root)
                i += 1
            case "@":
                i += 1
            case ".":
                if i + 1 < c.count, c[i + 1] == "." {
                    i += 2
                    steps.append(.recursive(readName()))
                } else {
                    i += 1
                    let name = readName()
                    if name == "*" { steps.append(.wildcard) } else if !name.isEmpty { steps.append(.field(name)) }
                }
            case "[":
                var depth = 0
                var j = i
                var quote: Character?
                while j < c.count {
                    if let q = quote {
                        if c[j] == q { quote = nil }
                    } else if c[j] == "'" || c[j] == "\"" {
                        quote = c[j]
                    } else if c[j] == "[" {
                        depth += 1
                    } else if c[j] == "]" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    j += 1
                }
                guard j < c.count else { throw JSONPathError(message: "unterminated array") }
                let inside = String(c[(i + 1)..<j]).trimmingCharacters(in: .whitespaces)
                i = j + 1
                steps.append(try parseBracket(inside))
            case " ":
                i += 1
            default:
                // A bare name at the start (`metadata.name`), as kubectl's relaxed expressions allow.
                let name = readName()
                if name.isEmpty { throw JSONPathError(message: "unrecognized character in action: \(c[i])") }
                steps.append(.field(name))
            }
        }
        return steps
    }

    static func parseBracket(_ inside: String) throws(JSONPathError) -> JSONPathTemplate.Step {
        if inside == "*" { return .wildcard }
        if inside.hasPrefix("?(") && inside.hasSuffix(")") {
            return .filter(try parseFilter(String(inside.dropFirst(2).dropLast())))
        }
        if inside.hasPrefix("'") || inside.hasPrefix("\"") { return .field(try unquote(inside)) }
        if inside.contains(":") {
            let parts = inside.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            func num(_ s: String?) throws(JSONPathError) -> Int? {
                guard let s, !s.isEmpty else { return nil }
                guard let v = Int(s) else { throw JSONPathError(message: "invalid array index \(s)") }
                return v
            }
            return .slice(try num(parts[0]), try num(parts.count > 1 ? parts[1] : nil), try num(parts.count > 2 ? parts[2] : nil))
        }
        guard let n = Int(inside) else { throw JSONPathError(message: "invalid array index \(inside)") }
        return .index(n)
    }

    static func parseFilter(_ text: String) throws(JSONPathError) -> JSONPathTemplate.FilterExpression {
        for op in ["==", "!=", "<=", ">=", "<", ">"] {
            if let range = text.range(of: op) {
                let left = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let right = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
                let operand: JSONPathTemplate.Operand
                if right.hasPrefix("'") || right.hasPrefix("\"") {
                    operand = .literal(.string(try unquote(right)))
                } else if let i = Int64(right) {
                    operand = .literal(.int(i))
                } else if let d = Double(right) {
                    operand = .literal(.double(d))
                } else if right == "true" || right == "false" {
                    operand = .literal(.bool(right == "true"))
                } else {
                    operand = .path(try parseExpression(right))
                }
                return .init(left: try parseExpression(left), op: op, right: operand)
            }
        }
        return .init(left: try parseExpression(text.trimmingCharacters(in: .whitespaces)), op: nil, right: nil)
    }
}

import Foundation
