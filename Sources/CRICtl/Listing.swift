import CRI
import Foundation

/// `--label key=value` flags as a label selector (crictl's parseLabelStringSlice).
public func parseLabels(_ flags: [String]) throws(CRICtlError) -> [String: String] {
    var labels: [String: String] = [:]
    for flag in flags {
        let pair = flag.split(separator: "=", omittingEmptySubsequences: false)
        guard pair.count == 2 else { throw CRICtlError("incorrectly specified label: \(flag)") }
        labels[String(pair[0])] = String(pair[1])
    }
    return labels
}

/// Go's `regexp.MatchString` for crictl's `--name`/`--namespace`: unanchored; an empty pattern matches all.
func matches(_ pattern: String, _ target: String) throws(CRICtlError) -> Bool {
    guard !pattern.isEmpty else { return true }
    do {
        return target.contains(try Regex(pattern))
    } catch {
        throw CRICtlError("invalid regular expression \"\(pattern)\": \(error)")
    }
}

/// How many of `total` newest items to keep for `--latest` / `--last N`.
func truncateCount(_ total: Int, latest: Bool, last: Int) -> Int {
    var n = total
    if latest { n = 1 }
    if last > 0 { n = last }
    return min(n, total)
}

/// The kubelet's pod labels on containers, "unknown" when missing (crictl's getFromLabels).
enum KubeletLabels {
    static let podName = "io.kubernetes.pod.name"
    static let podNamespace = "io.kubernetes.pod.namespace"

    static func value(_ labels: [String: String], _ key: String) -> String { labels[key] ?? "unknown" }
}

/// `crictl ps` filters: the ones the runtime applies (id, pod, state, labels) and the ones crictl
/// applies itself afterwards (name and namespace patterns, newest first, --latest/--last).
public struct ContainerListOptions: Sendable, Equatable {
    public var id = ""
    public var podID = ""
    public var nameRegexp = ""
    public var namespaceRegexp = ""
    public var state = ""
    public var labels: [String: String] = [:]
    public var all = false
    public var latest = false
    public var last = 0

    public init() {}

    public static func state(_ text: String) throws(CRICtlError) -> Runtime_V1_ContainerState {
        switch text.lowercased() {
        case "created": .containerCreated
        case "running": .containerRunning
        case "exited": .containerExited
        case "unknown": .containerUnknown
        default: throw CRICtlError("--state should be one of created, running, exited or unknown")
        }
    }

    /// Without `-a` or `--state`, only running containers; `--latest`/`--last` look at every state.
    public func filter() throws(CRICtlError) -> Runtime_V1_ContainerFilter {
        var filter = Runtime_V1_ContainerFilter()
        filter.id = id
        filter.podSandboxID = podID
        if !state.isEmpty {
            filter.state.state = try Self.state(state)
        } else if !all {
            filter.state.state = .containerRunning
        }
        if latest || last > 0 { filter.clearState() }
        filter.labelSelector = labels
        return filter
    }

    public func select(_ containers: [Runtime_V1_Container]) throws(CRICtlError) -> [Runtime_V1_Container] {
        var selected: [Runtime_V1_Container] = []
        for container in containers where container.hasMetadata {
            let namespace = KubeletLabels.value(container.labels, KubeletLabels.podNamespace)
            if try matches(nameRegexp, container.metadata.name), try matches(namespaceRegexp, namespace) {
                selected.append(container)
            }
        }
        selected.sort { $0.createdAt > $1.createdAt }
        return Array(selected.prefix(truncateCount(selected.count, latest: latest, last: last)))
    }
}

/// `crictl pods` filters, as ContainerListOptions.
public struct PodListOptions: Sendable, Equatable {
    public var id = ""
    public var nameRegexp = ""
    public var namespaceRegexp = ""
    public var state = ""
    public var labels: [String: String] = [:]
    public var latest = false
    public var last = 0

    public init() {}

    public func filter() throws(CRICtlError) -> Runtime_V1_PodSandboxFilter {
        var filter = Runtime_V1_PodSandboxFilter()
        filter.id = id
        switch state.lowercased() {
        case "": break
        case "ready": filter.state.state = .sandboxReady
        case "notready": filter.state.state = .sandboxNotready
        default: throw CRICtlError("--state should be ready or notready")
        }
        filter.labelSelector = labels
        return filter
    }

    public func select(_ pods: [Runtime_V1_PodSandbox]) throws(CRICtlError) -> [Runtime_V1_PodSandbox] {
        var selected: [Runtime_V1_PodSandbox] = []
        for pod in pods where pod.hasMetadata {
            if try matches(nameRegexp, pod.metadata.name), try matches(namespaceRegexp, pod.metadata.namespace) {
                selected.append(pod)
            }
        }
        selected.sort { $0.createdAt > $1.createdAt }
        return Array(selected.prefix(truncateCount(selected.count, latest: latest, last: last)))
    }
}
