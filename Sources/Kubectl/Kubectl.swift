import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// `kubeswift kubectl …` (or a `kubectl` symlink): takes the raw arguments and dispatches them itself, so that
/// global flags may come before the verb as with upstream kubectl.
public struct KubectlCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kubectl", abstract: "kubectl controls the Kubernetes cluster manager.")

    @Argument(parsing: .captureForPassthrough, help: "A kubectl command line.")
    public var arguments: [String] = []

    public init() {}

    public func run() async throws {
        let status = await Kubectl.run(arguments)
        if status != 0 { throw ExitCode(status) }
    }
}

public enum Kubectl {
    /// Runs one kubectl command line, printing through `Terminal.current`; returns the exit status.
    public static func run(_ arguments: [String]) async -> Int32 {
        let terminal = Terminal.current
        let args = normalize(arguments)
        let verbs = KubectlRoot.configuration.subcommands.map { $0._commandName } + ["help"]
        if let verb = args.first, !verb.hasPrefix("-"), !verbs.contains(verb) {
            terminal.err("Error: unknown command \"\(verb)\" for \"kubectl\"\n\nRun 'kubectl --help' for usage.\n")
            return 1
        }
        do {
            var command = try KubectlRoot.parseAsRoot(args)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let error as KubectlError {
            terminal.err(error.description + "\n")
            return 1
        } catch let error as APIError {
            terminal.err(error.description + "\n")
            return 1
        } catch let error as ExitCode {
            return error.rawValue
        } catch {
            if let described = describe(error) {
                terminal.err(described + "\n")
                return 1
            }
            let code = KubectlRoot.exitCode(for: error)
            if code == .success {
                terminal.out(KubectlRoot.fullMessage(for: error) + "\n")
                return 0
            }
            let verb = args.first == "config" && args.count > 1 && !args[1].hasPrefix("-") ? "config \(args[1])" : (args.first ?? "")
            terminal.err(usageError(KubectlRoot.message(for: error), verb: verb) + "\n")
            return 1
        }
    }

    /// Flag errors worded as kubectl's (cobra's) are: `Error: unknown flag: --bogus`.
    static func usageError(_ message: String, verb: String) -> String {
        let hint = "\nSee 'kubectl \(verb) --help' for usage."
        if let flag = message.firstMatch(of: /Unknown option '([^']+)'/)?.1 {
            return "Error: unknown flag: \(flag)" + hint
        }
        if let flag = message.firstMatch(of: /Missing value for '([^' ]+)/)?.1 {
            let name = flag.drop { $0 == "-" }
            return (flag.hasPrefix("--") ? "Error: flag needs an argument: \(flag)" : "Error: flag needs an argument: '\(name)' in \(flag)") + hint
        }
        return "error: " + message
    }

    /// Errors from lower layers that already say what kubectl says.
    static func describe(_ error: any Error) -> String? {
        switch error {
        case let e as ConnectionError: return e.description
        case let e as ClientConfigError: return e.description
        case let e as KubeconfigError: return "error: \(e.description)"
        case let e as RESTMapperError: return "error: \(e.description)"
        case let e as JSONPathError: return "error: error parsing jsonpath: \(e.description)"
        case let e as YAMLConversionError: return "error: \(e.description)"
        case let e as JSONParseError: return "error: \(e.description)"
        default: return nil
        }
    }

    /// Moves global flags given before the verb (`kubectl -n kube-system get pods`) behind it.
    static func normalize(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "--" {
            let arg = arguments[index]
            leading.append(arg)
            index += 1
            let name = arg.split(separator: "=", maxSplits: 1).first.map(String.init) ?? arg
            if !arg.contains("="), GlobalOptions.valued.contains(name), index < arguments.count {
                leading.append(arguments[index])
                index += 1
            }
        }
        guard !leading.isEmpty, index < arguments.count else { return arguments }
        var rest = Array(arguments[index...])
        if let dashdash = rest.firstIndex(of: "--") {
            rest.insert(contentsOf: leading, at: dashdash)
        } else {
            rest += leading
        }
        return rest
    }
}

struct KubectlRoot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubectl",
        abstract: "kubectl controls the Kubernetes cluster manager.",
        subcommands: [
            Get.self, Describe.self, Create.self, Apply.self, Delete.self, Edit.self, Patch.self, Label.self, Annotate.self,
            APIResources.self, APIVersions.self, Explain.self, Version.self, ClusterInfo.self, Config.self, Wait.self,
            Rollout.self, Scale.self, SetCommand.self, Expose.self, Run.self, Cordon.self, Uncordon.self, Drain.self, Taint.self,
            Logs.self, Exec.self, Attach.self,
        ])
}
