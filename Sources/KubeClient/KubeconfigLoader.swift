import Foundation
import KubeAPI

/// Finds and loads kubeconfig files the way client-go's default loading rules do:
/// `--kubeconfig` alone if given, else every file of `$KUBECONFIG` (':'-separated, missing ones skipped),
/// else `~/.kube/config`.
public struct KubeconfigLoader: Sendable {
    public var explicitPath: String?
    public var environment: [String: String]
    /// `kubectl config …` treats a missing `--kubeconfig` file as empty (it may be about to create it).
    public var allowMissingExplicit: Bool

    public init(explicitPath: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment, allowMissingExplicit: Bool = false) {
        self.explicitPath = explicitPath
        self.environment = environment
        self.allowMissingExplicit = allowMissingExplicit
    }

    public var precedence: [String] {
        if let explicitPath, !explicitPath.isEmpty { return [explicitPath] }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen: Set<String> = []
            return list.split(separator: ":").map(String.init).filter { !$0.isEmpty && seen.insert($0).inserted }
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return ["\(home)/.kube/config"]
    }

    /// Each existing file with its parsed content. An explicit `--kubeconfig` that does not exist is an error.
    public func loadFiles() throws -> [(path: String, config: Kubeconfig)] {
        var out: [(String, Kubeconfig)] = []
        for path in precedence {
            guard FileManager.default.fileExists(atPath: path) else {
                if explicitPath != nil && !allowMissingExplicit {
                    throw KubeconfigError(path: path, message: "stat \(path): no such file or directory")
                }
                continue
            }
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var config = try Kubeconfig.parse(text, path: path)
            config.resolveRelativePaths(relativeTo: (path as NSString).deletingLastPathComponent)
            out.append((path, config))
        }
        return out
    }

    public func load() throws -> Kubeconfig { Kubeconfig.merge(try loadFiles().map(\.config)) }

    /// Where a change should be written: the explicit file; else the first existing file of the list; else the
    /// last one (client-go's `GetDefaultFilename`).
    public var defaultFilename: String {
        let files = precedence
        if explicitPath != nil { return files[0] }
        return files.first { FileManager.default.fileExists(atPath: $0) } ?? files.last!
    }

    /// The file that defines the named entry, or `defaultFilename`.
    public func filename(defining list: String, name: String) throws -> String {
        for (path, config) in try loadFiles() where config.names(list).contains(name) { return path }
        return defaultFilename
    }

    /// Reads one file, applies `change`, writes it back (creating it and its directory if needed).
    public func modify(file path: String, _ change: (inout Kubeconfig) throws -> Void) throws {
        var config = Kubeconfig()
        if FileManager.default.fileExists(atPath: path) {
            config = try Kubeconfig.parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
        }
        try change(&config)
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        try config.yaml.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

extension Kubeconfig {
    /// File references in a kubeconfig are relative to the file itself.
    mutating func resolveRelativePaths(relativeTo directory: String) {
        guard !directory.isEmpty else { return }
        let fields: [(String, String, [String])] = [
            ("clusters", "cluster", ["certificate-authority"]),
            ("users", "user", ["client-certificate", "client-key", "tokenFile"]),
        ]
        for (list, body, keys) in fields {
            raw[list] = .array(
                (raw[list]?.arrayValue ?? []).map { item in
                    var item = item
                    for key in keys {
                        if let p = item[body]?[key]?.stringValue, !p.isEmpty, !p.hasPrefix("/") {
                            item.set(path: [body, key], to: .string(directory + "/" + p))
                        }
                    }
                    return item
                })
        }
    }
}
