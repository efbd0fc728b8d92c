import Glibc

/// Manages kubeswift's part of the cgroup2 hierarchy: everything lives under
/// `<mount>/<base>` where `base` starts with `kubeswift` (tests use `kubeswift/test-…`).
public struct CgroupManager: Sendable {
    public let mountPoint: String
    public let base: String
    public let availableControllers: Set<String>

    public static let managedControllers = ["cpu", "memory", "pids"]

    public init(mount: CgroupMount, base: String = "kubeswift") throws(CgroupError) {
        guard base == "kubeswift" || base.hasPrefix("kubeswift/") else { throw .outsideKubeswift(base) }
        self.mountPoint = mount.mountPoint
        self.base = base
        self.availableControllers = mount.availableControllers()
    }

    /// Creates `<base>/<relativePath>`, enabling our controllers in each ancestor's
    /// subtree_control where the kernel offers them.
    public func create(_ relativePath: String) throws(CgroupError) -> Cgroup {
        let components = (base + "/" + relativePath).split(separator: "/").map(String.init)
        var current = mountPoint
        let controllers = Self.managedControllers.filter(availableControllers.contains)
        for component in components {
            if !controllers.isEmpty {
                try enable(controllers, in: current)
            }
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST { throw .file(.current("mkdir(\(current))")) }
        }
        return Cgroup(path: current, availableControllers: Set(controllers))
    }

    func enable(_ controllers: [String], in directory: String) throws(CgroupError) {
        let enabled = (try? FileIO.readFile(directory + "/cgroup.subtree_control")) ?? ""
        let missing = controllers.filter { !enabled.split(separator: " ").contains(Substring($0)) && !enabled.contains($0 + "\n") }
        guard !missing.isEmpty else { return }
        do {
            try FileIO.writeFile(directory + "/cgroup.subtree_control", missing.map { "+" + $0 }.joined(separator: " "))
        } catch { throw .file(error) }
    }

    public func cgroup(_ relativePath: String) -> Cgroup {
        Cgroup(path: mountPoint + "/" + base + "/" + relativePath,
               availableControllers: Set(Self.managedControllers.filter(availableControllers.contains)))
    }

    /// Removes the leaf and then each now-empty ancestor up to (not including) `<base>`.
    public func remove(_ relativePath: String) {
        var components = relativePath.split(separator: "/").map(String.init)
        while !components.isEmpty {
            let path = mountPoint + "/" + base + "/" + components.joined(separator: "/")
            if rmdir(path) != 0 && errno != ENOENT { return }
            components.removeLast()
        }
    }
}

/// One cgroup directory.
public struct Cgroup: Sendable, Equatable {
    public let path: String
    public let availableControllers: Set<String>

    public init(path: String, availableControllers: Set<String>) {
        self.path = path
        self.availableControllers = availableControllers
    }

    /// Writes the limits it can; returns exactly those it cannot enforce.
    @discardableResult
    public func apply(_ limits: CgroupLimits) throws(CgroupError) -> [UnenforcedLimit] {
        var unenforced: [UnenforcedLimit] = []
        for (file, controller, value) in limits.files {
            guard availableControllers.contains(controller) else {
                unenforced.append(UnenforcedLimit(file: file, value: value,
                                                  reason: "the \(controller) controller is not available in this cgroup2 hierarchy"))
                continue
            }
            do { try FileIO.writeFile(path + "/" + file, value) } catch { throw .file(error) }
        }
        return unenforced
    }

    /// `oom_kill` from memory.events (0 when the memory controller is absent).
    public func oomKillCount() -> Int {
        guard let events = try? FileIO.readFile(path + "/memory.events") else { return 0 }
        return Self.field("oom_kill", in: events).flatMap { Int($0) } ?? 0
    }

    public struct Usage: Sendable, Equatable {
        public var cpuUsageMicroseconds: UInt64?
        public var memoryBytes: UInt64?
        public init(cpuUsageMicroseconds: UInt64?, memoryBytes: UInt64?) {
            self.cpuUsageMicroseconds = cpuUsageMicroseconds
            self.memoryBytes = memoryBytes
        }
    }

    public func usage() -> Usage {
        let cpu = (try? FileIO.readFile(path + "/cpu.stat")).flatMap { Self.field("usage_usec", in: $0) }.flatMap { UInt64($0) }
        let memory = (try? FileIO.readFile(path + "/memory.current")).flatMap { UInt64($0.trimmingNewline) }
        return Usage(cpuUsageMicroseconds: cpu, memoryBytes: memory)
    }

    /// Kills every process in the cgroup (cgroup.kill, Linux ≥ 5.14). False if unsupported.
    public func killAll() -> Bool {
        (try? FileIO.writeFile(path + "/cgroup.kill", "1")) != nil
    }

    public func processIDs() -> [Int32] {
        ((try? FileIO.readFile(path + "/cgroup.procs")) ?? "").split(separator: "\n").compactMap { Int32($0) }
    }

    static func field(_ key: String, in text: String) -> String? {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 && parts[0] == key { return String(parts[1]) }
        }
        return nil
    }
}
