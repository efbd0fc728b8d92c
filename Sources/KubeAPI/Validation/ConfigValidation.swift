/// ConfigMap and Secret (upstream `ValidateConfigMap`, `ValidateSecret` and their updates).
enum ConfigValidation {
    /// `core.MaxSecretSize`: 1 MiB for the whole of a Secret's or ConfigMap's data.
    static let maxDataSize = 1024 * 1024

    static func configMap(_ cm: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(cm["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
        var total = 0
        let binary = cm.object("binaryData")
        for (key, value) in cm.object("data") {
            let p = ValidationPath("data").key(key)
            for m in NameValidation.isConfigMapKey(key) { errs.append(.invalid(p, .string(key), m)) }
            if binary[key] != nil { errs.append(.invalid(p, .string(key), "duplicate of key present in binaryData")) }
            total += value.stringValue?.utf8.count ?? 0
        }
        for (key, value) in binary {
            let p = ValidationPath("binaryData").key(key)
            for m in NameValidation.isConfigMapKey(key) { errs.append(.invalid(p, .string(key), m)) }
            total += decodedSize(value, path: p, errors: &errs)
        }
        if total > maxDataSize { errs.append(.tooLong(ValidationPath(""), maxBytes: maxDataSize)) }
        return errs
    }

    static func secret(_ secret: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(secret["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
        let dataPath = ValidationPath("data")
        let data = secret.object("data")
        var total = 0
        for (key, value) in data {
            for m in NameValidation.isConfigMapKey(key) { errs.append(.invalid(dataPath.key(key), .string(key), m)) }
            total += decodedSize(value, path: dataPath.key(key), errors: &errs)
        }
        if total > maxDataSize { errs.append(.tooLong(dataPath, maxBytes: maxDataSize)) }

        switch secret.string("type") {
        case "kubernetes.io/service-account-token":
            if (secret.at("metadata", "annotations", "kubernetes.io/service-account.name")?.stringValue ?? "").isEmpty {
                errs.append(.required(ValidationPath("metadata", "annotations").key("kubernetes.io/service-account.name")))
            }
        case "kubernetes.io/dockercfg":
            errs += requireJSON(data, key: ".dockercfg", path: dataPath)
        case "kubernetes.io/dockerconfigjson":
            errs += requireJSON(data, key: ".dockerconfigjson", path: dataPath)
        case "kubernetes.io/basic-auth":
            if data["username"] == nil && data["password"] == nil {
                errs.append(.required(dataPath.key("username")))
                errs.append(.required(dataPath.key("password")))
            }
        case "kubernetes.io/ssh-auth":
            if (data["ssh-privatekey"]?.stringValue ?? "").isEmpty { errs.append(.required(dataPath.key("ssh-privatekey"))) }
        case "kubernetes.io/tls":
            if data["tls.crt"] == nil { errs.append(.required(dataPath.key("tls.crt"))) }
            if data["tls.key"] == nil { errs.append(.required(dataPath.key("tls.key"))) }
        default:
            break
        }
        return errs
    }

    /// The decoded size of a base64 `[]byte` value, reporting bad base64 at its key.
    static func decodedSize(_ value: JSONValue, path: ValidationPath, errors: inout [FieldError]) -> Int {
        guard case .string(let text) = value else {
            if !value.isNull { errors.append(.invalid(path, value, "must be a base64-encoded string")) }
            return 0
        }
        do { return try Base64.decode(text).count } catch {
            errors.append(.invalid(path, .string("<secret contents redacted>"), error.description))
            return 0
        }
    }

    static func requireJSON(_ data: JSONObject, key: String, path: ValidationPath) -> [FieldError] {
        guard let value = data[key]?.stringValue else { return [.required(path.key(key))] }
        guard let bytes = try? Base64.decode(value) else { return [] }
        do {
            let parsed = try JSONValue.parse(bytes)
            if parsed.objectValue == nil {
                return [.invalid(path.key(key), .string("<secret contents redacted>"), "json: cannot unmarshal \(parsed.typeName) into Go value of type map[string]interface {}")]
            }
        } catch {
            return [.invalid(path.key(key), .string("<secret contents redacted>"), "\(error)")]
        }
        return []
    }

    /// `immutable: true` freezes data (and itself); a Secret's type never changes.
    static func update(_ obj: JSONValue, old: JSONValue, dataFields: [String], checkType: Bool) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(obj["metadata"], old: old["metadata"])
        if checkType, obj.string("type") != old.string("type") {
            errs.append(.immutable(ValidationPath("type"), obj["type"]))
        }
        if old["immutable"]?.boolValue == true {
            if obj["immutable"]?.boolValue != true {
                errs.append(.forbidden(ValidationPath("immutable"), "field is immutable when `immutable` is set"))
            }
            for field in dataFields where !JSONValue.object(obj.object(field)).isEquivalent(to: .object(old.object(field))) {
                errs.append(.forbidden(ValidationPath(field), "field is immutable when `immutable` is set"))
            }
        }
        return errs
    }
}
