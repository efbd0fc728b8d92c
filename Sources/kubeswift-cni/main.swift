// The CNI plugins as their own small executable (tests, benchmarks); the kubeswift binary
// dispatches the same way. Installed as kubeswift-bridge, kubeswift-host-local, kubeswift-loopback.
import CNI
import Foundation

BuiltinPlugin.runIfRequested(CommandLine.arguments)
FileHandle.standardError.write(Data("usage: link this binary as \(BuiltinPlugin.allCases.map(\.binaryName).joined(separator: ", ")) (or run `kubeswift-cni cni <plugin>`)\n".utf8))
exit(2)
