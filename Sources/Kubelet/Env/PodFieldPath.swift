import KubeAPI

/// The downward API's pod fields (`metadata.name`, `metadata.labels['app']`, `status.podIP`, ...),
/// as upstream's `ConvertDownwardAPIFieldLabel` + the kubelet's `podFieldSelectorRuntimeValue` +
/// `fieldpath.ExtractFieldPathAsString`.
enum PodFieldPath {
    /// The node and network facts a pod object does not carry yet when its containers start.
    struct RuntimeFacts: Sendable {
        var podIP: String?
        var podIPs: [String]
        var hostIP: String?
        var hostIPs: [String]
    }

    /// Env var values: every supported label, including the status ones from `facts`.
    static func value(of selector: ObjectFieldSelector, pod: Pod, facts: RuntimeFacts) throws(EnvironmentError) -> String {
        let path = try convert(apiVersion: selector.apiVersion ?? "v1", label: selector.fieldPath)
        // Pod IPs as the kubelet sees them at container start, first one being `status.podIP`.
        let podIPs = facts.podIPs.isEmpty ? (facts.podIP.map { [$0] } ?? []) : facts.podIPs
        switch path {
        case "spec.nodeName": return pod.spec.nodeName ?? ""
        case "spec.serviceAccountName": return pod.spec.serviceAccountName ?? ""
        case "status.hostIP": return facts.hostIP ?? facts.hostIPs.first ?? ""
        case "status.hostIPs":
            let ips = facts.hostIPs.isEmpty ? (facts.hostIP.map { [$0] } ?? []) : facts.hostIPs
            return ips.joined(separator: ",")
        case "status.podIP": return podIPs.first ?? ""
        case "status.podIPs": return podIPs.joined(separator: ",")
        default: return try metadataValue(path, pod: pod)
        }
    }

    /// Volume files: only object metadata (validation allows nothing else in a downwardAPI volume).
    static func metadataValue(of selector: ObjectFieldSelector, pod: Pod) throws(EnvironmentError) -> String {
        let path = try convert(apiVersion: selector.apiVersion ?? "v1", label: selector.fieldPath)
        return try metadataValue(path, pod: pod)
    }

    static func convert(apiVersion: String, label: String) throws(EnvironmentError) -> String {
        guard apiVersion == "v1" else { throw .unsupportedPodVersion(apiVersion) }
        if let (path, _) = splitSubscript(label) {
            guard path == "metadata.annotations" || path == "metadata.labels" else {
                throw .fieldLabelDoesNotSupportSubscript(label)
            }
            return label
        }
        switch label {
        case "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
            "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName",
            "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs":
            return label
        case "spec.host":
            return "spec.nodeName"
        default:
            throw .fieldLabelNotSupported(label)
        }
    }

    static func metadataValue(_ path: String, pod: Pod) throws(EnvironmentError) -> String {
        if let (field, key) = splitSubscript(path) {
            let map: [String: String]?
            switch field {
            case "metadata.annotations": map = pod.metadata.annotations
            case "metadata.labels": map = pod.metadata.labels
            default: throw .fieldPathDoesNotSupportSubscript(path)
            }
            if let problem = QualifiedName.problem(key.lowercased()) {
                throw .invalidKeySubscript(fieldPath: path, reason: problem)
            }
            return map?[key] ?? ""
        }
        switch path {
        case "metadata.annotations": return formatMap(pod.metadata.annotations ?? [:])
        case "metadata.labels": return formatMap(pod.metadata.labels ?? [:])
        case "metadata.name": return pod.metadata.name ?? ""
        case "metadata.namespace": return pod.metadata.namespace ?? ""
        case "metadata.uid": return pod.metadata.uid ?? ""
        default: throw .unsupportedFieldPath(path)
        }
    }

    /// `key="value"` lines in key order, values quoted as Go's `%q`.
    static func formatMap(_ map: [String: String]) -> String {
        map.keys.sorted().map { "\($0)=\(GoQuote.quote(map[$0]!))" }.joined(separator: "\n")
    }

    /// `metadata.labels['app']` → ("metadata.labels", "app").
    static func splitSubscript(_ path: String) -> (String, String)? {
        guard path.hasSuffix("']") else { return nil }
        let trimmed = path.dropLast(2)
        guard let open = trimmed.range(of: "['") else { return nil }
        let field = String(trimmed[..<open.lowerBound])
        guard !field.isEmpty else { return nil }
        return (field, String(trimmed[open.upperBound...]))
    }
}

/// Upstream's `IsQualifiedName`: an optional DNS-subdomain prefix and `/`, then a name of at most
/// 63 characters of alphanumerics, `-`, `_`, `.`, starting and ending alphanumeric.
enum QualifiedName {
    static func problem(_ value: String) -> String? {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1: name = parts[0]
        case 2:
            let prefix = parts[0]
            if prefix.isEmpty { return "prefix part must be non-empty" }
            if prefix.count > 253 || !isDNSSubdomain(prefix) {
                return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
            }
            name = parts[1]
        default:
            return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        }
        if name.isEmpty { return "name part must be non-empty" }
        if name.count > 63 { return "name part must be no more than 63 characters" }
        let chars = Array(name.unicodeScalars)
        let alnum: (Unicode.Scalar) -> Bool = { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        let inner: (Unicode.Scalar) -> Bool = { alnum($0) || $0 == "-" || $0 == "_" || $0 == "." }
        if !alnum(chars.first!) || !alnum(chars.last!) || !chars.allSatisfy(inner) {
            return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        }
        return nil
    }

    private static func isDNSSubdomain(_ value: Substring) -> Bool {
        value.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let chars = Array(label.unicodeScalars)
            guard let first = chars.first, let last = chars.last else { return false }
            let lowerAlnum: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            return lowerAlnum(first) && lowerAlnum(last) && chars.allSatisfy { lowerAlnum($0) || $0 == "-" }
        }
    }
}
