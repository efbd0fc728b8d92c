/// Why a registry request failed; each case names the URL or reference involved.
public enum RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 404 (MANIFEST_UNKNOWN, BLOB_UNKNOWN, NAME_UNKNOWN…): the image or blob does not exist there.
    case notFound(url: String, code: String?)
    /// 401/403 after trying the credentials (or anonymous access) the registry asked for.
    case unauthorized(url: String, reason: String)
    case tokenRequestFailed(realm: String, reason: String)
    case unexpectedStatus(url: String, status: Int, body: String)
    /// Connection refused, TLS failure, timeout… after the retries.
    case transport(url: String, reason: String)
    case invalidResponse(url: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let url, let code): "registry GET \(url): not found\(code.map { " (\($0))" } ?? "")"
        case .unauthorized(let url, let reason): "registry GET \(url): unauthorized: \(reason)"
        case .tokenRequestFailed(let realm, let reason): "registry token from \(realm): \(reason)"
        case .unexpectedStatus(let url, let status, let body): "registry GET \(url): HTTP \(status) \(body)"
        case .transport(let url, let reason): "registry GET \(url): \(reason)"
        case .invalidResponse(let url, let reason): "registry GET \(url): \(reason)"
        }
    }

    /// Worth another attempt: the network or the server hiccuped.
    var isTransient: Bool {
        switch self {
        case .transport: true
        case .unexpectedStatus(_, let status, _): status == 429 || status >= 500
        default: false
        }
    }
}
