import Foundation

/// The channels of the websocket remote-command protocol the apiserver, kubelet and runtime
/// speak for exec and attach (`v4.channel.k8s.io`, `v5.channel.k8s.io`): every binary frame
/// starts with one of these bytes.
public enum RemoteCommandChannel: UInt8, Sendable, CaseIterable {
    case stdin = 0
    case stdout = 1
    case stderr = 2
    /// A metav1 Status JSON: Success, or Failure with reason NonZeroExitCode.
    case error = 3
    /// `{"Width":w,"Height":h}` terminal size changes.
    case resize = 4

    /// v5: a frame `[255, channel]` half-closes that channel.
    public static let close: UInt8 = 255
}

/// The subprotocols offered by clients, best first.
public enum RemoteCommandProtocol {
    public static let v5 = "v5.channel.k8s.io"
    public static let v4 = "v4.channel.k8s.io"
    public static let supported = [v5, v4]
}

extension RemoteCommandProtocol {
    /// Server side: the protocol to answer in `Sec-WebSocket-Protocol`, from the client's
    /// offer (a comma-separated header value, possibly repeated). nil: none we speak, the
    /// upgrade must be refused (upstream answers 400 / "unable to upgrade").
    public static func negotiate(offered: [String]) -> String? {
        let offers = offered.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        return supported.first(where: offers.contains)
    }

    /// Whether `negotiated` sends v5 close frames.
    public static func supportsClose(_ negotiated: String) -> Bool { negotiated == v5 }
}
