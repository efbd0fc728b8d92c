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
    /// `create namespace|deployment|job|cronjob NAME` and their flags.
    @Argument var generatorKind: String?
    @Argument var generatorName: String?
    @Option(name: .customLong("image")) var image: [String] = []
    @Option(name: .customLong("replicas")) var replicas: Int64 = 1
    @Option(name: .customLong("port")) var port: Int64?
    @Option(name: .customLong("schedule")) var schedule: String?
    @Option(name: .customLong("restart")) var restart: String?
    @Option(name: .customLong("from")) var from: String?
    @Argument(parsing: .postTerminator) var command: [String] = []

    func run() async throws {
        let format = try OutputFormat(output)
        let session = try global.session()
        let terminal = Terminal.current
        var inputs: [(source: String, object: JSONValue)] = []
        if !filename.isEmpty {
            inputs = try ManifestReader.readWithSource(filename, recursive: recursive)
        } else if let generated = try await generated(session) {
            if dryRun == "client" {
                // Upstream prints a generated object without asking the server anything.
                try printClientDryRun(Generators.asClientDryRun(generated, namespace: session.explicitNamespace ? session.namespace : nil), format)
                return
            }
            inputs = [("", generated)]
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
                    terminal.out("\(manifest.displayName) created\(DryRun.suffix(dryRun))\n")
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

extension Create {
    /// `deployment.apps/web created (dry run)`, or the object in the `-o` format.
    func printClientDryRun(_ object: JSONValue, _ format: OutputFormat) throws {
        if format == .table {
            Terminal.current.out("\(ObjectPrinter.name(of: object)) created\(DryRun.suffix("client"))\n")
        } else {
            Terminal.current.out(try ObjectPrinter.print([object], format: format, asList: false))
        }
    }

    /// The object a `create KIND NAME` generator builds, or nil when no generator was named.
    func generated(_ session: Session) async throws -> JSONValue? {
        guard let kind = generatorKind else { return nil }
        guard let name = generatorName else { throw KubectlError("NAME is required") }
        switch kind {
        case "namespace", "ns":
            return ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
        case "deployment", "deploy":
            return try Generators.deployment(name: name, images: image, replicas: replicas, port: port, command: command)
        case "job":
            if let from {
                let parts = from.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2, ["cronjob", "cronjobs", "cj", "cronjob.batch", "cronjobs.batch"].contains(parts[0]) else {
                    throw KubectlError("from must be an existing cronjob: \(from)")
                }
                let cronJob = try await session.client.get(ResourcePath(group: "batch", version: "v1", resource: "cronjobs", namespace: session.namespace, name: parts[1]))
                return Generators.job(name: name, fromCronJob: cronJob)
            }
            return try Generators.job(name: name, image: image.first, command: command)
        case "cronjob", "cj":
            return try Generators.cronJob(name: name, image: image.first, schedule: schedule, restartPolicy: restart, command: command)
        default:
            throw KubectlError("unknown generator \"\(kind)\" for \"kubectl create\"")
        }
    }
}
