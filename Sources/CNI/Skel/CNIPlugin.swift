import FoundationEssentials
import Glibc
import Linux

/// One CNI plugin: what it does for each command, given the parsed environment and the
/// raw configuration (each plugin decodes its own keys).
public protocol CNIPlugin {
    /// The type name (`bridge`, `host-local`, `loopback`), for messages.
    var type: String { get }
    func add(_ arguments: PluginArguments, config: Data) throws -> CNIResult
    func del(_ arguments: PluginArguments, config: Data) throws
    func check(_ arguments: PluginArguments, config: Data) throws
    /// GC (1.1): release what is not in `cni.dev/valid-attachments`. Default: nothing held.
    func gc(_ arguments: PluginArguments, config: Data) throws
}

extension CNIPlugin {
    public func gc(_ arguments: PluginArguments, config: Data) throws {}
}

/// upstream's skel: environment and stdin in, a result or an error on stdout, exit status.
public enum PluginMain {
    public struct Outcome: Sendable {
        public var output: Data
        public var status: Int32
    }

    /// Runs one command without touching the process's stdin/stdout (for tests).
    public static func execute(_ plugin: some CNIPlugin, environment: [String: String], stdin: Data) -> Outcome {
        var configVersion: String?
        do {
            let arguments = try PluginArguments.parse(environment)
            if arguments.command == .version {
                return Outcome(output: try CNIVersion.versionInfo().encoded(), status: 0)
            }
            let config = try NetworkConfig.decode(VersionOnly.self, from: stdin)
            configVersion = config.cniVersion
            guard CNIVersion.isSupported(config.cniVersion) else {
                throw CNIError(.incompatibleVersion, "incompatible CNI versions",
                               details: "config is \"\(config.cniVersion)\", plugin supports \(CNIVersion.supported)")
            }
            switch arguments.command {
            case .add:
                let result = try plugin.add(arguments, config: stdin).converted(to: config.cniVersion)
                return Outcome(output: try encode(result), status: 0)
            case .del:
                try plugin.del(arguments, config: stdin)
            case .check:
                guard CNIVersion.hasCheck(config.cniVersion) else {
                    throw CNIError(.incompatibleVersion, "config version \"\(config.cniVersion)\" does not allow CHECK")
                }
                try plugin.check(arguments, config: stdin)
            case .gc:
                try plugin.gc(arguments, config: stdin)
            case .status, .version:
                break
            }
            return Outcome(output: Data(), status: 0)
        } catch {
            let failure = CNIError.wrapping(error, cniVersion: configVersion ?? CNIVersion.current)
            return Outcome(output: (try? encode(failure)) ?? Data(failure.msg.utf8), status: 1)
        }
    }

    /// Runs the plugin as the process: reads stdin, prints, exits.
    public static func main(_ plugin: some CNIPlugin) -> Never {
        var stdin: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count > 0 { stdin += buffer[0..<count]; continue }
            if count < 0 && errno == EINTR { continue }
            break
        }
        let outcome = execute(plugin, environment: ProcessInfo.processInfo.environment, stdin: Data(stdin))
        try? FileIO.writeAll(fd: 1, Array(outcome.output), stage: "write(stdout)")
        exit(outcome.status)
    }

    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    struct VersionOnly: Decodable {
        var cniVersion: String
        enum CodingKeys: String, CodingKey { case cniVersion }
        init(from decoder: any Decoder) throws {
            cniVersion = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .cniVersion) ?? "0.1.0"
        }
    }
}
