/// `metadata` checks shared by every kind (apimachinery `ValidateObjectMeta*`).
enum ObjectMetaValidation {
    typealias NameCheck = @Sendable (_ name: String, _ prefix: Bool) -> [String]

    static let dnsSubdomain: NameCheck = { name, prefix in
        NameValidation.isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name)
    }
    static let dnsLabel: NameCheck = { name, prefix in
        NameValidation.isDNS1123Label(prefix ? maskTrailingDash(name) : name)
    }
    static let dns1035Label: NameCheck = { name, prefix in
        NameValidation.isDNS1035Label(prefix ? maskTrailingDash(name) : name)
    }
    static let pathSegment: NameCheck = { name, _ in NameValidation.isValidPathSegmentName(name) }

    /// Upstream masks a generateName's trailing dash (and, as it happens, the character before it).
    static func maskTrailingDash(_ name: String) -> String {
        guard name.count > 1, name.hasSuffix("-") else { return name }
        return String(name.dropLast(2)) + "a"
    }

    static let totalAnnotationSizeLimit = 256 * 1024

    static func validate(_ meta: JSONValue?, nameCheck: NameCheck, path: ValidationPath = ValidationPath("metadata")) -> [FieldError] {
        let meta = meta ?? .object([:])
        var errs: [FieldError] = []
        let generateName = meta.string("generateName")
        if !generateName.isEmpty {
            for m in nameCheck(generateName, true) {
                errs.append(.invalid(path.child("generateName"), .string(generateName), m))
            }
        }
        let name = meta.string("name")
        if name.isEmpty {
            if generateName.isEmpty { errs.append(.required(path.child("name"), "name or generateName is required")) }
        } else {
            for m in nameCheck(name, false) { errs.append(.invalid(path.child("name"), .string(name), m)) }
        }
        // Whether a namespace is required is the server's business; its format is checked here.
        let namespace = meta.string("namespace")
        if !namespace.isEmpty {
            for m in NameValidation.isDNS1123Label(namespace) {
                errs.append(.invalid(path.child("namespace"), .string(namespace), m))
            }
        }
        errs += FieldError.nonNegative(meta["generation"], path.child("generation"))
        errs += common(meta, path: path)
        return errs
    }

    /// Labels, annotations, owner references and finalizers: checked on create and update alike.
    static func common(_ meta: JSONValue, path: ValidationPath) -> [FieldError] {
        var errs = validateLabels(meta["labels"], path: path.child("labels"))
        errs += validateAnnotations(meta["annotations"], path: path.child("annotations"))
        var controllers: [String] = []
        for (i, ref) in meta.array("ownerReferences").enumerated() {
            let p = path.child("ownerReferences").index(i)
            let apiVersion = ref.string("apiVersion")
            if apiVersion.isEmpty || apiVersion.hasSuffix("/") {
                errs.append(.invalid(p.child("apiVersion"), .string(apiVersion), "version must not be empty"))
            }
            for field in ["kind", "name", "uid"] where ref.string(field).isEmpty {
                errs.append(.invalid(p.child(field), .string(""), "must not be empty"))
            }
            if ref["controller"]?.boolValue == true { controllers.append(ref.string("name")) }
        }
        if controllers.count > 1 {
            errs.append(.invalid(path.child("ownerReferences"), meta["ownerReferences"] ?? .null,
                "Only one reference can have Controller set to true. Found \"true\" in references for \(controllers.joined(separator: " and "))"))
        }
        let finalizers = meta.array("finalizers").map { $0.stringValue ?? "" }
        for f in finalizers {
            errs += ClusterValidation.finalizerName(f, path: path.child("finalizers"))
        }
        if finalizers.contains("orphan") && finalizers.contains("foregroundDeletion") {
            errs.append(.invalid(path.child("finalizers"), .array(finalizers.map { .string($0) }),
                                 "finalizer orphan and foregroundDeletion cannot be both set"))
        }
        return errs
    }

    /// Upstream `ValidateLabels`: errors name the map, not the key.
    static func validateLabels(_ labels: JSONValue?, path: ValidationPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (key, value) in labels?.objectValue ?? [:] {
            for m in NameValidation.isQualifiedName(key) { errs.append(.invalid(path, .string(key), m)) }
            let v = value.stringValue ?? ""
            for m in NameValidation.isValidLabelValue(v) { errs.append(.invalid(path, .string(v), m)) }
        }
        return errs
    }

    /// Keys are qualified names in any case; the whole map at most 256 KiB.
    static func validateAnnotations(_ annotations: JSONValue?, path: ValidationPath) -> [FieldError] {
        var errs: [FieldError] = []
        var total = 0
        for (key, value) in annotations?.objectValue ?? [:] {
            for m in NameValidation.isQualifiedName(key.lowercased()) { errs.append(.invalid(path, .string(key), m)) }
            total += key.utf8.count + (value.stringValue?.utf8.count ?? 0)
        }
        if total > totalAnnotationSizeLimit { errs.append(.tooLong(path, maxBytes: totalAnnotationSizeLimit)) }
        return errs
    }

    /// Upstream `ValidateObjectMetaUpdate`.
    static func validateUpdate(_ new: JSONValue?, old: JSONValue?, path: ValidationPath = ValidationPath("metadata")) -> [FieldError] {
        let new = new ?? .object([:]), old = old ?? .object([:])
        var errs: [FieldError] = []
        for field in ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"] {
            if (new[field] ?? .null) != (old[field] ?? .null) {
                errs.append(.immutable(path.child(field), new[field] ?? .null))
            }
        }
        errs += FieldError.nonNegative(new["generation"], path.child("generation"))
        errs += common(new, path: path)
        if old.has("deletionTimestamp") {
            let oldFinalizers = Set(old.array("finalizers").compactMap(\.stringValue))
            for f in new.array("finalizers").compactMap(\.stringValue) where !oldFinalizers.contains(f) {
                errs.append(.forbidden(path.child("finalizers"), "no new finalizers can be added if the object is being deleted, found new finalizers [\"\(f)\"]"))
            }
        }
        return errs
    }
}
