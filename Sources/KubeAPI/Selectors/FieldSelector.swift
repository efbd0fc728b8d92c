/// Field selection, as upstream's `k8s.io/apimachinery/pkg/fields` package.
public enum Fields {}

extension Fields {
    /// A field selector: `field=value` / `field==value` / `field!=value` terms joined by `,`, all of
    /// which must hold, as upstream's `fields.ParseSelector`. In values `\`, `,` and `=` are escaped
    /// with a backslash; the field name is everything before the first operator.
    public struct Selector: Hashable, Sendable, CustomStringConvertible {
        public struct Term: Hashable, Sendable, CustomStringConvertible {
            public var field: String
            /// True for `!=`.
            public var negated: Bool
            public var value: String

            public init(field: String, negated: Bool = false, value: String) {
                self.field = field
                self.negated = negated
                self.value = value
            }

            /// A missing field reads as "", so `spec.nodeName=` selects objects with no node.
            public func matches(_ fields: [String: String]) -> Bool {
                (fields[field] ?? "") == value ? !negated : negated
            }

            public var description: String {
                field + (negated ? "!=" : "=") + Fields.Selector.escape(value)
            }
        }

        public var terms: [Term]

        public init(terms: [Term]) { self.terms = terms }

        public static let everything = Fields.Selector(terms: [])

        public var isEmpty: Bool { terms.isEmpty }

        public func matches(_ fields: [String: String]) -> Bool {
            terms.allSatisfy { $0.matches(fields) }
        }

        public var description: String { terms.map(\.description).joined(separator: ",") }

        /// The value the selector requires `field` to equal, if it has such a term (upstream's
        /// `RequiresExactMatch`, which the kubelet's `spec.nodeName=` watch relies on).
        public func requiredValue(for field: String) -> String? {
            terms.first { $0.field == field && !$0.negated }?.value
        }

        public static func parse(_ selector: String) throws(FieldSelectorError) -> Fields.Selector {
            // Upstream sorts the raw terms, so the selector's string form is canonical.
            var terms: [Term] = []
            for part in splitTerms(selector).sorted() where !part.isEmpty {
                guard let (field, op, rawValue) = splitTerm(part) else {
                    throw FieldSelectorError(input: selector, message: "invalid selector: '\(selector)'; can't understand '\(part)'")
                }
                let value = try unescape(rawValue, selector: selector)
                terms.append(Term(field: field, negated: op == "!=", value: value))
            }
            return Fields.Selector(terms: terms)
        }

        /// Splits on commas not preceded by a backslash; escapes stay in the terms.
        static func splitTerms(_ selector: String) -> [String] {
            if selector.isEmpty { return [] }
            var terms: [String] = []
            var current = ""
            var afterBackslash = false
            for c in selector {
                if afterBackslash {
                    afterBackslash = false
                } else if c == "\\" {
                    afterBackslash = true
                } else if c == "," {
                    terms.append(current)
                    current = ""
                    continue
                }
                current.append(c)
            }
            terms.append(current)
            return terms
        }

        /// Splits at the first operator; `!=` and `==` are tried before `=` at each position.
        static func splitTerm(_ term: String) -> (String, String, String)? {
            var index = term.startIndex
            while index < term.endIndex {
                let rest = term[index...]
                for op in ["!=", "==", "="] where rest.hasPrefix(op) {
                    return (String(term[..<index]), op, String(rest.dropFirst(op.count)))
                }
                index = term.index(after: index)
            }
            return nil
        }

        public static func escape(_ value: String) -> String {
            var out = ""
            for c in value {
                if c == "\\" || c == "," || c == "=" { out.append("\\") }
                out.append(c)
            }
            return out
        }

        static func unescape(_ value: String, selector: String) throws(FieldSelectorError) -> String {
            var out = ""
            var afterBackslash = false
            for c in value {
                if afterBackslash {
                    guard c == "\\" || c == "," || c == "=" else {
                        throw FieldSelectorError(
                            input: selector, message: "invalid field selector: invalid escape sequence: \\\(c)")
                    }
                    out.append(c)
                    afterBackslash = false
                } else if c == "\\" {
                    afterBackslash = true
                } else if c == "," || c == "=" {
                    // Upstream prints the rune with %v, i.e. as its number.
                    throw FieldSelectorError(
                        input: selector,
                        message: "invalid field selector: unescaped character in value: \(c.unicodeScalars.first!.value)")
                } else {
                    out.append(c)
                }
            }
            if afterBackslash {
                throw FieldSelectorError(input: selector, message: "invalid field selector: invalid escape sequence: \\")
            }
            return out
        }
    }
}

/// A field selector that could not be parsed, or names a field its kind does not support.
public struct FieldSelectorError: Error, Hashable, Sendable, CustomStringConvertible {
    public var input: String
    /// Upstream's error text (`field label not supported: spec.foo`).
    public var message: String
    public var description: String { message }
}
