import KubeAPI

/// A container's environment, built as upstream's `makeEnvironmentVariables`:
///
/// 1. `envFrom` sources in order (ConfigMap data, Secret data; later sources override earlier
///    keys; a prefix is prepended; keys that are not valid variable names are skipped and reported).
/// 2. `env` in order, overriding `envFrom`: a non-empty `value` has its `$(VAR)` references expanded
///    against the variables so far and then the Service variables; otherwise `valueFrom` is resolved.
/// 3. The Service variables not already set.
///
/// Upstream emits step 1 and 2 from a Go map (no stable order); here the order is first definition,
/// so the result is reproducible.
public enum ContainerEnvironment {
    /// The environment plus what upstream reports as events.
    public struct Resolution: Sendable {
        public var variables: [(name: String, value: String)]
        /// `envFrom` keys skipped as invalid names, per source ("configMap ns/name" → keys), for the
        /// kubelet's `InvalidEnvironmentVariableNames` event.
        public var invalidKeys: [(source: String, keys: [String])]

        /// The Warning events upstream records (reason `InvalidEnvironmentVariableNames`), one per source.
        public var invalidKeyEventMessages: [String] {
            invalidKeys.map {
                "Keys [\($0.keys.joined(separator: ", "))] from the EnvFrom \($0.source) were skipped since they are considered invalid environment variable names."
            }
        }
    }

    public static func resolve(container: Container, pod: Pod, podIP: String?, podIPs: [String], hostIP: String?,
                               nodeName: String, objects: any KubeletObjectSource) async throws -> [(name: String, value: String)] {
        try await resolve(container: container, pod: pod, podIP: podIP, podIPs: podIPs, hostIP: hostIP, hostIPs: [],
                          nodeName: nodeName, nodeAllocatable: [:], objects: objects).variables
    }

    /// The full form: `nodeAllocatable` is what `resourceFieldRef` limits default to when the
    /// container sets none (cpu, memory, ephemeral-storage).
    public static func resolve(container: Container, pod: Pod, podIP: String?, podIPs: [String], hostIP: String?,
                               hostIPs: [String], nodeName: String, nodeAllocatable: [String: Quantity],
                               objects: any KubeletObjectSource) async throws -> Resolution {
        let namespace = pod.metadata.namespace ?? "default"
        let services = try await ServiceEnvironment.linkedServices(
            namespace: namespace, enableServiceLinks: pod.spec.enableServiceLinks ?? true, objects: objects)
        var serviceEnv: [String: String] = [:]
        let serviceVariables = ServiceEnvironment.variables(for: services)
        for variable in serviceVariables { serviceEnv[variable.name] = variable.value }

        var lookups = ObjectLookups(namespace: namespace, objects: objects)
        var env = OrderedEnvironment()
        var invalid: [(source: String, keys: [String])] = []

        for source in container.envFrom ?? [] {
            let prefix = source.prefix ?? ""
            var skipped: [String] = []
            if let ref = source.configMapRef {
                let name = ref.name ?? ""
                guard let configMap = try await lookups.configMap(name, optional: ref.optional ?? false) else { continue }
                for key in (configMap.data ?? [:]).keys.sorted() {
                    let variable = prefix + key
                    if EnvVarName.isValid(variable) { env[variable] = configMap.data![key]! } else { skipped.append(variable) }
                }
                if !skipped.isEmpty { invalid.append(("configMap \(namespace)/\(name)", skipped)) }
            } else if let ref = source.secretRef {
                let name = ref.name ?? ""
                guard let secret = try await lookups.secret(name, optional: ref.optional ?? false) else { continue }
                for key in (secret.data ?? [:]).keys.sorted() {
                    let variable = prefix + key
                    if EnvVarName.isValid(variable) {
                        env[variable] = String(decoding: secret.data![key]!.data, as: UTF8.self)
                    } else {
                        skipped.append(variable)
                    }
                }
                if !skipped.isEmpty { invalid.append(("secret \(namespace)/\(name)", skipped)) }
            }
        }

        let facts = PodFieldPath.RuntimeFacts(
            podIP: podIP, podIPs: podIPs, hostIP: hostIP ?? pod.status.hostIP,
            hostIPs: hostIPs.isEmpty ? (pod.status.hostIPs ?? []).map(\.ip) : hostIPs)
        var resolvedPod = pod
        if resolvedPod.spec.nodeName == nil || resolvedPod.spec.nodeName == "" { resolvedPod.spec.nodeName = nodeName }

        for variable in container.env ?? [] {
            var value = variable.value ?? ""
            if !value.isEmpty {
                value = VariableExpansion.expand(value, mapping: VariableExpansion.mapping([env.dictionary, serviceEnv]))
            } else if let from = variable.valueFrom {
                if let field = from.fieldRef {
                    value = try PodFieldPath.value(of: field, pod: resolvedPod, facts: facts)
                } else if let resource = from.resourceFieldRef {
                    value = try ContainerResourceValue.value(of: resource, pod: pod, container: container,
                                                             nodeAllocatable: nodeAllocatable)
                } else if let ref = from.configMapKeyRef {
                    let name = ref.name ?? ""
                    let optional = ref.optional ?? false
                    guard let configMap = try await lookups.configMap(name, optional: optional) else { continue }
                    guard let found = configMap.data?[ref.key] else {
                        if optional { continue }
                        throw EnvironmentError.configMapKeyNotFound(key: ref.key, namespace: namespace, name: name)
                    }
                    value = found
                } else if let ref = from.secretKeyRef {
                    let name = ref.name ?? ""
                    let optional = ref.optional ?? false
                    guard let secret = try await lookups.secret(name, optional: optional) else { continue }
                    guard let found = secret.data?[ref.key] else {
                        if optional { continue }
                        throw EnvironmentError.secretKeyNotFound(key: ref.key, namespace: namespace, name: name)
                    }
                    value = String(decoding: found.data, as: UTF8.self)
                }
            }
            env[variable.name] = value
        }

        var result = env.entries
        for variable in serviceVariables where env[variable.name] == nil {
            result.append(variable)
        }
        return Resolution(variables: result, invalidKeys: invalid)
    }

    /// `$(VAR)` expansion as upstream's `expansion.Expand`: `$$` is a literal `$`, an unknown or
    /// unclosed reference stays as written.
    public static func expand(_ input: String, with environment: [String: String]) -> String {
        VariableExpansion.expand(input, mapping: VariableExpansion.mapping([environment]))
    }

    /// `command` and `args` with `$(VAR)` expanded against the final environment, as upstream's
    /// `ExpandContainerCommandAndArgs`.
    public static func expandCommandAndArgs(_ container: Container, environment: [String: String]) -> (command: [String], args: [String]) {
        ((container.command ?? []).map { expand($0, with: environment) }, (container.args ?? []).map { expand($0, with: environment) })
    }
}

/// One fetch per object per container, as upstream's local maps; not-found is an error unless optional.
private struct ObjectLookups {
    let namespace: String
    let objects: any KubeletObjectSource
    var configMaps: [String: ConfigMap?] = [:]
    var secrets: [String: Secret?] = [:]

    init(namespace: String, objects: any KubeletObjectSource) {
        self.namespace = namespace
        self.objects = objects
    }

    /// nil: missing and optional.
    mutating func configMap(_ name: String, optional: Bool) async throws -> ConfigMap? {
        let found: ConfigMap?
        if let cached = configMaps[name] {
            found = cached
        } else {
            found = try await objects.configMap(namespace: namespace, name: name)
            configMaps[name] = .some(found)
        }
        if let found { return found }
        if optional { return nil }
        throw EnvironmentError.configMapNotFound(name: name)
    }

    mutating func secret(_ name: String, optional: Bool) async throws -> Secret? {
        let found: Secret?
        if let cached = secrets[name] {
            found = cached
        } else {
            found = try await objects.secret(namespace: namespace, name: name)
            secrets[name] = .some(found)
        }
        if let found { return found }
        if optional { return nil }
        throw EnvironmentError.secretNotFound(name: name)
    }
}

/// Insertion-ordered name → value; reassigning keeps the first position.
struct OrderedEnvironment {
    private(set) var names: [String] = []
    private(set) var dictionary: [String: String] = [:]

    subscript(name: String) -> String? {
        get { dictionary[name] }
        set {
            guard let newValue else { return }
            if dictionary.updateValue(newValue, forKey: name) == nil { names.append(name) }
        }
    }

    var entries: [(name: String, value: String)] { names.map { ($0, dictionary[$0]!) } }
}

/// Upstream's `IsEnvVarName`: `[-._a-zA-Z][-._a-zA-Z0-9]*`.
enum EnvVarName {
    static func isValid(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first else { return false }
        let letter: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || "-._".unicodeScalars.contains($0) }
        return letter(first) && scalars.dropFirst().allSatisfy { letter($0) || ("0"..."9").contains($0) }
    }
}
