/// Why a container's environment could not be built. The descriptions are upstream's messages
/// (the kubelet reports them as CreateContainerConfigError), e.g. `configmap "x" not found`.
public enum EnvironmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kubelet's object managers report a missing object with the singular resource name.
    case configMapNotFound(name: String)
    case secretNotFound(name: String)
    case configMapKeyNotFound(key: String, namespace: String, name: String)
    case secretKeyNotFound(key: String, namespace: String, name: String)
    case unsupportedPodVersion(String)
    case fieldLabelDoesNotSupportSubscript(String)
    case fieldLabelNotSupported(String)
    case unsupportedFieldPath(String)
    case invalidKeySubscript(fieldPath: String, reason: String)
    case fieldPathDoesNotSupportSubscript(String)
    case containerNotFound(String)
    case unsupportedContainerResource(String)
    /// Reading an object from the API failed for a reason other than not-found.
    case objectSource(String)

    public var description: String {
        switch self {
        case .configMapNotFound(let name): "configmap \"\(name)\" not found"
        case .secretNotFound(let name): "secret \"\(name)\" not found"
        case .configMapKeyNotFound(let key, let namespace, let name): "couldn't find key \(key) in ConfigMap \(namespace)/\(name)"
        case .secretKeyNotFound(let key, let namespace, let name): "couldn't find key \(key) in Secret \(namespace)/\(name)"
        case .unsupportedPodVersion(let version): "unsupported pod version: \(version)"
        case .fieldLabelDoesNotSupportSubscript(let label): "field label does not support subscript: \(label)"
        case .fieldLabelNotSupported(let label): "field label not supported: \(label)"
        case .unsupportedFieldPath(let path): "unsupported fieldPath: \(path)"
        case .invalidKeySubscript(let path, let reason): "invalid key subscript in \(path): \(reason)"
        case .fieldPathDoesNotSupportSubscript(let path): "fieldPath \"\(path)\" does not support subscript"
        case .containerNotFound(let name): "container \(name) not found"
        case .unsupportedContainerResource(let resource): "unsupported container resource : \(resource)"
        case .objectSource(let message): message
        }
    }
}
