// The CNI plugins as their own small executable (tests, benchmarks); the kubeswift binary
// dispatches the same way. Installed as kubeswift-bridge, kubeswift-host-local, kubeswift-loopback.
import CNI
import Glibc

BuiltinPlugin.runIfRequested(CommandLine.arguments)
let usage = "usage: link this binary as \(BuiltinPlugin.allCases.map(\.binaryName).joined(separator: ", ")) (or run `kubeswift-cni cni <plugin>`)\n"
_ = usage.withCString { write(2, $0, strlen($0)) }
exit(2)
