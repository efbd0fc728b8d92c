import ArgumentParser
import CRICtl
import Foundation
import Kubectl

/// Entry point: dispatches on `argv[0]` first (so `kubectl`, `kube-apiserver`, … can be
/// symlinks to this binary, k3s/busybox style), then on the subcommand.
public enum KubeswiftMain {
    /// Names under which the binary may be invoked, mapped to the subcommand they stand for.
    static let aliases: [String: String] = [
        "kubectl": "kubectl",
        "kube-apiserver": "apiserver",
        "kube-proxy": "proxy",
        "kube-controller-manager": "controller-manager",
        "kube-scheduler": "scheduler",
        "kubelet": "kubelet",
        "crictl": "crictl",
    ]

    public static func run() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let invokedAs = URL(fileURLWithPath: CommandLine.arguments.first ?? "kubeswift").lastPathComponent
        if let subcommand = aliases[invokedAs] {
            arguments.insert(subcommand, at: 0)
        }
        // The bundled kubectl parses its own command line, so global flags may precede the verb.
        if arguments.first == "kubectl" {
            exit(await Kubectl.run(Array(arguments.dropFirst())))
        }
        if arguments.first == "crictl" {
            exit(await CRICtl.run(Array(arguments.dropFirst())))
        }
        await Kubeswift.main(arguments)
    }
}

struct Kubeswift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubeswift",
        abstract: "A small Kubernetes, written in Swift.",
        subcommands: [
            APIServerCommand.self, ControllerManagerCommand.self, SchedulerCommand.self, KubectlCommand.self, RuntimeCommand.self,
            CNICommand.self, ImagesCommand.self, ProxyCommand.self, DNSCommand.self, KubeletCommand.self, UpCommand.self,
            CRICtlCommand.self,
        ]
    )
}
