import FoundationEssentials

/// Installs the built-in plugins into a CNI bin directory as symlinks to this binary, under
/// their type names (`kubeswift-bridge` → /usr/local/bin/kubeswift).
public enum PluginInstaller {
    public struct Conflict: Error, CustomStringConvertible {
        public var path: String
        public var existing: String
        public var description: String { "\(path) exists (\(existing)); pass --force to replace it" }
    }

    /// Returns the links made (unchanged ones included). An existing different file is
    /// replaced only with `force`.
    @discardableResult
    public static func install(binDirectory: String, executable: String, force: Bool = false) throws -> [String] {
        let files = FileManager.default
        try files.createDirectory(atPath: binDirectory, withIntermediateDirectories: true)
        var installed: [String] = []
        for plugin in BuiltinPlugin.allCases {
            let path = binDirectory + "/" + plugin.binaryName
            if let current = try? files.destinationOfSymbolicLink(atPath: path), current == executable {
                installed.append(path)
                continue
            }
            if files.fileExists(atPath: path) || (try? files.destinationOfSymbolicLink(atPath: path)) != nil {
                guard force else {
                    throw Conflict(path: path, existing: (try? files.destinationOfSymbolicLink(atPath: path)).map { "→ \($0)" } ?? "a file")
                }
                try files.removeItem(atPath: path)
            }
            try files.createSymbolicLink(atPath: path, withDestinationPath: executable)
            installed.append(path)
        }
        return installed
    }

    /// This process's binary (symlinks resolved), the default link target.
    public static var currentExecutable: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    }
}
