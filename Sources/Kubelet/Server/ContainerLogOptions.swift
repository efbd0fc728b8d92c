import Foundation

/// The kubelet's view of core/v1 PodLogOptions (`/containerLogs/…?follow&tailLines&…`).
public struct ContainerLogOptions: Sendable, Equatable {
    public var follow = false
    public var previous = false
    public var timestamps = false
    /// nil: the whole file.
    public var tailLines: Int64?
    /// nil: no byte limit.
    public var limitBytes: Int64?
    /// Records older than this are skipped (from sinceSeconds or sinceTime).
    var since: LogTimestamp?

    public init() {}

    /// Decodes and validates the query as upstream does: undecodable values → 400, invalid ones → 422.
    init(query: QueryParameters, now: Date = Date()) throws(KubeletServerError) {
        func bool(_ name: String) throws(KubeletServerError) -> Bool {
            guard query[name] != nil else { return false }
            guard let value = query.bool(name) else { throw Self.undecodable }
            return value
        }
        func int(_ name: String) throws(KubeletServerError) -> Int64? {
            guard let text = query[name] else { return nil }
            guard let value = Int64(text) else { throw Self.undecodable }
            return value
        }
        follow = try bool("follow")
        previous = try bool("previous")
        timestamps = try bool("timestamps")
        // The kubelet's legacy `tail` parameter ("all" or a number).
        if let tail = query["tail"], query["tailLines"] == nil {
            if tail != "all" {
                guard let n = Int64(tail) else { throw Self.undecodable }
                tailLines = n
            }
        } else {
            tailLines = try int("tailLines")
        }
        limitBytes = try int("limitBytes")
        let sinceSeconds = try int("sinceSeconds")
        var sinceTime: LogTimestamp?
        if let text = query["sinceTime"] {
            guard let t = LogTimestamp(rfc3339: Array(text.utf8)) else { throw Self.undecodable }
            sinceTime = t
        }
        var problems: [String] = []
        if let tailLines, tailLines < 0 { problems.append("tailLines: Invalid value: \(tailLines): must be greater than or equal to 0") }
        if let limitBytes, limitBytes < 1 { problems.append("limitBytes: Invalid value: \(limitBytes): must be greater than 0") }
        if sinceSeconds != nil, sinceTime != nil {
            problems.append("sinceSeconds: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified")
        } else if let sinceSeconds, sinceSeconds < 1 {
            problems.append("sinceSeconds: Invalid value: \(sinceSeconds): must be greater than 0")
        }
        if !problems.isEmpty {
            throw KubeletServerError(status: 422, problems.count == 1 ? problems[0] : "[" + problems.joined(separator: ", ") + "]")
        }
        if let sinceSeconds {
            var t = LogTimestamp(now)
            t.seconds -= sinceSeconds
            since = t
        } else {
            since = sinceTime
        }
    }

    static let undecodable = KubeletServerError(status: 400, "{\"message\": \"Unable to decode query.\"}")
}
