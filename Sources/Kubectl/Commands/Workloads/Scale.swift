import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// `kubectl scale --replicas=N TYPE NAME` through the `scale` subresource.
struct Scale: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Set a new size for a deployment, replica set, replication controller, or stateful set.")
    @OptionGroup var global: GlobalOptions
    @Argument var resources: [String] = []
    @Option(name: .shortAndLong) var filename: [String] = []
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Flag(name: .customLong("all")) var all = false
    @Option(name: .customLong("replicas")) var replicas: Int64?
    @Option(name: .customLong("current-replicas")) var currentReplicas: Int64 = -1
    @Option(name: .customLong("resource-version")) var resourceVersion: String?
    @Option(name: .shortAndLong) var output: String?

    func run() async throws {
        guard let replicas else { throw KubectlError("required flag(s) \"replicas\" not set") }
        guard replicas >= 0 else { throw KubectlError("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0") }
        let format = try OutputFormat(output)
        let session = try global.session()
        let terminal = Terminal.current
        let targets = try await session.targets(resources, verb: "scale", selector: selector, all: all, filenames: filename)
        guard !targets.isEmpty else { throw KubectlError("no objects passed to scale") }
        for target in targets {
            guard ["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"].contains(target.resource.kind) else {
                throw KubectlError("cannot scale \(target.resource.qualifiedName) \"\(target.name)\": no scale subresource")
            }
            var scale = try await session.client.get(target.path(subresource: "scale"))
            if currentReplicas >= 0 {
                let actual = scale[path: ["spec", "replicas"]]?.intValue ?? 0
                guard actual == currentReplicas else {
                    throw KubectlError("Expected replicas to be \(currentReplicas), was \(actual)")
                }
            }
            // Without --resource-version the change is unconditional, as upstream's scaler does it.
            scale.set(path: ["metadata", "resourceVersion"], to: resourceVersion.map(JSONValue.string))
            scale.set(path: ["spec", "replicas"], to: .int(replicas))
            let updated = try await session.client.update(target.path(subresource: "scale"), body: scale)
            if format == .table {
                terminal.out("\(target.displayName) scaled\n")
            } else {
                terminal.out(try ObjectPrinter.print([updated], format: format, asList: false))
            }
        }
    }
}
