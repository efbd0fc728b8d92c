import FoundationEssentials
import Glibc
import Linux

/// Runs a plugin binary the way runtimes and delegating plugins do: found by type name in
/// the CNI_PATH directories, the CNI_* environment, the config on stdin, and a result (exit
/// 0) or a CNI error (non-zero) on stdout. Synchronous: call it off the cooperative pool.
public struct PluginExecutor: Sendable {
    public var searchPath: [String]
    /// Variables passed to every plugin besides CNI_* (PATH, so it finds iptables).
    public var baseEnvironment: [String: String]

    public init(searchPath: [String], baseEnvironment: [String: String]? = nil) {
        self.searchPath = searchPath
        let inherited = ProcessInfo.processInfo.environment
        self.baseEnvironment = baseEnvironment ?? ["PATH": inherited["PATH"] ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
    }

    public func find(_ type: String) throws(CNIError) -> String {
        guard !type.contains("/"), !type.isEmpty else {
            throw CNIError(.invalidNetworkConfig, "invalid plugin type \"\(type)\"")
        }
        for directory in searchPath where !directory.isEmpty {
            let candidate = directory + "/" + type
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw CNIError(.pluginNotAvailable, "failed to find plugin \"\(type)\" in path \(searchPath)")
    }

    /// Runs `type` with `arguments`' parameters for `command`; the plugin's stdout is
    /// returned on success, and its CNI error thrown on failure.
    @discardableResult
    public func run(_ type: String, command: PluginArguments.Command, arguments: PluginArguments, config: Data) throws(CNIError) -> Data {
        let binary = try find(type)
        var environment = baseEnvironment
        for (key, value) in arguments.environment(command: command) { environment[key] = value }
        let (output, status) = try execute(binary, environment: environment, stdin: config)
        guard status.code == 0 else {
            if var error = try? JSONDecoder().decode(CNIError.self, from: output) {
                if error.details?.isEmpty ?? true { error.details = "from plugin \(type) \(command.rawValue)" }
                throw error
            }
            let text = String(decoding: output, as: UTF8.self)
            throw CNIError(.internalError, "plugin \(type) \(command.rawValue) failed with status \(status.code)",
                           details: text.isEmpty ? nil : text)
        }
        return output
    }

    /// Runs an ADD and decodes its result.
    public func add(_ type: String, arguments: PluginArguments, config: Data) throws(CNIError) -> CNIResult {
        let output = try run(type, command: .add, arguments: arguments, config: config)
        do {
            return try JSONDecoder().decode(CNIResult.self, from: output)
        } catch {
            throw CNIError(.decodingFailure, "plugin \(type) ADD printed an unreadable result",
                           details: String(decoding: output.prefix(512), as: UTF8.self))
        }
    }

    private func execute(_ binary: String, environment: [String: String], stdin input: Data) throws(CNIError) -> (Data, ExitStatus) {
        do {
            let toChild = try Spawn.pipe()
            let fromChild = try Spawn.pipe()
            let pid: pid_t
            do {
                pid = try Spawn.spawn(binary, args: [binary], env: environment.map { "\($0)=\($1)" }.sorted(),
                                      fds: [0: toChild.read, 1: fromChild.write, 2: 2])
            } catch {
                [toChild.read, toChild.write, fromChild.read, fromChild.write].forEach { _ = close($0) }
                throw error
            }
            close(toChild.read)
            close(fromChild.write)
            // Plugins read all of stdin before writing, and configs are far below a pipe's
            // buffer, so writing first cannot deadlock.
            try? FileIO.writeAll(fd: toChild.write, Array(input), stage: "write(\(binary) stdin)")
            close(toChild.write)
            var output: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 16384)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fromChild.read, $0.baseAddress, $0.count) }
                if count > 0 { output += buffer[0..<count]; continue }
                if count < 0 && errno == EINTR { continue }
                break
            }
            close(fromChild.read)
            return (Data(output), try Spawn.wait(pid))
        } catch {
            throw CNIError(.ioFailure, "failed to run plugin \(binary)", details: "\(error)")
        }
    }
}
