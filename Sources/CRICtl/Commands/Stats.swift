import ArgumentParser
import CRI
import Foundation

/// `crictl stats [-a] [ID]`: two ListContainerStats samples `--seconds` apart, as crictl prints them.
struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "List container(s) resource usage statistics.")

    @Flag(name: [.customShort("a"), .long], help: "Show all containers (default shows just running).") var all = false
    @Option(help: "Filter by container id.") var id = ""
    @Option(name: [.customShort("p"), .long], help: "Filter by pod id.") var pod = ""
    @Option(help: "Filter by key=value label.") var label: [String] = []
    @Option(name: [.customShort("o"), .long], help: "Output format, one of: json|yaml|table.") var output = "table"
    @Option(name: [.customShort("s"), .long], help: "Sample duration for CPU usage in seconds.") var seconds = 1
    @Argument(help: "CONTAINER-ID") var containerID: String?

    func run() async throws {
        let format = try OutputFormat(parsing: output, default: .table)
        var request = Runtime_V1_ListContainerStatsRequest()
        request.filter.id = containerID ?? id
        request.filter.podSandboxID = pod
        request.filter.labelSelector = try parseLabels(label)
        try await CRIConnection.with { connection in
            func sample() async throws(CRICtlError) -> [Runtime_V1_ContainerStats] {
                connection.debug("ListContainerStatsRequest", request)
                return try await connection.run("get container stats") {
                    try await connection.runtime.listContainerStats(request, options: connection.call())
                }.stats.sorted { $0.attributes.id < $1.attributes.id }
            }
            let before = try await sample()
            if format != .table {
                var value = JSONValue.object([])
                value.set("stats", .array(try before.map { try ProtoPrinter.json($0) }))
                Output.out(try ProtoPrinter.render(value, as: format))
                return
            }
            try await Task.sleep(for: .seconds(seconds))
            Output.out(try Tables.stats(before: before, after: try await sample(), all: all))
        }
    }
}
