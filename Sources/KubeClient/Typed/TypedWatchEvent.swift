import Foundation
import KubeAPI

/// A decoded watch event. ERROR events are not values: the stream throws them as `APIError`
/// (a 410 `Expired` there means the watch's resourceVersion was compacted away).
public enum TypedWatchEvent<Object: KubeObject>: Sendable {
    case added(Object)
    case modified(Object)
    case deleted(Object)
    case bookmark(resourceVersion: String)

    public var object: Object? {
        switch self {
        case .added(let o), .modified(let o), .deleted(let o): return o
        case .bookmark: return nil
        }
    }

    /// The resourceVersion this event brings the watcher to.
    public var resourceVersion: String? {
        switch self {
        case .added(let o), .modified(let o), .deleted(let o): return o.metadata.resourceVersion
        case .bookmark(let rv): return rv
        }
    }
}

/// One watch line decoded straight into the typed object (no intermediate tree).
struct TypedWatchLine<Object: KubeObject>: Decodable {
    enum Decoded {
        case event(TypedWatchEvent<Object>)
        case error(APIError)
    }

    var decoded: Decoded

    enum CodingKeys: String, CodingKey { case type, object }
    struct BookmarkObject: Decodable {
        struct Metadata: Decodable { var resourceVersion: String? }
        var metadata: Metadata?
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "ADDED": decoded = .event(.added(try c.decode(Object.self, forKey: .object)))
        case "MODIFIED": decoded = .event(.modified(try c.decode(Object.self, forKey: .object)))
        case "DELETED": decoded = .event(.deleted(try c.decode(Object.self, forKey: .object)))
        case "BOOKMARK":
            let object = try c.decode(BookmarkObject.self, forKey: .object)
            decoded = .event(.bookmark(resourceVersion: object.metadata?.resourceVersion ?? ""))
        case "ERROR":
            decoded = .error(APIError(status: try c.decode(JSONValue.self, forKey: .object)))
        default:
            throw WatchDecodingError(message: "unknown watch event type \"\(type)\"")
        }
    }
}
