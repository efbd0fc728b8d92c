import ArgumentParser
import CRICtl

/// `kubeswift crictl …` (or a `crictl` symlink): the bundled CRI client. It parses its own command
/// line, so crictl's global flags may precede the verb.
struct CRICtlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crictl", abstract: "A CRI client with crictl's verbs (ps, pods, exec, logs, images, …).")

    @Argument(parsing: .captureForPassthrough, help: "A crictl command line.")
    var arguments: [String] = []

    func run() async throws {
        let status = await CRICtl.run(arguments)
        if status != 0 { throw ExitCode(status) }
    }
}
