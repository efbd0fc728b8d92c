import Foundation
import KubeAPI

/// Everything needed to reach one apiserver: resolved from kubeconfig plus command-line overrides.
public struct ClientConfig: Sendable, Equatable {
    public var server: String
    public var bearerToken: String?
    public var username: String?
    public var password: String?
    /// PEM bytes.
    public var caData: [UInt8]?
    public var clientCertificateData: [UInt8]?
    public var clientKeyData: [UInt8]?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    /// The namespace of the current context ("default" when unset).
    public var namespace: String
    /// Per-request timeout; nil waits forever (client-go's 0).
    public var timeout: Duration?
    public var userAgent: String

    public init(
        server: String, bearerToken: String? = nil, username: String? = nil, password: String? = nil, caData: [UInt8]? = nil,
        clientCertificateData: [UInt8]? = nil, clientKeyData: [UInt8]? = nil, insecureSkipTLSVerify: Bool = false,
        tlsServerName: String? = nil, namespace: String = "default", timeout: Duration? = nil, userAgent: String = "kubectl/v1.32.0 (linux/amd64) kubeswift"
    ) {
        self.server = server
        self.bearerToken = bearerToken
        self.username = username
        self.password = password
        self.caData = caData
        self.clientCertificateData = clientCertificateData
        self.clientKeyData = clientKeyData
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.namespace = namespace
        self.timeout = timeout
        self.userAgent = userAgent
    }

    /// Overrides taken from kubectl's global flags.
    public struct Overrides: Sendable {
        public var context: String?
        public var server: String?
        public var namespace: String?
        public var token: String?
        public var timeout: Duration?
        public init(context: String? = nil, server: String? = nil, namespace: String? = nil, token: String? = nil, timeout: Duration? = nil) {
            self.context = context
            self.server = server
            self.namespace = namespace
            self.token = token
            self.timeout = timeout
        }
    }

    /// Resolves the current (or overridden) context. Without any kubeconfig and without `--server`, fails with
    /// kubectl's message for an empty config.
    public static func resolve(_ kubeconfig: Kubeconfig, overrides: Overrides = .init()) throws -> ClientConfig {
        let contextName = overrides.context ?? kubeconfig.currentContext
        var context = kubeconfig.context(named: contextName)
        if context == nil, let requested = overrides.context, !requested.isEmpty {
            throw ClientConfigError(message: "context was not found for specified context: \(requested)")
        }
        if context == nil { context = Kubeconfig.Context(cluster: "", user: "", namespace: nil) }
        let cluster = kubeconfig.cluster(named: context!.cluster)
        let user = kubeconfig.user(named: context!.user)
        guard let server = overrides.server ?? cluster?.server, !server.isEmpty else {
            throw ClientConfigError(
                message: "The connection to the server localhost:8080 was refused - did you specify the right host or port?")
        }
        func fileBytes(_ path: String?) throws -> [UInt8]? {
            guard let path, !path.isEmpty else { return nil }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ClientConfigError(message: "unable to read \(path): no such file or directory")
            }
            return Array(data)
        }
        func base64(_ s: String?, _ field: String) throws -> [UInt8]? {
            guard let s, !s.isEmpty else { return nil }
            guard let data = Data(base64Encoded: s, options: .ignoreUnknownCharacters) else {
                throw ClientConfigError(message: "\(field): illegal base64 data")
            }
            return Array(data)
        }
        var token = overrides.token ?? user?.token
        if token == nil, let tokenFile = user?.tokenFile, let bytes = try fileBytes(tokenFile) {
            token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var namespace = context?.namespace ?? ""
        if let override = overrides.namespace, !override.isEmpty { namespace = override }
        return ClientConfig(
            server: server.hasSuffix("/") ? String(server.dropLast()) : server,
            bearerToken: token, username: user?.username, password: user?.password,
            caData: try base64(cluster?.certificateAuthorityData, "certificate-authority-data") ?? fileBytes(cluster?.certificateAuthority),
            clientCertificateData: try base64(user?.clientCertificateData, "client-certificate-data") ?? fileBytes(user?.clientCertificate),
            clientKeyData: try base64(user?.clientKeyData, "client-key-data") ?? fileBytes(user?.clientKey),
            insecureSkipTLSVerify: cluster?.insecureSkipTLSVerify ?? false, tlsServerName: cluster?.tlsServerName,
            namespace: namespace.isEmpty ? "default" : namespace, timeout: overrides.timeout)
    }
}

public struct ClientConfigError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
