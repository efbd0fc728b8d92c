/// Which kernel API the iptables tools drive. Rules written with one are invisible to the
/// other, so kube-proxy must use whichever the host's other tools use (and nft-mode restore
/// is far slower at scale: see DESIGN.md's measured figures).
public enum IPTablesBackend: String, Sendable, CaseIterable {
    case legacy, nft

    public var restoreBinary: String { "iptables-\(rawValue)-restore" }
    public var saveBinary: String { "iptables-\(rawValue)-save" }
    public var iptablesBinary: String { "iptables-\(rawValue)" }

    /// Upstream's selection (kubernetes-sigs/iptables-wrappers): a mode whose mangle table
    /// holds kubelet's hint/canary chain wins; otherwise the mode with more rules; on a tie
    /// (e.g. an empty namespace), whatever `iptables --version` says the host default is.
    public static func detect(runner: some CommandRunner) async -> IPTablesBackend {
        for backend in [IPTablesBackend.nft, .legacy] {
            if let mangle = try? await runner.run([backend.saveBinary, "-t", "mangle"], stdin: []), mangle.status == 0,
                mangle.output.contains(":KUBE-IPTABLES-HINT") || mangle.output.contains(":KUBE-KUBELET-CANARY")
            {
                return backend
            }
        }
        func ruleCount(_ backend: IPTablesBackend) async -> Int {
            guard let saved = try? await runner.run([backend.saveBinary], stdin: []), saved.status == 0 else { return -1 }
            return saved.output.split(separator: "\n").reduce(0) { $0 + ($1.hasPrefix("-") ? 1 : 0) }
        }
        let legacy = await ruleCount(.legacy)
        let nft = await ruleCount(.nft)
        if legacy != nft { return legacy > nft ? .legacy : .nft }
        if let version = try? await runner.run(["iptables", "--version"], stdin: []), version.output.contains("(legacy)") {
            return .legacy
        }
        return .nft
    }
}
