import Foundation
import KubeAPI

/// An HTTP request as the API handlers see it, independent of the HTTP server library,
/// so the whole request path is testable in-process.
public struct APIRequest: Sendable {
    public var method: String
    public var path: String
    /// First value of each query parameter (upstream reads single values for every parameter it knows).
    public var query: [String: String]
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    public var contentType: String? { headers["content-type"] }
    public var accept: String { headers["accept"] ?? "application/json" }
    public var userAgent: String { headers["user-agent"] ?? "" }
}

public struct APIResponse: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        /// A stream of chunks (watch); ends when the stream finishes.
        case stream(AsyncStream<[UInt8]>)
    }

    public var status: Int
    public var contentType: String
    public var headers: [String: String] = [:]
    /// Texts sent as `Warning: 299 - "text"` headers, one header each.
    public var warnings: [String] = []
    public var body: Body

    public init(status: Int, contentType: String = "application/json", headers: [String: String] = [:], body: Body) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    public static func json(_ value: JSONValue, status: Int = 200, contentType: String = "application/json") -> APIResponse {
        var bytes = value.serializedBytes()
        bytes.append(0x0A)
        return APIResponse(status: status, contentType: contentType, body: .bytes(bytes))
    }

    public static func text(_ text: String, status: Int = 200) -> APIResponse {
        APIResponse(status: status, contentType: "text/plain; charset=utf-8", body: .bytes(Array(text.utf8)))
    }

    public static func error(_ error: APIError) -> APIResponse {
        json(error.status, status: error.code)
    }

    /// The bytes of a non-streaming body (tests).
    public var bodyBytes: [UInt8] {
        if case .bytes(let b) = body { return b }
        return []
    }
}

/// One media type from an Accept header, with its parameters (`as=Table;g=meta.k8s.io;v=v1`).
struct MediaType: Sendable, Hashable {
    var type: String
    var parameters: [String: String]

    static func parseList(_ header: String) -> [MediaType] {
        header.split(separator: ",").map { part in
            let pieces = part.split(separator: ";").map(\.trimmingHTTPWhitespace)
            var params: [String: String] = [:]
            for p in pieces.dropFirst() {
                let kv = p.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { params[kv[0].lowercased()] = kv[1] }
            }
            return MediaType(type: pieces.first?.lowercased() ?? "", parameters: params)
        }
    }

    var acceptsJSON: Bool { type == "application/json" || type == "*/*" || type == "application/*" }

    /// The media type of a Content-Type header without its parameters, lowercased; JSON when
    /// there is no header.
    static func essence(ofContentType header: String?) -> String {
        guard let header else { return "application/json" }
        return header.split(separator: ";").first.map { $0.trimmingHTTPWhitespace.lowercased() } ?? "application/json"
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace). Header values
    /// are ASCII; Foundation's `trimmingCharacters(in:)` cost more than the rest of a small
    /// create's header handling.
    var trimmingHTTPWhitespace: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!
        return String(self[first...last])
    }
}

/// What representation the client asked for on a GET/LIST/WATCH.
enum ResponseShape: Sendable, Equatable {
    case object
    case table(includeObject: String)
    case partialMetadata
}

extension APIRequest {
    /// Chooses the first representation in the Accept header that the server can produce.
    func responseShape() throws(APIError) -> ResponseShape {
        for media in MediaType.parseList(accept) {
            guard media.acceptsJSON || media.type == "application/yaml" else { continue }
            switch media.parameters["as"] {
            case nil: return .object
            case "Table" where media.parameters["g"] == "meta.k8s.io" && media.parameters["v"] == "v1":
                return .table(includeObject: query["includeObject"] ?? "Metadata")
            case "PartialObjectMetadata", "PartialObjectMetadataList":
                if media.parameters["g"] == "meta.k8s.io" && media.parameters["v"] == "v1" { return .partialMetadata }
            default: continue
            }
        }
        throw APIError.notAcceptable(accept)
    }

    /// The body of a create or update: as `decodedBody`, with duplicate keys of a JSON body
    /// handled per `fieldValidation` — refused under Strict, a warning under Warn (the default).
    func decodedObjectBody(_ resource: ResourceInfo) throws(APIError) -> JSONValue {
        let type = MediaType.essence(ofContentType: contentType)
        guard type == "application/json" || type.isEmpty, body.count <= 3 * 1024 * 1024 else { return try decodedBody() }
        let parsed: (value: JSONValue, duplicates: [String])
        do { parsed = try JSONValue.parseFindingDuplicates(body) } catch {
            throw APIError.badRequest("error decoding request body: \(error)")
        }
        guard !parsed.duplicates.isEmpty else { return parsed.value }
        let messages = parsed.duplicates.map { "duplicate field \"\($0)\"" }
        switch query["fieldValidation"] ?? "Warn" {
        case "Strict": throw APIError.badRequest(ObjectRules.cannotHandle(resource) + "strict decoding error: " + messages.joined(separator: ", "))
        case "Ignore": break
        default: RequestWarnings.add(messages)
        }
        return parsed.value
    }

    /// Decodes the request body as JSON or YAML per Content-Type (JSON when absent).
    func decodedBody() throws(APIError) -> JSONValue {
        guard body.count <= 3 * 1024 * 1024 else { throw APIError.tooLarge() }
        let type = MediaType.essence(ofContentType: contentType)
        switch type {
        case "application/json", "application/merge-patch+json", "application/json-patch+json",
             "application/strategic-merge-patch+json", "":
            do { return try JSONValue.parse(body) } catch {
                throw APIError.badRequest("error decoding request body: \(error)")
            }
        case KubernetesProtobuf.mediaType:
            // client-go's typed clients (kubectl create configmap|deployment|secret …) send protobuf.
            do { return try KubernetesProtobuf.decode(body) } catch {
                if case .unknownKind = error { throw APIError.unsupportedMediaType(type) }
                throw APIError.badRequest("error decoding protobuf request body: \(error)")
            }
        case "application/yaml", "application/apply-patch+yaml", "text/yaml", "application/x-yaml":
            do { return try JSONValue.parseYAML(String(decoding: body, as: UTF8.self)) } catch {
                throw APIError.badRequest("\(error)")
            }
        default:
            throw APIError.unsupportedMediaType(type)
        }
    }
}
