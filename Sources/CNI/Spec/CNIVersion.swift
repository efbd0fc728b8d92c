/// Spec versions: what this implementation speaks, and how results change across them.
public enum CNIVersion {
    public static let current = "1.0.0"
    /// 0.3.x and 0.4.0 results differ from 1.0 only by an `ips[].version` field.
    public static let supported = ["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"]

    public static func isSupported(_ version: String) -> Bool { supported.contains(version) }

    /// `VERSION`'s answer.
    public static func versionInfo(_ version: String = current) -> JSONValue {
        .object(["cniVersion": .string(version), "supportedVersions": .array(supported.map(JSONValue.string))])
    }

    /// Whether a config of this version may ask for CHECK / carry prevResult on DEL (≥ 0.4.0).
    public static func hasCheck(_ version: String) -> Bool { !version.hasPrefix("0.1") && !version.hasPrefix("0.2") && !version.hasPrefix("0.3") }
}
