// Benchmark driver for Scripts/bench-runtime.sh and Scripts/bench-cri.sh.
//   kubeswift-runtime-bench --image DIR --root DIR --helper PATH [--helper-argument ARG] [--runs N] [--command ARG…]
//     create + start + wait + delete of one container, N times: one duration (ms) per line.
//   kubeswift-runtime-bench --mode pod --image DIR --root DIR --helper PATH [--helper-argument ARG] [--runs N]
//     the runtime core doing what the CRI calls do: pod sandbox + container (CRI log, state on
//     disk) until running, then kill, delete, remove the sandbox: "UP_MS DOWN_MS" per line.
//   kubeswift-runtime-bench --mode cri --endpoint unix:///PATH --image DIR [--runs N]
//     RunPodSandbox + CreateContainer + StartContainer, then StopContainer(0) + RemoveContainer
//     + StopPodSandbox + RemovePodSandbox against a running `kubeswift runtime`: "UP_MS DOWN_MS".
// (`--helper "$(which kubeswift)" --helper-argument __container-init` measures the real binary.)
import ContainerRuntime
import CRI
import Foundation

var options: [String: String] = [:]
var command = ["/bin/true"]
var arguments = Array(CommandLine.arguments.dropFirst())
while let flag = arguments.first {
    arguments.removeFirst()
    if flag == "--command" {
        command = arguments
        break
    }
    guard let value = arguments.first else { fatalError("missing value for \(flag)") }
    arguments.removeFirst()
    options[flag] = value
}
let runs = Int(options["--runs"] ?? "50") ?? 50
let mode = options["--mode"] ?? "container"
let clock = ContinuousClock()

func milliseconds(_ duration: Duration) -> String {
    String(format: "%.3f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

if mode == "cri" {
    guard let endpointText = options["--endpoint"], let image = options["--image"] else {
        fail("usage: kubeswift-runtime-bench --mode cri --endpoint unix:///PATH --image DIR [--runs N]")
    }
    let client = try CRIClient(endpoint: try CRIEndpoint(parsing: endpointText))
    var failures = 0
    for run in 0...runs {
        do {
            let start = clock.now
            var sandbox = Runtime_V1_RunPodSandboxRequest()
            sandbox.config.metadata.name = "bench-\(run)"
            sandbox.config.metadata.namespace = "bench"
            sandbox.config.metadata.uid = UUID().uuidString.lowercased()
            sandbox.config.linux.securityContext.namespaceOptions.pid = .container
            let pod = try await client.runtime.runPodSandbox(sandbox).podSandboxID
            var create = Runtime_V1_CreateContainerRequest()
            create.podSandboxID = pod
            create.config.metadata.name = "bench"
            create.config.image.image = image
            create.config.command = ["sleep", "1000"]
            create.config.linux.securityContext.seccomp.profileType = .runtimeDefault
            create.sandboxConfig = sandbox.config
            let id = try await client.runtime.createContainer(create).containerID
            var startRequest = Runtime_V1_StartContainerRequest()
            startRequest.containerID = id
            _ = try await client.runtime.startContainer(startRequest)
            let up = clock.now
            var stop = Runtime_V1_StopContainerRequest()
            stop.containerID = id
            _ = try await client.runtime.stopContainer(stop)
            var remove = Runtime_V1_RemoveContainerRequest()
            remove.containerID = id
            _ = try await client.runtime.removeContainer(remove)
            var stopPod = Runtime_V1_StopPodSandboxRequest()
            stopPod.podSandboxID = pod
            _ = try await client.runtime.stopPodSandbox(stopPod)
            var removePod = Runtime_V1_RemovePodSandboxRequest()
            removePod.podSandboxID = pod
            _ = try await client.runtime.removePodSandbox(removePod)
            if run > 0 { print(milliseconds(up - start), milliseconds(clock.now - up)) }
        } catch {
            FileHandle.standardError.write(Data("run \(run): \(error)\n".utf8))
            failures += 1
        }
    }
    await client.close()
    exit(failures == 0 ? 0 : 1)
}

guard let image = options["--image"], let root = options["--root"], let helper = options["--helper"] else {
    fail("usage: kubeswift-runtime-bench [--mode container|pod] --image DIR --root DIR --helper PATH [--runs N] [--command ARG…]")
}
let configuration = RuntimeConfiguration(rootDirectory: root + "/lib", runDirectory: root + "/run", helperPath: helper,
                                         helperArguments: options["--helper-argument"].map { [$0] } ?? [], cgroupBase: "kubeswift/bench-\(getpid())")
let phases = ProcessInfo.processInfo.environment["KUBESWIFT_BENCH_PHASES"] != nil
var failures = 0
for run in 0...runs {
    let start = clock.now
    do {
        if mode == "pod" {
            // What CRIRuntime does for RunPodSandbox + CreateContainer + StartContainer, minus gRPC and records.
            let sandbox = try await PodSandbox.create(id: "bench-pod-\(run)", uid: UUID().uuidString.lowercased(), hostname: "bench",
                                                      configuration: configuration)
            var spec = ContainerSpec(name: "bench", image: image, command: ["sleep", "1000"])
            spec.security.seccomp = .runtimeDefault
            let container = try await Container.create(id: "bench-\(run)", spec: spec, sandbox: sandbox, configuration: configuration,
                                                       output: .criLog(configuration.containerDirectory("bench-\(run)") + "/container.log"),
                                                       stateOnDisk: true)
            try await container.start()
            let up = clock.now
            if let pid = await container.pid { await container.killAll(pid: pid) }
            _ = try await container.wait()
            try await container.delete()
            sandbox.remove()
            if run > 0 { print(milliseconds(up - start), milliseconds(clock.now - up)) }
            continue
        }
        let spec = ContainerSpec(name: "bench", image: image, command: command)
        let container = try await Container.create(id: "bench-\(run)", spec: spec, sandbox: nil, configuration: configuration)
        let created = clock.now
        try await container.start()
        let started = clock.now
        let exit = try await container.wait()
        let exited = clock.now
        try await container.delete()
        if phases {
            FileHandle.standardError.write(Data("create \(created - start) start \(started - created) wait \(exited - started) delete \(clock.now - exited)\n".utf8))
        }
        if exit.exitCode != 0 { failures += 1 }
    } catch {
        FileHandle.standardError.write(Data("run \(run): \(error)\n".utf8))
        failures += 1
    }
    // Run 0 unpacks the image layer: a warm-up, not reported.
    if run > 0 && mode != "pod" { print(milliseconds(clock.now - start)) }
}
if let mount = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8),
   let line = mount.split(separator: "\n").first(where: { $0.contains(" - cgroup2 ") }) {
    let base = String(line.split(separator: " ")[4]) + "/" + configuration.cgroupBase
    for path in ["/kubepods/besteffort", "/kubepods", ""] { rmdir(base + path) }
}
try? FileManager.default.removeItem(atPath: root)
exit(failures == 0 ? 0 : 1)
