import Foundation
import Linux

public enum SandboxError: Error, Sendable, Equatable, CustomStringConvertible {
    case pinFailed(String)
    case files(String)

    public var description: String {
        switch self {
        case .pinFailed(let reason): "pod sandbox: pin namespaces: \(reason)"
        case .files(let reason): "pod sandbox: \(reason)"
        }
    }
}

/// The minimal pod sandbox: net, ipc and uts namespaces pinned as nsfs bind mounts under
/// `<run>/sandboxes/<id>/ns` (no pause process), plus the pod's /etc files.
public struct PodSandbox: Sendable, Equatable {
    public let id: String
    public let uid: String
    public let hostname: String
    public let directory: String
    public let namespaces: [NamespacePath]
    public let etcFiles: [String: String]

    public static let sharedNamespaces: [NamespaceKind] = [.net, .ipc, .uts]

    public static func create(id: String, uid: String, hostname: String, dnsServers: [String] = [], searches: [String] = [],
                              configuration: RuntimeConfiguration) async throws(SandboxError) -> PodSandbox {
        let directory = configuration.sandboxDirectory(id)
        let namespaceDirectory = directory + "/ns"
        let etc = [
            "hosts": "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n",
            "hostname": hostname + "\n",
            "resolv.conf": dnsServers.map { "nameserver \($0)\n" }.joined()
                + (searches.isEmpty ? "" : "search \(searches.joined(separator: " "))\n"),
        ]
        var etcFiles: [String: String] = [:]
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (name, contents) in etc {
                let path = directory + "/" + name
                try contents.write(toFile: path, atomically: true, encoding: .utf8)
                etcFiles[name] = path
            }
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw .files("write pod files in \(directory): \(error)")
        }
        let kinds = sharedNamespaces.map(\.rawValue).joined(separator: ",")
        let status = await runHelper(configuration, ["pin", namespaceDirectory, hostname, kinds], logIn: directory)
        guard status.code == 0 else {
            let message = (try? String(contentsOfFile: directory + "/pin.log", encoding: .utf8)) ?? ""
            NamespacePinning.unpin(sharedNamespaces.map { namespaceDirectory + "/" + $0.rawValue })
            try? FileManager.default.removeItem(atPath: directory)
            throw .pinFailed(message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return PodSandbox(id: id, uid: uid, hostname: hostname, directory: directory,
                          namespaces: sharedNamespaces.map { NamespacePath(kind: $0, path: namespaceDirectory + "/" + $0.rawValue) },
                          etcFiles: etcFiles)
    }

    /// Unpins the namespaces and removes the pod's files.
    public func remove() {
        NamespacePinning.unpin(namespaces.map(\.path))
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func runHelper(_ configuration: RuntimeConfiguration, _ arguments: [String], logIn directory: String) async -> ExitStatus {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let log = open(directory + "/pin.log", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                defer { close(log) }
                do {
                    let pid = try Spawn.spawn(configuration.helperPath, args: ["kubeswift"] + configuration.helperArguments + arguments,
                                              env: ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"], fds: [0: log, 1: log, 2: log])
                    continuation.resume(returning: try Spawn.wait(pid))
                } catch {
                    continuation.resume(returning: ExitStatus(code: 255, signal: nil))
                }
            }
        }
    }
}
