import Foundation

/// The iptables tools of one backend, in one network namespace (the runner's).
public struct IPTables: Sendable {
    public var backend: IPTablesBackend
    public var runner: any CommandRunner
    /// Seconds to wait for the xtables lock (`-w`).
    public var lockWaitSeconds: Int

    public init(backend: IPTablesBackend, runner: any CommandRunner, lockWaitSeconds: Int = 5) {
        self.backend = backend
        self.runner = runner
        self.lockWaitSeconds = lockWaitSeconds
    }

    /// One atomic `iptables-restore --noflush --counters` of `text` (all tables it names).
    public func restore(_ text: String) async throws(IPTablesError) {
        try await restore(bytes: Array(text.utf8))
    }

    public func restore(bytes: [UInt8]) async throws(IPTablesError) {
        let result: CommandResult
        do { result = try await runner.run(restoreArguments, stdin: bytes) } catch { throw .command(restoreArguments, "\(error)") }
        try check(result, input: bytes)
    }

    /// One restore whose input `produce` writes while iptables-restore already parses it; it
    /// returns its value and every byte it wrote (the error context). What it produced comes
    /// back whether or not the restore succeeded; nil when the command could not be started.
    public func restore<T: Sendable>(
        streaming produce: @escaping @Sendable (_ write: @escaping StdinWrite) -> (value: T, bytes: [UInt8])
    ) async -> (produced: (value: T, bytes: [UInt8])?, error: IPTablesError?) {
        let run: (result: CommandResult, value: (value: T, bytes: [UInt8]))
        do { run = try await runner.run(restoreArguments, streamingStdin: produce) } catch {
            return (nil, .command(restoreArguments, "\(error)"))
        }
        do { try check(run.result, input: run.value.bytes) } catch { return (run.value, error) }
        return (run.value, nil)
    }

    private var restoreArguments: [String] { [backend.restoreBinary, "-w", String(lockWaitSeconds), "--noflush", "--counters"] }

    private func check(_ result: CommandResult, input: [UInt8]) throws(IPTablesError) {
        guard result.status == 0 else {
            let context = Self.context(of: String(decoding: input, as: UTF8.self), stderr: result.stderr)
            throw .restoreFailed(backend: backend, status: result.status, stderr: result.stderr, context: context)
        }
    }

    /// `iptables-save -t TABLE`.
    public func save(_ table: IPTablesTable) async throws(IPTablesError) -> String {
        let argv = [backend.saveBinary, "-t", table.rawValue]
        let result: CommandResult
        do { result = try await runner.run(argv, stdin: []) } catch { throw .command(argv, "\(error)") }
        guard result.status == 0 else { throw .command(argv, "exit \(result.status): \(result.stderr)") }
        return result.output
    }

    /// iptables-restore reports `line N failed`: the lines around N, for the error message.
    static func context(of text: String, stderr: String) -> String {
        guard let range = stderr.range(of: "line "),
            let number = Int(stderr[range.upperBound...].prefix { $0.isNumber })
        else { return "" }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let window = max(0, number - 3)..<min(lines.count, number + 2)
        return window.map { "\($0 + 1): \(lines[$0])" }.joined(separator: "\n")
    }
}

public enum IPTablesError: Error, CustomStringConvertible, Sendable {
    case command([String], String)
    case restoreFailed(backend: IPTablesBackend, status: Int32, stderr: String, context: String)

    public var description: String {
        switch self {
        case .command(let argv, let reason): "\(argv.joined(separator: " ")): \(reason)"
        case .restoreFailed(let backend, let status, let stderr, let context):
            "\(backend.restoreBinary) --noflush: exit \(status): \(stderr.trimmingCharacters(in: .whitespacesAndNewlines))"
                + (context.isEmpty ? "" : "\n\(context)")
        }
    }
}

/// The kernel's filter and nat tables, as a full sync or a cleanup finds them.
public struct SavedTables: Sendable {
    public var filter: SavedTable
    public var nat: SavedTable

    /// `iptables-save` of both tables.
    public static func read(from iptables: IPTables) async throws(IPTablesError) -> SavedTables {
        SavedTables(filter: SavedTable(try await iptables.save(.filter)), nat: SavedTable(try await iptables.save(.nat)))
    }
}

/// Chain names declared in an `iptables-save` dump (`:NAME POLICY [p:b]` lines), and its rules.
public struct SavedTable: Sendable {
    public var chains: Set<String> = []
    public var rules: Set<String> = []

    public init(_ text: String) {
        for line in text.split(separator: "\n") {
            if line.hasPrefix(":") {
                chains.insert(String(line.dropFirst().prefix { $0 != " " }))
            } else if line.hasPrefix("-A ") {
                rules.insert(String(line))
            }
        }
    }
}
