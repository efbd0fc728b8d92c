import KubeAPI

/// `$(VAR)` in an exec probe's command, expanded from the container's literal env values only
/// (upstream's ExpandContainerCommandOnlyStatic: no valueFrom, no service variables).
/// `$$` is a literal `$`; an unknown `$(VAR)` stays as written.
enum CommandExpansion {
    static func expandStatic(_ command: [String], env: [EnvVar]?) -> [String] {
        var values: [String: String] = [:]
        for variable in env ?? [] where variable.valueFrom == nil {
            values[variable.name] = variable.value ?? ""
        }
        return command.map { expand($0, values) }
    }

    static func expand(_ input: String, _ values: [String: String]) -> String {
        var output = ""
        var rest = Substring(input)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let afterDollar = rest.index(after: dollar)
            guard afterDollar < rest.endIndex else {
                output += "$"
                rest = rest[afterDollar...]
                break
            }
            switch rest[afterDollar] {
            case "$":
                output += "$"
                rest = rest[rest.index(after: afterDollar)...]
            case "(":
                let nameStart = rest.index(after: afterDollar)
                if let close = rest[nameStart...].firstIndex(of: ")") {
                    let name = String(rest[nameStart..<close])
                    output += values[name] ?? "$(\(name))"
                    rest = rest[rest.index(after: close)...]
                } else {
                    output += "$("
                    rest = rest[nameStart...]
                }
            default:
                output += "$"
                rest = rest[afterDollar...]
            }
        }
        return output + rest
    }
}
