import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// kubectl's global flags; every verb includes them, and `Kubectl.run` moves any given before the verb to after it.
public struct GlobalOptions: ParsableArguments, Sendable {
    @Option(help: "Path to the kubeconfig file to use for CLI requests.")
    public var kubeconfig: String?

    @Option(help: "The name of the kubeconfig context to use")
    public var context: String?

    @Option(name: [.customShort("s"), .long], help: "The address and port of the Kubernetes API server")
    public var server: String?

    @Option(name: [.short, .long], help: "If present, the namespace scope for this CLI request")
    public var namespace: String?

    @Option(name: .customLong("request-timeout"), help: "The length of time to wait before giving up on a single server request (0 = no timeout).")
    public var requestTimeout: String = "0"

    @Option(help: "Bearer token for authentication to the API server")
    public var token: String?

    @Option(name: [.customShort("v"), .customLong("v")], help: "number for the log level verbosity")
    public var verbosity: Int = 0

    public init() {}

    /// Flags that take a value, for moving them behind the verb.
    static let valued: Set<String> = ["--kubeconfig", "--context", "--server", "-s", "--namespace", "-n", "--request-timeout", "--token", "-v", "--v"]

    var loader: KubeconfigLoader { KubeconfigLoader(explicitPath: kubeconfig) }
    /// For `kubectl config …`, where a missing `--kubeconfig` file reads as empty.
    var configLoader: KubeconfigLoader { KubeconfigLoader(explicitPath: kubeconfig, allowMissingExplicit: true) }

    /// `30s`, `1m`, `2h`, or a bare number of seconds; "0" means no timeout.
    static func parseDuration(_ text: String) throws -> Duration? {
        if text == "0" || text.isEmpty { return nil }
        if let seconds = Double(text) { return .milliseconds(Int64(seconds * 1000)) }
        var total = 0.0
        var number = ""
        var rest = Substring(text)
        while let c = rest.first {
            rest = rest.dropFirst()
            if c.isNumber || c == "." {
                number.append(c)
                continue
            }
            var unit = String(c)
            if c == "m", rest.first == "s" { unit = "ms"; rest = rest.dropFirst() }
            guard let value = Double(number) else { throw KubectlError("invalid duration \"\(text)\"") }
            switch unit {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            case "ms": total += value / 1000
            default: throw KubectlError("invalid duration \"\(text)\"")
            }
            number = ""
        }
        guard number.isEmpty else { throw KubectlError("invalid duration \"\(text)\"") }
        return .milliseconds(Int64(total * 1000))
    }

    /// Connects: kubeconfig + flags → a client, the effective namespace, and whether `-n` was given.
    func session() throws -> Session {
        let kubeconfig = try loader.load()
        let overrides = ClientConfig.Overrides(
            context: context, server: server, namespace: namespace, token: token,
            timeout: try GlobalOptions.parseDuration(requestTimeout))
        let config = try ClientConfig.resolve(kubeconfig, overrides: overrides)
        var client = try RESTClient(config: config)
        // As client-go's default warning writer: each server warning on stderr.
        client.warningHandler = { text in Terminal.current.err("Warning: \(text)\n") }
        return Session(client: client, namespace: config.namespace, explicitNamespace: namespace != nil)
    }
}

/// One connected invocation.
final class Session: @unchecked Sendable {
    let client: RESTClient
    let namespace: String
    let explicitNamespace: Bool
    private var cachedMapper: RESTMapper?

    init(client: RESTClient, namespace: String, explicitNamespace: Bool) {
        self.client = client
        self.namespace = namespace
        self.explicitNamespace = explicitNamespace
    }

    var discovery: DiscoveryClient { DiscoveryClient(client: client) }

    func mapper() async throws -> RESTMapper {
        if let cachedMapper { return cachedMapper }
        let mapper = try await discovery.restMapper()
        cachedMapper = mapper
        return mapper
    }
}
