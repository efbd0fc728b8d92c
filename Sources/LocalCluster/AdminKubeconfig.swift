import Foundation

/// The kubeconfig `kubeswift up` writes for the cluster's own components and its user: one
/// cluster, one user, one context, all named `kubeswift`. The apiserver serves plain HTTP on
/// loopback, so there are no credentials.
public struct AdminKubeconfig: Sendable {
    public var server: String

    public init(server: String) { self.server = server }

    public var yaml: String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kubeswift
          cluster:
            server: \(server)
        users:
        - name: kubeswift-admin
          user: {}
        contexts:
        - name: kubeswift
          context:
            cluster: kubeswift
            user: kubeswift-admin
            namespace: default
        current-context: kubeswift

        """
    }

    public func write(to path: String) throws {
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
    }
}
