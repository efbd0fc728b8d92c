/// A plugin's verdict (upstream `framework.Status`).
public struct PluginStatus: Hashable, Sendable {
    public enum Code: Int, Hashable, Sendable {
        case success
        /// An internal error; the pod is retried after back-off.
        case error
        /// The pod does not fit, but preemption might make it fit.
        case unschedulable
        /// The pod does not fit and preemption cannot help on this node.
        case unschedulableAndUnresolvable
        /// The plugin has nothing to do for this pod (PreScore/PreFilter).
        case skip
    }

    public var code: Code
    public var reasons: [String]
    /// The plugin that failed, for queueing hints.
    public var plugin: String

    public init(_ code: Code, _ reasons: [String] = [], plugin: String = "") {
        self.code = code
        self.reasons = reasons
        self.plugin = plugin
    }

    public static let success = PluginStatus(.success)
    public static let skip = PluginStatus(.skip)

    public static func unschedulable(_ reasons: String..., plugin: String = "") -> PluginStatus {
        PluginStatus(.unschedulable, reasons, plugin: plugin)
    }

    public static func unresolvable(_ reasons: String..., plugin: String = "") -> PluginStatus {
        PluginStatus(.unschedulableAndUnresolvable, reasons, plugin: plugin)
    }

    public var isSuccess: Bool { code == .success }
    public var isRejection: Bool { code == .unschedulable || code == .unschedulableAndUnresolvable }
    public var message: String { reasons.joined(separator: ", ") }
}
