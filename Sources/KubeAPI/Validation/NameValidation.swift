/// Upstream's name and label checks (apimachinery `util/validation`): each returns the
/// messages upstream returns, empty when the value is valid.
public enum NameValidation {
    public static let dns1123LabelMaxLength = 63
    public static let dns1123SubdomainMaxLength = 253
    public static let labelValueMaxLength = 63

    static let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1123SubdomainFormat = dns1123LabelFormat + "(\\." + dns1123LabelFormat + ")*"
    static let dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?"
    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let qualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"

    static func maxLenError(_ n: Int) -> String { "must be no more than \(n) characters" }
    static let emptyError = "must be non-empty"

    /// Upstream `RegexError`, including its "'a',  or 'b'" spacing.
    static func regexError(_ message: String, _ format: String, _ examples: String...) -> String {
        if examples.isEmpty { return message + " (regex used for validation is '" + format + "')" }
        var s = message + " (e.g. "
        for (i, e) in examples.enumerated() {
            if i > 0 { s += " or " }
            s += "'" + e + "', "
        }
        return s + "regex used for validation is '" + format + "')"
    }

    // MARK: character classes

    static func isLowerAlnum(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) }
    static func isAlnum(_ c: UInt8) -> Bool { isLowerAlnum(c) || (c >= 65 && c <= 90) }
    static func isLowerAlpha(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }

    static func matchesDNS1123Label(_ s: Substring.UTF8View) -> Bool {
        guard let first = s.first, let last = s.last, isLowerAlnum(first), isLowerAlnum(last) else { return false }
        return s.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    static func matchesQualifiedNamePart(_ s: Substring.UTF8View) -> Bool {
        guard let first = s.first, let last = s.last, isAlnum(first), isAlnum(last) else { return false }
        return s.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    // MARK: checks

    public static func isDNS1123Label(_ value: String) -> [String] {
        var errs: [String] = []
        if value.utf8.count > dns1123LabelMaxLength { errs.append(maxLenError(dns1123LabelMaxLength)) }
        if !matchesDNS1123Label(Substring(value).utf8) {
            errs.append(regexError(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                dns1123LabelFormat, "my-name", "123-abc"))
        }
        return errs
    }

    public static func isDNS1123Subdomain(_ value: String) -> [String] {
        var errs: [String] = []
        if value.utf8.count > dns1123SubdomainMaxLength { errs.append(maxLenError(dns1123SubdomainMaxLength)) }
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        if labels.isEmpty || !labels.allSatisfy({ matchesDNS1123Label($0.utf8) }) {
            errs.append(regexError(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                dns1123SubdomainFormat, "example.com"))
        }
        return errs
    }

    public static func isDNS1035Label(_ value: String) -> [String] {
        var errs: [String] = []
        if value.utf8.count > dns1123LabelMaxLength { errs.append(maxLenError(dns1123LabelMaxLength)) }
        let u = Substring(value).utf8
        if !(matchesDNS1123Label(u) && isLowerAlpha(u.first!)) {
            errs.append(regexError(
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
                dns1035LabelFormat, "my-name", "abc-123"))
        }
        return errs
    }

    /// A label key or other qualified name: `[prefix/]name`, prefix a DNS subdomain, name ≤ 63.
    public static func isQualifiedName(_ value: String) -> [String] {
        var errs: [String] = []
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errs.append("prefix part " + emptyError)
            } else {
                errs += isDNS1123Subdomain(String(prefix)).map { "prefix part " + $0 }
            }
        default:
            return ["a qualified name "
                + regexError(qualifiedNameMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc")
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            errs.append("name part " + emptyError)
        } else if name.utf8.count > 63 {
            errs.append("name part " + maxLenError(63))
        }
        if !matchesQualifiedNamePart(name.utf8) {
            errs.append("name part " + regexError(qualifiedNameMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc"))
        }
        return errs
    }

    public static func isValidLabelValue(_ value: String) -> [String] {
        var errs: [String] = []
        if value.utf8.count > labelValueMaxLength { errs.append(maxLenError(labelValueMaxLength)) }
        if !value.isEmpty && !matchesQualifiedNamePart(Substring(value).utf8) {
            errs.append(regexError(
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                "(" + qualifiedNameFormat + ")?", "MyValue", "my_value", "12345"))
        }
        return errs
    }

    /// IANA_SVC_NAME: at most 15 characters, `[-a-z0-9]`, a letter, no `--`, no hyphen at either end.
    public static func isValidPortName(_ port: String) -> [String] {
        var errs: [String] = []
        let u = Array(port.utf8)
        if u.count > 15 { errs.append(maxLenError(15)) }
        if u.isEmpty || !u.allSatisfy({ isLowerAlnum($0) || $0 == UInt8(ascii: "-") }) {
            errs.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
        }
        if !u.contains(where: isLowerAlpha) { errs.append("must contain at least one letter (a-z)") }
        if port.contains("--") { errs.append("must not contain consecutive hyphens") }
        if let f = u.first, let l = u.last, f == UInt8(ascii: "-") || l == UInt8(ascii: "-") {
            errs.append("must not begin or end with a hyphen")
        }
        return errs
    }

    public static func isValidPortNum(_ port: Int64) -> [String] {
        (1...65535).contains(port) ? [] : ["must be between 1 and 65535, inclusive"]
    }

    /// ConfigMap and Secret keys.
    public static func isConfigMapKey(_ value: String) -> [String] {
        var errs: [String] = []
        if value.utf8.count > dns1123SubdomainMaxLength { errs.append(maxLenError(dns1123SubdomainMaxLength)) }
        let ok = !value.isEmpty && value.utf8.allSatisfy {
            isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
        if !ok {
            errs.append(regexError(
                "a valid config key must consist of alphanumeric characters, '-', '_' or '.'", "[-._a-zA-Z0-9]+",
                "key.name", "KEY_NAME", "key-name"))
        }
        if value == "." {
            errs.append("must not be '.'")
        } else if value == ".." {
            errs.append("must not be '..'")
        } else if value.hasPrefix("..") {
            errs.append("must not start with '..'")
        }
        return errs
    }

    /// Upstream's relaxed environment variable names: printable ASCII other than '='.
    public static func isRelaxedEnvVarName(_ value: String) -> [String] {
        var errs: [String] = []
        let message = "a valid environment variable name must consist only of printable ASCII characters other than '='"
        if value.isEmpty { errs.append("environment variable name " + emptyError) }
        if value.contains("=") { errs.append(message) }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value > 0x7e }) { errs.append(message) }
        return errs
    }

    /// Names used as one URL path segment (e.g. PersistentVolumes).
    public static func isValidPathSegmentName(_ name: String) -> [String] {
        if name == "." || name == ".." { return ["may not be '\(name)'"] }
        var errs: [String] = []
        for bad in ["/", "%"] where name.contains(bad) { errs.append("may not contain '\(bad)'") }
        return errs
    }

    /// Percent strings for intOrString fields: `[0-9]+%`.
    public static func isValidPercent(_ value: String) -> [String] {
        let digits = value.dropLast()
        if value.hasSuffix("%"), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { return [] }
        return [regexError("a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%")]
    }
}
