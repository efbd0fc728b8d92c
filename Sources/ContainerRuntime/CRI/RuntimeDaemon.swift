import CRI
import Foundation
import GRPCCore
import Logging

/// `kubeswift runtime`: recovers state from disk, starts the streaming server (exec/attach
/// URLs), then serves RuntimeService and ImageService on the CRI socket until cancelled.
public enum RuntimeDaemon {
    public static func run(endpoint: CRIEndpoint, configuration: RuntimeConfiguration, puller: (any ImagePuller)? = nil,
                           logger: Logger = Logger(label: "kubeswift.runtime"),
                           onListening: @escaping @Sendable () -> Void = {}) async throws {
        for directory in [configuration.rootDirectory, configuration.runDirectory] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        // Writes to a closed exec stdin pipe must fail with EPIPE, not kill the daemon.
        signal(SIGPIPE, SIG_IGN)
        let runtime = CRIRuntime(configuration: configuration, puller: puller, logger: logger)
        await runtime.recover()
        let streaming = try StreamingServer(address: configuration.streamingAddress, runtime: runtime, logger: logger)
        let server = CRIServer(endpoint: endpoint, services: [
            RuntimeServiceHandler(runtime: runtime, streaming: streaming), ImageServiceHandler(runtime: runtime),
        ])
        try await withThrowingTaskGroup(of: Void.self) { group in
            let (listening, continuation) = AsyncStream.makeStream(of: Int.self)
            group.addTask {
                defer { continuation.finish() }
                try await streaming.run { port in
                    continuation.yield(port)
                    continuation.finish()
                }
            }
            for await port in listening {
                logger.info("streaming server listening", metadata: ["address": "\(streaming.host):\(port)"])
            }
            group.addTask {
                try await withTaskCancellationHandler {
                    try await server.serve(onListening: onListening)
                } onCancel: {
                    server.stop()
                }
            }
            // Either server ending (or failing) ends the daemon.
            _ = try await group.next()
            group.cancelAll()
        }
    }
}
