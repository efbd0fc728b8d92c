/// Why the kubelet could not start a container on its last try (upstream's reasonCache entry):
/// shown as the container's waiting reason and message until a start succeeds.
public struct ContainerStartFailure: Sendable, Equatable, Error, CustomStringConvertible {
    /// CrashLoopBackOff, ErrImagePull, ImagePullBackOff, ErrImageNeverPull, CreateContainerConfigError,
    /// CreateContainerError, RunContainerError, PostStartHookError.
    public var reason: String
    public var message: String

    public init(reason: String, message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(reason): \(message)" }
}
