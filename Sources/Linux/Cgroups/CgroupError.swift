public enum CgroupError: Error, Sendable, Equatable, CustomStringConvertible {
    case noCgroup2Mount
    case outsideKubeswift(String)
    case file(SyscallError)

    public var description: String {
        switch self {
        case .noCgroup2Mount: "cgroup: no cgroup2 filesystem in /proc/self/mountinfo"
        case .outsideKubeswift(let path): "cgroup: refusing \(path): kubeswift only manages cgroups under a kubeswift child"
        case .file(let error): "cgroup: \(error)"
        }
    }
}
