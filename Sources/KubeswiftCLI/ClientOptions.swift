import ArgumentParser
import Foundation
import KubeClient

/// How a component reaches the apiserver, flags as upstream's components take them:
/// `--kubeconfig` as kubectl reads it; `--master URL` overrides its server (with only
/// `--master`: plain HTTP, no credentials).
struct ClientOptions: ParsableArguments {
    @Option(help: "Path to a kubeconfig file with the apiserver's address and credentials.")
    var kubeconfig: String?

    @Option(help: "The address of the Kubernetes API server (overrides any value in kubeconfig).")
    var master: String?

    func validate() throws {
        guard kubeconfig != nil || master != nil else { throw ValidationError("one of --kubeconfig or --master is required") }
    }

    func restClient(userAgent: String) throws -> RESTClient {
        var config: ClientConfig
        if let kubeconfig {
            let loaded = try KubeconfigLoader(explicitPath: kubeconfig).load()
            config = try ClientConfig.resolve(loaded, overrides: ClientConfig.Overrides(server: master))
        } else {
            config = ClientConfig(server: master ?? "")
        }
        config.userAgent = userAgent
        return try RESTClient(config: config)
    }
}
