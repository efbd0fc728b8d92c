/// Checks on one container (upstream `validateContainerCommon` and friends).
enum ContainerValidation {
    static let portProtocols = ["SCTP", "TCP", "UDP"]

    /// `names` collects container names across init and regular containers for the duplicate check.
    static func validate(
        _ ctr: JSONValue, path: ValidationPath, volumes: Set<String>, names: inout Set<String>, isInit: Bool
    ) -> [FieldError] {
        var errs: [FieldError] = []
        let name = ctr.string("name")
        if name.isEmpty {
            errs.append(.required(path.child("name")))
        } else {
            for m in NameValidation.isDNS1123Label(name) { errs.append(.invalid(path.child("name"), .string(name), m)) }
            if names.contains(name) { errs.append(.duplicate(path.child("name"), .string(name))) }
            names.insert(name)
        }
        let image = ctr.string("image")
        if image.isEmpty {
            errs.append(.required(path.child("image")))
        } else if image.trimmingGoSpace() != image {
            errs.append(.invalid(path.child("image"), .string(image), "must not have leading or trailing whitespace"))
        }

        errs += ports(ctr.array("ports"), path: path.child("ports"))
        errs += env(ctr.array("env"), path: path.child("env"))
        errs += volumeMounts(ctr.array("volumeMounts"), volumes: volumes, path: path.child("volumeMounts"))
        errs += ResourceValidation.requirements(ctr["resources"], path: path.child("resources"))

        let pullPolicy = ctr.string("imagePullPolicy")
        if pullPolicy.isEmpty {
            errs.append(.required(path.child("imagePullPolicy")))
        } else if !["Always", "IfNotPresent", "Never"].contains(pullPolicy) {
            errs.append(.notSupported(path.child("imagePullPolicy"), .string(pullPolicy), ["Always", "IfNotPresent", "Never"]))
        }
        let messagePolicy = ctr.string("terminationMessagePolicy")
        if messagePolicy.isEmpty {
            errs.append(.required(path.child("terminationMessagePolicy")))
        } else if !["File", "FallbackToLogsOnError"].contains(messagePolicy) {
            errs.append(.invalid(path.child("terminationMessagePolicy"), .string(messagePolicy),
                                 "must be 'File' or 'FallbackToLogsOnError'"))
        }

        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            guard let p = ctr[probe], !p.isNull else { continue }
            if isInit && ctr.string("restartPolicy") != "Always" {
                errs.append(.forbidden(path.child(probe), "may not be set for init containers without restartPolicy=Always"))
                continue
            }
            errs += probeErrors(p, path: path.child(probe))
            if probe != "readinessProbe", let s = p["successThreshold"]?.intValue, s != 1 {
                errs.append(.invalid(path.child(probe, "successThreshold"), .int(s), "must be 1"))
            }
        }
        if let policy = ctr["restartPolicy"]?.stringValue {
            if !isInit {
                errs.append(.forbidden(path.child("restartPolicy"), "may not be set for non-init containers"))
            } else if policy != "Always" {
                errs.append(.notSupported(path.child("restartPolicy"), .string(policy), ["Always"]))
            }
        }
        if isInit && ctr.has("lifecycle") && ctr.string("restartPolicy") != "Always" {
            errs.append(.forbidden(path.child("lifecycle"), "may not be set for init containers without restartPolicy=Always"))
        }
        for hook in ["postStart", "preStop"] {
            if let h = ctr.at("lifecycle", hook), !h.isNull {
                errs += handler(h, path: path.child("lifecycle", hook), kinds: ["exec", "httpGet", "tcpSocket", "sleep"])
            }
        }
        return errs
    }

    static func ports(_ ports: [JSONValue], path: ValidationPath) -> [FieldError] {
        var errs: [FieldError] = []
        var names = Set<String>()
        for (i, port) in ports.enumerated() {
            let p = path.index(i)
            let name = port.string("name")
            if !name.isEmpty {
                let msgs = NameValidation.isValidPortName(name)
                if !msgs.isEmpty {
                    for m in msgs { errs.append(.invalid(p.child("name"), .string(name), m)) }
                } else if names.contains(name) {
                    errs.append(.duplicate(p.child("name"), .string(name)))
                } else {
                    names.insert(name)
                }
            }
            let containerPort = port["containerPort"]?.intValue ?? 0
            if containerPort == 0 {
                errs.append(.required(p.child("containerPort")))
            } else {
                for m in NameValidation.isValidPortNum(containerPort) { errs.append(.invalid(p.child("containerPort"), .int(containerPort), m)) }
            }
            if let hostPort = port["hostPort"]?.intValue, hostPort != 0 {
                for m in NameValidation.isValidPortNum(hostPort) { errs.append(.invalid(p.child("hostPort"), .int(hostPort), m)) }
            }
            errs += protocolErrors(port, path: p.child("protocol"))
        }
        return errs
    }

    static func protocolErrors(_ port: JSONValue, path: ValidationPath) -> [FieldError] {
        let proto = port.string("protocol")
        if proto.isEmpty { return [.required(path)] }
        if !portProtocols.contains(proto) { return [.notSupported(path, .string(proto), portProtocols)] }
        return []
    }

    static func env(_ vars: [JSONValue], path: ValidationPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, ev) in vars.enumerated() {
            let p = path.index(i)
            let name = ev.string("name")
            if name.isEmpty {
                errs.append(.required(p.child("name")))
            } else {
                for m in NameValidation.isRelaxedEnvVarName(name) { errs.append(.invalid(p.child("name"), .string(name), m)) }
            }
            guard let from = ev["valueFrom"]?.objectValue else { continue }
            let sources = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef", "fileKeyRef"]
                .filter { from[$0] != nil && from[$0] != .null }
            let vp = p.child("valueFrom")
            if !ev.string("value").isEmpty && !sources.isEmpty {
                errs.append(.invalid(vp, .string(""), "may not be specified when `value` is not empty"))
            }
            if sources.isEmpty {
                errs.append(.invalid(vp, .string(""),
                    "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"))
            } else if sources.count > 1 {
                errs.append(.invalid(vp, .string(""), "may not have more than one field specified at a time"))
            }
            for ref in ["configMapKeyRef", "secretKeyRef"] {
                guard let r = from[ref], !r.isNull else { continue }
                let key = r.string("key")
                if key.isEmpty {
                    errs.append(.required(vp.child(ref, "key")))
                } else {
                    for m in NameValidation.isConfigMapKey(key) { errs.append(.invalid(vp.child(ref, "key"), .string(key), m)) }
                }
            }
            if let fieldRef = from["fieldRef"], !fieldRef.isNull, fieldRef.string("fieldPath").isEmpty {
                errs.append(.required(vp.child("fieldRef", "fieldPath")))
            }
        }
        return errs
    }

    static func volumeMounts(_ mounts: [JSONValue], volumes: Set<String>, path: ValidationPath) -> [FieldError] {
        var errs: [FieldError] = []
        var mountPoints = Set<String>()
        for (i, m) in mounts.enumerated() {
            let p = path.index(i)
            let name = m.string("name")
            if name.isEmpty { errs.append(.required(p.child("name"))) }
            if !volumes.contains(name) { errs.append(.notFound(p.child("name"), .string(name))) }
            let mountPath = m.string("mountPath")
            if mountPath.isEmpty { errs.append(.required(p.child("mountPath"))) }
            if mountPoints.contains(mountPath) { errs.append(.invalid(p.child("mountPath"), .string(mountPath), "must be unique")) }
            mountPoints.insert(mountPath)
            let subPath = m.string("subPath")
            if !subPath.isEmpty {
                if subPath.hasPrefix("/") {
                    errs.append(.invalid(p.child("subPath"), .string(subPath), "must be a relative path"))
                }
                if subPath.split(separator: "/").contains("..") {
                    errs.append(.invalid(p.child("subPath"), .string(subPath), "must not contain '..'"))
                }
            }
        }
        return errs
    }

    /// Upstream `validateProbe`.
    static func probeErrors(_ probe: JSONValue, path: ValidationPath) -> [FieldError] {
        var errs = handler(probe, path: path, kinds: ["exec", "httpGet", "tcpSocket", "grpc"])
        for field in ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] {
            errs += FieldError.nonNegative(probe[field], path.child(field))
        }
        if let t = probe["terminationGracePeriodSeconds"]?.intValue, t <= 0 {
            errs.append(.invalid(path.child("terminationGracePeriodSeconds"), .int(t), "must be greater than 0"))
        }
        return errs
    }

    /// Exactly one handler: the second one found is reported, as upstream does.
    static func handler(_ h: JSONValue, path: ValidationPath, kinds: [String]) -> [FieldError] {
        var errs: [FieldError] = []
        var found = 0
        for kind in kinds {
            guard let v = h[kind], !v.isNull else { continue }
            found += 1
            if found > 1 {
                errs.append(.forbidden(path.child(kind), "may not specify more than 1 handler type"))
                continue
            }
            switch kind {
            case "exec":
                if v.array("command").isEmpty { errs.append(.required(path.child("exec", "command"))) }
            case "httpGet":
                if v.string("path").isEmpty { errs.append(.required(path.child("httpGet", "path"))) }
                errs += portNumOrName(v["port"], path: path.child("httpGet", "port"))
                let scheme = v.string("scheme")
                if !["HTTP", "HTTPS"].contains(scheme) {
                    errs.append(.notSupported(path.child("httpGet", "scheme"), .string(scheme), ["HTTP", "HTTPS"]))
                }
            case "tcpSocket":
                errs += portNumOrName(v["port"], path: path.child("tcpSocket", "port"))
            case "grpc":
                let port = v["port"]?.intValue ?? 0
                for m in NameValidation.isValidPortNum(port) { errs.append(.invalid(path.child("grpc", "port"), .int(port), m)) }
            default:
                break
            }
        }
        if found == 0 { errs.append(.required(path, "must specify a handler type")) }
        return errs
    }

    /// Upstream `ValidatePortNumOrName` for intOrString ports.
    static func portNumOrName(_ port: JSONValue?, path: ValidationPath) -> [FieldError] {
        switch port {
        case .string(let name)?:
            return NameValidation.isValidPortName(name).map { .invalid(path, .string(name), $0) }
        case let v? where v.intValue != nil:
            let n = v.intValue!
            return NameValidation.isValidPortNum(n).map { .invalid(path, .int(n), $0) }
        default:
            // An absent intOrString is the integer 0.
            return NameValidation.isValidPortNum(0).map { .invalid(path, .int(0), $0) }
        }
    }
}
