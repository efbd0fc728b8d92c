import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// `kubectl attach (POD | TYPE/NAME) -c CONTAINER [-i] [-t]`, as upstream's kubectl/pkg/cmd/attach:
/// the running container's streams over `pods/attach`.
struct Attach: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attach", abstract: "Attach to a running container.")

    @OptionGroup var global: GlobalOptions
    @Option(name: [.customShort("c"), .long]) var container: String?
    @Flag(name: [.customShort("i"), .long]) var stdin = false
    @Flag(name: [.customShort("t"), .long]) var tty = false
    @Flag(name: [.customShort("q"), .long]) var quiet = false
    @Option(name: .customLong("pod-running-timeout")) var podRunningTimeout = "1m0s"
    @Argument var target: [String] = []

    func run() async throws {
        let argument: String
        switch target.count {
        case 1: argument = target[0]
        case 2: argument = "\(target[0])/\(target[1])"
        default:
            throw KubectlError("expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw \(target.count): \(target)\nSee 'kubectl attach -h' for help and examples")
        }
        let session = try global.session()
        let pod = try await session.podForObject(argument, timeout: GlobalOptions.parseDuration(podRunningTimeout) ?? .seconds(60))
        let phase = pod[path: ["status", "phase"]]?.stringValue ?? ""
        if phase == "Succeeded" || phase == "Failed" {
            throw KubectlError("cannot attach a container in a completed pod; current phase is \(phase)")
        }
        let names = ContainerNames(pod: pod)
        let containerName: String
        if let container {
            guard names.all.contains(container) else { throw KubectlError("container not found (\(container))") }
            containerName = container
        } else {
            containerName = try names.defaulted(podName: pod.name, quiet: quiet)
        }
        let streams = StreamSetup(stdin: stdin, tty: tty, quiet: quiet)
        if streams.stdin && streams.tty && !quiet {
            Terminal.current.err("If you don't see a command prompt, try pressing enter.\n")
        }
        var query: [(String, String)] = [("container", containerName)]
        if !streams.tty { query.append(("stderr", "true")) }
        if streams.stdin { query.append(("stdin", "true")) }
        query.append(("stdout", "true"))
        if streams.tty { query.append(("tty", "true")) }
        let path = ResourcePath(resource: "pods", namespace: pod.namespace, name: pod.name, subresource: "attach").urlPath
        try await RemoteSession(session: session, path: path, query: query, streams: streams).run()
    }
}
