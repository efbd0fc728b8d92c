/// A CRI endpoint as kubelet and crictl write it: `unix:///run/kubeswift/cri.sock`, or a
/// bare absolute socket path.
public struct CRIEndpoint: Sendable, Equatable, CustomStringConvertible {
    public let socketPath: String

    public static let defaultEndpoint = CRIEndpoint(socketPath: "/run/kubeswift/cri.sock")

    public init(socketPath: String) { self.socketPath = socketPath }

    public init(parsing text: String) throws(CRIEndpointError) {
        let path: String
        if text.hasPrefix("unix://") {
            path = String(text.dropFirst("unix://".count))
        } else if text.hasPrefix("/") {
            path = text
        } else {
            throw .unsupported(text)
        }
        guard path.hasPrefix("/"), path.count > 1 else { throw .unsupported(text) }
        socketPath = path
    }

    public var description: String { "unix://" + socketPath }
}

public enum CRIEndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    case unsupported(String)

    public var description: String {
        switch self {
        case .unsupported(let text): "CRI endpoint \"\(text)\": expected unix:///absolute/path.sock"
        }
    }
}
