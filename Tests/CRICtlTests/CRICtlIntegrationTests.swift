import Foundation
import Testing

/// The built `kubeswift crictl` against a real `kubeswift runtime` daemon: a pod's whole life
/// through crictl's verbs, checking what each prints and how it exits.
@Suite("kubeswift crictl against the runtime daemon (root)", .enabled(if: Privileged.isRoot, Comment(rawValue: Privileged.skipMessage)),
       .serialized, .timeLimit(.minutes(5)))
struct CRICtlIntegrationTests {
    func json(_ result: CommandResult) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(result)")
    }

    func writeConfigs(_ daemon: CRICtlRuntimeDaemon) throws -> (pod: String, container: String, counter: String) {
        let pod = daemon.root + "/pod.json"
        try """
            {"metadata":{"name":"crictl-demo","namespace":"default","uid":"crictl-demo-uid"},
             "log_directory":"\(daemon.root)/pods/crictl-demo","hostname":"crictl-demo","labels":{"app":"demo"},
             "linux":{"security_context":{"namespace_options":{"pid":"CONTAINER"}}}}
            """.write(toFile: pod, atomically: true, encoding: .utf8)
        let container = daemon.root + "/container.yaml"
        try """
            metadata:
              name: web
            image:
              image: busybox
            command: [sh, -c, "echo hello; echo oops >&2; exec sleep 300"]
            log_path: web/0.log
            labels:
              io.kubernetes.pod.name: crictl-demo
              io.kubernetes.pod.namespace: default
            """.write(toFile: container, atomically: true, encoding: .utf8)
        let counter = daemon.root + "/counter.yaml"
        try """
            metadata:
              name: counter
            image:
              image: docker.io/library/busybox:latest
            command: [sh, -c, "for i in 1 2 3; do echo line$i; sleep 0.3; done; exit 2"]
            log_path: counter/0.log
            """.write(toFile: counter, atomically: true, encoding: .utf8)
        return (pod, container, counter)
    }

    @Test func podLifecycleThroughCrictl() async throws {
        let daemon = try await CRICtlRuntimeDaemon()
        do { try await drivePodLifecycle(daemon) } catch { await daemon.finish(); throw error }
        await daemon.finish()
    }

    private func drivePodLifecycle(_ daemon: CRICtlRuntimeDaemon) async throws {
        let configs = try writeConfigs(daemon)

        let version = await daemon.crictl("version")
        #expect(version.stdout == "Version:  0.1.0\nRuntimeName:  kubeswift\nRuntimeVersion:  0.1.0\nRuntimeApiVersion:  v1\n", "\(version)")
        let info = try json(await daemon.crictl("info"))
        #expect((info["status"] as? [String: Any])?["conditions"] != nil, "\(info)")

        let images = await daemon.crictl("images")
        #expect(images.lines.first?.hasPrefix("IMAGE") == true)
        #expect(images.lines.dropFirst().contains { $0.hasPrefix("docker.io/library/busybox   latest") }, "\(images)")
        let imageID = await daemon.crictl("images", "-q").stdout
        #expect(imageID.hasPrefix("sha256:") && imageID.count == 72, "\(imageID)")

        let run = await daemon.crictl("runp", configs.pod)
        let pod = run.stdout.trimmingCharacters(in: .newlines)
        #expect(run.status == 0 && pod.count == 64, "\(run)\n\(daemon.daemonLog())")
        let create = await daemon.crictl("create", pod, configs.container, configs.pod)
        let container = create.stdout.trimmingCharacters(in: .newlines)
        #expect(create.status == 0 && container.count == 64, "\(create)")
        #expect(await daemon.crictl("ps", "-q").stdout == "", "created is not running")
        #expect(await daemon.crictl("ps", "-a", "--state", "created", "-q").stdout == container + "\n")
        #expect(await daemon.crictl("start", container).stdout == container + "\n")

        let ps = await daemon.crictl("ps")
        #expect(ps.lines.count == 2, "\(ps)")
        #expect(ps.lines[0].hasPrefix("CONTAINER           IMAGE               CREATED"))
        let row = ps.lines[1].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(row.first == String(container.prefix(13)) && row.contains("Running") && row.contains("web"), "\(ps)")
        #expect(row.contains(String(pod.prefix(13))) && row.suffix(2) == ["crictl-demo", "default"], "\(ps)")
        #expect(ps.stdout.contains(" ago "), "CREATED reads as crictl's 'N seconds ago': \(ps)")
        #expect(await daemon.crictl("ps", "--name", "^we", "-q").stdout == container + "\n")
        #expect(await daemon.crictl("ps", "--name", "nomatch", "-q").stdout == "")
        #expect(await daemon.crictl("ps", "--pod", pod, "--label", "io.kubernetes.pod.name=crictl-demo", "-q").stdout == container + "\n")
        let listed = try json(await daemon.crictl("ps", "-o", "json"))
        #expect((listed["containers"] as? [[String: Any]])?.first?["state"] as? String == "CONTAINER_RUNNING", "\(listed)")
        #expect(await daemon.crictl("ps", "-o", "yaml").stdout.contains("state: CONTAINER_RUNNING"))

        let pods = await daemon.crictl("pods")
        #expect(pods.lines.first == "POD ID              CREATED             STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME"
                || pods.lines.first?.hasPrefix("POD ID              CREATED") == true, "\(pods)")
        #expect(pods.lines.count == 2 && pods.lines[1].contains("Ready") && pods.lines[1].contains("crictl-demo"), "\(pods)")
        #expect(await daemon.crictl("pods", "-q", "--namespace", "^default$", "--state", "ready").stdout == pod + "\n")
        #expect(await daemon.crictl("pods", "-q", "--label", "app=other").stdout == "")
        #expect(await daemon.crictl("pods", "--no-trunc").stdout.contains(pod))

        // exec -s: the command's own output and exit code.
        let sync = await daemon.crictl("exec", "-s", container, "sh", "-c", "echo out; echo err >&2; exit 3")
        #expect(sync.status == 3 && sync.stdout == "out\n" && sync.stderr == "err\n", "\(sync)")
        #expect(await daemon.crictl("exec", "-s", container, "hostname").stdout == "crictl-demo\n")
        // exec over the streaming URL, with stdin.
        let streamed = await daemon.crictl("exec", container, "sh", "-c", "echo streamed; exit 4")
        #expect(streamed.status == 4 && streamed.stdout == "streamed\n", "\(streamed)")
        let piped = await daemon.crictl("exec", "-i", container, "wc", "-c", input: "12345")
        #expect(piped.status == 0 && piped.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "5", "\(piped)")

        var logs = CommandResult(status: -1, stdout: "", stderr: "")
        for _ in 0..<50 {
            logs = await daemon.crictl("logs", container)
            if logs.stderr == "oops\n" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(logs.status == 0 && logs.stdout == "hello\n" && logs.stderr == "oops\n", "\(logs)")
        let tailed = await daemon.crictl("logs", "--tail", "1", "--timestamps", container)
        #expect(tailed.stdout.isEmpty && tailed.stderr.hasSuffix("Z oops\n") && tailed.stderr.hasPrefix("20"), "\(tailed)")

        // A container that writes for a while and exits: logs -f returns once it has exited, with everything.
        let counter = await daemon.crictl("create", pod, configs.counter, configs.pod).stdout.trimmingCharacters(in: .newlines)
        #expect(await daemon.crictl("start", counter).status == 0)
        let followed = await daemon.crictl("logs", "-f", counter)
        #expect(followed.status == 0 && followed.stdout == "line1\nline2\nline3\n", "\(followed)")

        let inspect = try json(await daemon.crictl("inspect", counter))
        let counterStatus = try #require(inspect["status"] as? [String: Any], "\(inspect)")
        #expect(counterStatus["state"] as? String == "CONTAINER_EXITED" && counterStatus["exitCode"] as? Int == 2, "\(counterStatus)")
        #expect((counterStatus["finishedAt"] as? String)?.hasPrefix("20") == true)
        let running = try json(await daemon.crictl("inspect", container))
        #expect((running["status"] as? [String: Any])?["state"] as? String == "CONTAINER_RUNNING")
        #expect((running["info"] as? [String: Any])?["pid"] is Int, "verbose info parsed as JSON: \(running)")
        let podStatus = try json(await daemon.crictl("inspectp", pod))
        #expect((podStatus["status"] as? [String: Any])?["state"] as? String == "SANDBOX_READY", "\(podStatus)")
        #expect(await daemon.crictl("inspect", "-o", "table", counter).stdout.contains("Exit Code: 2"))

        let stats = await daemon.crictl("stats", "-a")
        #expect(stats.lines.first?.hasPrefix("CONTAINER           NAME                CPU %") == true, "\(stats)")
        #expect(stats.lines.contains { $0.hasPrefix(String(container.prefix(13))) }, "\(stats)")

        // rm refuses a running container; stop then rm; the exited one goes too.
        let refused = await daemon.crictl("rm", container)
        #expect(refused.status == 1 && refused.stderr.hasPrefix("error: ") && refused.stderr.contains("please stop it first"), "\(refused)")
        #expect(await daemon.crictl("stop", "-t", "1", container).stdout == container + "\n")
        #expect(await daemon.crictl("ps", "-a", "--state", "exited", "-q").lines.sorted() == [container, counter].sorted())
        #expect(await daemon.crictl("rm", container, counter).stdout == container + "\n" + counter + "\n")
        #expect(await daemon.crictl("ps", "-a", "-q").stdout == "")
        #expect(!FileManager.default.fileExists(atPath: daemon.root + "/pods/crictl-demo/web/0.log"), "crictl rm removes the log file")

        let missing = await daemon.crictl("inspect", container)
        #expect(missing.status == 1 && missing.stderr.hasPrefix("error: get container status: "), "\(missing)")

        #expect(await daemon.crictl("rmp", pod).status == 1, "a ready pod needs stopp or -f")
        #expect(await daemon.crictl("stopp", pod).stdout == "Stopped sandbox \(pod)\n")
        #expect(await daemon.crictl("pods", "--state", "notready", "-q").stdout == pod + "\n")
        #expect(await daemon.crictl("rmp", pod).stdout == "Removed sandbox \(pod)\n")
        #expect(await daemon.crictl("pods", "-q").stdout == "")

        let removed = await daemon.crictl("rmi", "docker.io/library/busybox:latest")
        #expect(removed.status == 0 && removed.stdout == "Deleted: docker.io/library/busybox:latest\n", "\(removed)")
        #expect(await daemon.crictl("images", "-q").stdout == "")
        #expect(await daemon.crictl("rmi", "busybox").status == 1)
    }

}

/// The built binary's failures that need no runtime (no root).
@Suite("kubeswift crictl failures", .timeLimit(.minutes(5)))
struct CRICtlFailureTests {
    @Test func unreachableRuntimeAndBadFlagsFail() async throws {
        let unreachable = await CRICtlRuntimeDaemon.run(CRICtlRuntimeDaemon.binary, ["crictl", "-r", "unix:///nonexistent/cri.sock", "ps"])
        #expect(unreachable.status == 1 && unreachable.stderr.hasPrefix("error: listing containers: "), "\(unreachable)")
        let flag = await CRICtlRuntimeDaemon.run(CRICtlRuntimeDaemon.binary, ["crictl", "ps", "--bogus"])
        #expect(flag.status != 0 && flag.stderr.contains("--bogus"), "\(flag)")
        let verb = await CRICtlRuntimeDaemon.run(CRICtlRuntimeDaemon.binary, ["crictl", "frobnicate"])
        #expect(verb.status == 1 && verb.stderr.contains("frobnicate"), "\(verb)")
    }
}
