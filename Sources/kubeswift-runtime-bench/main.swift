// Benchmark driver for Scripts/bench-runtime.sh: create + start + wait + delete of one
// container, N times, printing one duration in milliseconds per line.
//   kubeswift-runtime-bench --image DIR --root DIR --helper PATH [--helper-argument ARG] [--runs N] [--command ARG…]
// (`--helper "$(which kubeswift)" --helper-argument __container-init` measures the real binary.)
import ContainerRuntime
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
guard let image = options["--image"], let root = options["--root"], let helper = options["--helper"] else {
    FileHandle.standardError.write(Data("usage: kubeswift-runtime-bench --image DIR --root DIR --helper PATH [--runs N] [--command ARG…]\n".utf8))
    exit(2)
}
let runs = Int(options["--runs"] ?? "50") ?? 50
let configuration = RuntimeConfiguration(rootDirectory: root + "/lib", runDirectory: root + "/run", helperPath: helper,
                                         helperArguments: options["--helper-argument"].map { [$0] } ?? [], cgroupBase: "kubeswift/bench-\(getpid())")
let spec = ContainerSpec(name: "bench", image: image, command: command)

let clock = ContinuousClock()
let phases = ProcessInfo.processInfo.environment["KUBESWIFT_BENCH_PHASES"] != nil
var failures = 0
for run in 0...runs {
    let start = clock.now
    do {
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
    let elapsed = clock.now - start
    // Run 0 unpacks the image layer: a warm-up, not reported.
    if run > 0 {
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        print(String(format: "%.3f", ms))
    }
}
if let mount = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8),
   let line = mount.split(separator: "\n").first(where: { $0.contains(" - cgroup2 ") }) {
    let base = String(line.split(separator: " ")[4]) + "/" + configuration.cgroupBase
    for path in ["/kubepods/besteffort", "/kubepods", ""] { rmdir(base + path) }
}
try? FileManager.default.removeItem(atPath: root)
exit(failures == 0 ? 0 : 1)
