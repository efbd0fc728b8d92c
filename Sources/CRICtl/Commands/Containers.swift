import ArgumentParser
import CRI
import Foundation

/// `crictl create POD-ID CONTAINER-CONFIG POD-CONFIG`: CreateContainer; prints the new container's ID.
struct CreateContainer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a new container.")

    @Flag(name: .customLong("with-pull"), help: "Pull the image before creating the container.") var withPull = false
    @Flag(name: .customLong("no-pull"), help: "Do not pull the image (the default).") var noPull = false
    @Argument(help: "POD-ID") var podID: String
    @Argument(help: "container-config.[json|yaml]") var containerConfig: String
    @Argument(help: "pod-config.[json|yaml]") var podConfig: String

    func run() async throws {
        guard !(withPull && noPull) else { throw CRICtlError("conflict: no-pull and with-pull are both set") }
        var config = try ConfigFile.containerConfig(path: containerConfig)
        let sandbox = try ConfigFile.podSandboxConfig(path: podConfig)
        if config.image.userSpecifiedImage.isEmpty { config.image.userSpecifiedImage = config.image.image }
        try await CRIConnection.with { connection in
            if withPull { _ = try await Pull.pull(config.image.image, sandbox: sandbox, connection: connection) }
            var request = Runtime_V1_CreateContainerRequest()
            request.podSandboxID = podID
            request.config = config
            request.sandboxConfig = sandbox
            connection.debug("CreateContainerRequest", request)
            let response = try await connection.run("creating container") {
                try await connection.runtime.createContainer(request, options: connection.call())
            }
            Output.out(response.containerID + "\n")
        }
    }
}

/// `crictl start CONTAINER-ID...`
struct StartContainer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start one or more created containers.")

    @Argument(help: "CONTAINER-ID [CONTAINER-ID...]") var ids: [String] = []

    func run() async throws {
        guard !ids.isEmpty else { throw CRICtlError("ID cannot be empty") }
        try await CRIConnection.with { connection in
            for id in ids {
                var request = Runtime_V1_StartContainerRequest()
                request.containerID = id
                connection.debug("StartContainerRequest", request)
                _ = try await connection.run("starting the container \"\(id)\"") {
                    try await connection.runtime.startContainer(request, options: connection.call())
                }
                Output.out(id + "\n")
            }
        }
    }
}

/// `crictl stop [-t SECONDS] CONTAINER-ID...`: the call may take the grace period plus the global timeout.
struct StopContainer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop one or more running containers.")

    @Option(name: [.customShort("t"), .long], help: "Seconds to wait to kill the container after a graceful stop is requested.")
    var timeout: Int64 = 0
    @Flag(name: [.customShort("a"), .long], help: "Stop all running containers.") var all = false
    @Argument(help: "CONTAINER-ID [CONTAINER-ID...]") var ids: [String] = []

    func run() async throws {
        if all && !ids.isEmpty { throw CRICtlError("cannot specify CONTAINER-ID(s) when using --all") }
        try await CRIConnection.with { connection in
            var targets = ids
            if all {
                var list = Runtime_V1_ListContainersRequest()
                list.filter.state.state = .containerRunning
                targets = try await connection.run("listing containers") {
                    try await connection.runtime.listContainers(list, options: connection.call())
                }.containers.map(\.id)
                if targets.isEmpty {
                    Output.out("No running containers found.\n")
                    return
                }
            }
            guard !targets.isEmpty else { throw CRICtlError("you must specify at least one CONTAINER-ID or use --all") }
            for id in targets { try await Self.stop(id, timeout: timeout, connection: connection) }
        }
    }

    static func stop(_ id: String, timeout: Int64, connection: CRIConnection) async throws(CRICtlError) {
        var request = Runtime_V1_StopContainerRequest()
        request.containerID = id
        request.timeout = timeout
        connection.debug("StopContainerRequest", request)
        _ = try await connection.run("stopping the container \"\(id)\"") {
            try await connection.runtime.stopContainer(request, options: connection.call(timeout: connection.options.timeout + .seconds(timeout)))
        }
        Output.out(id + "\n")
    }
}

/// `crictl rm [-f] CONTAINER-ID...`: a running container is refused unless forced (then stopped
/// first); its log file and rotations are removed unless `--keep-logs`.
struct RemoveContainer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more containers.")

    @Flag(name: [.customShort("f"), .long], help: "Force removal of the container, disregarding if running.") var force = false
    @Flag(name: [.customShort("k"), .customLong("keep-logs")], help: "Preserve the container log file and its rotations.")
    var keepLogs = false
    @Flag(name: [.customShort("a"), .long], help: "Remove all containers.") var all = false
    @Argument(help: "CONTAINER-ID [CONTAINER-ID...]") var ids: [String] = []

    func run() async throws {
        try await CRIConnection.with { connection in
            var targets = ids
            if all {
                targets = try await connection.run("listing containers") {
                    try await connection.runtime.listContainers(Runtime_V1_ListContainersRequest(), options: connection.call())
                }.containers.map(\.id)
            }
            guard !targets.isEmpty else {
                if all { return }
                throw CRICtlError("ID cannot be empty")
            }
            for id in targets {
                var statusRequest = Runtime_V1_ContainerStatusRequest()
                statusRequest.containerID = id
                let status = try await connection.run("getting container status \"\(id)\"") {
                    try await connection.runtime.containerStatus(statusRequest, options: connection.call())
                }.status
                if status.state == .containerRunning {
                    guard force else { throw CRICtlError("container \"\(id)\" is running, please stop it first") }
                    try await StopContainer.stop(id, timeout: 0, connection: connection)
                }
                var request = Runtime_V1_RemoveContainerRequest()
                request.containerID = id
                connection.debug("RemoveContainerRequest", request)
                _ = try await connection.run("removing container \"\(id)\"") {
                    try await connection.runtime.removeContainer(request, options: connection.call())
                }
                if !keepLogs && !status.logPath.isEmpty { Self.removeLogs(status.logPath) }
                Output.out(id + "\n")
            }
        }
    }

    static func removeLogs(_ path: String) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let rotations = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.filter { $0.hasPrefix(name + ".") } ?? []
        for file in rotations.map({ directory + "/" + $0 }) + [path] where FileManager.default.fileExists(atPath: file) {
            do {
                try FileManager.default.removeItem(atPath: file)
            } catch {
                Output.err("error: removing log file \(file): \(error)\n")
            }
        }
    }
}

/// `crictl ps`: ListContainers, filtered and printed as crictl does.
struct ListContainers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ps", abstract: "List containers.")

    @Flag(name: [.customShort("v"), .long], help: "Show verbose information for containers.") var verbose = false
    @Option(help: "Filter by container id.") var id = ""
    @Option(help: "Filter by container name regular expression pattern.") var name = ""
    @Option(name: [.customShort("p"), .long], help: "Filter by pod id.") var pod = ""
    @Option(name: [.customShort("s"), .long], help: "Filter by container state (created, running, exited, unknown).") var state = ""
    @Option(help: "Filter by key=value label.") var label: [String] = []
    @Flag(name: [.customShort("q"), .long], help: "Only display container IDs.") var quiet = false
    @Option(name: [.customShort("o"), .long], help: "Output format, one of: json|yaml|table.") var output = "table"
    @Flag(name: [.customShort("a"), .long], help: "Show all containers.") var all = false
    @Flag(name: [.customShort("l"), .long], help: "Show the most recently created container (includes all states).") var latest = false
    @Option(name: [.customShort("n"), .long], help: "Show last n recently created containers (includes all states).") var last = 0
    @Flag(name: .customLong("no-trunc"), help: "Show output without truncating the ID.") var noTrunc = false
    @Option(help: "Filter by pod namespace regular expression pattern.") var namespace = ""

    var options: ContainerListOptions {
        get throws {
            var options = ContainerListOptions()
            options.id = id
            options.podID = pod
            options.nameRegexp = name
            options.namespaceRegexp = namespace
            options.state = state
            options.labels = try parseLabels(label)
            options.all = all
            options.latest = latest
            options.last = last
            return options
        }
    }

    func run() async throws {
        let format = try OutputFormat(parsing: output, default: .table)
        let options = try self.options
        var request = Runtime_V1_ListContainersRequest()
        request.filter = try options.filter()
        try await CRIConnection.with { connection in
            connection.debug("ListContainersRequest", request)
            let response = try await connection.run("listing containers") {
                try await connection.runtime.listContainers(request, options: connection.call())
            }
            let containers = try options.select(response.containers)
            switch format {
            case .json, .yaml:
                var value = JSONValue.object([])
                value.set("containers", .array(containers.map { container in
                    ProtoPrinter.withDefaults((try? ProtoPrinter.json(container)) ?? .object([]), [("state", .string("CONTAINER_CREATED"))])
                }))
                Output.out(try ProtoPrinter.render(value, as: format))
            case .table:
                if quiet {
                    Output.out(containers.map { $0.id + "\n" }.joined())
                } else if verbose {
                    Output.out(Tables.containersVerbose(containers, now: Date()))
                } else {
                    Output.out(Tables.containers(containers, noTrunc: noTrunc, now: Date()))
                }
            }
        }
    }
}

/// `crictl inspect CONTAINER-ID...`: ContainerStatus (verbose unless -q) as JSON, YAML or text,
/// with the times written out as crictl does.
struct InspectContainer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Display the status of one or more containers.")

    @Option(name: [.customShort("o"), .long], help: "Output format, one of: json|yaml|table.") var output = "json"
    @Flag(name: [.customShort("q"), .long], help: "Do not show verbose information.") var quiet = false
    @Argument(help: "CONTAINER-ID [CONTAINER-ID...]") var ids: [String] = []

    func run() async throws {
        let format = try OutputFormat(parsing: output, default: .json)
        guard !ids.isEmpty else { throw CRICtlError("ID cannot be empty") }
        try await CRIConnection.with { connection in
            var documents: [JSONValue] = []
            for id in ids {
                var request = Runtime_V1_ContainerStatusRequest()
                request.containerID = id
                request.verbose = !quiet
                connection.debug("ContainerStatusRequest", request)
                let response = try await connection.run("get container status") {
                    try await connection.runtime.containerStatus(request, options: connection.call())
                }
                if format == .table {
                    Output.out(Self.text(response, verbose: !quiet, now: Date()))
                    continue
                }
                documents.append(ProtoPrinter.statusDocument(status: try Self.statusJSON(response.status), info: response.info))
            }
            if format != .table { Output.out(try ProtoPrinter.render(ProtoPrinter.statusDocuments(documents), as: format)) }
        }
    }

    /// crictl's marshalContainerStatus: protojson with the three times as RFC 3339 text; a time
    /// the container has not reached is Go's zero time.
    static func statusJSON(_ status: Runtime_V1_ContainerStatus) throws -> JSONValue {
        var value = ProtoPrinter.withDefaults(try ProtoPrinter.json(status), [
            ("state", .string("CONTAINER_CREATED")), ("exitCode", .number("0")), ("reason", .string("")), ("message", .string("")),
        ])
        value.set("createdAt", .string(HumanFormat.rfc3339Nano(status.createdAt)))
        value.set("startedAt", .string(status.state == .containerCreated ? HumanFormat.zeroTime : HumanFormat.rfc3339Nano(status.startedAt)))
        let finished = status.state == .containerExited || (status.state == .containerUnknown && status.finishedAt > 0)
        value.set("finishedAt", .string(finished ? HumanFormat.rfc3339Nano(status.finishedAt) : HumanFormat.zeroTime))
        return value
    }

    static func text(_ response: Runtime_V1_ContainerStatusResponse, verbose: Bool, now: Date) -> String {
        let status = response.status
        var text = "ID: \(status.id)\n"
        if !status.metadata.name.isEmpty { text += "Name: \(status.metadata.name)\n" }
        if status.metadata.attempt != 0 { text += "Attempt: \(status.metadata.attempt)\n" }
        let stateNames: [Runtime_V1_ContainerState: String] = [
            .containerCreated: "CONTAINER_CREATED", .containerRunning: "CONTAINER_RUNNING", .containerExited: "CONTAINER_EXITED",
        ]
        text += "State: \(stateNames[status.state] ?? "CONTAINER_UNKNOWN")\n"
        text += "Created: \(HumanFormat.ago(status.createdAt, now: now))\n"
        if status.state != .containerCreated { text += "Started: \(HumanFormat.ago(status.startedAt, now: now))\n" }
        if status.state == .containerExited {
            if status.finishedAt > 0 { text += "Finished: \(HumanFormat.ago(status.finishedAt, now: now))\n" }
            text += "Exit Code: \(status.exitCode)\n"
        }
        text += Tables.sortedLines("Labels", status.labels) + Tables.sortedLines("Annotations", status.annotations)
        if verbose { text += "Info: \(response.info)\n" }
        return text
    }
}
