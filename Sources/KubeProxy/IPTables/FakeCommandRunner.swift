import Synchronization

/// Records every command and answers from a script: for unit tests of the proxier.
public final class FakeCommandRunner: CommandRunner {
    public struct Call: Sendable, Equatable {
        public var argv: [String]
        public var stdin: String
    }

    private let state = Mutex<(calls: [Call], responses: [String: [CommandResult]])>(([], [:]))

    public init() {}

    /// Queues `result` for the next command whose binary (argv[0]) is `binary`; without a
    /// queued answer a command succeeds with empty output.
    public func respond(to binary: String, with result: CommandResult) {
        state.withLock { $0.responses[binary, default: []].append(result) }
    }

    public var calls: [Call] { state.withLock { $0.calls } }

    public func run(_ argv: [String], stdin: [UInt8]) async throws -> CommandResult {
        state.withLock { state in
            state.calls.append(Call(argv: argv, stdin: String(decoding: stdin, as: UTF8.self)))
            let binary = argv.first ?? ""
            guard var queue = state.responses[binary], !queue.isEmpty else { return CommandResult(status: 0) }
            let result = queue.removeFirst()
            state.responses[binary] = queue
            return result
        }
    }
}
