import KubeAPI

extension ResourceClient where Object == Pod {
    /// Assigns the pod `binding.metadata.name` to `binding.target` (POST `pods/NAME/binding`), as the scheduler does.
    public func bind(_ binding: Binding) async throws {
        guard let name = binding.metadata.name, !name.isEmpty else { throw ObjectWithoutNameError(kind: "Binding", verb: "bind") }
        let target = path(namespace: binding.metadata.namespace, name: name, subresource: "binding")
        _ = try await send(.POST, target, query: [:], body: try encode(binding.withTypeMeta()), contentType: "application/json")
    }

    /// Evicts the pod `name` (POST `pods/NAME/eviction`); a PodDisruptionBudget may refuse it with 429.
    public func evict(_ name: String, _ eviction: Eviction) async throws {
        var eviction = eviction.withTypeMeta()
        if eviction.metadata.name == nil { eviction.metadata.name = name }
        if eviction.metadata.namespace == nil { eviction.metadata.namespace = namespace }
        let target = path(namespace: eviction.metadata.namespace, name: name, subresource: "eviction")
        _ = try await send(.POST, target, query: [:], body: try encode(eviction), contentType: "application/json")
    }
}

extension ResourceClient where Object: Scalable {
    /// The `scale` subresource (autoscaling/v1 Scale) of a Deployment, ReplicaSet, StatefulSet or ReplicationController.
    public func getScale(_ name: String) async throws -> Scale {
        try await request(.GET, path(name: name, subresource: "scale"))
    }

    public func updateScale(_ name: String, _ scale: Scale) async throws -> Scale {
        var scale = scale.withTypeMeta()
        if scale.metadata.name == nil { scale.metadata.name = name }
        let target = path(namespace: scale.metadata.namespace, name: name, subresource: "scale")
        return try await request(.PUT, target, body: try encode(scale))
    }
}
