import ArgumentParser
import CRI
import Foundation

/// `crictl logs [-f] [--tail N] [-t] CONTAINER-ID`: the container's CRI log file (from
/// ContainerStatus.logPath) read here, stdout records to stdout and stderr records to stderr.
/// With `-f`, new records are printed as they are written until the container has exited.
struct Logs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "Fetch the logs of a container.")

    @Flag(name: [.customShort("f"), .long], help: "Follow log output.") var follow = false
    @Option(help: "Number of lines to show from the end of the logs (-1: all).") var tail = -1
    @Flag(name: [.customShort("t"), .long], help: "Show timestamps.") var timestamps = false
    @Argument(help: "CONTAINER-ID") var id: String

    func run() async throws {
        try await CRIConnection.with { connection in
            let path = try await Self.status(id, connection).logPath
            guard !path.isEmpty else { throw CRICtlError("the container has not set log path") }
            var reader = CRILogReader(path: path)
            Self.write(CRILogReader.tail(try reader.readNew(), tail), timestamps: timestamps)
            guard follow else { return }
            var lastCheck = ContinuousClock.now
            while true {
                let records = try reader.readNew()
                Self.write(records, timestamps: timestamps)
                if records.isEmpty {
                    if ContinuousClock.now - lastCheck > .milliseconds(500) {
                        lastCheck = .now
                        if try await Self.status(id, connection).state == .containerExited {
                            Self.write(try reader.readNew(), timestamps: timestamps)
                            return
                        }
                    }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
        }
    }

    static func status(_ id: String, _ connection: CRIConnection) async throws(CRICtlError) -> Runtime_V1_ContainerStatus {
        var request = Runtime_V1_ContainerStatusRequest()
        request.containerID = id
        return try await connection.run("getting container status for \"\(id)\"") {
            try await connection.runtime.containerStatus(request, options: connection.call())
        }.status
    }

    static func write(_ records: [CRILogRecord], timestamps: Bool) {
        for record in records {
            Output.write(record.stream == "stderr" ? 2 : 1, record.rendered(timestamps: timestamps))
        }
    }
}
