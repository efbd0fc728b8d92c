import ContainerRuntime
import Foundation
import Glibc
import Linux
import Testing

@Suite("cgroups and layered images on this host (root)", .enabled(if: Privileged.isRoot, Comment(rawValue: Privileged.skipMessage)), .serialized)
struct CgroupAndImageTests {
    @Test func containerRunsInItsCgroupAndMissingControllersAreReported() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let mount = try CgroupMount.detect()
        let available = mount.availableControllers()
        var spec = fixture.spec("exec sleep 100")
        spec.resources = Resources(cpuRequestMillis: 250, cpuLimitMillis: 500, memoryLimitBytes: 32 << 20, pidsLimit: 64)
        let container = try await Container.create(id: "limited", spec: spec, sandbox: nil, configuration: fixture.configuration)
        try await container.start()
        let path = try #require(await container.cgroupPath)
        #expect(path.hasPrefix(mount.mountPoint + "/kubeswift/"))
        #expect(path.contains("/kubepods/burstable/pod"))
        let procs = try String(contentsOfFile: path + "/cgroup.procs", encoding: .utf8)
        #expect(procs.split(separator: "\n").map(String.init) == ["\(await container.pid!)"])
        let wanted: [(String, String, String)] = [("cpu.weight", "cpu", "10"), ("cpu.max", "cpu", "50000 100000"),
                                                  ("memory.max", "memory", "33554432"), ("pids.max", "pids", "64")]
        #expect(container.unenforcedLimits.map(\.file) == wanted.filter { !available.contains($0.1) }.map(\.0))
        for (file, controller, value) in wanted where available.contains(controller) {
            #expect(try String(contentsOfFile: path + "/" + file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == value)
        }
        try await container.delete()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func layersStackWithWhiteoutsAndOpaqueDirectories() async throws {
        let fixture = try RuntimeFixture()
        defer { fixture.finish() }
        let layout = fixture.root + "/layered"
        let base = try ImageBuilder.layer(fixture.root + "/l1", files: ["etc/keep": "keep", "etc/gone": "gone", "dir/old": "old"])
        let top = try ImageBuilder.layer(fixture.root + "/l2", files: ["etc/.wh.gone": "", "dir/.wh..wh..opq": "", "dir/new": "new"])
        let busybox = try fixture.configuration.imageStore.resolve(fixture.image)
        try ImageBuilder.layout(layout, layers: [busybox.layoutPath + "/blobs/sha256/" + busybox.layers[0].digest.dropFirst(7), base, top])
        let (exit, output) = try await fixture.run(ContainerSpec(name: "l", image: layout, command: ["sh", "-c", "ls /etc /dir; cat /etc/keep"]), in: nil)
        #expect(exit.exitCode == 0, "\(output)")
        #expect(output.contains("keep"))
        #expect(!output.contains("gone"), "\(output)")
        #expect(output.contains("new") && !output.contains("old"), "\(output)")
    }
}

/// Builds small OCI layouts for tests with tar, gzip and sha256sum.
enum ImageBuilder {
    static func run(_ arguments: [String], in directory: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A gzip layer of `files`; returns the blob path.
    static func layer(_ directory: String, files: [String: String]) throws -> String {
        for (path, contents) in files {
            let full = directory + "/tree/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try contents.write(toFile: full, atomically: false, encoding: .utf8)
        }
        _ = try run(["tar", "-czf", directory + "/layer.tar.gz", "-C", directory + "/tree", "."])
        return directory + "/layer.tar.gz"
    }

    static func sha256(_ path: String) throws -> String {
        String(try run(["sha256sum", path]).prefix(64))
    }

    static func layout(_ directory: String, layers: [String]) throws {
        let blobs = directory + "/blobs/sha256"
        try FileManager.default.createDirectory(atPath: blobs, withIntermediateDirectories: true)
        func store(_ path: String) throws -> (String, Int) {
            let digest = try sha256(path)
            if !FileManager.default.fileExists(atPath: blobs + "/" + digest) { try FileManager.default.copyItem(atPath: path, toPath: blobs + "/" + digest) }
            return (digest, (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
        let stored = try layers.map(store)
        let configPath = directory + "/config.json"
        try #"{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/bin"],"Cmd":["sh"]}}"#.write(toFile: configPath, atomically: false, encoding: .utf8)
        let config = try store(configPath)
        let layerJSON = stored.map { #"{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:\#($0.0)","size":\#($0.1)}"# }
        let manifestPath = directory + "/manifest.json"
        try #"{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:\#(config.0)","size":\#(config.1)},"layers":[\#(layerJSON.joined(separator: ","))]}"#
            .write(toFile: manifestPath, atomically: false, encoding: .utf8)
        let manifest = try store(manifestPath)
        try #"{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:\#(manifest.0)","size":\#(manifest.1)}]}"#
            .write(toFile: directory + "/index.json", atomically: false, encoding: .utf8)
    }
}
