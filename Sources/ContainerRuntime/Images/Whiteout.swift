/// OCI layer whiteouts: `.wh.<name>` deletes `<name>` from lower layers, `.wh..wh..opq`
/// makes its directory opaque. In overlayfs they become a 0/0 character device and the
/// `trusted.overlay.opaque=y` xattr, which is what each unpacked layer directory holds.
public enum Whiteout: Equatable, Sendable {
    case none
    /// Hide `name` (a sibling) from lower layers.
    case remove(name: String)
    /// Hide the whole content of the containing directory from lower layers.
    case opaque

    public static let prefix = ".wh."
    public static let opaqueMarker = ".wh..wh..opq"

    public static func classify(_ fileName: String) -> Whiteout {
        if fileName == opaqueMarker { return .opaque }
        if fileName.hasPrefix(prefix), fileName.count > prefix.count { return .remove(name: String(fileName.dropFirst(prefix.count))) }
        return .none
    }

    /// What to do on disk for a whiteout file found at `path` (relative to the layer root).
    public enum Action: Equatable, Sendable {
        case makeWhiteoutDevice(at: String)
        case markOpaque(directory: String)
    }

    /// The conversion plan for a list of relative paths found in an unpacked layer.
    public static func actions(for paths: [String]) -> [(whiteoutFile: String, action: Action)] {
        paths.compactMap { path in
            let slash = path.lastIndex(of: "/")
            let directory = slash.map { String(path[..<$0]) } ?? ""
            let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
            let parent = directory.isEmpty ? "" : directory + "/"
            switch classify(name) {
            case .none: return nil
            case .opaque: return (path, .markOpaque(directory: directory.isEmpty ? "." : directory))
            case .remove(let hidden): return (path, .makeWhiteoutDevice(at: parent + hidden))
            }
        }
    }
}
