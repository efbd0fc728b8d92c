import Foundation

extension ServerTable {
    static let nodeColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Status", description: "The status of the node"),
        ServerTableColumn(name: "Roles", description: "The roles of the node"),
        .ageColumn,
        ServerTableColumn(name: "Version", description: "Kubelet Version reported by the node."),
        .wide("Internal-IP", "List of addresses reachable to the node. Queried from cloud provider, if available."),
        .wide("External-IP", "List of addresses reachable to the node. Queried from cloud provider, if available."),
        .wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
        .wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
        .wide("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2)."),
    ]

    static let namespaceColumns: [ServerTableColumn] = [
        .nameColumn, ServerTableColumn(name: "Status", description: "The status of the namespace"), .ageColumn,
    ]

    static let serviceColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Type", description: "type determines how the Service is exposed. Defaults to ClusterIP."),
        ServerTableColumn(name: "Cluster-IP", description: "clusterIP is the IP address of the service and is usually assigned randomly."),
        ServerTableColumn(name: "External-IP", description: "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
        ServerTableColumn(name: "Port(s)", description: "The list of ports that are exposed by this service."),
        .ageColumn,
        .wide("Selector", "Route service traffic to pods with label keys and values matching this selector."),
    ]

    static let endpointsColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Endpoints", description: "The set of all endpoints is the union of all subsets."),
        .ageColumn,
    ]

    static let configMapColumns: [ServerTableColumn] = [
        .nameColumn, ServerTableColumn(name: "Data", description: "Data contains the configuration data."), .ageColumn,
    ]

    static let secretColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Type", description: "Used to facilitate programmatic handling of secret data."),
        ServerTableColumn(name: "Data", description: "Data contains the secret data."),
        .ageColumn,
    ]

    static let serviceAccountColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Secrets", description: "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."),
        .ageColumn,
    ]

    static let eventColumns: [ServerTableColumn] = [
        ServerTableColumn(name: "Last Seen", description: "The time at which the most recent occurrence of this event was recorded."),
        ServerTableColumn(name: "Type", description: "Type of this event (Normal, Warning), new types could be added in the future"),
        ServerTableColumn(name: "Reason", description: "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        ServerTableColumn(name: "Object", description: "The object that this event is about."),
        .wide("Subobject", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement."),
        .wide("Source", "The component reporting this event. Should be a short machine understandable string."),
        ServerTableColumn(name: "Message", description: "A human-readable description of the status of this operation."),
        .wide("First Seen", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"),
        .wide("Count", "The number of times this event has occurred."),
        ServerTableColumn(name: "Name", format: "name", description: ServerTableDocs.name, priority: 1),
    ]

    static let leaseColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Holder", description: "holderIdentity contains the identity of the holder of a current lease."),
        .ageColumn,
    ]

    static let endpointSliceColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "AddressType", description: "addressType specifies the type of address carried by this EndpointSlice."),
        ServerTableColumn(name: "Ports", description: "ports specifies the list of network ports exposed by each endpoint in this slice."),
        ServerTableColumn(name: "Endpoints", description: "endpoints is a list of unique endpoints in this slice."),
        .ageColumn,
    ]

    static func nodeCells(_ node: ObjectView) -> [JSONValue] {
        var status: [String] = []
        if let ready = node.array("status", "conditions").last(where: { $0["type"]?.stringValue == "Ready" }) {
            status.append(ready["status"]?.stringValue == "True" ? "Ready" : "NotReady")
        }
        if status.isEmpty { status.append("Unknown") }
        if node.value("spec", "unschedulable")?.boolValue == true { status.append("SchedulingDisabled") }
        var roles: Set<String> = []
        for (key, value) in node.value("metadata", "labels")?.objectValue ?? [:] {
            if key.hasPrefix("node-role.kubernetes.io/") {
                let role = String(key.dropFirst("node-role.kubernetes.io/".count))
                if !role.isEmpty { roles.insert(role) }
            } else if key == "kubernetes.io/role", let v = value.stringValue, !v.isEmpty {
                roles.insert(v)
            }
        }
        func address(_ type: String) -> String {
            node.array("status", "addresses").first { $0["type"]?.stringValue == type }?["address"]?.stringValue ?? "<none>"
        }
        func orUnknown(_ s: String) -> String { s.isEmpty ? "<unknown>" : s }
        return [
            node.name, .string(status.joined(separator: ",")),
            .string(roles.isEmpty ? "<none>" : roles.sorted().joined(separator: ",")), node.age,
            .string(node.string("status", "nodeInfo", "kubeletVersion")),
            .string(address("InternalIP")), .string(address("ExternalIP")),
            .string(orUnknown(node.string("status", "nodeInfo", "osImage"))),
            .string(orUnknown(node.string("status", "nodeInfo", "kernelVersion"))),
            .string(orUnknown(node.string("status", "nodeInfo", "containerRuntimeVersion"))),
        ]
    }

    static func serviceCells(_ service: ObjectView) -> [JSONValue] {
        let type = service.string("spec", "type").isEmpty ? "ClusterIP" : service.string("spec", "type")
        var clusterIP = service.array("spec", "clusterIPs").first?.stringValue ?? service.string("spec", "clusterIP")
        if clusterIP.isEmpty { clusterIP = "<none>" }
        let externalIPs = service.array("spec", "externalIPs").compactMap(\.stringValue)
        let externalIP: String
        switch type {
        case "ClusterIP", "NodePort":
            externalIP = externalIPs.isEmpty ? "<none>" : externalIPs.joined(separator: ",")
        case "LoadBalancer":
            var ingress: Set<String> = []
            for entry in service.array("status", "loadBalancer", "ingress") {
                if let ip = entry["ip"]?.stringValue, !ip.isEmpty {
                    ingress.insert(ip)
                } else if let host = entry["hostname"]?.stringValue, !host.isEmpty {
                    ingress.insert(host)
                }
            }
            // The apiserver prints with Wide, so the load balancer list is never clipped here.
            let lb = ingress.sorted()
            if !externalIPs.isEmpty {
                externalIP = (lb + externalIPs).joined(separator: ",")
            } else {
                externalIP = lb.isEmpty ? "<pending>" : lb.joined(separator: ",")
            }
        case "ExternalName":
            externalIP = service.string("spec", "externalName")
        default:
            externalIP = "<unknown>"
        }
        let ports = service.array("spec", "ports").map { port -> String in
            let number = port["port"]?.intValue ?? 0
            let proto = port["protocol"]?.stringValue ?? "TCP"
            if let nodePort = port["nodePort"]?.intValue, nodePort > 0 { return "\(number):\(nodePort)/\(proto)" }
            return "\(number)/\(proto)"
        }.joined(separator: ",")
        return [
            service.name, .string(type), .string(clusterIP), .string(externalIP), .string(ports.isEmpty ? "<none>" : ports),
            service.age, .string(LabelFormatting.formatLabels(service.value("spec", "selector"))),
        ]
    }

    static func joinHostPort(_ host: String, _ port: Int64) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// At most three `ip:port` entries then "+ N more...", "<none>" without subsets.
    static func formatEndpoints(_ endpoints: JSONValue) -> String {
        let subsets = endpoints["subsets"]?.arrayValue ?? []
        if subsets.isEmpty { return "<none>" }
        var list: [String] = []
        let max = 3
        var more = false
        var count = 0
        for subset in subsets {
            let addresses = (subset["addresses"]?.arrayValue ?? []).map { $0["ip"]?.stringValue ?? "" }
            let ports = subset["ports"]?.arrayValue ?? []
            if ports.isEmpty {
                count += addresses.count
                for ip in addresses {
                    if list.count == max { more = true; break }
                    list.append(ip)
                }
                continue
            }
            for port in ports {
                count += addresses.count
                for ip in addresses {
                    if list.count == max { more = true; break }
                    list.append(joinHostPort(ip, port["port"]?.intValue ?? 0))
                }
            }
        }
        let joined = list.joined(separator: ",")
        return more ? "\(joined) + \(count - max) more..." : joined
    }

    static func listWithMore(_ list: [String], more: Bool, count: Int, max: Int) -> String {
        let joined = list.joined(separator: ",")
        if more { return "\(joined) + \(count - max) more..." }
        return joined.isEmpty ? "<unset>" : joined
    }

    static func endpointSliceCells(_ slice: ObjectView) -> [JSONValue] {
        let max = 3
        var ports: [String] = []
        var portsMore = false
        var portCount = 0
        for port in slice.array("ports") {
            if ports.count < max {
                if let n = port["port"]?.intValue {
                    ports.append(String(n))
                } else if let name = port["name"]?.stringValue {
                    ports.append(name)
                } else {
                    ports.append("*")
                }
            } else if ports.count == max {
                portsMore = true
            }
            portCount += 1
        }
        var addresses: [String] = []
        var addressesMore = false
        var addressCount = 0
        for endpoint in slice.array("endpoints") {
            for address in endpoint["addresses"]?.arrayValue ?? [] {
                if addresses.count < max {
                    addresses.append(address.stringValue ?? "")
                } else if addresses.count == max {
                    addressesMore = true
                }
                addressCount += 1
            }
        }
        return [
            slice.name, .string(slice.string("addressType")),
            .string(listWithMore(ports, more: portsMore, count: portCount, max: max)),
            .string(listWithMore(addresses, more: addressesMore, count: addressCount, max: max)), slice.age,
        ]
    }

    static func eventCells(_ event: ObjectView) -> [JSONValue] {
        var firstSeen = event.since(event.value("firstTimestamp")?.stringValue)
        if event.value("firstTimestamp")?.stringValue == nil { firstSeen = event.since(event.value("eventTime")?.stringValue) }
        var lastSeen = event.since(event.value("lastTimestamp")?.stringValue)
        if event.value("lastTimestamp")?.stringValue == nil { lastSeen = firstSeen }
        var count = event.int("count")
        if let series = event.value("series"), !series.isNull {
            lastSeen = event.since(series["lastObservedTime"]?.stringValue)
            count = series["count"]?.intValue ?? 0
        } else if count == 0 {
            count = 1
        }
        let kind = event.string("involvedObject", "kind").lowercased()
        let involvedName = event.string("involvedObject", "name")
        let target = involvedName.isEmpty ? kind : "\(kind)/\(involvedName)"
        let component = event.string("source", "component").isEmpty ? event.string("reportingComponent") : event.string("source", "component")
        let host = event.string("source", "host").isEmpty ? event.string("reportingInstance") : event.string("source", "host")
        let source = host.isEmpty ? component : "\(component), \(host)"
        return [
            .string(lastSeen), .string(event.string("type")), .string(event.string("reason")), .string(target),
            .string(event.string("involvedObject", "fieldPath")), .string(source),
            .string(event.string("message").trimmingCharacters(in: .whitespacesAndNewlines)), .string(firstSeen),
            .int(count), event.name,
        ]
    }
}
