/// `Warning` response headers (RFC 7234 §5.5) as the apiserver sends them:
/// `299 - "unknown field \"spec.foo\""`, several per header separated by commas, or several headers.
/// Only code 299 (miscellaneous persistent warning) is reported, as client-go does.
public enum WarningHeader {
    public static func parse(_ values: [String]) -> [String] {
        values.flatMap(parse(_:))
    }

    public static func parse(_ value: String) -> [String] {
        var texts: [String] = []
        var rest = Substring(value)
        while true {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard !rest.isEmpty else { return texts }
            // code SP agent SP "text" [SP "date"]
            let code = rest.prefix { $0 != " " }
            rest = rest.dropFirst(code.count).drop { $0 == " " }
            let agent = rest.prefix { $0 != " " }
            rest = rest.dropFirst(agent.count).drop { $0 == " " }
            guard rest.first == "\"", let (text, after) = quoted(rest) else { return texts }
            rest = after.drop { $0 == " " }
            if rest.first == "\"", let (_, afterDate) = quoted(rest) { rest = afterDate }
            if code == "299" { texts.append(text) }
        }
    }

    /// A quoted-string starting at `s.first == "\""`: its unescaped text and what follows.
    static func quoted(_ s: Substring) -> (String, Substring)? {
        var text = ""
        var index = s.index(after: s.startIndex)
        while index < s.endIndex {
            let c = s[index]
            if c == "\\" {
                index = s.index(after: index)
                guard index < s.endIndex else { return nil }
                text.append(s[index])
            } else if c == "\"" {
                return (text, s[s.index(after: index)...])
            } else {
                text.append(c)
            }
            index = s.index(after: index)
        }
        return nil
    }
}
