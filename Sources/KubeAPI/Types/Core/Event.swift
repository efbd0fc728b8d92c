// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// A core/v1 Event (what `kubectl describe` and `kubectl get events` show).
public struct Event: KubeObject {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var involvedObject: ObjectReference
    public var reason: String?
    public var message: String?
    public var source: EventSource
    public var firstTimestamp: Time?
    public var lastTimestamp: Time?
    public var count: Int32?
    /// Normal or Warning.
    public var type: String?
    public var eventTime: MicroTime?
    public var series: EventSeries?
    public var action: String?
    public var related: ObjectReference?
    public var reportingComponent: String
    public var reportingInstance: String

    public init(
        apiVersion: String? = Event.apiVersion,
        kind: String? = Event.kind,
        metadata: ObjectMeta = ObjectMeta(),
        involvedObject: ObjectReference = ObjectReference(),
        reason: String? = nil,
        message: String? = nil,
        source: EventSource = EventSource(),
        firstTimestamp: Time? = nil,
        lastTimestamp: Time? = nil,
        count: Int32? = nil,
        type: String? = nil,
        eventTime: MicroTime? = nil,
        series: EventSeries? = nil,
        action: String? = nil,
        related: ObjectReference? = nil,
        reportingComponent: String = "",
        reportingInstance: String = ""
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.source = source
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.count = count
        self.type = type
        self.eventTime = eventTime
        self.series = series
        self.action = action
        self.related = related
        self.reportingComponent = reportingComponent
        self.reportingInstance = reportingInstance
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case involvedObject
        case reason
        case message
        case source
        case firstTimestamp
        case lastTimestamp
        case count
        case type
        case eventTime
        case series
        case action
        case related
        case reportingComponent
        case reportingInstance
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        self.involvedObject = try c.decodeIfPresent(ObjectReference.self, forKey: .involvedObject) ?? ObjectReference()
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
        self.source = try c.decodeIfPresent(EventSource.self, forKey: .source) ?? EventSource()
        self.firstTimestamp = try c.decodeIfPresent(Time.self, forKey: .firstTimestamp)
        self.lastTimestamp = try c.decodeIfPresent(Time.self, forKey: .lastTimestamp)
        self.count = try c.decodeIfPresent(Int32.self, forKey: .count)
        self.type = try c.decodeIfPresent(String.self, forKey: .type)
        self.eventTime = try c.decodeIfPresent(MicroTime.self, forKey: .eventTime)
        self.series = try c.decodeIfPresent(EventSeries.self, forKey: .series)
        self.action = try c.decodeIfPresent(String.self, forKey: .action)
        self.related = try c.decodeIfPresent(ObjectReference.self, forKey: .related)
        self.reportingComponent = try c.decodeIfPresent(String.self, forKey: .reportingComponent) ?? ""
        self.reportingInstance = try c.decodeIfPresent(String.self, forKey: .reportingInstance) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(apiVersion, forKey: .apiVersion)
        try c.encodeIfPresent(kind, forKey: .kind)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(involvedObject, forKey: .involvedObject)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(message, forKey: .message)
        try c.encode(source, forKey: .source)
        try c.encode(firstTimestamp, forKey: .firstTimestamp)
        try c.encode(lastTimestamp, forKey: .lastTimestamp)
        try c.encodeIfPresent(count, forKey: .count)
        try c.encodeIfPresent(type, forKey: .type)
        try c.encode(eventTime, forKey: .eventTime)
        try c.encodeIfPresent(series, forKey: .series)
        try c.encodeIfPresent(action, forKey: .action)
        try c.encodeIfPresent(related, forKey: .related)
        try c.encode(reportingComponent, forKey: .reportingComponent)
        try c.encode(reportingInstance, forKey: .reportingInstance)
    }
}

extension Event {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "Event" }
    public static var group: String { "" }
    public static var version: String { "v1" }
    public static var resource: String { "events" }
    public static var namespaced: Bool { true }
}

public typealias EventList = KubeList<Event>

public struct EventSource: Codable, Hashable, Sendable {
    public var component: String?
    public var host: String?

    public init(component: String? = nil, host: String? = nil) {
        self.component = component
        self.host = host
    }
}

public struct EventSeries: Codable, Hashable, Sendable {
    public var count: Int32?
    public var lastObservedTime: MicroTime?

    public init(count: Int32? = nil, lastObservedTime: MicroTime? = nil) {
        self.count = count
        self.lastObservedTime = lastObservedTime
    }

    enum CodingKeys: String, CodingKey {
        case count
        case lastObservedTime
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(count, forKey: .count)
        try c.encode(lastObservedTime, forKey: .lastObservedTime)
    }
}
