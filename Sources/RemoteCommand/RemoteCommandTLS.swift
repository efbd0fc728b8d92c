import Foundation
import NIOSSL

/// TLS settings for https/wss remote-command URLs (the apiserver or the kubelet).
public struct RemoteCommandTLS: Sendable {
    /// Skip server certificate verification (kubeconfig insecure-skip-tls-verify).
    public var insecureSkipVerify: Bool
    /// PEM CA bundle the server certificate must chain to; nil: the system roots.
    public var certificateAuthorityPEM: [UInt8]?
    /// PEM client certificate and key (kubeconfig client-certificate-data / client-key-data).
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?

    public init(
        insecureSkipVerify: Bool = false, certificateAuthorityPEM: [UInt8]? = nil,
        clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil
    ) {
        self.insecureSkipVerify = insecureSkipVerify
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
    }

    func configuration() throws(RemoteCommandError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            if insecureSkipVerify { tls.certificateVerification = .none }
            if let ca = certificateAuthorityPEM {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(ca))
            }
            if let certificate = clientCertificatePEM, let key = clientKeyPEM {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificate).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
            }
        } catch {
            throw .connection("TLS material: \(error)")
        }
        return tls
    }
}
