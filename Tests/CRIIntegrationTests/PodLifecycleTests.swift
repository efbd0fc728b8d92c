import CRI
import Foundation
import Glibc
import GRPCCore
import Testing

@Suite("CRI daemon: pods, logs, exec, stop (root)", .enabled(if: Privileged.isRoot, Comment(rawValue: Privileged.skipMessage)), .serialized)
struct PodLifecycleTests {
    @Test func twoContainersShareThePodNetwork() async throws {
        let daemon = try await RuntimeDaemonProcess()
        let client = try daemon.client()
        let pods = PodHelper(client: client)
        let sandboxConfig = pods.sandboxConfig("web", logDirectory: daemon.root + "/pods/web")
        let pod = try await pods.runPod(sandboxConfig)

        var statusRequest = Runtime_V1_PodSandboxStatusRequest()
        statusRequest.podSandboxID = pod
        statusRequest.verbose = true
        let podStatus = try await client.runtime.podSandboxStatus(statusRequest)
        #expect(podStatus.status.state == .sandboxReady)
        #expect(podStatus.status.labels == ["app": "web"])
        #expect(podStatus.status.annotations == ["note": "kept as given"])
        let netns = try #require(podStatus.networkNamespacePath)
        #expect(netns.hasPrefix(daemon.root + "/run/"), "\(netns)")
        #expect(FileManager.default.fileExists(atPath: netns))
        #expect(podStatus.info["info"]?.contains("\"netNamespacePath\"") == true)

        let server = try await pods.run(pod, pods.containerConfig("server", """
            mkdir -p /www && echo hello-from-httpd > /www/index.html && exec httpd -f -p 127.0.0.1:8080 -h /www
            """), sandbox: sandboxConfig)
        let fetcher = try await pods.run(pod, pods.containerConfig("fetcher", """
            for i in $(seq 1 100); do wget -q -O - http://127.0.0.1:8080/ && exit 0; sleep 0.1; done; exit 1
            """), sandbox: sandboxConfig)
        let fetched = try await pods.waitExited(fetcher)
        #expect(fetched.state == .containerExited)
        #expect(fetched.exitCode == 0, "fetcher failed; log: \((try? String(contentsOfFile: fetched.logPath, encoding: .utf8)) ?? "")")
        #expect(fetched.reason == "Completed")
        #expect(fetched.logPath == daemon.root + "/pods/web/fetcher/0.log")
        let log = try String(contentsOfFile: fetched.logPath, encoding: .utf8)
        #expect(log.hasSuffix(" stdout F hello-from-httpd\n"), "\(log)")

        // Same pod: same hostname and resolv.conf from the DNS config.
        let resolv = try await pods.exec(server, ["cat", "/etc/resolv.conf", "/etc/hostname"])
        #expect(String(decoding: resolv.stdout, as: UTF8.self)
            == "nameserver 10.96.0.10\nsearch default.svc.cluster.local\noptions ndots:5\nweb\n")

        var list = Runtime_V1_ListContainersRequest()
        list.filter.podSandboxID = pod
        list.filter.state.state = .containerRunning
        #expect(try await client.runtime.listContainers(list).containers.map(\.id) == [server])
        list.filter.state.state = .containerExited
        list.filter.labelSelector = ["container": "fetcher"]
        #expect(try await client.runtime.listContainers(list).containers.map(\.id) == [fetcher])

        var stop = Runtime_V1_StopPodSandboxRequest()
        stop.podSandboxID = pod
        _ = try await client.runtime.stopPodSandbox(stop)
        #expect(try await pods.status(server).status.state == .containerExited)
        #expect(try await client.runtime.podSandboxStatus(statusRequest).status.state == .sandboxNotready)
        var remove = Runtime_V1_RemovePodSandboxRequest()
        remove.podSandboxID = pod
        _ = try await client.runtime.removePodSandbox(remove)
        _ = try await client.runtime.removePodSandbox(remove)  // idempotent
        #expect(!FileManager.default.fileExists(atPath: netns))
        #expect(try await client.runtime.listContainers(Runtime_V1_ListContainersRequest()).containers.isEmpty)
        await client.close()
        await daemon.finish()
    }

    @Test func logsAreWrittenInCRIFormatAndReopened() async throws {
        let daemon = try await RuntimeDaemonProcess()
        let client = try daemon.client()
        let pods = PodHelper(client: client)
        let sandboxConfig = pods.sandboxConfig("logs", logDirectory: daemon.root + "/pods/logs")
        let pod = try await pods.runPod(sandboxConfig)
        let id = try await pods.run(pod, pods.containerConfig("writer", """
            echo out; echo err >&2; head -c 20000 /dev/zero | tr '\\0' a; echo; printf partial
            """), sandbox: sandboxConfig)
        let status = try await pods.waitExited(id)
        #expect(status.exitCode == 0)
        let lines = try String(contentsOfFile: status.logPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let records = lines.dropLast().map { line -> (String, String, String, String) in
            let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            return (parts[0], parts[1], parts[2], parts.count > 3 ? parts[3] : "")
        }
        #expect(lines.last == "", "log must end with a newline")
        // stdout and stderr are separate pipes: each keeps its own order, but how the two
        // interleave depends on which the monitor reads first.
        let summary = records.map { "\($0.1) \($0.2) \($0.3.count > 20 ? "a×\($0.3.count)" : $0.3)" }
        #expect(summary.filter { $0.hasPrefix("stdout") } == [
            "stdout F out", "stdout P a×16384", "stdout F a×3616", "stdout F partial",
        ], "\(records.map { "\($0.1) \($0.2) \($0.3.prefix(20))" })")
        #expect(summary.filter { $0.hasPrefix("stderr") } == ["stderr F err"])
        let timestamp = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$"#)
        for record in records { #expect(record.0.wholeMatch(of: timestamp) != nil, "timestamp \(record.0)") }

        // Rotation: the kubelet renames the log and asks for a reopen.
        let looping = try await pods.run(pod, pods.containerConfig("looping", "while true; do echo tick; sleep 0.05; done"),
                                         sandbox: sandboxConfig)
        let logPath = try await pods.status(looping).status.logPath
        try await Task.sleep(for: .milliseconds(200))
        try FileManager.default.moveItem(atPath: logPath, toPath: logPath + ".1")
        var reopen = Runtime_V1_ReopenContainerLogRequest()
        reopen.containerID = looping
        _ = try await client.runtime.reopenContainerLog(reopen)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try String(contentsOfFile: logPath, encoding: .utf8).contains("stdout F tick"))
        #expect(try String(contentsOfFile: logPath + ".1", encoding: .utf8).contains("stdout F tick"))
        // Not running: reopen is refused.
        reopen.containerID = id
        #expect(await rpcCode { _ = try await client.runtime.reopenContainerLog(reopen) }?.0 == .failedPrecondition)
        await client.close()
        await daemon.finish()
    }

    @Test func execSyncReportsOutputExitCodesAndTimeouts() async throws {
        let daemon = try await RuntimeDaemonProcess()
        let client = try daemon.client()
        let pods = PodHelper(client: client)
        let sandboxConfig = pods.sandboxConfig("exec")
        let pod = try await pods.runPod(sandboxConfig)
        var config = pods.containerConfig("sleeper", "echo started; exec sleep 1000")
        config.envs = [{ var kv = Runtime_V1_KeyValue(); kv.key = "GREETING"; kv.value = "hi"; return kv }()]
        let id = try await pods.run(pod, config, sandbox: sandboxConfig)

        let seven = try await pods.exec(id, ["sh", "-c", "echo $GREETING; echo oops >&2; exit 7"])
        #expect(seven.exitCode == 7)
        #expect(String(decoding: seven.stdout, as: UTF8.self) == "hi\n")
        #expect(String(decoding: seven.stderr, as: UTF8.self) == "oops\n")
        let zero = try await pods.exec(id, ["sh", "-c", "echo pid=$$; ps -o comm | grep -c sleep"])
        #expect(zero.exitCode == 0)
        // In the container's pid namespace: its own processes, not the host's.
        #expect(String(decoding: zero.stdout, as: UTF8.self).hasSuffix("\n1\n"), "\(String(decoding: zero.stdout, as: UTF8.self))")
        let killed = try await pods.exec(id, ["sh", "-c", "kill -9 $$"])
        #expect(killed.exitCode == 137)

        let started = Date()
        let timedOut = await rpcCode { _ = try await pods.exec(id, ["sleep", "30"], timeout: 1) }
        #expect(timedOut?.0 == .deadlineExceeded, "\(String(describing: timedOut))")
        #expect(Date().timeIntervalSince(started) < 5)
        let missing = await rpcCode { _ = try await pods.exec(id, ["no-such-command"]) }
        #expect(missing?.0 == .failedPrecondition, "\(String(describing: missing))")
        #expect(missing?.1.contains("no-such-command") == true)

        // Stats from the container's cgroup.
        var statsRequest = Runtime_V1_ContainerStatsRequest()
        statsRequest.containerID = id
        let stats = try await client.runtime.containerStats(statsRequest).stats
        #expect(stats.attributes.id == id)
        #expect(stats.cpu.usageCoreNanoSeconds.value > 0)
        #expect(stats.cpu.hasUsageNanoCores)
        #expect(stats.memory.workingSetBytes.value > 0)
        let all = try await client.runtime.listContainerStats(Runtime_V1_ListContainerStatsRequest()).stats
        #expect(all.map(\.attributes.id) == [id])
        await client.close()
        await daemon.finish()
    }

    @Test func stopSendsSIGTERMThenSIGKILLAfterTheTimeout() async throws {
        let daemon = try await RuntimeDaemonProcess()
        let client = try daemon.client()
        let pods = PodHelper(client: client)
        let sandboxConfig = pods.sandboxConfig("stop")
        let pod = try await pods.runPod(sandboxConfig)
        let graceful = try await pods.run(pod, pods.containerConfig("graceful", """
            trap 'echo terminating; exit 3' TERM; echo ready; while true; do sleep 0.05; done
            """), sandbox: sandboxConfig)
        // pid 1 without a SIGTERM handler: the kernel drops the signal; only SIGKILL ends it.
        let stubborn = try await pods.run(pod, pods.containerConfig("stubborn", "exec sleep 1000"), sandbox: sandboxConfig)
        try await Task.sleep(for: .milliseconds(300))

        var started = Date()
        try await pods.stop(graceful, timeout: 10)
        #expect(Date().timeIntervalSince(started) < 5)
        let gracefulStatus = try await pods.status(graceful).status
        #expect(gracefulStatus.state == .containerExited)
        #expect(gracefulStatus.exitCode == 3)
        #expect(try String(contentsOfFile: gracefulStatus.logPath, encoding: .utf8).contains("stdout F terminating"))

        started = Date()
        try await pods.stop(stubborn, timeout: 1)
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 1 && elapsed < 5, "\(elapsed)")
        let stubbornStatus = try await pods.status(stubborn).status
        #expect(stubbornStatus.exitCode == 137)
        #expect(stubbornStatus.finishedAt >= stubbornStatus.startedAt && stubbornStatus.startedAt > 0)
        try await pods.stop(stubborn, timeout: 1)  // idempotent
        await client.close()
        await daemon.finish()
    }
}
