#if canImport(Glibc)
import Glibc
#endif
import Foundation
import KubeAPI
import Logging
import Synchronization

/// Sets up and tears down the volumes of the pods on this node, on the host, under
/// `<root>/pods/<uid>/volumes/<plugin>/<name>` (upstream's layout and plugin names):
///
/// | volume      | on the host                                     | medium                 |
/// |-------------|-------------------------------------------------|------------------------|
/// | emptyDir    | `kubernetes.io~empty-dir/<name>`, mode 0777     | disk, or tmpfs (Memory)|
/// | hostPath    | the host path itself, after its type check      |                        |
/// | configMap   | `kubernetes.io~configmap/<name>`                | disk                   |
/// | secret      | `kubernetes.io~secret/<name>`                   | tmpfs                  |
/// | downwardAPI | `kubernetes.io~downward-api/<name>`             | disk                   |
/// | projected   | `kubernetes.io~projected/<name>`                | tmpfs                  |
///
/// API-data volumes are written with `AtomicWriter`, so running `setUpPod` again after a
/// ConfigMap or Secret changed swaps the new contents in under the container's feet.
public final class VolumeManager: Sendable {
    public let rootDirectory: String
    let objects: any KubeletObjectSource
    let logger: Logger
    let mounter: any VolumeHostMounter
    private let allocatable: Mutex<[String: Quantity]>
    private let tokens = ServiceAccountTokenCache()
    private let podLocks = PodSetupLock()

    /// rootDirectory: the kubelet root (default /var/lib/kubelet).
    public convenience init(rootDirectory: String, objects: any KubeletObjectSource, logger: Logger) {
        self.init(rootDirectory: rootDirectory, objects: objects, logger: logger, mounter: SystemVolumeHostMounter())
    }

    /// `nodeAllocatable`: what downwardAPI `resourceFieldRef` limits read when a container sets none.
    public init(rootDirectory: String, objects: any KubeletObjectSource, logger: Logger,
                mounter: any VolumeHostMounter, nodeAllocatable: [String: Quantity] = [:]) {
        self.rootDirectory = rootDirectory.hasSuffix("/") && rootDirectory.count > 1 ? String(rootDirectory.dropLast()) : rootDirectory
        self.objects = objects
        self.logger = logger
        self.mounter = mounter
        self.allocatable = Mutex(nodeAllocatable)
    }

    public func setNodeAllocatable(_ allocatable: [String: Quantity]) {
        self.allocatable.withLock { $0 = allocatable }
    }

    public func podDirectory(uid: String) -> String { "\(rootDirectory)/pods/\(uid)" }

    public func volumeDirectory(podUID: String, plugin: String, name: String) -> String {
        "\(podDirectory(uid: podUID))/volumes/\(plugin)/\(name)"
    }

    /// Makes every volume of the pod ready (idempotent); a second call refreshes the API-data
    /// volumes in place. Every volume is attempted; the first failure is thrown.
    public func setUpPod(_ pod: Pod) async throws -> PodVolumes {
        guard let uid = pod.metadata.uid, !uid.isEmpty, !uid.contains("/"), uid != ".", uid != ".." else {
            throw VolumeError(volumeName: "", reason: "pod \(pod.metadata.namespace ?? "")/\(pod.metadata.name ?? "") has no usable uid")
        }
        return try await podLocks.withLock(uid) { try await setUpLocked(pod, uid: uid) }
    }

    private func setUpLocked(_ pod: Pod, uid: String) async throws -> PodVolumes {
        let podDir = podDirectory(uid: uid)
        for dir in [podDir, podDir + "/volumes", podDir + "/plugins"] {
            do { try makeDirectory(dir, mode: 0o750) } catch { throw VolumeError(volumeName: "", reason: "\(error)") }
        }
        var mounted: [String: PodVolumes.MountedVolume] = [:]
        var firstError: VolumeError?
        for volume in pod.spec.volumes ?? [] {
            do {
                mounted[volume.name] = try await setUp(volume, pod: pod, uid: uid)
            } catch let error as VolumeError {
                logger.warning("volume setup failed", metadata: ["pod": "\(pod.metadata.namespace ?? "")/\(pod.metadata.name ?? "")", "error": "\(error)"])
                firstError = firstError ?? error
            } catch {
                let wrapped = VolumeError(volumeName: volume.name, reason: "\(error)")
                logger.warning("volume setup failed", metadata: ["pod": "\(pod.metadata.namespace ?? "")/\(pod.metadata.name ?? "")", "error": "\(wrapped)"])
                firstError = firstError ?? wrapped
            }
        }
        if let firstError { throw firstError }
        return PodVolumes(podUID: uid, volumes: mounted)
    }

    /// Unmounts every mount under the pod directory (deepest first) and removes the directory. If
    /// anything is still mounted there afterwards nothing is removed: deleting through a mount
    /// would delete what it shows.
    public func tearDownPod(uid: String) async throws {
        guard !uid.isEmpty, !uid.contains("/"), uid != ".", uid != ".." else { return }
        try await podLocks.withLock(uid) { try tearDownLocked(uid: uid) }
    }

    private func tearDownLocked(uid: String) throws {
        let podDir = podDirectory(uid: uid)
        var info = stat()
        guard lstat(podDir, &info) == 0 else { return }
        for point in try mounter.mountPoints(under: podDir).sorted(by: { $0.count > $1.count }) {
            try mounter.unmount(point)
        }
        let remaining = try mounter.mountPoints(under: podDir)
        guard remaining.isEmpty else {
            throw VolumeTeardownError(description: "pod \(uid) still has mounts after unmounting: \(remaining.joined(separator: ", ")); its directory is kept")
        }
        try FileManager.default.removeItem(atPath: podDir)
        tokens.forget(podUID: uid)
    }

    /// Pod UIDs with a directory under `<root>/pods` (orphan cleanup).
    public func podUIDsOnDisk() -> [String] {
        let podsDir = rootDirectory + "/pods"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: podsDir) else { return [] }
        return names.filter { name in
            var info = stat()
            return lstat(podsDir + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        }.sorted()
    }

    // MARK: - One volume

    private func setUp(_ volume: Volume, pod: Pod, uid: String) async throws -> PodVolumes.MountedVolume {
        let name = volume.name
        func fail(_ reason: String) -> VolumeError { VolumeError(volumeName: name, reason: reason) }
        func directory(_ plugin: String) -> String { volumeDirectory(podUID: uid, plugin: plugin, name: name) }

        if let source = volume.emptyDir {
            let dir = directory(VolumePlugin.emptyDir)
            let created: Bool
            switch source.medium ?? "" {
            case "": created = try wrap(name) { try makeDirectory(dir, mode: 0o777) }
            case "Memory":
                created = try wrap(name) { try setUpTmpfs(dir, sizeLimit: source.sizeLimit, pod: pod) }
            case let medium: throw fail("unknown storage medium \"\(medium)\"")
            }
            // Once, when the volume is new: what the containers did to it since is theirs.
            if created { applyOwnership(dir, pod: pod, readOnly: false) }
            return .init(name: name, plugin: VolumePlugin.emptyDir, hostPath: dir, readOnly: false)
        }
        if let source = volume.hostPath {
            do {
                try HostPathType.check(path: source.path, type: source.type ?? "")
            } catch let error as HostPathType.Failure {
                throw fail(error.description)
            }
            return .init(name: name, plugin: VolumePlugin.hostPath, hostPath: source.path, readOnly: false)
        }
        if let source = volume.configMap {
            let dir = directory(VolumePlugin.configMap)
            let optional = source.optional ?? false
            let configMapName = source.name ?? ""
            var configMap = try await wrap(name) { try await objects.configMap(namespace: pod.namespaceOrDefault, name: configMapName) }
            if configMap == nil {
                guard optional else { throw fail("configmap \"\(configMapName)\" not found") }
                configMap = ConfigMap()
            }
            let payload = try wrap(name) {
                try VolumePayloads.configMap(configMap!, items: source.items, defaultMode: source.defaultMode, optional: optional)
            }
            try wrap(name) {
                try makeDirectory(dir, mode: 0o777)
                if try AtomicWriter(targetDirectory: dir).write(payload) { applyOwnership(dir, pod: pod, readOnly: true) }
            }
            return .init(name: name, plugin: VolumePlugin.configMap, hostPath: dir, readOnly: true)
        }
        if let source = volume.secret {
            let dir = directory(VolumePlugin.secret)
            let optional = source.optional ?? false
            let secretName = source.secretName ?? ""
            var secret = try await wrap(name) { try await objects.secret(namespace: pod.namespaceOrDefault, name: secretName) }
            if secret == nil {
                guard optional else { throw fail("secret \"\(secretName)\" not found") }
                secret = Secret()
            }
            let payload = try wrap(name) {
                try VolumePayloads.secret(secret!, items: source.items, defaultMode: source.defaultMode, optional: optional)
            }
            try wrap(name) {
                try setUpTmpfs(dir, sizeLimit: nil, pod: pod)
                if try AtomicWriter(targetDirectory: dir).write(payload) { applyOwnership(dir, pod: pod, readOnly: true) }
            }
            return .init(name: name, plugin: VolumePlugin.secret, hostPath: dir, readOnly: true)
        }
        if let source = volume.downwardAPI {
            let dir = directory(VolumePlugin.downwardAPI)
            let allocatable = self.allocatable.withLock { $0 }
            try wrap(name) {
                let payload = try VolumePayloads.downwardAPI(source.items ?? [], defaultMode: source.defaultMode, pod: pod,
                                                             nodeAllocatable: allocatable)
                try makeDirectory(dir, mode: 0o777)
                if try AtomicWriter(targetDirectory: dir).write(payload) { applyOwnership(dir, pod: pod, readOnly: true) }
            }
            return .init(name: name, plugin: VolumePlugin.downwardAPI, hostPath: dir, readOnly: true)
        }
        if let source = volume.projected {
            let dir = directory(VolumePlugin.projected)
            let payload = try await projectedPayload(source, pod: pod, uid: uid, volumeName: name)
            try wrap(name) {
                try setUpTmpfs(dir, sizeLimit: nil, pod: pod)
                if try AtomicWriter(targetDirectory: dir).write(payload) { applyOwnership(dir, pod: pod, readOnly: true) }
            }
            return .init(name: name, plugin: VolumePlugin.projected, hostPath: dir, readOnly: true)
        }
        throw fail("no volume plugin matched: kubeswift serves emptyDir, hostPath, configMap, secret, downwardAPI and projected volumes")
    }

    /// Upstream's projected `collectData`: every source is tried, failures are reported together.
    private func projectedPayload(_ source: ProjectedVolumeSource, pod: Pod, uid: String, volumeName: String) async throws -> [String: FileProjection] {
        let mode = source.defaultMode ?? VolumePayloads.defaultMode
        let namespace = pod.namespaceOrDefault
        var payload: [String: FileProjection] = [:]
        var errors: [String] = []
        for projection in source.sources {
            do {
                if let ref = projection.configMap {
                    let optional = ref.optional ?? false
                    let name = ref.name ?? ""
                    var configMap = try await objects.configMap(namespace: namespace, name: name)
                    if configMap == nil, name == "kube-root-ca.crt", let ca = try await objects.clusterCA() {
                        // The root-CA publisher may not have written the ConfigMap yet; its content is the cluster CA.
                        configMap = ConfigMap(data: ["ca.crt": String(decoding: ca, as: UTF8.self)])
                    }
                    if configMap == nil {
                        guard optional else { throw VolumePayloads.Failure(description: "configmap \"\(name)\" not found") }
                        configMap = ConfigMap()
                    }
                    payload.merge(try VolumePayloads.configMap(configMap!, items: ref.items, defaultMode: mode, optional: optional)) { $1 }
                } else if let ref = projection.secret {
                    let optional = ref.optional ?? false
                    let name = ref.name ?? ""
                    var secret = try await objects.secret(namespace: namespace, name: name)
                    if secret == nil {
                        guard optional else { throw VolumePayloads.Failure(description: "secret \"\(name)\" not found") }
                        secret = Secret()
                    }
                    payload.merge(try VolumePayloads.secret(secret!, items: ref.items, defaultMode: mode, optional: optional)) { $1 }
                } else if let ref = projection.downwardAPI {
                    let allocatable = self.allocatable.withLock { $0 }
                    payload.merge(try VolumePayloads.downwardAPI(ref.items ?? [], defaultMode: mode, pod: pod,
                                                                 nodeAllocatable: allocatable)) { $1 }
                } else if let ref = projection.serviceAccountToken {
                    let audiences = (ref.audience ?? "").isEmpty ? [] : [ref.audience!]
                    let token = try await tokens.token(
                        podUID: uid, namespace: namespace, serviceAccountName: pod.spec.serviceAccountName ?? "default",
                        audiences: audiences, expirationSeconds: ref.expirationSeconds ?? 3600, pod: pod, objects: objects)
                    // With an fsGroup the token starts 0600 and ownership makes it 0640, as upstream.
                    let tokenMode = pod.spec.securityContext?.fsGroup == nil ? mode : 0o600
                    payload[ref.path] = FileProjection(data: Data(token.utf8), mode: tokenMode)
                } else if projection.clusterTrustBundle != nil {
                    throw VolumePayloads.Failure(description: "clusterTrustBundle projections are not supported by kubeswift")
                }
            } catch {
                errors.append(String(describing: error))
            }
        }
        if errors.count == 1 { throw VolumeError(volumeName: volumeName, reason: errors[0]) }
        if errors.count > 1 { throw VolumeError(volumeName: volumeName, reason: "[" + errors.joined(separator: ", ") + "]") }
        return payload
    }

    // MARK: - Host helpers

    /// A tmpfs at `path` unless one is already mounted there, sized as upstream (`EmptyDirMemorySize`).
    /// Returns whether it mounted one now.
    @discardableResult
    private func setUpTmpfs(_ path: String, sizeLimit: Quantity?, pod: Pod) throws -> Bool {
        try makeDirectory(path, mode: 0o777)
        if try mounter.mountPoints(under: path).contains(path) { return false }
        let allocatableMemory = allocatable.withLock { $0["memory"] }
        try mounter.mountTmpfs(at: path, sizeBytes: EmptyDirMemorySize.bytes(sizeLimit: sizeLimit, pod: pod,
                                                                            nodeAllocatableMemory: allocatableMemory))
        return true
    }

    /// mkdir -p, then the mode as given whatever the umask (upstream's emptyDir `setupDir`).
    /// Returns whether it created the directory.
    @discardableResult
    private func makeDirectory(_ path: String, mode: mode_t) throws -> Bool {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw HostFileError(operation: "mkdir", path: path, errno: ENOTDIR) }
            // As upstream's setupDir: permission bits corrected, special bits (a tmpfs root's sticky bit) kept.
            if info.st_mode & 0o777 != mode & 0o777 { chmod(path, (info.st_mode & 0o7000) | (mode & 0o777)) }
            return false
        }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if chmod(path, mode) != 0 { throw HostFileError(operation: "chmod", path: path, errno: errno) }
        return true
    }

    private func applyOwnership(_ path: String, pod: Pod, readOnly: Bool) {
        guard let fsGroup = pod.spec.securityContext?.fsGroup else { return }
        VolumeOwnership.apply(path, fsGroup: fsGroup, readOnly: readOnly,
                              changePolicy: pod.spec.securityContext?.fsGroupChangePolicy, logger: logger)
    }

    private func wrap<T>(_ volume: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as VolumeError { throw error } catch {
            throw VolumeError(volumeName: volume, reason: String(describing: error))
        }
    }

    private func wrap<T>(_ volume: String, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as VolumeError { throw error } catch {
            throw VolumeError(volumeName: volume, reason: String(describing: error))
        }
    }
}

/// Upstream's plugin directory names.
public enum VolumePlugin {
    public static let emptyDir = "kubernetes.io~empty-dir"
    public static let hostPath = "kubernetes.io~host-path"
    public static let configMap = "kubernetes.io~configmap"
    public static let secret = "kubernetes.io~secret"
    public static let downwardAPI = "kubernetes.io~downward-api"
    public static let projected = "kubernetes.io~projected"
}

extension Pod {
    var namespaceOrDefault: String { metadata.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default" }
}
