import Foundation
import KubeAPI

/// A kubeconfig file (`kind: Config`), kept as its generic tree so unknown fields survive a rewrite,
/// with typed views of the parts a client needs.
public struct Kubeconfig: Sendable, Equatable {
    public var raw: JSONValue

    public init(raw: JSONValue = Kubeconfig.empty) { self.raw = raw }

    public static let empty: JSONValue = [
        "apiVersion": "v1", "kind": "Config", "preferences": [:], "clusters": [], "users": [], "contexts": [],
        "current-context": "",
    ]

    public struct Cluster: Sendable, Equatable {
        public var server: String
        public var certificateAuthority: String?
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool
        public var tlsServerName: String?
    }

    public struct User: Sendable, Equatable {
        public var token: String?
        public var tokenFile: String?
        public var username: String?
        public var password: String?
        public var clientCertificate: String?
        public var clientCertificateData: String?
        public var clientKey: String?
        public var clientKeyData: String?
    }

    public struct Context: Sendable, Equatable {
        public var cluster: String
        public var user: String
        public var namespace: String?
    }

    public var currentContext: String {
        get { raw["current-context"]?.stringValue ?? "" }
        set { raw["current-context"] = .string(newValue) }
    }

    func entry(_ list: String, _ name: String) -> JSONValue? {
        raw[list]?.arrayValue?.first { $0["name"]?.stringValue == name }
    }

    public func names(_ list: String) -> [String] { raw[list]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [] }

    public func cluster(named name: String) -> Cluster? {
        guard let c = entry("clusters", name)?["cluster"] else { return nil }
        return Cluster(
            server: c["server"]?.stringValue ?? "", certificateAuthority: c["certificate-authority"]?.stringValue,
            certificateAuthorityData: c["certificate-authority-data"]?.stringValue,
            insecureSkipTLSVerify: c["insecure-skip-tls-verify"]?.boolValue ?? false, tlsServerName: c["tls-server-name"]?.stringValue)
    }

    public func user(named name: String) -> User? {
        guard let u = entry("users", name)?["user"] else { return nil }
        return User(
            token: u["token"]?.stringValue, tokenFile: u["tokenFile"]?.stringValue, username: u["username"]?.stringValue,
            password: u["password"]?.stringValue, clientCertificate: u["client-certificate"]?.stringValue,
            clientCertificateData: u["client-certificate-data"]?.stringValue, clientKey: u["client-key"]?.stringValue,
            clientKeyData: u["client-key-data"]?.stringValue)
    }

    public func context(named name: String) -> Context? {
        guard let c = entry("contexts", name)?["context"] else { return nil }
        return Context(cluster: c["cluster"]?.stringValue ?? "", user: c["user"]?.stringValue ?? "", namespace: c["namespace"]?.stringValue)
    }

    /// Inserts or replaces the named entry of `clusters`, `users` or `contexts`.
    public mutating func setEntry(_ list: String, name: String, field: String, value: JSONValue) {
        var items = raw[list]?.arrayValue ?? []
        if let index = items.firstIndex(where: { $0["name"]?.stringValue == name }) {
            items[index][field] = value
        } else {
            items.append(["name": .string(name), .init(stringLiteral: field): value])
        }
        raw[list] = .array(items)
    }

    public func entryValue(_ list: String, name: String, field: String) -> JSONValue? { entry(list, name)?[field] }

    // MARK: Merging, as client-go's loading rules merge the files of KUBECONFIG

    /// Merges files in precedence order: the first file to define a named cluster/user/context, or the
    /// current-context, wins; later files only add what is missing.
    public static func merge(_ configs: [Kubeconfig]) -> Kubeconfig {
        var merged = Kubeconfig()
        for list in ["clusters", "users", "contexts"] {
            var seen: Set<String> = []
            var items: [JSONValue] = []
            for config in configs {
                for item in config.raw[list]?.arrayValue ?? [] {
                    guard let name = item["name"]?.stringValue, !seen.contains(name) else { continue }
                    seen.insert(name)
                    items.append(item)
                }
            }
            merged.raw[list] = .array(items)
        }
        merged.currentContext = configs.map(\.currentContext).first { !$0.isEmpty } ?? ""
        if let preferences = configs.compactMap({ $0.raw["preferences"] }).first(where: { !($0.objectValue?.isEmpty ?? true) }) {
            merged.raw["preferences"] = preferences
        }
        return merged
    }

    public static func parse(_ text: String, path: String) throws -> Kubeconfig {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return Kubeconfig() }
        do {
            let value = try JSONValue.parseYAML(text)
            guard case .object = value else { throw KubeconfigError(path: path, message: "not a mapping") }
            var config = Kubeconfig()
            for (k, v) in value.objectValue ?? [:] where !v.isNull { config.raw[k] = v }
            return config
        } catch let error as KubeconfigError {
            throw error
        } catch {
            throw KubeconfigError(path: path, message: "\(error)")
        }
    }

    /// The YAML written to disk (and printed by `config view --raw`).
    public var yaml: String { raw.yamlString() }

    /// `config view` hides secrets as upstream does: `DATA+OMITTED` for *-data, `REDACTED` for tokens/passwords.
    public var redacted: Kubeconfig {
        var copy = self
        for list in ["clusters", "users"] {
            let field = list == "clusters" ? "cluster" : "user"
            copy.raw[list] = .array(
                (raw[list]?.arrayValue ?? []).map { item in
                    var item = item
                    guard var body = item[field]?.objectValue else { return item }
                    for key in body.keys {
                        if key.hasSuffix("-data") { body[key] = "DATA+OMITTED" }
                        if key == "token" || key == "password" { body[key] = "REDACTED" }
                    }
                    item[field] = .object(body)
                    return item
                })
        }
        return copy
    }
}

public struct KubeconfigError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public var description: String {
        // A missing explicit file is reported bare, as client-go does.
        message.hasPrefix("stat ") ? message : "error loading config file \"\(path)\": \(message)"
    }
}
