import KubeAPI

/// The common subset of Go templates that `-o go-template=` users write: `{{.a.b}}`, `{{"text"}}`,
/// `{{range .items}}…{{end}}`, `{{if .x}}…{{else}}…{{end}}`, `{{index .m "key"}}`, `{{len .list}}`, and the
/// `{{-`/`-}}` trim markers. Values print as Go's fmt prints them (`map[k:v]`, `[a b]`, `<no value>`).
public struct GoTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case value([String])
        case range([String], [Node])
        case conditional([String], [Node], [Node])
    }

    let nodes: [Node]

    public init(_ template: String) throws {
        var tokens: [(isAction: Bool, text: String)] = []
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            var text = String(rest[..<open.lowerBound])
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { throw KubectlError("error parsing template \(template), template: output:1: unclosed action") }
            var action = String(rest[..<close.lowerBound])
            rest = rest[close.upperBound...]
            if action.hasPrefix("-") {
                action.removeFirst()
                while text.last?.isWhitespace == true { text.removeLast() }
            }
            if action.hasSuffix("-") {
                action.removeLast()
                rest = rest.drop { $0.isWhitespace }
            }
            if !text.isEmpty { tokens.append((false, text)) }
            tokens.append((true, action.trimmingCharacters(in: .whitespaces)))
        }
        if !rest.isEmpty { tokens.append((false, String(rest))) }
        var index = 0
        let (parsed, terminator) = try GoTemplate.parse(tokens, &index)
        guard terminator == nil else { throw KubectlError("error parsing template \(template): unexpected {{\(terminator!)}}") }
        nodes = parsed
    }

    /// Words of an action: `index .m "key"` → ["index", ".m", "\"key\""].
    static func words(_ action: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false
        for c in action {
            if c == "\"" { quoted.toggle() }
            if c == " " && !quoted {
                if !current.isEmpty { out.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    static func parse(_ tokens: [(isAction: Bool, text: String)], _ index: inout Int) throws -> ([Node], String?) {
        var nodes: [Node] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            guard token.isAction else {
                nodes.append(.text(token.text))
                continue
            }
            let w = words(token.text)
            switch w.first {
            case "end", "else": return (nodes, w.first)
            case "range":
                let (body, terminator) = try parse(tokens, &index)
                guard terminator == "end" else { throw KubectlError("template: unexpected EOF in range") }
                nodes.append(.range(Array(w.dropFirst()), body))
            case "if":
                var (then, terminator) = try parse(tokens, &index)
                var otherwise: [Node] = []
                if terminator == "else" { (otherwise, terminator) = try parse(tokens, &index) }
                guard terminator == "end" else { throw KubectlError("template: unexpected EOF in if") }
                nodes.append(.conditional(Array(w.dropFirst()), then, otherwise))
            case nil: continue
            default: nodes.append(.value(w))
            }
        }
        return (nodes, nil)
    }

    public func render(_ data: JSONValue) throws -> String {
        var out = ""
        try render(nodes, dot: data, into: &out)
        return out
    }

    func render(_ nodes: [Node], dot: JSONValue, into out: inout String) throws {
        for node in nodes {
            switch node {
            case .text(let t): out += t
            case .value(let words): out += GoTemplate.format(try evaluate(words, dot: dot))
            case .range(let words, let body):
                switch try evaluate(words, dot: dot) {
                case .array(let items): for item in items { try render(body, dot: item, into: &out) }
                case .object(let o): for key in o.keys.sorted() { try render(body, dot: o[key]!, into: &out) }
                default: break
                }
            case .conditional(let words, let then, let otherwise):
                try render(GoTemplate.truthy(try evaluate(words, dot: dot)) ? then : otherwise, dot: dot, into: &out)
            }
        }
    }

    func evaluate(_ words: [String], dot: JSONValue) throws -> JSONValue? {
        guard let first = words.first else { return nil }
        switch first {
        case "index":
            var value = try operand(words.count > 1 ? words[1] : ".", dot: dot)
            for key in words.dropFirst(2) {
                let k = try operand(key, dot: dot)
                if let i = k?.intValue, let a = value?.arrayValue { value = i >= 0 && Int(i) < a.count ? a[Int(i)] : nil } else { value = value?[k?.stringValue ?? ""] }
            }
            return value
        case "len":
            let v = try operand(words.count > 1 ? words[1] : ".", dot: dot)
            return .int(Int64(v?.arrayValue?.count ?? v?.objectValue?.count ?? v?.stringValue?.count ?? 0))
        default:
            guard words.count == 1 else { throw KubectlError("template: function \"\(first)\" not defined") }
            return try operand(first, dot: dot)
        }
    }

    func operand(_ word: String, dot: JSONValue) throws -> JSONValue? {
        if word.hasPrefix("\"") { return .string(try JSONPathParser.unquote(word)) }
        if let i = Int64(word) { return .int(i) }
        guard word.hasPrefix(".") else { throw KubectlError("template: unexpected \"\(word)\" in operand") }
        var value: JSONValue? = dot
        for key in word.split(separator: ".") { value = value?[String(key)] }
        return value
    }

    static func truthy(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: return false
        case .bool(let b)?: return b
        case .int(let i)?: return i != 0
        case .double(let d)?: return d != 0
        case .string(let s)?: return !s.isEmpty
        case .array(let a)?: return !a.isEmpty
        case .object(let o)?: return !o.isEmpty
        }
    }

    static func format(_ value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return "<no value>"
        case .string(let s)?: return s
        case .array(let a)?: return "[" + a.map { format($0) }.joined(separator: " ") + "]"
        case .object(let o)?: return "map[" + o.keys.sorted().map { "\($0):\(format(o[$0]))" }.joined(separator: " ") + "]"
        case let other?: return other.serialized()
        }
    }
}
