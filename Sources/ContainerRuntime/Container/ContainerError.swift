import Linux

public enum ContainerError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidState(id: String, operation: String, state: String)
    case image(ImageError)
    case plan(ContainerPlanError)
    case cgroup(CgroupError)
    case setup(ContainerSetupError)
    case helper(String)
    case files(String)

    public var description: String {
        switch self {
        case .invalidState(let id, let operation, let state): "container \(id): cannot \(operation) in state \(state)"
        case .image(let error): "\(error)"
        case .plan(let error): "\(error)"
        case .cgroup(let error): "\(error)"
        case .setup(let error): "\(error)"
        case .helper(let reason): "container-init: \(reason)"
        case .files(let reason): "\(reason)"
        }
    }

    /// The setup step that failed, when the failure happened inside container setup.
    public var failedStep: SetupStep? {
        if case .setup(let error) = self { return error.step }
        return nil
    }
}

/// How a container ended, as the CRI reports it.
public struct ContainerExit: Sendable, Equatable {
    public var exitCode: Int32
    public var reason: String
    public var signal: Int32?

    public static let oomKilledCode: Int32 = 137
}
