import Crypto

/// Chain names as upstream's iptables proxier builds them: a prefix plus the first 16 characters
/// of base32(sha256(servicePortName + protocol [+ endpoint])), so every name fits iptables'
/// 28-character limit and is stable across restarts and implementations.
public enum ChainName {
    public static let services = "KUBE-SERVICES"
    public static let externalServices = "KUBE-EXTERNAL-SERVICES"
    public static let nodePorts = "KUBE-NODEPORTS"
    public static let postrouting = "KUBE-POSTROUTING"
    public static let markMasq = "KUBE-MARK-MASQ"
    public static let forward = "KUBE-FORWARD"
    public static let proxyFirewall = "KUBE-PROXY-FIREWALL"

    public static let servicePrefix = "KUBE-SVC-"
    public static let serviceLocalPrefix = "KUBE-SVL-"
    public static let externalPrefix = "KUBE-EXT-"
    public static let firewallPrefix = "KUBE-FW-"
    public static let endpointPrefix = "KUBE-SEP-"

    /// The per-service and per-endpoint prefixes: chains with these names belong to kube-proxy
    /// and are deleted when no longer in use.
    public static let perServicePrefixes = [servicePrefix, serviceLocalPrefix, externalPrefix, firewallPrefix, endpointPrefix]

    public static func isPerServiceChain(_ chain: some StringProtocol) -> Bool {
        perServicePrefixes.contains { chain.hasPrefix($0) }
    }

    public static func portProtoHash(_ servicePortName: String, _ protocol: String) -> String {
        hash(servicePortName + `protocol`)
    }

    public static func service(_ servicePortName: String, _ protocol: String) -> String {
        servicePrefix + portProtoHash(servicePortName, `protocol`)
    }

    public static func serviceLocal(_ servicePortName: String, _ protocol: String) -> String {
        serviceLocalPrefix + portProtoHash(servicePortName, `protocol`)
    }

    public static func external(_ servicePortName: String, _ protocol: String) -> String {
        externalPrefix + portProtoHash(servicePortName, `protocol`)
    }

    /// `endpoint` is `ip:port` (`[ip]:port` for IPv6), as upstream's `BaseEndpointInfo.String()`.
    public static func endpoint(_ servicePortName: String, _ protocol: String, _ endpoint: String) -> String {
        endpointPrefix + hash(servicePortName + `protocol` + endpoint)
    }

    /// The first 16 characters of base32(sha256(text)): the base32 of the digest's first 10 bytes.
    static func hash(_ text: String) -> String {
        Base32.encode(Array(SHA256.hash(data: Array(text.utf8)).prefix(10)))
    }
}
