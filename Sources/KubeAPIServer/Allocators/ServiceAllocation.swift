import KubeAPI

/// Addresses a Service write reserved, so a failed write can hand them back.
struct ServiceAllocation {
    var ips: [String] = []
    var ports: [Int] = []
    weak var owner: APIServerCore?

    static let none = ServiceAllocation()

    func release() {
        guard let owner else { return }
        for ip in ips { owner.serviceIPs.release(ip) }
        for port in ports { owner.nodePorts.release(port) }
    }
}

extension APIServerCore {
    /// Gives a Service its ClusterIP and NodePorts (create), or those a type change needs (update).
    func allocateServiceAddresses(_ resource: ResourceInfo, _ service: inout JSONValue, old: JSONValue?) throws(APIError) -> ServiceAllocation {
        guard resource.kind == "Service", resource.group.isEmpty else { return .none }
        var allocation = ServiceAllocation(owner: self)
        let name = service[path: ["metadata", "name"]]?.stringValue ?? ""
        let type = service[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
        func invalid(_ field: String, _ value: JSONValue, _ detail: String) -> APIError {
            allocation.release()
            return APIError.invalid(kind: "Service", group: "", name: name, errors: [FieldError(.invalid, field: field, badValue: value, detail: detail)])
        }

        if type != "ExternalName" {
            let oldIP = old?[path: ["spec", "clusterIP"]]?.stringValue ?? ""
            var ip = service[path: ["spec", "clusterIP"]]?.stringValue ?? ""
            if !oldIP.isEmpty {
                if ip.isEmpty { ip = oldIP }
                if ip != oldIP { throw invalid("spec.clusterIPs[0]", .string(ip), "may not change once set") }
            } else if ip.isEmpty {
                guard let next = serviceIPs.allocateNext() else {
                    throw APIError.internalError("failed to allocate a serviceIP: range is full")
                }
                ip = next
                allocation.ips.append(ip)
            } else if ip != "None" {
                do {
                    try serviceIPs.allocate(ip)
                    allocation.ips.append(ip)
                } catch .outOfRange {
                    throw invalid("spec.clusterIPs", .array([.string(ip)]),
                                  "failed to allocate IP \(ip): the provided IP (\(ip)) is not in the valid range. The range of valid IPs is \(serviceIPs.cidr)")
                } catch {
                    throw invalid("spec.clusterIPs", .array([.string(ip)]), "failed to allocate IP \(ip): provided IP is already allocated")
                }
            }
            service.set(path: ["spec", "clusterIP"], to: .string(ip))
            service.set(path: ["spec", "clusterIPs"], to: [.string(ip)])
            if ip != "None" {
                service.set(path: ["spec", "ipFamilies"], to: ["IPv4"])
                if service[path: ["spec", "ipFamilyPolicy"]] == nil { service.set(path: ["spec", "ipFamilyPolicy"], to: "SingleStack") }
            }
        }

        if type == "NodePort" || type == "LoadBalancer" {
            let oldPorts = Dictionary(
                (old?[path: ["spec", "ports"]]?.arrayValue ?? []).compactMap { p -> (Int64, Int)? in
                    guard let port = p["port"]?.intValue, let np = p["nodePort"]?.intValue else { return nil }
                    return (port, Int(np))
                }, uniquingKeysWith: { a, _ in a })
            var ports = service[path: ["spec", "ports"]]?.arrayValue ?? []
            for i in ports.indices {
                if let requested = ports[i]["nodePort"]?.intValue, requested != 0 {
                    if oldPorts.values.contains(Int(requested)) { continue }
                    do {
                        try nodePorts.allocate(Int(requested))
                        allocation.ports.append(Int(requested))
                    } catch .outOfRange {
                        throw invalid("spec.ports[\(i)].nodePort", .int(requested),
                                      "provided port is not in the valid range. The range of valid ports is \(nodePorts.range.lowerBound)-\(nodePorts.range.upperBound)")
                    } catch {
                        throw invalid("spec.ports[\(i)].nodePort", .int(requested), "provided port is already allocated")
                    }
                } else if let port = ports[i]["port"]?.intValue, let kept = oldPorts[port] {
                    ports[i]["nodePort"] = .int(Int64(kept))
                } else {
                    guard let next = nodePorts.allocateNext() else {
                        allocation.release()
                        throw APIError.internalError("failed to allocate a nodePort: range is full")
                    }
                    allocation.ports.append(next)
                    ports[i]["nodePort"] = .int(Int64(next))
                }
            }
            service.set(path: ["spec", "ports"], to: .array(ports))
        }
        return allocation
    }

    func releaseServiceAddresses(_ resource: ResourceInfo, _ service: JSONValue) {
        guard resource.kind == "Service", resource.group.isEmpty else { return }
        for ip in service[path: ["spec", "clusterIPs"]]?.arrayValue ?? [] {
            if let ip = ip.stringValue { serviceIPs.release(ip) }
        }
        for port in service[path: ["spec", "ports"]]?.arrayValue ?? [] {
            if let np = port["nodePort"]?.intValue { nodePorts.release(Int(np)) }
        }
    }

    /// Marks every address held by a stored Service as taken (start-up repair).
    func rebuildAllocators() async throws(APIError) {
        let services = registry.lookup(group: "", version: "v1", resource: "services")!
        let page = try await storage.list(services, namespace: nil, startAfter: nil, limit: 0, revision: 0) { _ in true }
        for service in page.items {
            for ip in service[path: ["spec", "clusterIPs"]]?.arrayValue ?? [] {
                if let ip = ip.stringValue, ip != "None" { try? serviceIPs.allocate(ip) }
            }
            for port in service[path: ["spec", "ports"]]?.arrayValue ?? [] {
                if let np = port["nodePort"]?.intValue { try? nodePorts.allocate(Int(np)) }
            }
        }
    }
}
