// The container-init helper as its own small executable: synchronous, so it is
// single-threaded (setns/unshare/fork need that). `kubeswift __container-init` is the same.
import ContainerRuntime

ContainerInit.main(CommandLine.arguments)
