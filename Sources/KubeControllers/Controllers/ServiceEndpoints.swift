import KubeAPI

/// Which pods back a Service and on which ports: the part the Endpoints and EndpointSlice
/// controllers share (upstream's endpoints `findPort` and readiness rules). Pure.
public struct ServiceEndpoints: Equatable, Sendable {
    public struct Port: Hashable, Sendable {
        public var name: String?
        public var port: Int32
        public var proto: String
    }

    public struct Entry: Hashable, Sendable {
        public var ip: String
        public var podName: String
        public var podUID: String?
        public var namespace: String?
        public var nodeName: String?
        public var hostname: String?
        public var ready: Bool
        public var serving: Bool
        public var terminating: Bool
    }

    /// Entries grouped by the ports they resolve to (pods naming ports differently land in different groups).
    public var groups: [(ports: [Port], entries: [Entry])]

    public static func == (a: ServiceEndpoints, b: ServiceEndpoints) -> Bool {
        a.groups.count == b.groups.count && zip(a.groups, b.groups).allSatisfy { $0.ports == $1.ports && $0.entries == $1.entries }
    }

    public init(service: Service, pods: [Pod]) {
        let selector = Labels.Selector(matching: service.spec.selector ?? [:])
        let tolerateUnready = service.spec.publishNotReadyAddresses == true
        var byPorts: [[Port]: [Entry]] = [:]
        var order: [[Port]] = []
        for pod in pods.sorted(by: { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }) {
            guard selector.matches(pod.metadata.labels ?? [:]), let ip = pod.status.podIP, !ip.isEmpty else { continue }
            let terminating = pod.metadata.deletionTimestamp != nil
            if terminating && !tolerateUnready { continue }
            if pod.isTerminal { continue }
            var ports: [Port] = []
            for sp in service.spec.ports ?? [] {
                guard let number = Self.findPort(pod, sp) else { continue }
                ports.append(Port(name: sp.name, port: number, proto: sp.protocol ?? "TCP"))
            }
            if ports.isEmpty && !(service.spec.ports ?? []).isEmpty { continue }
            var hostname: String?
            if let h = pod.spec.hostname, !h.isEmpty, pod.spec.subdomain == service.metadata.name { hostname = h }
            let entry = Entry(ip: ip, podName: pod.metadata.name ?? "", podUID: pod.metadata.uid, namespace: pod.metadata.namespace,
                              nodeName: pod.spec.nodeName, hostname: hostname, ready: (pod.isReady || tolerateUnready) && !terminating,
                              serving: pod.isReady || tolerateUnready, terminating: terminating)
            if byPorts[ports] == nil { order.append(ports) }
            byPorts[ports, default: []].append(entry)
        }
        groups = order.map { ($0, byPorts[$0]!.sorted { $0.ip < $1.ip }) }
    }

    /// The selector-bearing Services whose endpoints `pod` (now, or as `old`) belongs to: what a pod
    /// event must resync in the Endpoints and EndpointSlice controllers.
    public static func services(selecting pod: Pod, old: Pod?, among services: [Service]) -> [Service] {
        services.filter { svc in
            guard let selector = svc.spec.selector, !selector.isEmpty else { return false }
            let s = Labels.Selector(matching: selector)
            return s.matches(pod.metadata.labels ?? [:]) || (old.map { s.matches($0.metadata.labels ?? [:]) } ?? false)
        }
    }

    /// The container port a service port's targetPort means for this pod (a number, or a named port).
    static func findPort(_ pod: Pod, _ servicePort: ServicePort) -> Int32? {
        switch servicePort.targetPort {
        case .int(let n)?: return n
        case nil: return servicePort.port
        case .string(let name)?:
            if let n = Int32(name) { return n }
            let proto = servicePort.protocol ?? "TCP"
            for container in pod.spec.containers {
                for p in container.ports ?? [] where p.name == name && (p.protocol ?? "TCP") == proto { return p.containerPort }
            }
            return nil
        }
    }
}
