import Yams

/// YAML documents (manifests, `application/yaml` bodies, `apply-patch+yaml`) as `JSONValue`,
/// keeping mapping order. Scalars are typed by the YAML resolver, so `replicas: 3` is an
/// integer, `"3"` a string, and `true`/`null` what they say.
public struct YAMLConversionError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { "error converting YAML to JSON: \(message)" }
}

extension JSONValue {
    /// The first document of a YAML (or JSON, which is YAML) text; `.null` for an empty document.
    public static func parseYAML(_ text: String) throws(YAMLConversionError) -> JSONValue {
        do {
            guard let node = try Yams.compose(yaml: text) else { return .null }
            return try JSONValue(yamlNode: node)
        } catch let error as YAMLConversionError {
            throw error
        } catch {
            throw YAMLConversionError(message: "\(error)")
        }
    }

    /// Every document of a multi-document YAML stream, skipping empty ones.
    public static func parseYAMLDocuments(_ text: String) throws(YAMLConversionError) -> [JSONValue] {
        do {
            var documents: [JSONValue] = []
            for node in try Yams.compose_all(yaml: text) {
                let value = try JSONValue(yamlNode: node)
                if !value.isNull { documents.append(value) }
            }
            return documents
        } catch let error as YAMLConversionError {
            throw error
        } catch {
            throw YAMLConversionError(message: "\(error)")
        }
    }

    init(yamlNode node: Node) throws(YAMLConversionError) {
        switch node {
        case .scalar(let scalar):
            self = JSONValue.fromScalar(scalar)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for child in sequence { items.append(try JSONValue(yamlNode: child)) }
            self = .array(items)
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw YAMLConversionError(message: "mapping keys must be scalars")
                }
                object[keyScalar.string] = try JSONValue(yamlNode: value)
            }
            self = .object(object)
        case .alias:
            throw YAMLConversionError(message: "YAML aliases are not supported")
        }
    }

    static func fromScalar(_ scalar: Node.Scalar) -> JSONValue {
        let node = Node.scalar(scalar)
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .null: return .null
        case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
        case .int: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
        case .float: return node.float.map(JSONValue.double) ?? .string(scalar.string)
        default: return .string(scalar.string)
        }
    }
}
