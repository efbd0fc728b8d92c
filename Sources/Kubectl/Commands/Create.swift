import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a resource from a file or from stdin.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong) var filename: [String] = []
    @Flag(name: [.customShort("R"), .long]) var recursive = false
    @Option(name: .shortAndLong) var output: String?
    @Option(name: .customLong("dry-run")) var dryRun: String = "none"
    @Option(name: .customLong("validate")) var validate: String = "strict"
    /// `create namespace NAME` (the one generator kept here).
    @Argument var generator: [String] = []

    func run() async throws {
        let format = try OutputFormat(output)
        let session = try global.session()
        let terminal = Terminal.current
        var inputs: [(source: String, object: JSONValue)] = []
        if !filename.isEmpty {
            inputs = try ManifestReader.readWithSource(filename, recursive: recursive)
        } else if generator.count == 2, ["namespace", "ns"].contains(generator[0]) {
            inputs = [("", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(generator[1])]])]
        } else {
            throw KubectlError("must specify one of -f and -k")
        }
        let mapper = try await session.mapper()
        var query: [String: String] = [:]
        if dryRun == "server" { query["dryRun"] = "All" }
        query["fieldValidation"] = try ValidationDirective.fieldValidation(validate)
        var failed = false
        for (source, object) in inputs {
            let manifest = try ManifestObject(object, mapper: mapper, defaultNamespace: session.namespace, explicitNamespace: session.explicitNamespace)
            do {
                let created = dryRun == "client" ? manifest.object : try await session.client.create(manifest.path, body: manifest.object, query: query)
                if format == .table {
                    let suffix = dryRun == "none" ? "" : " (\(dryRun) dry run)"
                    terminal.out("\(manifest.displayName) created\(suffix)\n")
                } else {
                    terminal.out(try ObjectPrinter.print([created], format: format, asList: false))
                }
            } catch let error as APIError {
                failed = true
                var wrapped = error
                if !source.isEmpty { wrapped.message = "error when creating \"\(source)\": \(error.message)" }
                terminal.err(wrapped.description + "\n")
            }
        }
        if failed { throw ExitCode(1) }
    }
}
