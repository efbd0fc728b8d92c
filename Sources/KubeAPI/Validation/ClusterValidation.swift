/// Namespace, Node, Lease, Event, EndpointSlice and Endpoints.
enum ClusterValidation {
    static func namespace(_ ns: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(ns["metadata"], nameCheck: ObjectMetaValidation.dnsLabel)
        for f in ns.at("spec", "finalizers")?.arrayValue ?? [] {
            errs += finalizerName(f.stringValue ?? "", path: ValidationPath("spec", "finalizers"))
        }
        return errs
    }

    static let standardFinalizers: Set<String> = ["kubernetes", "orphan", "foregroundDeletion"]

    /// A finalizer is either a standard one ("kubernetes", "orphan", "foregroundDeletion") or fully qualified.
    static func finalizerName(_ name: String, path: ValidationPath) -> [FieldError] {
        var errs = NameValidation.isQualifiedName(name).map { FieldError.invalid(path, .string(name), $0) }
        if errs.isEmpty && !name.contains("/") && !standardFinalizers.contains(name) {
            errs.append(.invalid(path, .string(name), "name is neither a standard finalizer name nor is it fully qualified"))
        }
        return errs
    }

    static func node(_ node: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(node["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
        let spec = node["spec"] ?? .object([:])
        let path = ValidationPath("spec")
        var seen = Set<String>()
        for (i, taint) in spec.array("taints").enumerated() {
            let p = path.child("taints").index(i)
            let key = taint.string("key"), value = taint.string("value"), effect = taint.string("effect")
            for m in NameValidation.isQualifiedName(key) { errs.append(.invalid(p.child("key"), .string(key), m)) }
            let msgs = NameValidation.isValidLabelValue(value)
            if !msgs.isEmpty { errs.append(.invalid(p.child("value"), .string(value), msgs.joined(separator: ";"))) }
            if effect.isEmpty {
                errs.append(.required(p.child("effect")))
            } else if !PodSpecValidation.taintEffects.contains(effect) {
                errs.append(.notSupported(p.child("effect"), .string(effect), PodSpecValidation.taintEffects))
            }
            if seen.contains(key + "\u{0}" + effect) {
                errs.append(FieldError(.duplicate, field: p.description, badValue: taint, detail: "taints must be unique by key and effect pair"))
            }
            seen.insert(key + "\u{0}" + effect)
        }
        var cidrs = spec.array("podCIDRs").compactMap(\.stringValue)
        if cidrs.isEmpty, let c = spec["podCIDR"]?.stringValue, !c.isEmpty { cidrs = [c] }
        for (i, cidr) in cidrs.enumerated() where !isCIDR(cidr) {
            errs.append(.invalid(path.child("podCIDRs").index(i), .string(cidr),
                                 "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"))
        }
        if cidrs.count > 2 { errs.append(.invalid(path.child("podCIDRs"), .string(cidrs.joined(separator: ",")), "may specify no more than one CIDR for each IP family")) }
        return errs
    }

    static func isCIDR(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bits = Int(parts[1]), parts[1].allSatisfy(\.isNumber) else { return false }
        let ip = String(parts[0])
        if IPValidation.isIPv4(ip) { return (0...32).contains(bits) }
        if IPValidation.isIPv6(ip) { return (0...128).contains(bits) }
        return false
    }

    static func lease(_ lease: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(lease["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
        let spec = lease["spec"] ?? .object([:])
        let path = ValidationPath("spec")
        if let d = spec["leaseDurationSeconds"]?.intValue, d <= 0 {
            errs.append(.invalid(path.child("leaseDurationSeconds"), .int(d), "must be greater than 0"))
        }
        errs += FieldError.nonNegative(spec["leaseTransitions"], path.child("leaseTransitions"))
        if let strategy = spec["strategy"]?.stringValue, strategy != "OldestEmulationVersion" {
            errs.append(.notSupported(path.child("strategy"), .string(strategy), ["OldestEmulationVersion"]))
        }
        return errs
    }

    /// core/v1 Events get upstream's legacy checks only (no name rules, for old clients).
    static func event(_ event: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        let namespace = event.at("metadata", "namespace")?.stringValue ?? ""
        let involvedNamespace = event.at("involvedObject", "namespace")?.stringValue ?? ""
        let involvedPath = ValidationPath("involvedObject", "namespace")
        let eventTime = event["eventTime"]
        if eventTime == nil || eventTime!.isNull || eventTime == .string("") {
            if involvedNamespace.isEmpty {
                if !namespace.isEmpty && namespace != "default" {
                    errs.append(.invalid(involvedPath, .string(involvedNamespace), "does not match event.namespace"))
                }
            } else if namespace != involvedNamespace {
                errs.append(.invalid(involvedPath, .string(involvedNamespace), "does not match event.namespace"))
            }
        } else {
            if involvedNamespace.isEmpty && namespace != "default" && namespace != "kube-system" {
                errs.append(.invalid(involvedPath, .string(involvedNamespace), "does not match event.namespace"))
            }
            let controller = event.string("reportingComponent")
            if controller.isEmpty { errs.append(.required(ValidationPath("reportingComponent"))) }
            for m in NameValidation.isQualifiedName(controller) where !controller.isEmpty {
                errs.append(.invalid(ValidationPath("reportingComponent"), .string(controller), m))
            }
            for (field, limit) in [("reportingInstance", 128), ("action", 128), ("reason", 128)] {
                let v = event.string(field)
                if v.isEmpty { errs.append(.required(ValidationPath(field))) }
                if v.utf8.count > limit { errs.append(.invalid(ValidationPath(field), .string(""), "can have at most \(limit) characters")) }
            }
            if event.string("message").utf8.count > 1024 {
                errs.append(.invalid(ValidationPath("message"), .string(""), "can have at most 1024 characters"))
            }
        }
        for m in NameValidation.isDNS1123Subdomain(namespace) { errs.append(.invalid(ValidationPath("namespace"), .string(namespace), m)) }
        return errs
    }

    static let addressTypes = ["FQDN", "IPv4", "IPv6"]

    static func endpointSlice(_ slice: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(slice["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
        let addressType = slice.string("addressType")
        for (i, ep) in slice.array("endpoints").enumerated() {
            let p = ValidationPath("endpoints").index(i)
            let addresses = ep.array("addresses")
            if addresses.isEmpty {
                errs.append(.required(p.child("addresses"), "must contain at least 1 address"))
            } else if addresses.count > 100 {
                errs.append(.tooMany(p.child("addresses"), actual: addresses.count, max: 100))
            }
            for (j, a) in addresses.enumerated() {
                let address = a.stringValue ?? "", ap = p.child("addresses").index(j)
                switch addressType {
                case "IPv4" where !IPValidation.isIPv4(address):
                    errs.append(.invalid(ap, .string(address), "must be a valid IPv4 address"))
                case "IPv6" where !IPValidation.isIPv6(address):
                    errs.append(.invalid(ap, .string(address), "must be a valid IPv6 address"))
                case "FQDN":
                    errs += NameValidation.isDNS1123Subdomain(address).map { .invalid(ap, .string(address), $0) }
                default:
                    break
                }
            }
            if let nodeName = ep["nodeName"]?.stringValue {
                errs += NameValidation.isDNS1123Subdomain(nodeName).map { .invalid(p.child("nodeName"), .string(nodeName), $0) }
            }
            if let hostname = ep["hostname"]?.stringValue {
                errs += NameValidation.isDNS1123Label(hostname).map { .invalid(p.child("hostname"), .string(hostname), $0) }
            }
        }
        if addressType.isEmpty {
            errs.append(.required(ValidationPath("addressType")))
        } else if !addressTypes.contains(addressType) {
            errs.append(.notSupported(ValidationPath("addressType"), .string(addressType), addressTypes))
        }
        var names = Set<String>()
        for (i, port) in slice.array("ports").enumerated() {
            let p = ValidationPath("ports").index(i)
            let name = port.string("name")
            if !name.isEmpty { errs += NameValidation.isDNS1123Label(name).map { .invalid(p.child("name"), .string(name), $0) } }
            if names.contains(name) { errs.append(.duplicate(p.child("name"), .string(name))) } else { names.insert(name) }
            errs += ContainerValidation.protocolErrors(port, path: p.child("protocol"))
        }
        return errs
    }

    static func endpoints(_ ep: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(ep["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
        for (i, subset) in ep.array("subsets").enumerated() {
            let p = ValidationPath("subsets").index(i)
            let ready = subset.array("addresses"), notReady = subset.array("notReadyAddresses")
            if ready.isEmpty && notReady.isEmpty {
                errs.append(.required(p, "must specify `addresses` or `notReadyAddresses`"))
            }
            for (list, addresses) in [("addresses", ready), ("notReadyAddresses", notReady)] {
                for (j, a) in addresses.enumerated() {
                    let ap = p.child(list).index(j)
                    let ip = a.string("ip")
                    errs += IPValidation.validIP(ip, path: ap.child("ip"))
                    let hostname = a.string("hostname")
                    if !hostname.isEmpty {
                        errs += NameValidation.isDNS1123Label(hostname).map { .invalid(ap.child("hostname"), .string(hostname), $0) }
                    }
                    if let nodeName = a["nodeName"]?.stringValue {
                        errs += NameValidation.isDNS1123Subdomain(nodeName).map { .invalid(ap.child("nodeName"), .string(nodeName), $0) }
                    }
                    if IPValidation.isIP(ip) { errs += IPValidation.nonSpecial(ip, path: ap.child("ip")) }
                }
            }
            let ports = subset.array("ports")
            for (j, port) in ports.enumerated() {
                let pp = p.child("ports").index(j)
                let name = port.string("name")
                if ports.count > 1 && name.isEmpty {
                    errs.append(.required(pp.child("name")))
                } else if !name.isEmpty {
                    errs += NameValidation.isDNS1123Label(name).map { .invalid(pp.child("name"), .string(name), $0) }
                }
                let number = port["port"]?.intValue ?? 0
                errs += NameValidation.isValidPortNum(number).map { .invalid(pp.child("port"), .int(number), $0) }
                errs += ContainerValidation.protocolErrors(port, path: pp.child("protocol"))
            }
        }
        return errs
    }
}
