import GRPCCore
import Glibc
import Linux

/// A failed CRI call, as the gRPC status the client sees; messages name the object.
public enum CRIError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(String)
    case invalidArgument(String)
    case failedPrecondition(String)
    case alreadyExists(String)
    case deadlineExceeded(String)
    case unimplemented(String)
    case `internal`(String)

    public var description: String {
        switch self {
        case .notFound(let message), .invalidArgument(let message), .failedPrecondition(let message),
             .alreadyExists(let message), .deadlineExceeded(let message), .unimplemented(let message),
             .internal(let message):
            message
        }
    }

    public var rpcError: RPCError {
        let code: RPCError.Code = switch self {
        case .notFound: .notFound
        case .invalidArgument: .invalidArgument
        case .failedPrecondition: .failedPrecondition
        case .alreadyExists: .alreadyExists
        case .deadlineExceeded: .deadlineExceeded
        case .unimplemented: .unimplemented
        case .internal: .internalError
        }
        return RPCError(code: code, message: description)
    }

    /// A runtime-core failure while creating or running container `id`.
    static func container(_ id: String, _ error: ContainerError) -> CRIError {
        switch error {
        case .image(.notFound(let reference, _)):
            return .notFound("container \(id): image \"\(reference)\" not found: pull it first")
        case .plan(let plan):
            return .invalidArgument("container \(id): invalid config: \(plan)")
        case .setup(let setup) where setup.step == .mounts && setup.errno == ENOENT:
            return .invalidArgument("container \(id): \(setup.message)")
        case .invalidState(_, let operation, let state):
            return .failedPrecondition("container \(id): cannot \(operation) a container in state \(state)")
        default:
            return .internal("container \(id): \(error)")
        }
    }
}

/// Runs a handler body, turning every error into the gRPC status a CRI client expects.
func criCall<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as CRIError {
        throw error.rpcError
    } catch let error as RPCError {
        throw error
    } catch {
        throw RPCError(code: .internalError, message: "\(error)")
    }
}
