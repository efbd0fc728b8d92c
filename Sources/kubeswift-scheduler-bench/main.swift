// Scheduler throughput in the shape of upstream scheduler_perf "SchedulingBasic":
// NODES nodes (4 cpu, 32Gi, 110 pods), 1000 initial pods, then PODS measured pods
// (100m cpu, 500Mi each); reports pods scheduled-and-bound per second for the measured pods.
//
//   kubeswift-scheduler-bench algorithm NODES PODS     the core alone, in-memory API (Algorithm.swift)
//   kubeswift-scheduler-bench apiserver NODES PODS     end to end, apiserver in-process (APIServerMode.swift)
//   kubeswift-scheduler-bench deployment [REPLICAS [NODES]]   Deployment → pods bound, controller-manager
//                                                      as a child process (DeploymentMode.swift); defaults 1000, 100
//   kubeswift-scheduler-bench codec COUNT              a bound pod's JSON conversions, µs each (CodecMode.swift)
//
// Environment: KUBESWIFT_BIN, the `kubeswift` binary for the controller-manager (default: the one
// next to this binary); KUBESWIFT_BENCH_STORAGE=sqlite|memory (default sqlite, as `kubeswift
// apiserver`); KUBESWIFT_BENCH_CREATE_WIDTH, creates in flight (default 32);
// KUBESWIFT_BENCH_TIMEOUT, seconds any one wait may take (default 300);
// KUBESWIFT_BENCH_CM_CONTROLLERS, the controller-manager's --controllers (default "*");
// KUBESWIFT_BENCH_VERBOSE, set: how long each phase of the apiserver mode took, on stderr.
import Foundation

let usage = """
    usage: kubeswift-scheduler-bench algorithm NODES PODS
           kubeswift-scheduler-bench apiserver NODES PODS
           kubeswift-scheduler-bench deployment [REPLICAS [NODES]]
           kubeswift-scheduler-bench codec COUNT

    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(message == usage ? 2 : 1)
}

let args = CommandLine.arguments
let environment = ProcessInfo.processInfo.environment
let createWidth = environment["KUBESWIFT_BENCH_CREATE_WIDTH"].flatMap(Int.init) ?? 32
let timeout = Duration.seconds(environment["KUBESWIFT_BENCH_TIMEOUT"].flatMap(Int.init) ?? 300)
let numbers = args.dropFirst(2).map { Int($0) }
guard args.count >= 2, numbers.allSatisfy({ ($0 ?? 0) > 0 }) else { fail(usage) }
let counts = numbers.map { $0! }

do {
    switch (args[1], counts.count) {
    case ("algorithm", 2):
        await runAlgorithm(nodes: counts[0], initPods: 1000, measurePods: counts[1])
    case ("apiserver", 2):
        try await runAPIServer(nodes: counts[0], initPods: 1000, measurePods: counts[1], createWidth: createWidth, timeout: timeout)
    case ("codec", 1):
        try runCodec(count: counts[0])
    case ("deployment", 0...2):
        let bin = environment["KUBESWIFT_BIN"]
            ?? URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? args[0])
            .deletingLastPathComponent().appendingPathComponent("kubeswift").path
        try await runDeployment(
            replicas: counts.first ?? 1000, nodes: counts.dropFirst().first ?? 100, kubeswift: bin, createWidth: createWidth, timeout: timeout)
    default:
        fail(usage)
    }
} catch {
    fail("kubeswift-scheduler-bench \(args[1]): \(error)")
}
