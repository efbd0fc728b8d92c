import ArgumentParser
import CRI
import Foundation

/// `crictl runp POD-CONFIG`: RunPodSandbox; prints the new pod's ID.
struct RunPodSandbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runp", abstract: "Run a new pod.")

    @Option(name: [.customShort("r"), .customLong("runtime")], help: "Runtime handler to use.") var runtimeHandler = ""
    @Argument(help: "pod-config.[json|yaml]") var podConfig: String

    func run() async throws {
        let config = try ConfigFile.podSandboxConfig(path: podConfig)
        try await CRIConnection.with { connection in
            var request = Runtime_V1_RunPodSandboxRequest()
            request.config = config
            request.runtimeHandler = runtimeHandler
            connection.debug("RunPodSandboxRequest", request)
            let response = try await connection.run("run pod sandbox") {
                try await connection.runtime.runPodSandbox(request, options: connection.call(timeout: connection.options.timeout * 2))
            }
            connection.debug("RunPodSandboxResponse", response)
            Output.out(response.podSandboxID + "\n")
        }
    }
}

/// `crictl stopp POD-ID...`
struct StopPodSandbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stopp", abstract: "Stop one or more running pods.")

    @Argument(help: "POD-ID [POD-ID...]") var ids: [String] = []

    func run() async throws {
        guard !ids.isEmpty else { throw CRICtlError("ID cannot be empty") }
        try await CRIConnection.with { connection in
            for id in ids {
                var request = Runtime_V1_StopPodSandboxRequest()
                request.podSandboxID = id
                connection.debug("StopPodSandboxRequest", request)
                _ = try await connection.run("stopping the pod sandbox \"\(id)\"") {
                    try await connection.runtime.stopPodSandbox(request, options: connection.call())
                }
                Output.out("Stopped sandbox \(id)\n")
            }
        }
    }
}

/// `crictl rmp [-f] POD-ID...`: a ready pod is refused unless forced (the runtime then stops it).
struct RemovePodSandbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rmp", abstract: "Remove one or more pods.")

    @Flag(name: [.customShort("f"), .long], help: "Force removal of the pod sandbox, disregarding if running.") var force = false
    @Flag(name: [.customShort("a"), .long], help: "Remove all pods.") var all = false
    @Argument(help: "POD-ID [POD-ID...]") var ids: [String] = []

    func run() async throws {
        try await CRIConnection.with { connection in
            var targets = ids
            if all {
                let list = try await connection.run("listing pod sandboxes") {
                    try await connection.runtime.listPodSandbox(Runtime_V1_ListPodSandboxRequest(), options: connection.call())
                }
                targets = list.items.map(\.id)
            }
            guard !targets.isEmpty else {
                if all { return }
                throw CRICtlError("ID cannot be empty")
            }
            for id in targets {
                var statusRequest = Runtime_V1_PodSandboxStatusRequest()
                statusRequest.podSandboxID = id
                let status = try await connection.run("getting sandbox status of pod \"\(id)\"") {
                    try await connection.runtime.podSandboxStatus(statusRequest, options: connection.call())
                }
                if status.status.state == .sandboxReady && !force {
                    throw CRICtlError("pod sandbox \"\(id)\" is running, please stop it first")
                }
                var request = Runtime_V1_RemovePodSandboxRequest()
                request.podSandboxID = id
                connection.debug("RemovePodSandboxRequest", request)
                _ = try await connection.run("removing the pod sandbox \"\(id)\"") {
                    try await connection.runtime.removePodSandbox(request, options: connection.call())
                }
                Output.out("Removed sandbox \(id)\n")
            }
        }
    }
}

/// `crictl pods`: ListPodSandbox, filtered and printed as crictl does.
struct ListPods: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pods", abstract: "List pods.")

    @Option(help: "Filter by pod id.") var id = ""
    @Option(help: "Filter by pod name regular expression pattern.") var name = ""
    @Option(help: "Filter by pod namespace regular expression pattern.") var namespace = ""
    @Option(name: [.customShort("s"), .long], help: "Filter by pod state (ready, notready).") var state = ""
    @Option(help: "Filter by key=value label.") var label: [String] = []
    @Flag(name: [.customShort("v"), .long], help: "Show verbose info for pods.") var verbose = false
    @Flag(name: [.customShort("q"), .long], help: "List only pod IDs.") var quiet = false
    @Option(name: [.customShort("o"), .long], help: "Output format, one of: json|yaml|table.") var output = "table"
    @Flag(name: [.customShort("l"), .long], help: "Show the most recently created pod.") var latest = false
    @Option(name: [.customShort("n"), .long], help: "Show last n recently created pods. Set 0 for unlimited.") var last = 0
    @Flag(name: .customLong("no-trunc"), help: "Show output without truncating the ID.") var noTrunc = false

    func run() async throws {
        let format = try OutputFormat(parsing: output, default: .table)
        var options = PodListOptions()
        options.id = id
        options.nameRegexp = name
        options.namespaceRegexp = namespace
        options.state = state
        options.labels = try parseLabels(label)
        options.latest = latest
        options.last = last
        var request = Runtime_V1_ListPodSandboxRequest()
        request.filter = try options.filter()
        try await CRIConnection.with { connection in
            connection.debug("ListPodSandboxRequest", request)
            let response = try await connection.run("listing pod sandboxes") {
                try await connection.runtime.listPodSandbox(request, options: connection.call())
            }
            let pods = try options.select(response.items)
            switch format {
            case .json, .yaml:
                var value = JSONValue.object([])
                value.set("items", .array(pods.map { pod in
                    ProtoPrinter.withDefaults((try? ProtoPrinter.json(pod)) ?? .object([]), [("state", .string("SANDBOX_READY"))])
                }))
                Output.out(try ProtoPrinter.render(value, as: format))
            case .table:
                if quiet {
                    Output.out(pods.map { $0.id + "\n" }.joined())
                } else if verbose {
                    Output.out(Tables.podsVerbose(pods))
                } else {
                    Output.out(Tables.pods(pods, noTrunc: noTrunc, now: Date()))
                }
            }
        }
    }
}

/// `crictl inspectp POD-ID...`: PodSandboxStatus (verbose unless -q) as JSON, YAML or text.
struct InspectPod: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspectp", abstract: "Display the status of one or more pods.")

    @Option(name: [.customShort("o"), .long], help: "Output format, one of: json|yaml|table.") var output = "json"
    @Flag(name: [.customShort("q"), .long], help: "Do not show verbose information.") var quiet = false
    @Argument(help: "POD-ID [POD-ID...]") var ids: [String] = []

    func run() async throws {
        let format = try OutputFormat(parsing: output, default: .json)
        guard !ids.isEmpty else { throw CRICtlError("ID cannot be empty") }
        try await CRIConnection.with { connection in
            var documents: [JSONValue] = []
            for id in ids {
                var request = Runtime_V1_PodSandboxStatusRequest()
                request.podSandboxID = id
                request.verbose = !quiet
                connection.debug("PodSandboxStatusRequest", request)
                let response = try await connection.run("get pod sandbox status") {
                    try await connection.runtime.podSandboxStatus(request, options: connection.call())
                }
                if format == .table {
                    Output.out(Self.text(response, verbose: !quiet))
                    continue
                }
                var status = ProtoPrinter.withDefaults(try ProtoPrinter.json(response.status), [("state", .string("SANDBOX_READY"))])
                status.set("createdAt", .string(HumanFormat.rfc3339Nano(response.status.createdAt)))
                documents.append(ProtoPrinter.statusDocument(status: status, info: response.info))
            }
            if format != .table { Output.out(try ProtoPrinter.render(ProtoPrinter.statusDocuments(documents), as: format)) }
        }
    }

    static func text(_ response: Runtime_V1_PodSandboxStatusResponse, verbose: Bool) -> String {
        let status = response.status
        var text = "ID: \(status.id)\n"
        if !status.metadata.name.isEmpty { text += "Name: \(status.metadata.name)\n" }
        if !status.metadata.uid.isEmpty { text += "UID: \(status.metadata.uid)\n" }
        if !status.metadata.namespace.isEmpty { text += "Namespace: \(status.metadata.namespace)\n" }
        text += "Attempt: \(status.metadata.attempt)\n"
        text += "Status: \(status.state == .sandboxReady ? "SANDBOX_READY" : "SANDBOX_NOTREADY")\n"
        text += "Created: \(HumanFormat.rfc3339Nano(status.createdAt))\n"
        if status.hasNetwork {
            text += "IP Addresses: \(status.network.ip)\n"
            text += status.network.additionalIps.map { "Additional IP: \($0.ip)\n" }.joined()
        }
        text += Tables.sortedLines("Labels", status.labels) + Tables.sortedLines("Annotations", status.annotations)
        if verbose { text += "Info: \(response.info)\n" }
        return text
    }
}
