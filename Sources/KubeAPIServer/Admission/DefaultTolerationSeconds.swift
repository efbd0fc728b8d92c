import KubeAPI

/// Upstream's DefaultTolerationSeconds: a pod that does not tolerate the `not-ready` and
/// `unreachable` NoExecute taints gets tolerations for them, for 300 s each. A node is tainted
/// `not-ready` until its first heartbeat says Ready, so without them a new node could not take
/// pods yet, and a pod would be evicted the moment its node missed a heartbeat.
struct DefaultTolerationSecondsAdmission: AdmissionPlugin {
    var name: String { "DefaultTolerationSeconds" }
    var notReadySeconds: Int64 = 300
    var unreachableSeconds: Int64 = 300

    func admit(_ request: inout AdmissionRequest, storage: ObjectStorage, registry: ResourceRegistry) async throws(APIError) {
        guard request.operation == .create || request.operation == .update, request.subresource == nil,
              request.resource.group.isEmpty, request.resource.kind == "Pod", var pod = request.object
        else { return }
        var tolerations = pod[path: ["spec", "tolerations"]]?.arrayValue ?? []
        for (key, seconds) in [(NodeTaintKey.notReady, notReadySeconds), (NodeTaintKey.unreachable, unreachableSeconds)]
        where !tolerations.contains(where: { Self.toleratesNoExecute($0, key: key) }) {
            tolerations.append(["key": .string(key), "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": .int(seconds)])
        }
        pod.set(path: ["spec", "tolerations"], to: .array(tolerations))
        request.object = pod
    }

    /// Whether `toleration` already covers the NoExecute taint `key` (an empty key or effect matches all).
    static func toleratesNoExecute(_ toleration: JSONValue, key: String) -> Bool {
        let tolerated = toleration["key"]?.stringValue ?? ""
        let effect = toleration["effect"]?.stringValue ?? ""
        return (tolerated == key || tolerated.isEmpty) && (effect == "NoExecute" || effect.isEmpty)
    }
}
