/// Answers for the cluster domain, following the Kubernetes DNS specification
/// (kubernetes/dns docs/specification.md) as CoreDNS's kubernetes plugin does:
///   SVC.NS.svc.DOMAIN                A: the ClusterIP; headless: each ready endpoint
///   HOST.SVC.NS.svc.DOMAIN           A: one endpoint of a headless Service
///   _PORT._PROTO.SVC.NS.svc.DOMAIN   SRV: each named port (headless: per endpoint)
///   A-B-C-D.NS.pod.DOMAIN            A: that IP
/// Other names in the zone are NXDOMAIN; names that exist without the asked type are
/// NOERROR with no answer (NODATA). Both carry the zone's SOA for negative caching.
public struct ClusterZone: Sendable {
    public var domain: DNSName
    public var records: ClusterRecords
    public var ttl: UInt32

    public init(domain: String = "cluster.local", records: ClusterRecords, ttl: UInt32 = 5) {
        self.domain = DNSName(domain)
        self.records = records
        self.ttl = ttl
    }

    /// The response to `query`, or nil when its name is outside the zone (to be forwarded).
    public func answer(_ query: DNSMessage) -> DNSMessage? {
        guard let question = query.questions.first, question.name.isSubdomain(of: domain) else { return nil }
        var response = DNSMessage.response(to: query)
        response.authoritative = true
        switch lookup(question) {
        case .records(let answers, let additionals):
            response.answers = answers
            response.additionals = additionals
        case .noData:
            response.authorities = [soa]
        case .nxdomain:
            response.responseCode = .nameError
            response.authorities = [soa]
        }
        return response
    }

    enum Lookup: Equatable {
        case records([DNSResourceRecord], additionals: [DNSResourceRecord])
        case noData
        case nxdomain
    }

    var soa: DNSResourceRecord {
        DNSResourceRecord(
            name: domain, ttl: ttl,
            data: .soa(
                mname: domain.prepending(["ns", "dns"]), rname: domain.prepending(["hostmaster"]), serial: 1, refresh: 7200,
                retry: 1800, expire: 86400, minimum: ttl))
    }

    func lookup(_ question: DNSQuestion) -> Lookup {
        let labels = question.name.relative(to: domain)
        let name = question.name
        if labels.isEmpty {
            return question.type == .soa ? .records([soa], additionals: []) : .noData
        }
        switch labels.last {
        case "svc": return lookupService(Array(labels.dropLast()), question: question)
        case "pod": return lookupPod(Array(labels.dropLast()), type: question.type, name: name)
        default: return .nxdomain
        }
    }

    func lookupPod(_ labels: [String], type: DNSRecordType, name: DNSName) -> Lookup {
        switch labels.count {
        case 0: return .noData
        case 1: return records.namespaceExists(labels[0]) ? .noData : .nxdomain
        case 2:
            guard let address = IPv4Address(labels[0].split(separator: "-").joined(separator: ".")) else { return .nxdomain }
            guard type == .a || type == .any else { return .noData }
            return .records([DNSResourceRecord(name: name, ttl: ttl, data: .a(address))], additionals: [])
        default: return .nxdomain
        }
    }

    /// `labels` are the parts before `svc`, leftmost first.
    func lookupService(_ labels: [String], question: DNSQuestion) -> Lookup {
        let type = question.type
        let name = question.name
        switch labels.count {
        case 0:
            return .noData
        case 1:
            return records.namespaceExists(labels[0]) ? .noData : .nxdomain
        case 2:
            guard let service = records.service(namespace: labels[1], name: labels[0]) else { return .nxdomain }
            switch service.kind {
            case .externalName(let target):
                return .records([DNSResourceRecord(name: name, ttl: ttl, data: .cname(DNSName(target)))], additionals: [])
            case .clusterIP(let ips):
                guard type == .a || type == .any else { return .noData }
                return .records(ips.compactMap(IPv4Address.init).map { DNSResourceRecord(name: name, ttl: ttl, data: .a($0)) }, additionals: [])
            case .headless(let endpoints):
                guard type == .a || type == .any else { return .noData }
                let answers = endpoints.compactMap { IPv4Address($0.ip) }.map { DNSResourceRecord(name: name, ttl: ttl, data: .a($0)) }
                return answers.isEmpty ? .noData : .records(answers, additionals: [])
            }
        case 3 where !labels[0].hasPrefix("_"):
            // HOST.SVC.NS: one endpoint of a headless Service.
            guard let service = records.service(namespace: labels[2], name: labels[1]), case .headless(let endpoints) = service.kind,
                let endpoint = endpoints.first(where: { $0.label.lowercased() == labels[0] })
            else { return .nxdomain }
            guard type == .a || type == .any, let address = IPv4Address(endpoint.ip) else { return .noData }
            return .records([DNSResourceRecord(name: name, ttl: ttl, data: .a(address))], additionals: [])
        case 4 where labels[0].hasPrefix("_") && labels[1].hasPrefix("_"):
            return lookupSRV(port: String(labels[0].dropFirst()), proto: String(labels[1].dropFirst()), service: labels[2], namespace: labels[3], question: question)
        default:
            return .nxdomain
        }
    }

    func lookupSRV(port: String, proto: String, service serviceName: String, namespace: String, question: DNSQuestion) -> Lookup {
        guard let service = records.service(namespace: namespace, name: serviceName) else { return .nxdomain }
        let serviceDomain = domain.prepending([serviceName, namespace, "svc"])
        guard let servicePort = service.ports.first(where: { ($0.name ?? "").lowercased() == port && ($0.protocol ?? "TCP").lowercased() == proto })
        else { return .nxdomain }
        guard question.type == .srv || question.type == .any else { return .noData }
        switch service.kind {
        case .clusterIP(let ips):
            let srv = DNSResourceRecord(
                name: question.name, ttl: ttl, data: .srv(priority: 0, weight: 100, port: UInt16(clamping: servicePort.port), target: serviceDomain))
            let extra = ips.compactMap(IPv4Address.init).map { DNSResourceRecord(name: serviceDomain, ttl: ttl, data: .a($0)) }
            return .records([srv], additionals: extra)
        case .headless(let endpoints):
            var answers: [DNSResourceRecord] = []
            var extra: [DNSResourceRecord] = []
            let weight = UInt16(max(1, 100 / max(1, endpoints.count)))
            for endpoint in endpoints {
                guard let slicePort = endpoint.ports.first(where: { ($0.name ?? "").lowercased() == port }), let number = slicePort.port,
                    let address = IPv4Address(endpoint.ip)
                else { continue }
                let target = serviceDomain.prepending([endpoint.label])
                answers.append(DNSResourceRecord(name: question.name, ttl: ttl, data: .srv(priority: 0, weight: weight, port: UInt16(clamping: number), target: target)))
                extra.append(DNSResourceRecord(name: target, ttl: ttl, data: .a(address)))
            }
            return answers.isEmpty ? .noData : .records(answers, additionals: extra)
        case .externalName:
            return .noData
        }
    }
}
