import FoundationEssentials

/// The keys every plugin configuration has (what a plugin reads from stdin before its own
/// keys): `cniVersion`, `name`, `type`, `ipam`, `dns`, and in a chain `prevResult`.
public struct NetworkConfig: Decodable, Sendable {
    public var cniVersion: String
    public var name: String
    public var type: String
    public var ipam: IPAMReference?
    public var dns: CNIResult.DNS?
    public var prevResult: CNIResult?

    public struct IPAMReference: Decodable, Sendable {
        public var type: String
    }

    enum CodingKeys: String, CodingKey { case cniVersion, name, type, ipam, dns, prevResult }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cniVersion = try container.decodeIfPresent(String.self, forKey: .cniVersion) ?? "0.1.0"
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
        ipam = try container.decodeIfPresent(IPAMReference.self, forKey: .ipam)
        dns = try container.decodeIfPresent(CNIResult.DNS.self, forKey: .dns)
        prevResult = try container.decodeIfPresent(CNIResult.self, forKey: .prevResult)
    }

    /// Decodes stdin, mapping failures to the spec's codes (6: not JSON, 7: not a network
    /// config).
    public static func decode<Config: Decodable>(_ type: Config.Type, from data: Data) throws(CNIError) -> Config {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw CNIError(.decodingFailure, "failed to decode network configuration", details: "\(error)")
            }
            throw CNIError(.invalidNetworkConfig, "invalid network configuration", details: Self.describe(error))
        } catch {
            throw CNIError(.decodingFailure, "failed to decode network configuration", details: "\(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context): return "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

/// A `.conflist`: one network, a chain of plugins run in order on ADD and in reverse on DEL.
public struct NetworkConfigList: Sendable, Equatable {
    public var cniVersion: String
    public var name: String
    public var disableCheck: Bool
    /// Each plugin's own object, passed through untouched apart from the injected keys.
    public var plugins: [JSONValue]
    /// Where it came from (a file name), for messages.
    public var source: String

    public init(cniVersion: String, name: String, disableCheck: Bool = false, plugins: [JSONValue], source: String = "") {
        self.cniVersion = cniVersion
        self.name = name
        self.disableCheck = disableCheck
        self.plugins = plugins
        self.source = source
    }

    /// A `.conflist`, or a single `.conf`/`.json` plugin config (a chain of one), as libcni
    /// loads them.
    public static func parse(_ data: Data, source: String) throws -> NetworkConfigList {
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw CNIConfigError(file: source, reason: "not JSON: \(error)")
        }
        guard case .object = json else { throw CNIConfigError(file: source, reason: "not a JSON object") }
        guard let name = json["name"]?.stringValue, !name.isEmpty else { throw CNIConfigError(file: source, reason: "no network name") }
        let version = json["cniVersion"]?.stringValue ?? "0.1.0"
        if let plugins = json["plugins"] {
            guard let list = plugins.arrayValue, !list.isEmpty else { throw CNIConfigError(file: source, reason: "no plugins in list") }
            for (index, plugin) in list.enumerated() where plugin["type"]?.stringValue?.isEmpty ?? true {
                throw CNIConfigError(file: source, reason: "plugin \(index) has no type")
            }
            let disableCheck: Bool = if case .bool(let value)? = json["disableCheck"] { value } else { false }
            return NetworkConfigList(cniVersion: version, name: name, disableCheck: disableCheck, plugins: list, source: source)
        }
        guard json["type"]?.stringValue?.isEmpty == false else { throw CNIConfigError(file: source, reason: "no plugin type") }
        return NetworkConfigList(cniVersion: version, name: name, plugins: [json], source: source)
    }

    /// Plugin `index`'s stdin: its object with the list's name and version and the previous
    /// plugin's result.
    public func pluginConfig(_ index: Int, prevResult: CNIResult?) throws -> Data {
        var config = plugins[index]
        config["name"] = .string(name)
        config["cniVersion"] = .string(cniVersion)
        if let prevResult { config["prevResult"] = try JSONValue(encoding: prevResult) }
        return try config.encoded()
    }
}

public struct CNIConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "CNI config \(file): \(reason)" }
}
