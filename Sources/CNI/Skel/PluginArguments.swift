import FoundationEssentials

/// What the runtime tells a plugin through its environment (CNI spec, "Parameters").
public struct PluginArguments: Sendable, Equatable {
    public enum Command: String, Sendable {
        case add = "ADD", del = "DEL", check = "CHECK", version = "VERSION", gc = "GC", status = "STATUS"
    }

    public var command: Command
    public var containerID: String
    /// Empty on a DEL whose namespace is already gone.
    public var netns: String
    public var ifName: String
    /// `K=V;K=V` pairs from CNI_ARGS.
    public var args: [(String, String)]
    public var path: [String]

    public init(command: Command, containerID: String = "", netns: String = "", ifName: String = "",
                args: [(String, String)] = [], path: [String] = []) {
        self.command = command
        self.containerID = containerID
        self.netns = netns
        self.ifName = ifName
        self.args = args
        self.path = path
    }

    public static func == (a: PluginArguments, b: PluginArguments) -> Bool {
        a.command == b.command && a.containerID == b.containerID && a.netns == b.netns && a.ifName == b.ifName
            && a.args.map { "\($0)=\($1)" } == b.args.map { "\($0)=\($1)" } && a.path == b.path
    }

    /// Parses and validates the environment as upstream's skel does: which variables each
    /// command needs (code 4 when missing), and a sane interface name.
    public static func parse(_ environment: [String: String]) throws(CNIError) -> PluginArguments {
        guard let raw = environment["CNI_COMMAND"], !raw.isEmpty else {
            throw CNIError(.invalidEnvironmentVariables, "required env variables [CNI_COMMAND] missing")
        }
        guard let command = Command(rawValue: raw) else {
            throw CNIError(.invalidEnvironmentVariables, "unknown CNI_COMMAND: \(raw)")
        }
        let required: [String] = switch command {
        case .add, .check: ["CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME", "CNI_PATH"]
        case .del: ["CNI_CONTAINERID", "CNI_IFNAME", "CNI_PATH"]
        case .gc, .status: ["CNI_PATH"]
        case .version: []
        }
        let missing = required.filter { (environment[$0] ?? "").isEmpty }
        guard missing.isEmpty else {
            throw CNIError(.invalidEnvironmentVariables, "required env variables [\(missing.joined(separator: ","))] missing")
        }
        let ifName = environment["CNI_IFNAME"] ?? ""
        if !ifName.isEmpty, let problem = Self.interfaceNameProblem(ifName) {
            throw CNIError(.invalidEnvironmentVariables, "invalid CNI_IFNAME \(ifName): \(problem)")
        }
        let args = (environment["CNI_ARGS"] ?? "").split(separator: ";").compactMap { pair -> (String, String)? in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
        return PluginArguments(
            command: command, containerID: environment["CNI_CONTAINERID"] ?? "", netns: environment["CNI_NETNS"] ?? "",
            ifName: ifName, args: args, path: (environment["CNI_PATH"] ?? "").split(separator: ":").map(String.init))
    }

    /// The kernel's rules for interface names (IFNAMSIZ 16 with the NUL, no `/`, `:`, space).
    static func interfaceNameProblem(_ name: String) -> String? {
        if name.utf8.count > 15 { return "longer than 15 characters" }
        if name == "." || name == ".." { return "not a valid name" }
        if name.contains(where: { $0 == "/" || $0 == ":" || $0.isWhitespace }) { return "contains /, : or whitespace" }
        return nil
    }

    public func arg(_ key: String) -> String? { args.first { $0.0 == key }?.1 }

    /// The environment for delegating to another plugin (IPAM) with the same parameters.
    public func environment(command: Command? = nil) -> [String: String] {
        var environment: [String: String] = [
            "CNI_COMMAND": (command ?? self.command).rawValue,
            "CNI_CONTAINERID": containerID,
            "CNI_NETNS": netns,
            "CNI_IFNAME": ifName,
            "CNI_PATH": path.joined(separator: ":"),
        ]
        if !args.isEmpty { environment["CNI_ARGS"] = args.map { "\($0)=\($1)" }.joined(separator: ";") }
        return environment
    }
}
