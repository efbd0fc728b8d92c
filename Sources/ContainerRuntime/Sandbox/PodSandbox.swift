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
    /// Containers use the host's pid namespace (hostPID).
    public let hostPID: Bool

    public static let sharedNamespaces: [NamespaceKind] = [.net, .ipc, .uts]

    public init(id: String, uid: String, hostname: String, directory: String, namespaces: [NamespacePath],
                etcFiles: [String: String], hostPID: Bool = false) {
        self.id = id
        self.uid = uid
        self.hostname = hostname
        self.directory = directory
        self.namespaces = namespaces
        self.etcFiles = etcFiles
        self.hostPID = hostPID
    }

    /// The pinned network namespace (nil: the pod uses the host's network).
    public var networkNamespacePath: String? { namespaces.first { $0.kind == .net }?.path }

    /// `pinned`: the namespaces the pod gets of its own; the others are the host's (hostNetwork
    /// drops net and uts, hostIPC drops ipc). `resolvConf`: the file's contents when given whole
    /// (hostNetwork pods without DNS config get the host's); otherwise built from the DNS fields.
    public static func create(id: String, uid: String, hostname: String, dnsServers: [String] = [], searches: [String] = [],
                              dnsOptions: [String] = [], resolvConf: String? = nil,
                              pinned: [NamespaceKind] = sharedNamespaces, hostPID: Bool = false,
                              configuration: RuntimeConfiguration) async throws(SandboxError) -> PodSandbox {
        let directory = configuration.sandboxDirectory(id)
        let namespaceDirectory = directory + "/ns"
        let kinds = sharedNamespaces.filter(pinned.contains)
        let etc = [
            "hosts": "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n",
            "hostname": hostname + "\n",
            "resolv.conf": resolvConf ?? (dnsServers.map { "nameserver \($0)\n" }.joined()
                + (searches.isEmpty ? "" : "search \(searches.joined(separator: " "))\n")
                + (dnsOptions.isEmpty ? "" : "options \(dnsOptions.joined(separator: " "))\n")),
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
        if !kinds.isEmpty {
            let names = kinds.map(\.rawValue).joined(separator: ",")
            let status = await runHelper(configuration, ["pin", namespaceDirectory, hostname, names], logIn: directory)
            guard status.code == 0 else {
                let message = (try? String(contentsOfFile: directory + "/pin.log", encoding: .utf8)) ?? ""
                NamespacePinning.unpin(kinds.map { namespaceDirectory + "/" + $0.rawValue })
                try? FileManager.default.removeItem(atPath: directory)
                throw .pinFailed(message.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return PodSandbox(id: id, uid: uid, hostname: hostname, directory: directory,
                          namespaces: kinds.map { NamespacePath(kind: $0, path: namespaceDirectory + "/" + $0.rawValue) },
                          etcFiles: etcFiles, hostPID: hostPID)
    }

    /// Unpins the namespaces and removes the pod's files.
    public func remove() {
        NamespacePinning.unpin(namespaces.map(\.path))
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func runHelper(_ configuration: RuntimeConfiguration, _ arguments: [String], logIn directory: String) async -> ExitStatus {
        await OwnThread.run {
            let log = open(directory + "/pin.log", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            defer { close(log) }
            do {
                let pid = try Spawn.spawn(configuration.helperPath, args: ["kubeswift"] + configuration.helperArguments + arguments,
                                          env: ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"], fds: [0: log, 1: log, 2: log])
                return try Spawn.wait(pid)
            } catch {
                return ExitStatus(code: 255, signal: nil)
            }
        }
    }
}
