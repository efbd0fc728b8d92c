import KubeAPI

extension ObjectMeta {
    /// The owner reference marked `controller: true`, if any.
    public var controllerRef: OwnerReference? { ownerReferences?.first { $0.controller == true } }

    public var isBeingDeleted: Bool { deletionTimestamp != nil }
}

/// The owner reference a controller puts on what it creates (`controller` and `blockOwnerDeletion` set).
public func controllerReference<O: KubeObject>(to owner: O) -> OwnerReference {
    OwnerReference(apiVersion: O.apiVersion, kind: O.kind, name: owner.metadata.name ?? "", uid: owner.metadata.uid ?? "",
                   controller: true, blockOwnerDeletion: true)
}

extension Labels.Selector {
    /// A typed metav1 LabelSelector as a selector; nil selects nothing, as upstream converts it.
    public init(_ selector: LabelSelector?) {
        guard let selector else {
            self = .nothing
            return
        }
        if let json = try? JSONValue(encoding: selector), let converted = try? Labels.Selector(metav1: json) {
            self = converted
        } else {
            self = .nothing
        }
    }
}
