import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

struct APIResources: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "api-resources", abstract: "Print the supported API resources on the server.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong) var output: String?
    @Option(name: .customLong("namespaced")) var namespaced: Bool?
    @Option(name: .customLong("api-group")) var apiGroup: String?
    @Flag(name: .customLong("no-headers")) var noHeaders = false
    @Option(name: .customLong("sort-by")) var sortBy: String?
    @Option(name: .customLong("verbs")) var verbs: [String] = []

    func run() async throws {
        let session = try global.session()
        var resources = try await session.discovery.allResources(preferredOnly: true).filter { !$0.name.contains("/") }
        if let namespaced { resources = resources.filter { $0.namespaced == namespaced } }
        if let apiGroup { resources = resources.filter { $0.group == apiGroup } }
        if !verbs.isEmpty { resources = resources.filter { r in verbs.allSatisfy { r.verbs.contains($0) } } }
        switch sortBy {
        case "name": resources.sort { $0.name < $1.name }
        case "kind": resources.sort { $0.kind < $1.kind }
        default: resources.sort { ($0.group, $0.name) < ($1.group, $1.name) }
        }
        let terminal = Terminal.current
        if output == "name" {
            terminal.out(resources.map { $0.qualifiedName + "\n" }.joined())
            return
        }
        let wide = output == "wide"
        var rows: [[String]] = []
        if !noHeaders { rows.append(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"] + (wide ? ["VERBS", "CATEGORIES"] : [])) }
        for r in resources {
            var row = [r.name, r.shortNames.joined(separator: ","), r.groupVersion, r.namespaced ? "true" : "false", r.kind]
            if wide { row += [r.verbs.joined(separator: ","), r.categories.joined(separator: ",")] }
            rows.append(row)
        }
        var writer = TabWriter()
        terminal.out(writer.format(rows))
    }
}

struct APIVersions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "api-versions", abstract: "Print the supported API versions on the server, in the form of \"group/version\".")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let session = try global.session()
        Terminal.current.out(try await session.discovery.apiVersions().map { $0 + "\n" }.joined())
    }
}

struct Version: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the client and server version information.")
    static let clientGitVersion = "v1.32.0"
    static let kustomizeVersion = "v5.5.0"

    @OptionGroup var global: GlobalOptions
    @Flag(name: .customLong("client")) var clientOnly = false
    @Option(name: .shortAndLong) var output: String?

    static var clientInfo: JSONValue {
        [
            "major": "1", "minor": "32", "gitVersion": .string(clientGitVersion), "gitCommit": "", "gitTreeState": "clean",
            "buildDate": "", "goVersion": "", "compiler": "swift", "platform": "linux/amd64",
        ]
    }

    func run() async throws {
        let terminal = Terminal.current
        var server: JSONValue?
        var serverError: (any Error)?
        if !clientOnly {
            do {
                server = try await global.session().discovery.serverVersion()
            } catch {
                serverError = error
            }
        }
        switch output {
        case "json", "yaml":
            var doc: JSONObject = ["clientVersion": Version.clientInfo, "kustomizeVersion": .string(Version.kustomizeVersion)]
            if let server { doc["serverVersion"] = server }
            terminal.out(output == "json" ? ObjectPrinter.prettyJSON(.object(doc)) + "\n" : JSONValue.object(doc).yamlString())
        case nil:
            terminal.out("Client Version: \(Version.clientGitVersion)\nKustomize Version: \(Version.kustomizeVersion)\n")
            if let server { terminal.out("Server Version: \(server["gitVersion"]?.stringValue ?? "")\n") }
        default:
            throw KubectlError("--output must be 'yaml' or 'json'")
        }
        if let serverError { throw serverError }
    }
}

struct ClusterInfo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cluster-info", abstract: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true.")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let session = try global.session()
        let terminal = Terminal.current
        let server = session.client.config.server
        // Reaching the server is what proves the control plane runs (as upstream, which lists services first).
        let services = try await session.client.list(ResourcePath(resource: "services", namespace: "kube-system"), query: ["labelSelector": "kubernetes.io/cluster-service=true"])
        terminal.out("Kubernetes control plane is running at \(server)\n")
        for svc in services["items"]?.arrayValue ?? [] {
            let name = svc[path: ["metadata", "name"]]?.stringValue ?? ""
            let display = svc[path: ["metadata", "labels", "kubernetes.io/name"]]?.stringValue ?? name
            var link = "\(server)/api/v1/namespaces/kube-system/services/"
            if let port = svc[path: ["spec", "ports"]]?.arrayValue?.first {
                let portName = port["name"]?.stringValue ?? ""
                link += portName.isEmpty ? "\(name):\(port["port"]?.intValue ?? 0)" : "\(name):\(portName)"
            } else {
                link += name
            }
            terminal.out("\(display) is running at \(link)/proxy\n")
        }
        terminal.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n")
    }
}
