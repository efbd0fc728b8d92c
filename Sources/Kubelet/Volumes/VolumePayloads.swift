import Foundation
import KubeAPI

/// The file sets of the API-data volumes (configMap, secret, downwardAPI, projected), as upstream's
/// per-plugin `MakePayload` / `CollectData`. Failures carry upstream's reason text.
enum VolumePayloads {
    /// ConfigMapVolumeSourceDefaultMode, SecretVolumeSourceDefaultMode, DownwardAPI and Projected: 0644.
    static let defaultMode: Int32 = 0o644

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Every key (data and binaryData) as a file, or only `items` at their paths. A missing item key
    /// is an error unless the source is optional.
    static func configMap(_ configMap: ConfigMap, items: [KeyToPath]?, defaultMode: Int32?, optional: Bool) throws -> [String: FileProjection] {
        let mode = defaultMode ?? Self.defaultMode
        var content: [String: Data] = [:]
        for (key, value) in configMap.data ?? [:] { content[key] = Data(value.utf8) }
        for (key, value) in configMap.binaryData ?? [:] { content[key] = value.data }
        guard let items, !items.isEmpty else {
            return content.mapValues { FileProjection(data: $0, mode: mode) }
        }
        var payload: [String: FileProjection] = [:]
        for item in items {
            guard let data = content[item.key] else {
                if optional { continue }
                throw Failure(description: "configmap references non-existent config key: \(item.key)")
            }
            payload[item.path] = FileProjection(data: data, mode: item.mode ?? mode)
        }
        return payload
    }

    static func secret(_ secret: Secret, items: [KeyToPath]?, defaultMode: Int32?, optional: Bool) throws -> [String: FileProjection] {
        let mode = defaultMode ?? Self.defaultMode
        let content = (secret.data ?? [:]).mapValues(\.data)
        guard let items, !items.isEmpty else {
            return content.mapValues { FileProjection(data: $0, mode: mode) }
        }
        var payload: [String: FileProjection] = [:]
        for item in items {
            guard let data = content[item.key] else {
                if optional { continue }
                throw Failure(description: "references non-existent secret key: \(item.key)")
            }
            payload[item.path] = FileProjection(data: data, mode: item.mode ?? mode)
        }
        return payload
    }

    /// Items that fail are reported together (upstream's aggregate: one message, or `[a, b]`).
    static func downwardAPI(_ items: [DownwardAPIVolumeFile], defaultMode: Int32?, pod: Pod,
                            nodeAllocatable: [String: Quantity]) throws -> [String: FileProjection] {
        let mode = defaultMode ?? Self.defaultMode
        var payload: [String: FileProjection] = [:]
        var errors: [String] = []
        for item in items {
            var file = FileProjection(data: Data(), mode: item.mode ?? mode)
            do {
                if let field = item.fieldRef {
                    file.data = Data(try PodFieldPath.metadataValue(field.fieldPath, pod: pod).utf8)
                } else if let resource = item.resourceFieldRef {
                    let name = resource.containerName ?? ""
                    let all = (pod.spec.initContainers ?? []) + pod.spec.containers
                    guard let container = all.first(where: { $0.name == name }) else {
                        throw EnvironmentError.containerNotFound(name)
                    }
                    file.data = Data(try ContainerResourceValue.value(
                        of: resource, pod: pod, container: container, nodeAllocatable: nodeAllocatable).utf8)
                }
            } catch {
                errors.append(String(describing: error))
            }
            payload[item.path] = file
        }
        if errors.count == 1 { throw Failure(description: errors[0]) }
        if errors.count > 1 { throw Failure(description: "[" + errors.joined(separator: ", ") + "]") }
        return payload
    }
}
