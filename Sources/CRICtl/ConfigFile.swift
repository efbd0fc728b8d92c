import CRI
import Foundation
import SwiftProtobuf
import Yams

/// Pod and container configs from JSON or YAML files, as crictl reads them: field names in the
/// protobuf's snake_case (`log_directory`, as crictl's examples write them) or lowerCamelCase
/// (`logDirectory`), enums by name or number; unknown fields are ignored.
public enum ConfigFile {
    public static func podSandboxConfig(path: String) throws(CRICtlError) -> Runtime_V1_PodSandboxConfig {
        var config: Runtime_V1_PodSandboxConfig = try decode(try read(path), path: path)
        guard config.hasMetadata else { throw CRICtlError("load pod config \(path): metadata is not set") }
        if config.metadata.uid.isEmpty { config.metadata.uid = UUID().uuidString.lowercased() }
        guard !config.metadata.name.isEmpty, !config.metadata.namespace.isEmpty else {
            throw CRICtlError("load pod config \(path): name or namespace is not in metadata")
        }
        return config
    }

    public static func containerConfig(path: String) throws(CRICtlError) -> Runtime_V1_ContainerConfig {
        let config: Runtime_V1_ContainerConfig = try decode(try read(path), path: path)
        guard config.hasMetadata else { throw CRICtlError("load container config \(path): metadata is not set") }
        guard !config.metadata.name.isEmpty else { throw CRICtlError("load container config \(path): name is not in metadata") }
        guard config.hasImage, !config.image.image.isEmpty else { throw CRICtlError("load container config \(path): image is not set") }
        return config
    }

    static func read(_ path: String) throws(CRICtlError) -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw CRICtlError("config at \(path) not found") }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CRICtlError("read \(path)", error)
        }
    }

    /// JSON is decoded directly; anything else is read as YAML and re-encoded as JSON first.
    public static func decode<M: SwiftProtobuf.Message>(_ text: String, path: String = "config") throws(CRICtlError) -> M {
        var options = JSONDecodingOptions()
        options.ignoreUnknownFields = true
        let json: String
        if text.drop(while: \.isWhitespace).first == "{" {
            json = text
        } else {
            do {
                guard let node = try Yams.compose(yaml: text) else { throw CRICtlError("\(path): empty document") }
                json = try jsonValue(node).compact()
            } catch let error as CRICtlError {
                throw error
            } catch {
                throw CRICtlError("parse YAML \(path)", error)
            }
        }
        do {
            return try M(jsonString: json, options: options)
        } catch {
            throw CRICtlError("decode \(path) as \(M.protoMessageName)", error)
        }
    }

    /// YAML scalars keep their resolved type (numbers and booleans unquoted), as YAML-to-JSON does.
    static func jsonValue(_ node: Node) throws(CRICtlError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                switch Tag.Name(rawValue: node.tag.rawValue) {
                case .null: return .null
                case .bool: return .bool(node.bool ?? false)
                case .int:
                    if let int = node.int { return .number(String(int)) }
                case .float:
                    if let float = node.float { return .number(String(float)) }
                default: break
                }
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try jsonValue(item)) }
            return .array(items)
        case .mapping(let mapping):
            var members: [(String, JSONValue)] = []
            for (key, value) in mapping {
                guard let name = key.string else { throw CRICtlError("YAML mapping key is not a string") }
                members.append((name, try jsonValue(value)))
            }
            return .object(members)
        case .alias:
            throw CRICtlError("YAML aliases are not supported in CRI configs")
        }
    }
}
