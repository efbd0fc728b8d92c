import ArgumentParser
import Foundation
import Glibc

/// `kubeswift crictl …` (or a `crictl` symlink): a CRI client with crictl's everyday verbs, flags
/// and output. Global flags come before the verb, as with crictl.
public enum CRICtl {
    /// Runs one crictl command line; returns the exit status.
    public static func run(_ arguments: [String]) async -> Int32 {
        let options: GlobalOptions
        let rest: [String]
        do {
            (options, rest) = try GlobalOptions.parse(arguments)
        } catch {
            Output.err(error.description + "\n")
            return 1
        }
        if let verb = rest.first, !verb.hasPrefix("-"), verb != "help",
           !CRICtlRoot.configuration.subcommands.contains(where: { $0._commandName == verb || $0.configuration.aliases.contains(verb) }) {
            Output.err("error: no such command \"\(verb)\"; run 'crictl --help' for the list\n")
            return 1
        }
        return await CRICtlContext.$options.withValue(options) {
            do {
                var command = try CRICtlRoot.parseAsRoot(rest)
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                return 0
            } catch let error as CRICtlError {
                Output.err(error.description + "\n")
                return 1
            } catch let error as ExitCode {
                return error.rawValue
            } catch {
                let code = CRICtlRoot.exitCode(for: error)
                let message = CRICtlRoot.fullMessage(for: error)
                if code == .success {
                    Output.out(message + "\n")
                    return 0
                }
                Output.err(message + "\n")
                return code.rawValue
            }
        }
    }
}

struct CRICtlRoot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crictl",
        abstract: "A client for the Container Runtime Interface (CRI).",
        discussion: """
            Global options, given before the command:
              -r, --runtime-endpoint  CRI endpoint (default unix:///run/kubeswift/cri.sock, or $CONTAINER_RUNTIME_ENDPOINT)
              -i, --image-endpoint    image service endpoint (default: the runtime endpoint, or $IMAGE_SERVICE_ENDPOINT)
              -t, --timeout           per-call timeout, e.g. 2s (default 2s)
              -D, --debug             print requests and responses on stderr
            """,
        version: "crictl version kubeswift-0.1.0",
        subcommands: [
            Version.self, Info.self,
            RunPodSandbox.self, StopPodSandbox.self, RemovePodSandbox.self, ListPods.self, InspectPod.self,
            CreateContainer.self, StartContainer.self, StopContainer.self, RemoveContainer.self, ListContainers.self,
            InspectContainer.self, Logs.self, Exec.self, Attach.self, Stats.self,
            Pull.self, ListImages.self, RemoveImage.self,
        ])
}

/// Unbuffered writes to stdout/stderr, so their order matches the order they happen in.
enum Output {
    static func out(_ text: String) { write(1, Array(text.utf8)) }
    static func err(_ text: String) { write(2, Array(text.utf8)) }

    static func write(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }
}
