import Foundation
import Glibc
import KubeswiftTestSupport
import Synchronization
import Testing

enum Privileged {
    static let isRoot = getuid() == 0
    static let skipMessage = "crictl integration tests start a real runtime (namespaces, mounts, cgroups); run as root"
}

/// What one `kubeswift crictl …` run printed and how it exited.
struct CommandResult: CustomStringConvertible, Sendable {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }
}

/// A `kubeswift runtime` daemon in a temporary root (its own socket, state and cgroup base, no CNI
/// config so pods get loopback only) with the busybox image imported, and the built
/// `kubeswift crictl` pointed at it.
final class CRICtlRuntimeDaemon: @unchecked Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("kubeswift").path
    static let image = repository + "/_out/images/busybox"
    static let imageBuilt = Mutex(false)

    let root = "/tmp/ks-crictl-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let cgroupBase = "kubeswift/crictl-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    var socket: String { root + "/cri.sock" }
    private(set) var pid: pid_t = 0

    init() async throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // Scripts/test.sh builds the image first; this covers a bare `swift test`.
        await offThePool {
            Self.imageBuilt.withLock { built in
                if !built && !FileManager.default.fileExists(atPath: Self.image + "/index.json") {
                    _ = Self.runBlocking(Self.repository + "/Rootfs/build-busybox.sh", [Self.image])
                }
                built = true
            }
        }
        let imported = await Self.run(Self.binary, ["images", "import", Self.image, "--name", "busybox", "--root-dir", root + "/lib"])
        #expect(imported.status == 0, "image import: \(imported)")
        try await start()
    }

    func start() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "\(Self.binary) not built")
        let args = [Self.binary, "runtime", "--listen", "unix://" + socket, "--root-dir", root + "/lib", "--state-dir", root + "/run",
                    "--cgroup-base", cgroupBase, "--cni-conf-dir", root + "/no-cni-config"]
        pid = try spawnLogged(args, logPath: root + "/daemon.log")
        for _ in 0..<500 {
            if FileManager.default.fileExists(atPath: socket) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("daemon did not create \(socket) within 5s: \(daemonLog())")
    }

    func daemonLog() -> String { (try? String(contentsOfFile: root + "/daemon.log", encoding: .utf8)) ?? "" }

    /// `kubeswift crictl -r unix://SOCKET -t 30s ARGS…`, with `input` on its stdin.
    func crictl(_ arguments: String..., input: String? = nil) async -> CommandResult {
        await Self.run(Self.binary, ["crictl", "-r", "unix://" + socket, "-t", "30s"] + arguments, input: input)
    }

    /// Runs the command on a thread of its own: blocking a pool thread would starve other suites.
    static func run(_ executable: String, _ arguments: [String], input: String? = nil) async -> CommandResult {
        await offThePool { runBlocking(executable, arguments, input: input) }
    }

    static func runBlocking(_ executable: String, _ arguments: [String], input: String? = nil) -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("crictl-stderr-\(UUID().uuidString)").path
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { unlink(errPath) }
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: errPath)
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        do {
            try process.run()
        } catch {
            return CommandResult(status: -1, stdout: "", stderr: "\(executable): \(error)")
        }
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: stderr)
    }

    /// Removes what is left through crictl, stops the daemon, checks nothing stays mounted, removes
    /// the root and the cgroup base.
    func finish() async {
        if pid > 0 {
            for pod in await crictl("pods", "-q").lines { _ = await crictl("rmp", "-f", pod) }
            Glibc.kill(pid, SIGTERM)
            await waitForChild(pid)
            pid = 0
        }
        let mounts = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        let leftovers = mounts.split(separator: "\n").filter { $0.contains(root) }
        #expect(leftovers.isEmpty, "mounts left behind: \(leftovers)")
        if let line = mounts.split(separator: "\n").first(where: { $0.contains(" - cgroup2 ") }) {
            let base = String(line.split(separator: " ")[4]) + "/" + cgroupBase
            for path in ["/kubepods/burstable", "/kubepods/besteffort", "/kubepods", ""] { rmdir(base + path) }
            #expect(!FileManager.default.fileExists(atPath: base), "cgroups left behind under \(base): \(FileManager.default.subpaths(atPath: base) ?? [])")
        }
        try? FileManager.default.removeItem(atPath: root)
    }
}
