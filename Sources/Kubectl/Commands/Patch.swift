import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

struct Patch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.")

    @OptionGroup var global: GlobalOptions
    @Argument var resources: [String] = []
    @Option(name: .shortAndLong) var patch: String?
    @Option(name: .customLong("patch-file")) var patchFile: String?
    @Option(name: .customLong("type")) var type: String = "strategic"
    @Option(name: .shortAndLong) var filename: [String] = []
    @Option(name: .shortAndLong) var output: String?
    @Option(name: .customLong("subresource")) var subresource: String?
    @Option(name: .customLong("dry-run")) var dryRun: String = "none"

    func run() async throws {
        let format = try OutputFormat(output)
        var text = patch
        if let patchFile { text = try String(contentsOfFile: patchFile, encoding: .utf8) }
        guard let text, !text.isEmpty else { throw KubectlError("must specify --patch or --patch-file containing the contents of the patch") }
        let patchType: RESTClient.PatchType
        switch type {
        case "strategic": patchType = .strategic
        case "merge": patchType = .merge
        case "json": patchType = .json
        default: throw KubectlError("--type must be one of [json merge strategic], not \"\(type)\"")
        }
        // kubectl accepts YAML patches and sends JSON.
        let body: JSONValue
        do {
            body = try JSONValue.parseYAML(text)
        } catch {
            throw KubectlError("unable to parse \"\(text)\": \(error)")
        }
        let session = try global.session()
        let mapper = try await session.mapper()
        var targets: [(APIResourceInfo, String?, String)] = []
        if !filename.isEmpty {
            for object in try ManifestReader.read(filename) {
                let m = try ManifestObject(object, mapper: mapper, defaultNamespace: session.namespace, explicitNamespace: session.explicitNamespace)
                targets.append((m.resource, m.namespace, m.name))
            }
        } else {
            for (resource, names) in try ResourceArguments(resources, verb: "patch").resolve(mapper) {
                guard !names.isEmpty else { throw KubectlError("resource(s) were provided, but no name was specified") }
                targets += names.map { (resource, resource.namespaced ? session.namespace : nil, $0) }
            }
        }
        let terminal = Terminal.current
        var query: [String: String] = ["fieldManager": "kubectl-patch"]
        if dryRun == "server" { query["dryRun"] = "All" }
        for (resource, namespace, name) in targets {
            let path = resource.path(namespace: namespace, name: name, subresource: subresource)
            let before = try await session.client.get(path)
            let after = try await session.client.patch(path, type: patchType, body: body, query: query)
            if format == .table {
                let unchanged = before[path: ["metadata", "resourceVersion"]] == after[path: ["metadata", "resourceVersion"]]
                terminal.out("\(resource.kindQualifiedName)/\(name) patched\(unchanged ? " (no change)" : "")\n")
            } else {
                terminal.out(try ObjectPrinter.print([after], format: format, asList: false))
            }
        }
    }
}
