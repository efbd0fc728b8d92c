import ArgumentParser
import Foundation
import KubeClient

/// How a component reaches the apiserver, flags as upstream's components take them:
/// `--master URL` overrides the kubeconfig's server; `--kubeconfig` as kubectl reads it.
struct ClientOptions: ParsableArguments {
    @Option(help: "Path to a kubeconfig file (default: $KUBECONFIG or ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "The address of the Kubernetes API server (overrides any value in kubeconfig).")
    var master: String?

    func restClient() throws -> RESTClient {
        if let master, kubeconfig == nil {
            return try RESTClient(config: ClientConfig(server: master))
        }
        let loaded = try KubeconfigLoader(explicitPath: kubeconfig).load()
        let config = try ClientConfig.resolve(loaded, overrides: ClientConfig.Overrides(server: master))
        return try RESTClient(config: config)
    }
}
