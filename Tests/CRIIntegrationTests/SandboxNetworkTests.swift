import CRI
import Foundation
import Glibc
import GRPCCore
import Testing

/// CNI inside RunPodSandbox, as containerd does it: the daemon runs in a network namespace of
/// its own (the bridge and veths are made there, never in the host's), with the project's
/// bridge + host-local plugins installed under the reference names' `kubeswift-` forms.
@Suite("CRI daemon: pod networking through CNI (root)", .enabled(if: Privileged.isRoot, Comment(rawValue: Privileged.skipMessage)), .serialized)
struct SandboxNetworkTests {
    /// `ip -o -4 addr show` inside a pinned network namespace.
    func addresses(in netns: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/nsenter")
        process.arguments = ["--net=" + netns, "/usr/sbin/ip", "-o", "-4", "addr", "show"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }

    @Test func sandboxGetsAnIPFromTheBridgeNetworkAndLosesItOnStop() async throws {
        let setup = "/tmp/ks-cni-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: setup) }
        let confDir = setup + "/net.d", binDir = setup + "/bin"
        for directory in [confDir, binDir] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        for plugin in ["kubeswift-bridge", "kubeswift-host-local", "kubeswift-loopback"] {
            try FileManager.default.createSymbolicLink(atPath: binDir + "/" + plugin, withDestinationPath: RuntimeDaemonProcess.binary)
        }
        try """
            {"cniVersion": "1.0.0", "name": "ks-test", "plugins": [
              {"type": "kubeswift-bridge", "bridge": "ks-test0", "isGateway": true, "ipMasq": false,
               "ipam": {"type": "kubeswift-host-local", "ranges": [[{"subnet": "10.244.7.0/24"}]], "dataDir": "\(setup)/ipam"}}
            ]}
            """.write(toFile: confDir + "/10-ks-test.conflist", atomically: true, encoding: .utf8)

        let daemon = try await RuntimeDaemonProcess(extraArguments: ["--cni-conf-dir", confDir, "--cni-bin-dir", binDir],
                                              ownNetworkNamespace: true)
        defer { daemon.kill() }
        let client = try daemon.client()
        let status = try await client.runtime.status(Runtime_V1_StatusRequest())
        #expect(status.status.conditions.first { $0.type == "NetworkReady" }?.status == true)

        let pods = PodHelper(client: client)
        let pod = try await pods.runPod(pods.sandboxConfig("networked"))
        var statusRequest = Runtime_V1_PodSandboxStatusRequest()
        statusRequest.podSandboxID = pod
        let podStatus = try await client.runtime.podSandboxStatus(statusRequest)
        let ip = podStatus.status.network.ip
        #expect(ip.hasPrefix("10.244.7.") && ip != "10.244.7.1", "pod IP from the range, not the gateway: \(ip)")
        let netns = try #require(podStatus.networkNamespacePath)
        let inside = try addresses(in: netns)
        #expect(inside.contains("eth0") && inside.contains("inet \(ip)/24"), "eth0 in the pod's netns has the IP: \(inside)")
        #expect(FileManager.default.fileExists(atPath: setup + "/ipam/ks-test/" + ip), "host-local recorded the lease")

        // A second pod gets a different address on the same bridge.
        let other = try await pods.runPod(pods.sandboxConfig("neighbour"))
        statusRequest.podSandboxID = other
        let otherIP = try await client.runtime.podSandboxStatus(statusRequest).status.network.ip
        #expect(otherIP.hasPrefix("10.244.7.") && otherIP != ip)

        var stop = Runtime_V1_StopPodSandboxRequest()
        stop.podSandboxID = pod
        _ = try await client.runtime.stopPodSandbox(stop)
        #expect(!(try addresses(in: netns)).contains(ip), "CNI DEL removed the pod's address")
        #expect(!FileManager.default.fileExists(atPath: setup + "/ipam/ks-test/" + ip), "the lease is released")
        _ = try await client.runtime.stopPodSandbox(stop)  // idempotent

        // hostNetwork pods skip CNI.
        let host = try await pods.runPod(pods.sandboxConfig("host", hostNetwork: true))
        statusRequest.podSandboxID = host
        #expect(try await client.runtime.podSandboxStatus(statusRequest).status.network.ip == "")

        await client.close()
        await daemon.finish()
        #expect(!FileManager.default.fileExists(atPath: setup + "/ipam/ks-test/" + otherIP), "RemovePodSandbox released the other lease")
    }
}
