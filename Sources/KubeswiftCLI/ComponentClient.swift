import KubeClient

/// How node components (proxy, dns) reach the API, as upstream's `--kubeconfig` / `--master`:
/// `--master` overrides the kubeconfig's server; with only `--master`, plain HTTP and no auth.
enum ComponentClient {
    static func make(kubeconfig: String?, master: String?, userAgent: String) throws -> RESTClient {
        var config: ClientConfig
        if let kubeconfig {
            let loaded = try KubeconfigLoader(explicitPath: kubeconfig).load()
            config = try ClientConfig.resolve(loaded, overrides: .init(server: master))
        } else if let master {
            config = ClientConfig(server: master)
        } else {
            throw ComponentClientError(message: "one of --kubeconfig or --master is required")
        }
        config.userAgent = userAgent
        return try RESTClient(config: config)
    }
}

struct ComponentClientError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
