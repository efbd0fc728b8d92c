import KubeAPI

/// Informer callbacks (upstream `eventhandlers.go`): assigned pods and nodes go to the cache,
/// pending pods this scheduler owns to the queue, and every change that can make a waiting
/// pod fit moves the pods it may help.
extension Scheduler {
    static func isAssigned(_ pod: Pod) -> Bool { !(pod.spec.nodeName ?? "").isEmpty }

    static func isFinished(_ pod: Pod) -> Bool { pod.status.phase == "Succeeded" || pod.status.phase == "Failed" }

    public func onPodAdd(_ pod: Pod) {
        if Self.isAssigned(pod) {
            if Self.isFinished(pod) { return }
            cache.addPod(podInfo(pod))
            queue.moveAllToActiveOrBackoff(.assignedPodAdded)
        } else if responsible(for: pod) && pod.metadata.deletionTimestamp == nil {
            queue.add(podInfo(pod))
        }
    }

    public func onPodUpdate(old: Pod, new: Pod) {
        let info = podInfo(new)
        if Self.isAssigned(new) {
            // Bound (perhaps by us: this confirms the assumed pod), or changed while on its node.
            if !Self.isAssigned(old) { queue.delete(key: info.key) }
            if Self.isFinished(new) {
                cache.removePod(key: info.key)
                queue.moveAllToActiveOrBackoff(.assignedPodDeleted)
                return
            }
            cache.updatePod(info)
            queue.moveAllToActiveOrBackoff(Self.isAssigned(old) ? .assignedPodUpdated : .assignedPodAdded)
        } else if responsible(for: new) {
            if new.metadata.deletionTimestamp != nil {
                queue.delete(key: info.key)
            } else if !cache.isAssumed(key: info.key) {
                queue.update(info)
            }
        }
    }

    public func onPodDelete(_ pod: Pod) {
        let key = (pod.metadata.namespace ?? "default") + "/" + (pod.metadata.name ?? "")
        queue.delete(key: key)
        if Self.isAssigned(pod) || cache.podInfo(key: key) != nil {
            cache.removePod(key: key)
            queue.moveAllToActiveOrBackoff(.assignedPodDeleted)
        }
    }

    public func onNodeAdd(_ node: Node) {
        cache.addNode(node)
        queue.moveAllToActiveOrBackoff(.nodeAdded)
    }

    public func onNodeUpdate(old: Node, new: Node) {
        cache.updateNode(new)
        for event in ClusterEvent.nodeUpdate(old: NodeInfoFacts(old), new: NodeInfoFacts(new)) {
            queue.moveAllToActiveOrBackoff(event)
        }
    }

    public func onNodeDelete(_ node: Node) {
        cache.removeNode(named: node.metadata.name ?? "")
        queue.moveAllToActiveOrBackoff(.nodeDeleted)
    }

    public func onNamespace(_ namespace: Namespace) {
        cache.setNamespaceLabels(namespace.metadata.name ?? "", namespace.metadata.labels)
        queue.moveAllToActiveOrBackoff(.namespaceChanged)
    }

    public func onPriorityClass(_ pc: PriorityClass) {
        priorityClasses.withLock { $0.set(pc) }
    }

    public func onPriorityClassDelete(_ pc: PriorityClass) {
        priorityClasses.withLock { $0.remove(pc.metadata.name ?? "") }
    }
}
