import ArgumentParser
import CNI

/// `kubeswift cni …`: install the built-in CNI plugins. Running a plugin (`kubeswift cni
/// bridge`, or the binary invoked as `kubeswift-bridge`) is dispatched in main before any
/// thread starts, since plugins are short synchronous processes.
struct CNICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cni",
        abstract: "The CNI plugins this binary provides: \(BuiltinPlugin.allCases.map(\.binaryName).joined(separator: ", ")).",
        discussion: "Run one as `kubeswift cni <bridge|host-local|loopback>` with the CNI_* environment, or install symlinks named after them.",
        subcommands: [Install.self])

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Symlink the plugins into a CNI bin directory.")

        @Option(name: .customLong("bin-dir"), help: "The CNI bin directory.")
        var binDirectory = "/opt/cni/bin"

        @Option(help: "What the links point to (default: this binary).")
        var target: String?

        @Flag(help: "Replace files already there.")
        var force = false

        func run() throws {
            let links = try PluginInstaller.install(binDirectory: binDirectory, executable: target ?? PluginInstaller.currentExecutable, force: force)
            for link in links { print(link) }
        }
    }
}
