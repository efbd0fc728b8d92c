import FoundationEssentials

/// The plugins the one binary provides, under the names they are installed as
/// (`/opt/cni/bin/kubeswift-bridge` → the kubeswift binary).
public enum BuiltinPlugin: String, CaseIterable, Sendable {
    case bridge, hostLocal = "host-local", loopback

    public var binaryName: String { "kubeswift-" + rawValue }

    public func makePlugin() -> any CNIPlugin {
        switch self {
        case .bridge: BridgePlugin()
        case .hostLocal: HostLocalPlugin()
        case .loopback: LoopbackPlugin()
        }
    }

    /// The plugin `argv` asks for: `argv[0]` named `kubeswift-<plugin>`, or
    /// `kubeswift cni <plugin>`.
    public static func requested(by arguments: [String]) -> BuiltinPlugin? {
        let invokedAs = (arguments.first ?? "").split(separator: "/").last.map(String.init) ?? ""
        if let plugin = allCases.first(where: { $0.binaryName == invokedAs }) { return plugin }
        if arguments.count >= 3, arguments[1] == "cni" { return BuiltinPlugin(rawValue: arguments[2]) }
        return nil
    }

    /// Plugins are synchronous processes: called from main before anything starts a thread,
    /// it runs the plugin and exits when `arguments` ask for one.
    public static func runIfRequested(_ arguments: [String]) {
        guard let plugin = requested(by: arguments) else { return }
        PluginMain.main(plugin.makePlugin())
    }
}
