import CRI
import Foundation
import Linux
import SwiftProtobuf

/// The runtime's memory on disk: one JSON file per pod sandbox (`<root>/cri/sandboxes/<id>.json`)
/// and per container (`<root>/containers/<id>/cri.json`, next to its overlay dirs and the
/// monitor's exit.json). CRI configs are kept as the protobuf bytes the kubelet sent, so
/// statuses return them unaltered.
struct SandboxRecord: Codable, Sendable {
    enum State: String, Codable, Sendable { case ready, notReady }

    var id: String
    var config: Data
    var runtimeHandler: String
    var createdAt: Int64
    var state: State
    var directory: String
    var hostname: String
    var namespaces: [NamespacePath]
    var etcFiles: [String: String]
    var hostNetwork: Bool
    var hostIPC: Bool
    var hostPID: Bool
    /// The pod's IPs from CNI ADD, primary first (nil: no CNI network).
    var podIPs: [String]? = nil
    /// CNI ADD succeeded and no DEL has succeeded since.
    var networkAttached: Bool? = nil

    var podSandbox: PodSandbox {
        let uid = (try? Runtime_V1_PodSandboxConfig(serializedBytes: config))?.metadata.uid ?? id
        return PodSandbox(id: id, uid: uid, hostname: hostname, directory: directory, namespaces: namespaces,
                          etcFiles: etcFiles, hostPID: hostPID)
    }

    func decodedConfig() -> Runtime_V1_PodSandboxConfig {
        (try? Runtime_V1_PodSandboxConfig(serializedBytes: config)) ?? Runtime_V1_PodSandboxConfig()
    }
}

struct ContainerRecord: Codable, Sendable {
    var id: String
    var sandboxID: String
    var config: Data
    var spec: ContainerSpec
    var setup: ContainerSetup
    var output: ContainerOutput
    var imageRef: String
    var imageID: String
    var createdAt: Int64
    var startedAt: Int64
    var pid: Int32
    var monitorPID: Int32
    var monitorStartTime: UInt64?
    var cgroupRelativePath: String?
    var logPath: String

    func decodedConfig() -> Runtime_V1_ContainerConfig {
        (try? Runtime_V1_ContainerConfig(serializedBytes: config)) ?? Runtime_V1_ContainerConfig()
    }
}

/// Reads and writes records atomically (write to a temporary file, rename).
struct RecordStore: Sendable {
    let configuration: RuntimeConfiguration

    var sandboxesDirectory: String { configuration.rootDirectory + "/cri/sandboxes" }
    func sandboxPath(_ id: String) -> String { sandboxesDirectory + "/" + id + ".json" }
    func containerPath(_ id: String) -> String { configuration.containerDirectory(id) + "/cri.json" }

    func save(_ record: SandboxRecord) throws {
        try FileManager.default.createDirectory(atPath: sandboxesDirectory, withIntermediateDirectories: true)
        try JSONEncoder().encode(record).write(to: URL(fileURLWithPath: sandboxPath(record.id)), options: .atomic)
    }

    func save(_ record: ContainerRecord) throws {
        try JSONEncoder().encode(record).write(to: URL(fileURLWithPath: containerPath(record.id)), options: .atomic)
    }

    func removeSandbox(_ id: String) {
        try? FileManager.default.removeItem(atPath: sandboxPath(id))
    }

    func loadSandboxes() -> [SandboxRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sandboxesDirectory)) ?? []
        return names.filter { $0.hasSuffix(".json") }.compactMap { name in
            FileManager.default.contents(atPath: sandboxesDirectory + "/" + name)
                .flatMap { try? JSONDecoder().decode(SandboxRecord.self, from: $0) }
        }
    }

    /// Container records, and the ids of container directories without one (a create the
    /// runtime did not finish before it stopped).
    func loadContainers() -> (records: [ContainerRecord], orphans: [String]) {
        let directory = configuration.rootDirectory + "/containers"
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var records: [ContainerRecord] = []
        var orphans: [String] = []
        for id in ids {
            if let data = FileManager.default.contents(atPath: containerPath(id)),
               let record = try? JSONDecoder().decode(ContainerRecord.self, from: data) {
                records.append(record)
            } else {
                orphans.append(id)
            }
        }
        return (records, orphans)
    }
}
