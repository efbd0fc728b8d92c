/// A postStart or preStop handler failed. `message` is upstream's handler message, e.g.
/// `Exec lifecycle hook ([sh -c exit 3]) for Container "web" in Pod "web_default(uid)" failed - error: command 'sh -c exit 3' exited with 3: , message: ""`.
/// After a failed postStart the kubelet records FailedPostStartHook ("PostStartHook failed", the
/// message stays out of events as upstream), kills the container, and reports the waiting reason
/// `PostStartHookError` with this message (`postStartDescription`); preStop failures become
/// FailedPreStopHook events.
public struct HookError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Action: String, Sendable {
        case exec, httpGet, sleep, invalid
    }

    public static let postStartReason = "PostStartHookError"

    public var action: Action
    public var message: String

    public init(action: Action, message: String) {
        self.action = action
        self.message = message
    }

    public var description: String { message }

    /// How the kubelet reports a failed postStart: "PostStartHookError: <message>".
    public var postStartDescription: String { "\(Self.postStartReason): \(message)" }
}
