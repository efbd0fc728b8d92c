#if canImport(Glibc)
import Glibc
#endif

/// A volume that could not be set up. `description` is the FailedMount event message, as upstream:
/// `MountVolume.SetUp failed for volume "config" : configmap "app" not found`.
public struct VolumeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var volumeName: String
    /// The plugin's own reason, upstream's wording.
    public var reason: String

    public init(volumeName: String, reason: String) {
        self.volumeName = volumeName
        self.reason = reason
    }

    public var description: String { "MountVolume.SetUp failed for volume \"\(volumeName)\" : \(reason)" }
}

/// A pod's volumes that could not be torn down (its directory is then left in place).
public struct VolumeTeardownError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

/// A container's volumeMounts that cannot be turned into CRI mounts (upstream `makeMounts` errors;
/// the kubelet reports them as CreateContainerConfigError).
public struct VolumeMountError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// A file-system step that failed, with the path and errno text: `mkdir(/x/y): Permission denied`.
struct HostFileError: Error, Sendable, CustomStringConvertible {
    var operation: String
    var path: String
    var errno: Int32

    var description: String { "\(operation)(\(path)): \(String(cString: strerror(errno)))" }
}
