import CNI
import ContainerRuntime
import KubeswiftCLI

// The container-init helper forks and calls setns/unshare, which needs a single-threaded
// process: dispatch to it before anything can start a thread (before the first await).
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == ContainerInit.command {
    ContainerInit.main(CommandLine.arguments)
}
// CNI plugins (invoked as kubeswift-bridge, kubeswift-host-local, kubeswift-loopback, or
// `kubeswift cni <plugin>`) are short synchronous processes: run them before any await too.
BuiltinPlugin.runIfRequested(CommandLine.arguments)
await KubeswiftMain.run()
