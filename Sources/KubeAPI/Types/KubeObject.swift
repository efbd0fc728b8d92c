// How the API structs map upstream's Go JSON tags (every file under Types/ follows this):
//
//   Go field                                   Swift property            on the wire
//   `x,omitempty` scalar/slice/map, or *T      `var x: T?`               omitted when nil
//   `x` (no omitempty) scalar/slice/map        `var x: T` (zero default) always printed, like Go
//   non-pointer struct (omitempty or not)      `var x: T` (`T()` default) always printed (`"status": {}`)
//   non-pointer Time/MicroTime/RawExtension,   `var x: T?`, custom       printed as `null` when nil,
//   or *T without omitempty                    `encode(to:)`             like Go (`"lastProbeTime": null`)
//
// Decoding is lenient like Go's: a missing or null non-optional field decodes to its zero
// value, so validation (not a decoding error) reports it. A wrong JSON type still fails.
// Enum-like strings (phase, type, protocol) stay `String` so unknown values round-trip.

/// A persisted Kubernetes kind: a top-level object with metadata, served at
/// `/api[s]/<group>/<version>/[namespaces/<ns>/]<resource>`.
///
/// The static properties say where the kind lives; the instance `apiVersion`/`kind` are the
/// optional TypeMeta fields on the wire (items of a list response carry none upstream).
public protocol KubeObject: Codable, Hashable, Sendable {
    /// `v1` for the core group, `<group>/<version>` otherwise.
    static var apiVersion: String { get }
    static var kind: String { get }
    /// "" for the core (legacy) group.
    static var group: String { get }
    static var version: String { get }
    /// The lowercase plural used in URLs and RBAC, e.g. `pods`.
    static var resource: String { get }
    static var namespaced: Bool { get }

    var apiVersion: String? { get set }
    var kind: String? { get set }
    var metadata: ObjectMeta { get set }
}

/// A kind with a `status` subresource (status written separately from spec).
public protocol HasStatus: KubeObject {
    associatedtype ObjectStatus: Codable, Hashable, Sendable
    var status: ObjectStatus { get set }
}

/// A kind with a `scale` subresource (`kubectl scale`, autoscalers).
public protocol Scalable: KubeObject {}

extension KubeObject {
    /// Fills in apiVersion and kind, as the apiserver does before writing an object out.
    public mutating func setTypeMeta() {
        apiVersion = Self.apiVersion
        kind = Self.kind
    }

    /// The same object with apiVersion and kind filled in.
    public func withTypeMeta() -> Self {
        var copy = self
        copy.setTypeMeta()
        return copy
    }
}
