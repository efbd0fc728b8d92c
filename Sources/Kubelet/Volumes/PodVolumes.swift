#if canImport(Glibc)
import Glibc
#endif
import CRI
import Foundation
import KubeAPI

/// A pod's volumes once set up: where each one is on the host. Turns a container's volumeMounts
/// into CRI mounts (upstream `makeMounts`, without the /etc/hosts mount, which is the runtime's).
public struct PodVolumes: Sendable {
    public struct MountedVolume: Sendable, Equatable {
        public var name: String
        /// `kubernetes.io~configmap`, `kubernetes.io~host-path`, ...
        public var plugin: String
        public var hostPath: String
        /// The API-data volumes (configMap, secret, downwardAPI, projected) are always mounted read-only.
        public var readOnly: Bool
    }

    public var podUID: String
    public var volumes: [String: MountedVolume]
    /// Whether the runtime can make mounts recursively read-only (`recursiveReadOnly: IfPossible`).
    public var runtimeSupportsRecursiveReadOnly: Bool

    public init(podUID: String, volumes: [String: MountedVolume], runtimeSupportsRecursiveReadOnly: Bool = false) {
        self.podUID = podUID
        self.volumes = volumes
        self.runtimeSupportsRecursiveReadOnly = runtimeSupportsRecursiveReadOnly
    }

    /// CRI mounts for one container. `environment` is the container's resolved environment, for
    /// `subPathExpr`. A subPath must be relative, free of `..`, and must resolve (symlinks
    /// followed) inside its volume; a missing subPath directory is created with the volume's mode.
    public func mounts(for container: Container, environment: [String: String]) throws -> [Runtime_V1_Mount] {
        var result: [Runtime_V1_Mount] = []
        for mount in container.volumeMounts ?? [] {
            guard let volume = volumes[mount.name] else {
                throw VolumeMountError("cannot find volume \"\(mount.name)\" to mount into container \"\(container.name)\"")
            }
            var subPath = mount.subPath ?? ""
            if let expression = mount.subPathExpr, !expression.isEmpty {
                subPath = try Self.expandSubPath(expression, environment: environment)
            }
            var hostPath = volume.hostPath
            if !subPath.isEmpty {
                if subPath.hasPrefix("/") {
                    throw VolumeMountError("error SubPath `\(subPath)` must not be an absolute path")
                }
                if subPath.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
                    throw VolumeMountError("unable to provision SubPath `\(subPath)`: must not contain '..'")
                }
                hostPath = try Self.prepareSubPath(subPath, volumePath: volume.hostPath, mountName: mount.name,
                                                   containerName: container.name)
            }
            var cri = Runtime_V1_Mount()
            cri.containerPath = mount.mountPath.hasPrefix("/") ? mount.mountPath : "/" + mount.mountPath
            cri.hostPath = hostPath
            cri.readonly = (mount.readOnly ?? false) || volume.readOnly
            cri.propagation = try Self.propagation(mount.mountPropagation)
            cri.recursiveReadOnly = try Self.recursiveReadOnly(mount, runtimeSupports: runtimeSupportsRecursiveReadOnly)
            result.append(cri)
        }
        return result
    }

    /// Upstream `ExpandContainerVolumeMounts`: every referenced variable must be set and non-empty.
    static func expandSubPath(_ expression: String, environment: [String: String]) throws -> String {
        var missing: Set<String> = []
        let expanded = VariableExpansion.expand(expression) { name in
            guard let value = environment[name], !value.isEmpty else {
                missing.insert(name)
                return ""
            }
            return value
        }
        if !missing.isEmpty { throw VolumeMountError("missing value for \(missing.sorted().joined(separator: ", "))") }
        return expanded
    }

    static func propagation(_ mode: String?) throws -> Runtime_V1_MountPropagation {
        switch mode {
        case nil, "None": .propagationPrivate
        case "HostToContainer": .propagationHostToContainer
        case "Bidirectional": .propagationBidirectional
        case let other?: throw VolumeMountError("invalid MountPropagation mode: \"\(other)\"")
        }
    }

    static func recursiveReadOnly(_ mount: VolumeMount, runtimeSupports: Bool) throws -> Bool {
        guard let mode = mount.recursiveReadOnly, mode != "Disabled" else { return false }
        guard mount.readOnly == true else {
            throw VolumeMountError("failed to resolve recursive read-only mode: volume \"\(mount.name)\" requested recursive read-only mode, but it is not read-only")
        }
        if let propagation = mount.mountPropagation, propagation != "None" {
            throw VolumeMountError("failed to resolve recursive read-only mode: volume \"\(mount.name)\" requested recursive read-only mode, but it is not compatible with propagation \"\(propagation)\"")
        }
        switch mode {
        case "IfPossible": return runtimeSupports
        case "Enabled":
            guard runtimeSupports else {
                throw VolumeMountError("failed to resolve recursive read-only mode: volume \"\(mount.name)\" requested recursive read-only mode, but it is not supported by the runtime")
            }
            return true
        default:
            throw VolumeMountError("failed to resolve recursive read-only mode: unknown recursive read-only mode \"\(mode)\"")
        }
    }

    /// The subPath on the host, resolved: symlinks inside the volume are followed here, so a
    /// link pointing out of the volume is refused rather than handed to the runtime. (Upstream
    /// goes further and bind-mounts the opened path to pin it; a container that swaps a path
    /// component for a symlink after this check is not stopped here.)
    static func prepareSubPath(_ subPath: String, volumePath: String, mountName: String, containerName: String) throws -> String {
        let joined = volumePath + "/" + subPath
        var info = stat()
        if lstat(joined, &info) != 0 && errno == ENOENT {
            var volumeInfo = stat()
            let mode = stat(volumePath, &volumeInfo) == 0 ? mode_t(volumeInfo.st_mode & 0o7777) : 0o755
            do {
                try makeDirectoryInside(subPath, volumePath: volumePath, mode: mode)
            } catch {
                throw VolumeMountError("failed to create subPath directory for volumeMount \"\(mountName)\" of container \"\(containerName)\"")
            }
        }
        guard let resolvedVolume = realPath(volumePath), let resolved = realPath(joined),
              resolved == resolvedVolume || resolved.hasPrefix(resolvedVolume == "/" ? "/" : resolvedVolume + "/")
        else {
            throw VolumeMountError("failed to prepare subPath for volumeMount \"\(mountName)\" of container \"\(containerName)\"")
        }
        return resolved
    }

    /// mkdir of each missing component, refusing to step through a symlink that leaves the volume.
    private static func makeDirectoryInside(_ subPath: String, volumePath: String, mode: mode_t) throws {
        guard let base = realPath(volumePath) else { throw VolumeMountError("volume path \(volumePath) does not resolve") }
        var current = volumePath
        for component in subPath.split(separator: "/") where component != "." {
            current += "/" + component
            var info = stat()
            if lstat(current, &info) == 0 {
                guard let resolved = realPath(current), resolved == base || resolved.hasPrefix(base + "/") else {
                    throw VolumeMountError("\(current) leaves the volume")
                }
                continue
            }
            if mkdir(current, mode) != 0 && errno != EEXIST { throw HostFileError(operation: "mkdir", path: current, errno: errno) }
            chmod(current, mode)
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
