import Foundation
import KubeAPI
import Logging
import Testing

@testable import Kubelet

/// API objects written as the JSON a user would send, decoded with the project's Codable types.
func decode<T: Decodable>(_ json: String, as type: T.Type = T.self) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(json.utf8))
}

func service(_ namespace: String, _ name: String, clusterIP: String, ports: String) throws -> Service {
    try decode(#"{"metadata":{"name":"\#(name)","namespace":"\#(namespace)"},"spec":{"clusterIP":"\#(clusterIP)","ports":\#(ports)}}"#)
}

func configMap(_ namespace: String, _ name: String, _ data: [String: String], binary: [String: Data] = [:]) -> ConfigMap {
    ConfigMap(metadata: ObjectMeta(name: name, namespace: namespace), data: data,
              binaryData: binary.isEmpty ? nil : binary.mapValues { Base64Bytes($0) })
}

func secret(_ namespace: String, _ name: String, _ data: [String: String]) -> Secret {
    Secret(metadata: ObjectMeta(name: name, namespace: namespace), data: data.mapValues { Base64Bytes(utf8: $0) })
}

/// A scratch kubelet root, removed (after unmounting anything left below it) when dropped.
final class TemporaryRoot {
    let path: String

    init() throws {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("ks-volumes-XXXXXX").path
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }

    deinit {
        let mounted = (try? SystemVolumeHostMounter().mountPoints(under: path)) ?? []
        for point in mounted.sorted(by: { $0.count > $1.count }) { try? SystemVolumeHostMounter().unmount(point) }
        if ((try? SystemVolumeHostMounter().mountPoints(under: path)) ?? []).isEmpty {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

/// Records tmpfs mounts instead of making them, so the non-root tests see plain directories.
final class RecordingMounter: VolumeHostMounter, @unchecked Sendable {
    private let lock = NSLock()
    private var mounted: [String: Int64?] = [:]
    private(set) var mountCalls = 0
    private(set) var unmountCalls: [String] = []

    func mountTmpfs(at path: String, sizeBytes: Int64?) throws {
        lock.withLock {
            mounted.updateValue(sizeBytes, forKey: path)
            mountCalls += 1
        }
    }

    func unmount(_ path: String) throws {
        lock.withLock {
            mounted[path] = nil
            unmountCalls.append(path)
        }
    }

    func mountPoints(under directory: String) throws -> [String] {
        lock.withLock { mounted.keys.filter { $0 == directory || $0.hasPrefix(directory + "/") }.sorted() }
    }

    func size(of path: String) -> Int64?? { lock.withLock { mounted[path] } }
}

let testLogger = Logger(label: "kubelet-volumes-tests")

func readFile(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}

func fileMode(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_mode & 0o7777) : -1
}

func symlinkTarget(_ path: String) -> String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: path)
}

/// The description of what `body` throws, nil when it does not throw.
func errorText<T>(_ body: () async throws -> T) async -> String? {
    do {
        _ = try await body()
        return nil
    } catch {
        return String(describing: error)
    }
}

func errorText<T>(_ body: () throws -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch {
        return String(describing: error)
    }
}
