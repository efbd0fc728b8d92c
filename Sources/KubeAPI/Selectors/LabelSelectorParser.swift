extension Labels.Selector {
    /// Parses the string form exactly as upstream's `labels.Parse`:
    /// `a=b,c!=d,e in (f,g),h notin (i),j,!k,l>3,m<4`, blanks (space, tab, CR, LF) between tokens.
    public static func parse(_ selector: String) throws(LabelSelectorError) -> Labels.Selector {
        var parser = LabelSelectorParser(tokens: LabelSelectorLexer.scan(selector), selector: selector)
        return Labels.Selector(requirements: try parser.parse())
    }
}

enum LabelSelectorToken: Equatable {
    case error, endOfString, closedParen, comma, doesNotExist, doubleEquals, equals, greaterThan
    case identifier, `in`, lessThan, notEquals, notIn, openParen
}

/// Upstream's byte lexer: identifiers run until a blank or one of `=!(),<>`; operators are the
/// longest run of those symbols that still spells an operator.
struct LabelSelectorLexer {
    static let symbols: [String: LabelSelectorToken] = [
        ")": .closedParen, ",": .comma, "!": .doesNotExist, "==": .doubleEquals, "=": .equals,
        ">": .greaterThan, "in": .in, "<": .lessThan, "!=": .notEquals, "notin": .notIn, "(": .openParen,
    ]

    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    static func isSymbol(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
            UInt8(ascii: ">"), UInt8(ascii: "<"):
            return true
        default: return false
        }
    }

    static func scan(_ selector: String) -> [(LabelSelectorToken, String)] {
        let bytes = Array(selector.utf8)
        var pos = 0
        var items: [(LabelSelectorToken, String)] = []
        while true {
            // A NUL byte ends the input, as the upstream lexer's read() sentinel does.
            while pos < bytes.count, isBlank(bytes[pos]) { pos += 1 }
            guard pos < bytes.count, bytes[pos] != 0 else {
                items.append((.endOfString, ""))
                return items
            }
            if isSymbol(bytes[pos]) {
                var buffer: [UInt8] = []
                var last: (LabelSelectorToken, String)? = nil
                while pos < bytes.count, isSymbol(bytes[pos]) {
                    buffer.append(bytes[pos])
                    let text = String(decoding: buffer, as: UTF8.self)
                    if let token = symbols[text] {
                        last = (token, text)
                    } else if last != nil {
                        break
                    }
                    pos += 1
                }
                if let last {
                    items.append(last)
                } else {
                    items.append((.error, "error expected: keyword found '\(String(decoding: buffer, as: UTF8.self))'"))
                }
            } else {
                var buffer: [UInt8] = []
                while pos < bytes.count, bytes[pos] != 0, !isSymbol(bytes[pos]), !isBlank(bytes[pos]) {
                    buffer.append(bytes[pos])
                    pos += 1
                }
                let text = String(decoding: buffer, as: UTF8.self)
                items.append((symbols[text] ?? .identifier, text))
            }
        }
    }
}

/// Upstream's recursive-descent parser over the scanned tokens. In value position the
/// keywords `in` and `notin` are plain identifiers (`x in (in)` is valid).
struct LabelSelectorParser {
    let tokens: [(LabelSelectorToken, String)]
    let selector: String
    var position = 0

    init(tokens: [(LabelSelectorToken, String)], selector: String) {
        self.tokens = tokens
        self.selector = selector
    }

    enum Context { case keyAndOperator, values }

    func lookahead(_ context: Context) -> (LabelSelectorToken, String) {
        let item = tokens[min(position, tokens.count - 1)]
        return (context == .values && (item.0 == .in || item.0 == .notIn)) ? (.identifier, item.1) : item
    }

    mutating func consume(_ context: Context) -> (LabelSelectorToken, String) {
        let item = lookahead(context)
        position += 1
        return item
    }

    func fail(_ message: String) -> LabelSelectorError {
        LabelSelectorError(input: selector, message: message)
    }

    mutating func parse() throws(LabelSelectorError) -> [Labels.Requirement] {
        var requirements: [Labels.Requirement] = []
        while true {
            let (token, literal) = lookahead(.values)
            switch token {
            case .identifier, .doesNotExist:
                do {
                    requirements.append(try parseRequirement())
                } catch {
                    throw fail("unable to parse requirement: \(error.message)")
                }
                let (next, nextLiteral) = consume(.values)
                switch next {
                case .endOfString:
                    return requirements
                case .comma:
                    let (after, afterLiteral) = lookahead(.values)
                    if after != .identifier && after != .doesNotExist {
                        throw fail("found '\(afterLiteral)', expected: identifier after ','")
                    }
                default:
                    throw fail("found '\(nextLiteral)', expected: ',' or 'end of string'")
                }
            case .endOfString:
                return requirements
            default:
                throw fail("found '\(literal)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    mutating func parseRequirement() throws(LabelSelectorError) -> Labels.Requirement {
        let (key, inferred) = try parseKeyAndInferOperator()
        if let inferred {
            return try Labels.Requirement(key: key, operator: inferred, values: [])
        }
        let op = try parseOperator()
        let values: [String]
        switch op {
        case .in, .notIn: values = try parseValues()
        default: values = try parseExactValue()
        }
        // Upstream collects values in a string set, so they come out sorted and unique.
        return try Labels.Requirement(key: key, operator: op, values: Array(Set(values)).sorted())
    }

    mutating func parseKeyAndInferOperator() throws(LabelSelectorError) -> (String, Labels.Operator?) {
        var op: Labels.Operator? = nil
        var (token, literal) = consume(.values)
        if token == .doesNotExist {
            op = .doesNotExist
            (token, literal) = consume(.values)
        }
        guard token == .identifier else { throw fail("found '\(literal)', expected: identifier") }
        let keyErrors = LabelSyntax.qualifiedNameErrors(literal)
        if !keyErrors.isEmpty {
            throw fail(LabelSelectorError.invalid("<nil>", literal, keyErrors.joined(separator: "; ")))
        }
        let next = lookahead(.values).0
        if next == .endOfString || next == .comma {
            if op != .doesNotExist { op = .exists }
        }
        return (literal, op)
    }

    mutating func parseOperator() throws(LabelSelectorError) -> Labels.Operator {
        let (token, literal) = consume(.keyAndOperator)
        switch token {
        case .in: return .in
        case .equals: return .equals
        case .doubleEquals: return .doubleEquals
        case .greaterThan: return .greaterThan
        case .lessThan: return .lessThan
        case .notIn: return .notIn
        case .notEquals: return .notEquals
        default: throw fail("found '\(literal)', expected: '=', '!=', '==', 'in', notin'")
        }
    }

    mutating func parseValues() throws(LabelSelectorError) -> [String] {
        let (open, openLiteral) = consume(.values)
        guard open == .openParen else { throw fail("found '\(openLiteral)' expected: '('") }
        let (token, literal) = lookahead(.values)
        switch token {
        case .identifier, .comma:
            let values = try parseIdentifiersList()
            guard consume(.values).0 == .closedParen else { throw fail("found '\(literal)', expected: ')'") }
            return values
        case .closedParen:
            _ = consume(.values)
            return [""]
        default:
            throw fail("found '\(literal)', expected: ',', ')' or identifier")
        }
    }

    mutating func parseIdentifiersList() throws(LabelSelectorError) -> [String] {
        var values: [String] = []
        while true {
            let (token, literal) = consume(.values)
            switch token {
            case .identifier:
                values.append(literal)
                let (next, nextLiteral) = lookahead(.values)
                switch next {
                case .comma: continue
                case .closedParen: return values
                default: throw fail("found '\(nextLiteral)', expected: ',' or ')'")
                }
            case .comma:
                // Empty values: "(,a)", "(a,)" and "(a,,b)" each contribute "".
                if values.isEmpty { values.append("") }
                let next = lookahead(.values).0
                if next == .closedParen {
                    values.append("")
                    return values
                }
                if next == .comma {
                    _ = consume(.values)
                    values.append("")
                }
            default:
                throw fail("found '\(literal)', expected: ',', or identifier")
            }
        }
    }

    mutating func parseExactValue() throws(LabelSelectorError) -> [String] {
        let next = lookahead(.values).0
        if next == .endOfString || next == .comma { return [""] }
        let (token, literal) = consume(.values)
        guard token == .identifier else { throw fail("found '\(literal)', expected: identifier") }
        return [literal]
    }
}
