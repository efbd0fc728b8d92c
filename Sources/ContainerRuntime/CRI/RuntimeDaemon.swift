import CRI
import Foundation
import GRPCCore
import Logging

/// `kubeswift runtime`: recovers state from disk, then serves RuntimeService and
/// ImageService on the CRI socket until cancelled.
public enum RuntimeDaemon {
    public static func run(endpoint: CRIEndpoint, configuration: RuntimeConfiguration, puller: (any ImagePuller)? = nil,
                           logger: Logger = Logger(label: "kubeswift.runtime"),
                           onListening: @escaping @Sendable () -> Void = {}) async throws {
        for directory in [configuration.rootDirectory, configuration.runDirectory] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let runtime = CRIRuntime(configuration: configuration, puller: puller, logger: logger)
        await runtime.recover()
        let server = CRIServer(endpoint: endpoint, services: [
            RuntimeServiceHandler(runtime: runtime), ImageServiceHandler(runtime: runtime),
        ])
        try await withTaskCancellationHandler {
            try await server.serve(onListening: onListening)
        } onCancel: {
            server.stop()
        }
    }
}
