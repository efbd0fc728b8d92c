import Foundation
import KubeAPI
import Logging

/// Static pods from a manifest directory (upstream's pkg/kubelet/config/file.go): every
/// `.yaml`/`.yml`/`.json` file (hidden files skipped) holds one Pod, read again every period.
/// Each pod is named `<name>-<node>`, bound to this node, defaulted as the apiserver would, and
/// gets a UID hashed from its manifest, its file and the node — so the same manifest is the same
/// pod across kubelet restarts (its containers are adopted) and an edited one is a new pod.
public struct StaticPodSource: Sendable {
    public static let configSourceAnnotation = "kubernetes.io/config.source"
    public static let configHashAnnotation = "kubernetes.io/config.hash"
    public static let configMirrorAnnotation = "kubernetes.io/config.mirror"

    public let directory: String
    public let nodeName: String

    public init(directory: String, nodeName: String) {
        self.directory = directory
        self.nodeName = nodeName
    }

    /// The static pods the directory defines now, by UID, and the files that could not be read.
    public func read() -> (pods: [String: Pod], errors: [String]) {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return ([:], []) }
        var pods: [String: Pod] = [:]
        var errors: [String] = []
        for file in files.sorted() where !file.hasPrefix(".")
            && (file.hasSuffix(".yaml") || file.hasSuffix(".yml") || file.hasSuffix(".json")) {
            let path = directory + "/" + file
            do {
                let pod = try pod(fromManifest: String(contentsOfFile: path, encoding: .utf8), path: path)
                pods[pod.metadata.uid ?? ""] = pod
            } catch {
                errors.append("static pod manifest \(path): \(error)")
            }
        }
        return (pods, errors)
    }

    public func pod(fromManifest text: String, path: String) throws -> Pod {
        var object = try JSONValue.parseYAML(text)
        guard object["kind"]?.stringValue == "Pod" else {
            throw StaticPodError(path: path, detail: "kind is \(object["kind"]?.stringValue ?? "missing"), expected Pod")
        }
        Defaulting.apply(group: "", kind: "Pod", to: &object)
        var pod: Pod = try object.decode()
        guard let name = pod.metadata.name, !name.isEmpty else { throw StaticPodError(path: path, detail: "metadata.name is required") }
        pod.metadata.name = "\(name)-\(nodeName)"
        pod.metadata.namespace = pod.metadata.namespace ?? "default"
        let hash = Self.hash(text + "\u{0}" + path + "\u{0}" + nodeName)
        pod.metadata.uid = hash
        var annotations = pod.metadata.annotations ?? [:]
        annotations[Self.configHashAnnotation] = hash
        annotations[Self.configSourceAnnotation] = "file"
        pod.metadata.annotations = annotations
        pod.spec.nodeName = nodeName
        return pod
    }

    /// FNV-1a 64 of the text, as 16 hex digits (upstream hashes the decoded object with FNV too).
    static func hash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A pod in the API that mirrors a static pod (the kubelet made it; it never runs it).
    public static func isMirrorPod(_ pod: Pod) -> Bool {
        pod.metadata.annotations?[configMirrorAnnotation] != nil
    }
}

public struct StaticPodError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var detail: String
    public var description: String { "\(path): \(detail)" }
}
