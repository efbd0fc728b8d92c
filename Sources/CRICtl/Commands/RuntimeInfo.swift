import ArgumentParser
import CRI
import Foundation
import SwiftProtobuf

/// `crictl version`: the runtime's Version response.
struct Version: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Display runtime version information.")

    func run() async throws {
        try await CRIConnection.with { connection in
            var request = Runtime_V1_VersionRequest()
            request.version = "v1"
            connection.debug("VersionRequest", request)
            let response = try await connection.run("getting the runtime version") {
                try await connection.runtime.version(request, options: connection.call())
            }
            connection.debug("VersionResponse", response)
            Output.out("""
                Version:  \(response.version)
                RuntimeName:  \(response.runtimeName)
                RuntimeVersion:  \(response.runtimeVersion)
                RuntimeApiVersion:  \(response.runtimeApiVersion)

                """)
        }
    }
}

/// `crictl info`: the runtime's Status (conditions, handlers, verbose info) as JSON or YAML.
struct Info: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Display information of the container runtime.")

    @Option(name: [.customShort("o"), .long], help: "Output format, one of: json|yaml.") var output = "json"
    @Flag(name: [.customShort("q"), .long], help: "Do not show verbose information.") var quiet = false

    func run() async throws {
        let format = try OutputFormat(parsing: output, default: .json)
        guard format != .table else { throw CRICtlError("unsupported format: \"table\"") }
        try await CRIConnection.with { connection in
            var request = Runtime_V1_StatusRequest()
            request.verbose = !quiet
            connection.debug("StatusRequest", request)
            let response = try await connection.run("getting status of runtime") {
                try await connection.runtime.status(request, options: connection.call())
            }
            connection.debug("StatusResponse", response)
            let document = try Self.document(response)
            Output.out(try ProtoPrinter.render(document, as: format))
        }
    }

    /// crictl's info document: the status, the runtime handlers and features, the info map.
    static func document(_ response: Runtime_V1_StatusResponse) throws -> JSONValue {
        let status = try ProtoPrinter.json(response.status)
        // crictl marshals handlers and features with Go's encoding/json: protobuf field names, defaults left out.
        var goNames = JSONEncodingOptions()
        goNames.preserveProtoFieldNames = true
        var handlers: [String] = []
        for handler in response.runtimeHandlers { handlers.append(try handler.jsonString(options: goNames)) }
        let handlerList = try JSONValue(parsing: "[" + handlers.joined(separator: ",") + "]")
        let features = response.hasFeatures ? try JSONValue(parsing: response.features.jsonString(options: goNames)) : .object([])
        return ProtoPrinter.statusDocument(
            status: status, extra: [("runtimeHandlers", handlerList), ("features", features)], info: response.info)
    }
}
