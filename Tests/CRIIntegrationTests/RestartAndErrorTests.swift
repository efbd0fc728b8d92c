import CRI
import Foundation
import Glibc
import GRPCCore
import Testing

@Suite("CRI daemon: restart survival and error codes (root)", .enabled(if: Privileged.isRoot, Comment(rawValue: Privileged.skipMessage)), .serialized)
struct RestartAndErrorTests {
    @Test func containersOutliveAKilledDaemonAndAreReadopted() async throws {
        let daemon = try await RuntimeDaemonProcess()
        var client = try daemon.client()
        var pods = PodHelper(client: client)
        let sandboxConfig = pods.sandboxConfig("survivor", logDirectory: daemon.root + "/pods/survivor")
        let pod = try await pods.runPod(sandboxConfig)
        let longRunning = try await pods.run(pod, pods.containerConfig("long", "while true; do echo alive; sleep 0.1; done"),
                                             sandbox: sandboxConfig)
        let shortLived = try await pods.run(pod, pods.containerConfig("short", "sleep 1.5; echo bye; exit 42"),
                                            sandbox: sandboxConfig)
        let pid = try #require(try await pods.pidOf(longRunning))
        await client.close()

        daemon.kill()
        try await Task.sleep(for: .seconds(3))
        #expect(Glibc.kill(pid, 0) == 0, "container pid \(pid) died with the daemon")

        try await daemon.start()
        client = try daemon.client()
        pods = PodHelper(client: client)
        let survivor = try await pods.status(longRunning).status
        #expect(survivor.state == .containerRunning)
        #expect(try await pods.pidOf(longRunning) == pid)
        let exited = try await pods.status(shortLived).status
        #expect(exited.state == .containerExited)
        #expect(exited.exitCode == 42)
        #expect(exited.finishedAt > exited.startedAt)
        let shortLog = try String(contentsOfFile: exited.logPath, encoding: .utf8)
        #expect(shortLog.hasSuffix(" stdout F bye\n"), "\(shortLog)")

        var podStatus = Runtime_V1_PodSandboxStatusRequest()
        podStatus.podSandboxID = pod
        #expect(try await client.runtime.podSandboxStatus(podStatus).status.state == .sandboxReady)
        // The re-adopted container still works: exec into it, the log keeps growing, stop reports the kill.
        let hostname = try await pods.exec(longRunning, ["hostname"])
        #expect(String(decoding: hostname.stdout, as: UTF8.self) == "survivor\n")
        let before = try String(contentsOfFile: survivor.logPath, encoding: .utf8).count
        try await Task.sleep(for: .milliseconds(300))
        #expect(try String(contentsOfFile: survivor.logPath, encoding: .utf8).count > before)
        try await pods.stop(longRunning, timeout: 0)
        let stopped = try await pods.status(longRunning).status
        #expect(stopped.state == .containerExited)
        #expect(stopped.exitCode == 137)
        await client.close()
        await daemon.finish()
    }

    @Test func badRequestsGetGRPCStatusCodesAndLeaveNothingBehind() async throws {
        let daemon = try await RuntimeDaemonProcess()
        let client = try daemon.client()
        let pods = PodHelper(client: client)

        let unknown = String(repeating: "f", count: 64)
        let notFound = await rpcCode { _ = try await pods.status(unknown) }
        #expect(notFound?.0 == .notFound)
        #expect(notFound?.1.contains(unknown) == true, "\(String(describing: notFound))")
        #expect(await rpcCode { try await pods.start(unknown) }?.0 == .notFound)
        #expect(await rpcCode { try await pods.stop(unknown, timeout: 0) }?.0 == .notFound)
        var podStatus = Runtime_V1_PodSandboxStatusRequest()
        podStatus.podSandboxID = unknown
        #expect(await rpcCode { _ = try await client.runtime.podSandboxStatus(podStatus) }?.0 == .notFound)

        var badSandbox = pods.sandboxConfig("bad")
        badSandbox.metadata.uid = ""
        let invalidSandbox = await rpcCode { _ = try await pods.runPod(badSandbox) }
        #expect(invalidSandbox?.0 == .invalidArgument, "\(String(describing: invalidSandbox))")

        let sandboxConfig = pods.sandboxConfig("errors")
        let pod = try await pods.runPod(sandboxConfig)
        let inMissingPod = await rpcCode { _ = try await pods.create(unknown, pods.containerConfig("c", "true"), sandbox: sandboxConfig) }
        #expect(inMissingPod?.0 == .notFound)
        #expect(inMissingPod?.1.contains(unknown) == true)

        var noName = pods.containerConfig("", "true")
        noName.metadata.name = ""
        #expect(await rpcCode { _ = try await pods.create(pod, noName, sandbox: sandboxConfig) }?.0 == .invalidArgument)

        var badMount = pods.containerConfig("mounts", "true")
        var mount = Runtime_V1_Mount()
        mount.hostPath = daemon.root + "/does-not-exist"
        mount.containerPath = "/data"
        badMount.mounts = [mount]
        let missingMount = await rpcCode { _ = try await pods.create(pod, badMount, sandbox: sandboxConfig) }
        #expect(missingMount?.0 == .invalidArgument)
        #expect(missingMount?.1.contains("does-not-exist") == true)

        var noImage = pods.containerConfig("image", "true")
        noImage.image.image = "registry.invalid/nothing:1"
        let missingImage = await rpcCode { _ = try await pods.create(pod, noImage, sandbox: sandboxConfig) }
        #expect(missingImage?.0 == .notFound)
        #expect(missingImage?.1.contains("registry.invalid/nothing:1") == true)
        var pull = Runtime_V1_PullImageRequest()
        // A registry that is not there (loopback, nothing listening): the pull fails naming the image.
        pull.image.image = "127.0.0.1:9/nothing:1"
        let unreachable = await rpcCode { _ = try await client.images.pullImage(pull) }
        #expect(unreachable != nil && unreachable?.1.contains("127.0.0.1:9/nothing:1") == true, "\(String(describing: unreachable))")
        pull.image.image = RuntimeDaemonProcess.image
        let imageRef = try await client.images.pullImage(pull).imageRef
        #expect(imageRef.hasPrefix("sha256:"))

        var badUser = pods.containerConfig("user", "true")
        badUser.linux.securityContext.runAsUsername = "nobody"
        #expect(await rpcCode { _ = try await pods.create(pod, badUser, sandbox: sandboxConfig) }?.0 == .invalidArgument)

        // Nothing half-created: no containers listed, no container directories on disk.
        #expect(try await client.runtime.listContainers(Runtime_V1_ListContainersRequest()).containers.isEmpty)
        let directories = (try? FileManager.default.contentsOfDirectory(atPath: daemon.root + "/lib/containers")) ?? []
        #expect(directories.isEmpty, "\(directories)")

        let id = try await pods.run(pod, pods.containerConfig("once", "exec sleep 1000"), sandbox: sandboxConfig)
        let twice = await rpcCode { try await pods.start(id) }
        #expect(twice?.0 == .failedPrecondition)
        let sameName = await rpcCode { _ = try await pods.create(pod, pods.containerConfig("once", "true"), sandbox: sandboxConfig) }
        #expect(sameName?.0 == .alreadyExists)
        var removeImage = Runtime_V1_RemoveImageRequest()
        removeImage.image.image = imageRef
        #expect(await rpcCode { _ = try await client.images.removeImage(removeImage) }?.0 == .failedPrecondition)

        var stop = Runtime_V1_StopPodSandboxRequest()
        stop.podSandboxID = pod
        _ = try await client.runtime.stopPodSandbox(stop)
        let inStoppedPod = await rpcCode { _ = try await pods.create(pod, pods.containerConfig("late", "true"), sandbox: sandboxConfig) }
        #expect(inStoppedPod?.0 == .failedPrecondition)
        var remove = Runtime_V1_RemoveContainerRequest()
        remove.containerID = unknown
        _ = try await client.runtime.removeContainer(remove)  // idempotent
        await client.close()
        await daemon.finish()
    }

    @Test func versionStatusAndImages() async throws {
        let daemon = try await RuntimeDaemonProcess()
        let client = try daemon.client()
        let version = try await client.runtime.version(Runtime_V1_VersionRequest())
        #expect(version.runtimeName == "kubeswift")
        #expect(version.runtimeApiVersion == "v1")
        let status = try await client.runtime.status(Runtime_V1_StatusRequest())
        #expect(status.status.conditions.map(\.type) == ["RuntimeReady", "NetworkReady"])
        #expect(status.status.conditions[0].status, "RuntimeReady")
        // The test daemon has no CNI network config: NetworkReady is false, saying why.
        #expect(!status.status.conditions[1].status && status.status.conditions[1].reason == "NetworkPluginNotReady")
        var imageStatus = Runtime_V1_ImageStatusRequest()
        imageStatus.image.image = RuntimeDaemonProcess.image
        let image = try await client.images.imageStatus(imageStatus)
        #expect(image.hasImage && image.image.id.hasPrefix("sha256:") && image.image.size > 0)
        imageStatus.image.image = "absent:1"
        #expect(try await client.images.imageStatus(imageStatus).hasImage == false)
        let fs = try await client.images.imageFsInfo(Runtime_V1_ImageFsInfoRequest())
        #expect(fs.imageFilesystems.first?.fsID.mountpoint == daemon.root + "/lib")
        await client.close()
        await daemon.finish()
    }
}
