/// Service create and update (upstream `ValidateService`, `ValidateServiceUpdate`).
enum ServiceValidation {
    static let types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
    /// The apiserver's default `--service-node-port-range`.
    static let nodePortRange: ClosedRange<Int64> = 30000...32767

    static func isHeadless(_ spec: JSONValue) -> Bool { spec.string("clusterIP") == "None" }

    static func validate(_ svc: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(svc["metadata"], nameCheck: ObjectMetaValidation.dns1035Label)
        let specPath = ValidationPath("spec")
        let spec = svc["spec"] ?? .object([:])
        let type = spec.string("type")
        let ports = spec.array("ports")

        if type.isEmpty {
            errs.append(.required(specPath.child("type")))
        } else if !types.contains(type) {
            errs.append(.notSupported(specPath.child("type"), .string(type), types))
        }
        if type == "ExternalName" {
            if !spec.string("clusterIP").isEmpty || !spec.array("clusterIPs").isEmpty {
                errs.append(.forbidden(specPath.child("clusterIPs"), "may not be set for ExternalName services"))
            }
            let externalName = spec.string("externalName")
            if externalName.isEmpty {
                errs.append(.required(specPath.child("externalName")))
            } else {
                var cleaned = externalName.lowercased()
                if cleaned.hasSuffix(".") { cleaned.removeLast() }
                for m in NameValidation.isDNS1123Subdomain(cleaned) {
                    errs.append(.invalid(specPath.child("externalName"), .string(externalName), m))
                }
            }
        }
        if ports.isEmpty && !isHeadless(spec) && type != "ExternalName" {
            errs.append(.required(specPath.child("ports")))
        }
        if (type == "NodePort" || type == "LoadBalancer") && isHeadless(spec) {
            errs.append(.invalid(specPath.child("clusterIP"), .string("None"), "may not be set to 'None' for \(type) services"))
        }

        var names = Set<String>()
        var seenPorts = Set<String>()
        var seenNodePorts = Set<String>()
        for (i, port) in ports.enumerated() {
            let p = specPath.child("ports").index(i)
            let name = port.string("name")
            if ports.count > 1 && name.isEmpty {
                errs.append(.required(p.child("name")))
            } else if !name.isEmpty {
                for m in NameValidation.isDNS1123Label(name) { errs.append(.invalid(p.child("name"), .string(name), m)) }
                if names.contains(name) { errs.append(.duplicate(p.child("name"), .string(name))) } else { names.insert(name) }
            }
            let number = port["port"]?.intValue ?? 0
            for m in NameValidation.isValidPortNum(number) { errs.append(.invalid(p.child("port"), .int(number), m)) }
            errs += ContainerValidation.protocolErrors(port, path: p.child("protocol"))
            if port.has("targetPort") {
                errs += ContainerValidation.portNumOrName(port["targetPort"], path: p.child("targetPort"))
            }
            let key = "\(port.string("protocol"))/\(number)"
            if seenPorts.contains(key) {
                errs.append(.duplicate(p, ["port": .int(number), "protocol": .string(port.string("protocol"))]))
            }
            seenPorts.insert(key)

            if let nodePort = port["nodePort"]?.intValue, nodePort != 0 {
                if type == "ClusterIP" {
                    errs.append(.forbidden(p.child("nodePort"), "may not be used when `type` is 'ClusterIP'"))
                } else if !nodePortRange.contains(nodePort) {
                    errs.append(.invalid(p.child("nodePort"), .int(nodePort),
                        "provided port is not in the valid range. The range of valid ports is \(nodePortRange.lowerBound)-\(nodePortRange.upperBound)"))
                }
                let nodeKey = "\(port.string("protocol"))/\(nodePort)"
                if seenNodePorts.contains(nodeKey) { errs.append(.duplicate(p.child("nodePort"), .int(nodePort))) }
                seenNodePorts.insert(nodeKey)
            }
        }

        errs += clusterIPs(spec, path: specPath)
        errs += sessionAffinity(spec, path: specPath)
        for (i, ipValue) in spec.array("externalIPs").enumerated() {
            let ip = ipValue.stringValue ?? "", p = specPath.child("externalIPs").index(i)
            let invalid = IPValidation.validIP(ip, path: p)
            errs += invalid.isEmpty ? IPValidation.nonSpecial(ip, path: p) : invalid
        }
        if let policy = spec["internalTrafficPolicy"]?.stringValue, !["Cluster", "Local"].contains(policy) {
            errs.append(.notSupported(specPath.child("internalTrafficPolicy"), .string(policy), ["Cluster", "Local"]))
        }
        if let policy = spec["ipFamilyPolicy"]?.stringValue, !["SingleStack", "PreferDualStack", "RequireDualStack"].contains(policy) {
            errs.append(.notSupported(specPath.child("ipFamilyPolicy"), .string(policy), ["PreferDualStack", "RequireDualStack", "SingleStack"]))
        }
        errs += ObjectMetaValidation.validateLabels(spec["selector"], path: specPath.child("selector"))
        return errs
    }

    static func sessionAffinity(_ spec: JSONValue, path: ValidationPath) -> [FieldError] {
        let affinity = spec.string("sessionAffinity")
        let configPath = path.child("sessionAffinityConfig")
        switch affinity {
        case "": return [.required(path.child("sessionAffinity"))]
        case "None":
            return spec.has("sessionAffinityConfig") ? [.forbidden(configPath, "must not be set when session affinity is None")] : []
        case "ClientIP":
            guard let timeout = spec.at("sessionAffinityConfig", "clientIP", "timeoutSeconds")?.intValue else {
                return [.required(configPath.child("clientIP", "timeoutSeconds"), "when session affinity type is ClientIP")]
            }
            if timeout <= 0 || timeout > 86400 {
                return [.invalid(configPath.child("clientIP", "timeoutSeconds"), .int(timeout), "must be greater than 0 and less than 86400")]
            }
            return []
        default:
            return [.notSupported(path.child("sessionAffinity"), .string(affinity), ["ClientIP", "None"])]
        }
    }

    static func clusterIPs(_ spec: JSONValue, path: ValidationPath) -> [FieldError] {
        var errs: [FieldError] = []
        let ips = spec.array("clusterIPs").map { $0.stringValue ?? "" }
        let field = path.child("clusterIPs")
        for (i, ip) in ips.enumerated() {
            if i == 0 && ip == "None" {
                if ips.count > 1 { errs.append(.invalid(field, .array(ips.map { .string($0) }), "'None' must be the first and only value")) }
                continue
            }
            errs += IPValidation.validIP(ip, path: field.index(i))
        }
        let primary = spec.string("clusterIP")
        if !primary.isEmpty, let first = ips.first, first != primary {
            errs.append(.invalid(field, .array(ips.map { .string($0) }), "first value must match `clusterIP`"))
        } else if !primary.isEmpty && primary != "None" && ips.isEmpty {
            errs += IPValidation.validIP(primary, path: path.child("clusterIP"))
        }
        return errs
    }

    static func validateUpdate(_ svc: JSONValue, old: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(svc["metadata"], old: old["metadata"])
        let spec = svc["spec"] ?? .object([:]), oldSpec = old["spec"] ?? .object([:])
        if spec.string("type") != "ExternalName" && oldSpec.string("type") != "ExternalName"
            && !(isHeadless(spec) && isHeadless(oldSpec)) {
            func ips(_ s: JSONValue) -> [String] {
                let list = s.array("clusterIPs").compactMap(\.stringValue)
                if !list.isEmpty { return list }
                let ip = s.string("clusterIP")
                return ip.isEmpty ? [] : [ip]
            }
            let new = ips(spec), prev = ips(oldSpec)
            let field = ValidationPath("spec", "clusterIPs")
            let value = JSONValue.array(new.map { .string($0) })
            if new.count == prev.count {
                for (i, ip) in prev.enumerated() where ip != new[i] {
                    errs.append(.invalid(field.index(i), value, "may not change once set"))
                }
            } else if new.isEmpty {
                errs.append(.invalid(field.index(0), value, "primary clusterIP can not be unset"))
            } else if let p = prev.first, p != new[0] {
                errs.append(.invalid(field.index(0), value, "may not change once set"))
            }
        }
        return errs + validateSpecOnly(svc)
    }

    /// Create-time checks minus metadata (already covered by the update checks).
    private static func validateSpecOnly(_ svc: JSONValue) -> [FieldError] {
        validate(svc).filter { !$0.field.hasPrefix("metadata.") }
    }
}
