import Foundation
import KubeAPI

/// The Service environment variables (upstream `pkg/kubelet/envvars`): `FOO_SERVICE_HOST`,
/// `FOO_SERVICE_PORT`, `FOO_SERVICE_PORT_<NAME>` and the Docker-link `FOO_PORT*` family, for
/// every Service with a cluster IP.
enum ServiceEnvironment {
    /// The services whose variables every pod sees, from the default namespace.
    static let masterServices: Set<String> = ["kubernetes"]

    /// The services a pod in `namespace` links to: the master services from `default` always,
    /// the namespace's own services when `enableServiceLinks`. A master service wins a name clash.
    static func linkedServices(namespace: String, enableServiceLinks: Bool,
                               objects: any KubeletObjectSource) async throws -> [Service] {
        var byName: [String: Service] = [:]
        let defaults = try await objects.services(namespace: "default")
        for service in defaults where isServiceIPSet(service) && masterServices.contains(service.metadata.name ?? "") {
            byName[service.metadata.name ?? ""] = service
        }
        if enableServiceLinks {
            let own = namespace == "default" ? defaults : try await objects.services(namespace: namespace)
            for service in own where isServiceIPSet(service) {
                let name = service.metadata.name ?? ""
                if byName[name] == nil { byName[name] = service }
            }
        }
        return byName.keys.sorted().map { byName[$0]! }
    }

    static func isServiceIPSet(_ service: Service) -> Bool {
        guard let ip = service.spec.clusterIP else { return false }
        return ip != "" && ip != "None"
    }

    static func variables(for services: [Service]) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for service in services where isServiceIPSet(service) {
            let ports = service.spec.ports ?? []
            guard let first = ports.first else { continue }
            let prefix = variableName(service.metadata.name ?? "")
            let ip = service.spec.clusterIP ?? ""
            result.append((prefix + "_SERVICE_HOST", ip))
            result.append((prefix + "_SERVICE_PORT", String(first.port)))
            for port in ports {
                if let name = port.name, !name.isEmpty {
                    result.append((prefix + "_SERVICE_PORT_" + variableName(name), String(port.port)))
                }
            }
            for (index, port) in ports.enumerated() {
                let proto = (port.protocol.flatMap { $0.isEmpty ? nil : $0 } ?? "TCP")
                let url = "\(proto.lowercased())://\(ip):\(port.port)"
                if index == 0 { result.append((prefix + "_PORT", url)) }
                let portPrefix = "\(prefix)_PORT_\(port.port)_\(proto.uppercased())"
                result.append((portPrefix, url))
                result.append((portPrefix + "_PROTO", proto.lowercased()))
                result.append((portPrefix + "_PORT", String(port.port)))
                result.append((portPrefix + "_ADDR", ip))
            }
        }
        return result
    }

    /// `my-svc.v2` → `MY_SVC_V2`; a leading digit gets a `_`.
    static func variableName(_ name: String) -> String {
        let upper = name.replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "-", with: "_").uppercased()
        if let first = upper.unicodeScalars.first, ("0"..."9").contains(first) { return "_" + upper }
        return upper
    }
}
