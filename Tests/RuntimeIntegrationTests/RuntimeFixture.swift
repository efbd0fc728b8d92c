import ContainerRuntime
import Foundation
import Glibc
import Linux
import Synchronization
import Testing

/// Root, the helper binary and the busybox image: what privileged tests need.
enum Privileged {
    static let isRoot = getuid() == 0
    static let skipMessage = "privileged runtime tests need root (namespaces, mounts, cgroups); run as root"
}

/// A temporary runtime root, a cgroup base under `kubeswift/itest-<pid>`, the busybox image,
/// and a pod sandbox (its own network namespace). `finish()` checks nothing is left behind.
struct RuntimeFixture {
    let root: String
    let configuration: RuntimeConfiguration
    let image: String
    let mountsBefore: Set<String>

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    init() throws {
        root = "/tmp/ks-runtime-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let helper = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("kubeswift-container-init").path
        #expect(FileManager.default.isExecutableFile(atPath: helper), "helper \(helper) not built")
        configuration = RuntimeConfiguration(rootDirectory: root + "/lib", runDirectory: root + "/run", helperPath: helper,
                                             helperArguments: [], cgroupBase: "kubeswift/itest-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let image = Self.repository + "/_out/images/busybox"
        self.image = image
        Self.imageBuilt.withLock { built in
            if !built { Self.buildImage(into: image) }
            built = true
        }
        mountsBefore = Self.mounts()
    }

    static let imageBuilt = Mutex(false)

    static func buildImage(into path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: repository + "/Rootfs/build-busybox.sh")
        process.arguments = [path]
        process.standardOutput = FileHandle.nullDevice
        #expect(throws: Never.self) { try process.run() }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "Rootfs/build-busybox.sh failed")
    }

    static func mounts() -> Set<String> {
        let text = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        return Set(text.split(separator: "\n").map { $0.split(separator: " ")[4...].prefix(1).joined() })
    }

    func sandbox(_ name: String = "pod") async throws -> PodSandbox {
        try await PodSandbox.create(id: name + "-\(UInt32.random(in: 0...UInt32.max))", uid: UUID().uuidString.lowercased(),
                                    hostname: name, configuration: configuration)
    }

    /// create → start → wait → read log → delete.
    func run(_ spec: ContainerSpec, in sandbox: PodSandbox?) async throws -> (exit: ContainerExit, output: String) {
        let container = try await Container.create(id: "c\(UInt32.random(in: 0...UInt32.max))", spec: spec, sandbox: sandbox,
                                                   configuration: configuration)
        try await container.start()
        let exit = try await container.wait()
        let output = (try? String(contentsOfFile: container.logPath, encoding: .utf8)) ?? ""
        try await container.delete()
        return (exit, output)
    }

    func spec(_ script: String, security: SecurityContext = SecurityContext()) -> ContainerSpec {
        ContainerSpec(name: "test", image: image, command: ["sh", "-c", script], security: security)
    }

    /// Nothing mounted under our root, no cgroup left, then remove the root.
    func finish() {
        let leftovers = Self.mounts().subtracting(mountsBefore).filter { $0.hasPrefix(root) }
        #expect(leftovers.isEmpty, "mounts left behind: \(leftovers)")
        if let mount = try? CgroupMount.detect() {
            let base = mount.mountPoint + "/" + configuration.cgroupBase
            let remaining = FileManager.default.subpaths(atPath: base)?.filter { $0.contains("pod") } ?? []
            #expect(remaining.isEmpty, "cgroups left behind under \(base): \(remaining)")
            rmdir(base + "/kubepods/burstable")
            rmdir(base + "/kubepods/besteffort")
            rmdir(base + "/kubepods")
            rmdir(base)
        }
        try? FileManager.default.removeItem(atPath: root)
    }
}
