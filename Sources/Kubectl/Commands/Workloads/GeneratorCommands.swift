import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// Sends a generated object (or, with `--dry-run=client`, only prints it) and reports it as kubectl does:
/// `deployment.apps/web created`, or the object in the `-o` format.
func createGenerated(_ object: JSONValue, session: Session, output: String?, dryRun: String, verb: String = "created") async throws {
    let format = try OutputFormat(output)
    let manifest = try ManifestObject(object, mapper: try await session.mapper(), defaultNamespace: session.namespace, explicitNamespace: session.explicitNamespace)
    var query: [String: String] = [:]
    switch dryRun {
    case "none", "server": if dryRun == "server" { query["dryRun"] = "All" }
    case "client": break
    default: throw KubectlError("Invalid dry-run value (\(dryRun)). Must be \"none\", \"server\", or \"client\".")
    }
    let result = dryRun == "client" ? manifest.object : try await session.client.create(manifest.path, body: manifest.object, query: query)
    if format == .table {
        Terminal.current.out("\(manifest.displayName) \(verb)\(DryRun.suffix(dryRun))\n")
    } else {
        Terminal.current.out(try ObjectPrinter.print([result], format: format, asList: false))
    }
}

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a particular image on the cluster.")
    @OptionGroup var global: GlobalOptions
    @Argument var name: String
    @Option(name: .customLong("image")) var image: String?
    @Option(name: .customLong("env")) var env: [String] = []
    @Option(name: [.customShort("l"), .customLong("labels")]) var labels: String?
    @Option(name: .customLong("port")) var port: Int64?
    @Option(name: .customLong("restart")) var restart = "Always"
    @Option(name: .customLong("image-pull-policy")) var imagePullPolicy: String?
    @Flag(name: .customLong("command")) var command = false
    @Flag(name: .customLong("expose")) var expose = false
    @Option(name: .shortAndLong) var output: String?
    @Option(name: .customLong("dry-run")) var dryRun = "none"
    @Argument(parsing: .postTerminator) var arguments: [String] = []

    func run() async throws {
        guard let image, !image.isEmpty else { throw KubectlError("required flag(s) \"image\" not set") }
        var options = Generators.RunOptions(name: name, image: image)
        options.labels = labels
        options.env = env
        options.port = port
        options.restart = restart
        options.imagePullPolicy = imagePullPolicy
        options.command = command
        options.arguments = arguments
        let pod = try Generators.pod(options)
        let session = try global.session()
        if expose {
            guard port != nil else { throw KubectlError("--port must be set when exposing a service") }
            var exposeOptions = Generators.ExposeOptions()
            exposeOptions.port = port.map(String.init)
            let service = try Generators.service(exposing: pod, exposeOptions)
            try await createGenerated(service, session: session, output: output, dryRun: dryRun)
        }
        try await createGenerated(pod, session: session, output: output, dryRun: dryRun)
    }
}

struct Expose: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service.")
    @OptionGroup var global: GlobalOptions
    @Argument var resources: [String] = []
    @Option(name: .shortAndLong) var filename: [String] = []
    @Option(name: .customLong("name")) var name: String?
    @Option(name: .customLong("port")) var port: String?
    @Option(name: .customLong("target-port")) var targetPort: String?
    @Option(name: .customLong("protocol")) var proto: String?
    @Option(name: .customLong("type")) var type: String?
    @Option(name: .customLong("selector")) var selector: String?
    @Option(name: .customLong("cluster-ip")) var clusterIP: String?
    @Option(name: [.customShort("l"), .customLong("labels")]) var labels: String?
    @Option(name: .shortAndLong) var output: String?
    @Option(name: .customLong("dry-run")) var dryRun = "none"

    func run() async throws {
        let session = try global.session()
        let targets = try await session.targets(resources, verb: "expose", filenames: filename)
        guard !targets.isEmpty else { throw KubectlError("You must provide one or more resources by argument or filename.") }
        var options = Generators.ExposeOptions()
        options.name = name
        options.port = port
        options.targetPort = targetPort
        options.proto = proto
        options.type = type
        options.selector = selector
        options.clusterIP = clusterIP
        options.labels = labels
        for target in targets {
            var object = try await session.client.get(target.path)
            object.set(path: ["kind"], to: .string(target.resource.kind))
            object.set(path: ["apiVersion"], to: .string(target.resource.groupVersion))
            let service = try Generators.service(exposing: object, options)
            try await createGenerated(service, session: session, output: output, dryRun: dryRun, verb: "exposed")
        }
    }
}

/// `kubectl set image`.
struct SetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Set specific features on objects.", subcommands: [SetImage.self])
}

struct SetImage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "image", abstract: "Update the image of a pod template.")
    @OptionGroup var global: GlobalOptions
    @Argument var arguments: [String] = []
    @Option(name: .shortAndLong) var filename: [String] = []
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Flag(name: .customLong("all")) var all = false
    @Option(name: .shortAndLong) var output: String?

    func run() async throws {
        let split = arguments.firstIndex { $0.contains("=") } ?? arguments.count
        let resourceArgs = Array(arguments[..<split])
        var images: [(container: String, image: String)] = []
        for spec in arguments[split...] {
            let kv = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2, !kv[1].isEmpty else { throw KubectlError("invalid image \(spec)") }
            images.append((kv[0], kv[1]))
        }
        guard !images.isEmpty else { throw KubectlError("at least one image update is required") }
        let format = try OutputFormat(output)
        let session = try global.session()
        for target in try await session.targets(resourceArgs, verb: "set image", selector: selector, all: all, filenames: filename) {
            guard let specPath = Generators.podSpecPath(kind: target.resource.kind) else {
                throw KubectlError("\(target.displayName) the object is not a pod or does not have a pod template: *v1.\(target.resource.kind)")
            }
            let object = try await session.client.get(target.path)
            var patchSpec: JSONObject = [:]
            for field in ["initContainers", "containers"] {
                var changed: [JSONValue] = []
                for container in object[path: specPath + [field]]?.arrayValue ?? [] {
                    let name = container["name"]?.stringValue ?? ""
                    if let wanted = images.last(where: { $0.container == name || $0.container == "*" }) {
                        changed.append(["name": .string(name), "image": .string(wanted.image)])
                    }
                }
                if !changed.isEmpty { patchSpec[field] = .array(changed) }
            }
            let allNames = ["initContainers", "containers"].flatMap { object[path: specPath + [$0]]?.arrayValue ?? [] }.compactMap { $0["name"]?.stringValue }
            for (container, _) in images where container != "*" && !allNames.contains(container) {
                throw KubectlError("unable to find container named \"\(container)\"")
            }
            var patch: JSONValue = [:]
            patch.set(path: specPath, to: .object(patchSpec))
            let updated = try await session.client.patch(target.path, type: .strategic, body: patch)
            if format == .table {
                Terminal.current.out("\(target.displayName) image updated\n")
            } else {
                Terminal.current.out(try ObjectPrinter.print([updated], format: format, asList: false))
            }
        }
    }
}
