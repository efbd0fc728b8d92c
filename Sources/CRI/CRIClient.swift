import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf

/// A CRI client over a unix socket: the generated RuntimeService and ImageService clients
/// sharing one HTTP/2 connection. `close()` ends it.
public final class CRIClient: Sendable {
    public typealias Transport = HTTP2ClientTransport.Posix

    public let endpoint: CRIEndpoint
    public let runtime: Runtime_V1_RuntimeService.Client<Transport>
    public let images: Runtime_V1_ImageService.Client<Transport>
    let client: GRPCClient<Transport>
    let connections: Task<Void, Never>

    public init(endpoint: CRIEndpoint) throws {
        self.endpoint = endpoint
        let transport = try HTTP2ClientTransport.Posix(
            target: .unixDomainSocket(path: endpoint.socketPath, authority: "localhost"),
            transportSecurity: .plaintext)
        let client = GRPCClient(transport: transport)
        self.client = client
        runtime = Runtime_V1_RuntimeService.Client(wrapping: client)
        images = Runtime_V1_ImageService.Client(wrapping: client)
        connections = Task { try? await client.runConnections() }
    }

    /// Lets in-flight calls finish, then closes the connection.
    public func close() async {
        client.beginGracefulShutdown()
        await connections.value
    }

    /// Connects, runs `body`, closes.
    public static func with<T: Sendable>(_ endpoint: CRIEndpoint, _ body: (CRIClient) async throws -> T) async throws -> T {
        let client = try CRIClient(endpoint: endpoint)
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }
}
