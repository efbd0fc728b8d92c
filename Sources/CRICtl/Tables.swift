import CRI
import Foundation

/// The table and verbose text crictl prints for lists, from plain values (no I/O, `now` given).
public enum Tables {
    public static func containerState(_ state: Runtime_V1_ContainerState) -> String {
        switch state {
        case .containerCreated: "Created"
        case .containerRunning: "Running"
        case .containerExited: "Exited"
        default: "Unknown"
        }
    }

    public static func podState(_ state: Runtime_V1_PodSandboxState) -> String {
        state == .sandboxReady ? "Ready" : "NotReady"
    }

    static func isDigest(_ text: String) -> Bool {
        guard text.hasPrefix("sha256:") else { return false }
        let hex = text.dropFirst("sha256:".count)
        return hex.count == 64 && hex.allSatisfy(\.isHexDigit)
    }

    static func sortedLines(_ title: String, _ map: [String: String]) -> String {
        guard !map.isEmpty else { return "" }
        return title + ":\n" + map.keys.sorted().map { "\t\($0) -> \(map[$0]!)\n" }.joined()
    }

    /// `crictl ps`: CONTAINER IMAGE CREATED STATE NAME ATTEMPT POD ID POD NAMESPACE.
    public static func containers(_ containers: [Runtime_V1_Container], noTrunc: Bool, now: Date) -> String {
        var table = TableWriter()
        table.add(["CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "ATTEMPT", "POD ID", "POD", "NAMESPACE"])
        for container in containers {
            var id = container.id, podID = container.podSandboxID, image = container.image.image
            if !noTrunc {
                id = HumanFormat.truncatedID(id)
                podID = HumanFormat.truncatedID(podID)
                if isDigest(image) { image = HumanFormat.truncatedID(image, prefix: "sha256:") }
            }
            table.add([
                id, image, HumanFormat.ago(container.createdAt, now: now), containerState(container.state),
                container.metadata.name, String(container.metadata.attempt), podID,
                KubeletLabels.value(container.labels, KubeletLabels.podName),
                KubeletLabels.value(container.labels, KubeletLabels.podNamespace),
            ])
        }
        return table.render()
    }

    /// `crictl ps -v`: one block per container.
    public static func containersVerbose(_ containers: [Runtime_V1_Container], now: Date) -> String {
        containers.map { c in
            var text = "ID: \(c.id)\nPodID: \(c.podSandboxID)\n"
            text += "Namespace: \(KubeletLabels.value(c.labels, KubeletLabels.podNamespace))\n"
            if !c.metadata.name.isEmpty { text += "Name: \(c.metadata.name)\n" }
            text += "Attempt: \(c.metadata.attempt)\nState: \(containerState(c.state))\n"
            text += "Image: \(c.image.image)\nCreated: \(HumanFormat.ago(c.createdAt, now: now))\n"
            text += sortedLines("Labels", c.labels) + sortedLines("Annotations", c.annotations)
            return text + "\n"
        }.joined()
    }

    /// `crictl pods`: POD ID CREATED STATE NAME NAMESPACE ATTEMPT RUNTIME.
    public static func pods(_ pods: [Runtime_V1_PodSandbox], noTrunc: Bool, now: Date) -> String {
        var table = TableWriter()
        table.add(["POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"])
        for pod in pods {
            table.add([
                noTrunc ? pod.id : HumanFormat.truncatedID(pod.id), HumanFormat.ago(pod.createdAt, now: now),
                podState(pod.state), pod.metadata.name, pod.metadata.namespace, String(pod.metadata.attempt),
                pod.runtimeHandler.isEmpty ? "(default)" : pod.runtimeHandler,
            ])
        }
        return table.render()
    }

    public static func podsVerbose(_ pods: [Runtime_V1_PodSandbox]) -> String {
        pods.map { pod in
            var text = "ID: \(pod.id)\n"
            if !pod.metadata.name.isEmpty { text += "Name: \(pod.metadata.name)\n" }
            if !pod.metadata.uid.isEmpty { text += "UID: \(pod.metadata.uid)\n" }
            if !pod.metadata.namespace.isEmpty { text += "Namespace: \(pod.metadata.namespace)\n" }
            if pod.metadata.attempt != 0 { text += "Attempt: \(pod.metadata.attempt)\n" }
            text += "Status: \(podState(pod.state))\nCreated: \(HumanFormat.rfc3339Nano(pod.createdAt))\n"
            text += sortedLines("Labels", pod.labels) + sortedLines("Annotations", pod.annotations)
            text += "Runtime: \(pod.runtimeHandler.isEmpty ? "(default)" : pod.runtimeHandler)\n"
            return text + "\n"
        }.joined()
    }

    /// crictl's image order: by first tag, else first digest, else ID.
    public static func sortImages(_ images: [Runtime_V1_Image]) -> [Runtime_V1_Image] {
        images.sorted { a, b in
            if let x = a.repoTags.first, let y = b.repoTags.first { return x < y }
            if let x = a.repoDigests.first, let y = b.repoDigests.first { return x < y }
            return a.id < b.id
        }
    }

    /// `crictl images`: IMAGE TAG [DIGEST] IMAGE ID SIZE, one row per tag.
    public static func images(_ images: [Runtime_V1_Image], digests: Bool, noTrunc: Bool) -> String {
        var table = TableWriter()
        table.add(["IMAGE", "TAG"] + (digests ? ["DIGEST"] : []) + ["IMAGE ID", "SIZE"])
        for image in images {
            var name = "<none>", digest = "<none>"
            if let first = image.repoDigests.first {
                let pair = first.split(separator: "@", omittingEmptySubsequences: false)
                if pair.count == 2 {
                    name = String(pair[0])
                    digest = String(pair[1])
                } else {
                    name = "errorName"
                    digest = "errorRepoDigest"
                }
            }
            var id = image.id
            if !noTrunc {
                id = HumanFormat.truncatedID(id, prefix: "sha256:")
                digest = HumanFormat.truncatedID(digest, prefix: "sha256:")
            }
            var pairs: [(String, String)] = []
            if image.repoTags.isEmpty { pairs.append((name, "<none>")) }
            for tag in image.repoTags {
                guard let colon = tag.lastIndex(of: ":") else {
                    pairs.append(("errorRepoTag", "errorRepoTag"))
                    continue
                }
                let repository = String(tag[..<colon])
                pairs.append((repository == "<none>" ? name : repository, String(tag[tag.index(after: colon)...])))
            }
            for (repository, tag) in pairs {
                table.add([repository, tag] + (digests ? [digest] : []) + [id, HumanFormat.size(Double(image.size), precision: 3)])
            }
        }
        return table.render()
    }

    public static func imagesVerbose(_ images: [Runtime_V1_Image]) -> String {
        images.map { image in
            var text = "ID: \(image.id)\n"
            text += image.repoTags.map { "RepoTags: \($0)\n" }.joined()
            text += image.repoDigests.map { "RepoDigests: \($0)\n" }.joined()
            if image.size != 0 { text += "Size: \(image.size)\n" }
            if image.hasUid { text += "Uid: value:\(image.uid.value)\n" }
            if !image.username.isEmpty { text += "Username: \(image.username)\n" }
            if image.pinned { text += "Pinned: true\n" }
            return text + "\n"
        }.joined()
    }

    /// `crictl stats`: CONTAINER NAME CPU % MEM DISK INODES SWAP from two samples; CPU % is the
    /// core-nanoseconds used between them over the time between them. Without `all`, containers
    /// with no CPU and no memory use (not running) are left out; containers absent from the
    /// first sample are skipped.
    public static func stats(before: [Runtime_V1_ContainerStats], after: [Runtime_V1_ContainerStats], all: Bool) throws(CRICtlError) -> String {
        var table = TableWriter()
        table.add(["CONTAINER", "NAME", "CPU %", "MEM", "DISK", "INODES", "SWAP"])
        let old = Dictionary(before.map { ($0.attributes.id, $0) }, uniquingKeysWith: { a, _ in a })
        for stat in after.sorted(by: { $0.attributes.id < $1.attributes.id }) {
            let cpu = stat.cpu.usageCoreNanoSeconds.value
            let memory = stat.memory.workingSetBytes.value
            if !all && cpu == 0 && memory == 0 { continue }
            guard let previous = old[stat.attributes.id] else { continue }
            var percent = 0.0
            if cpu != 0 {
                let elapsed = stat.cpu.timestamp - previous.cpu.timestamp
                guard elapsed != 0 else { throw CRICtlError("cpu stat is not updated during sample") }
                percent = (Double(cpu) - Double(previous.cpu.usageCoreNanoSeconds.value)) / Double(elapsed) * 100
            }
            table.add([
                HumanFormat.truncatedID(stat.attributes.id), stat.attributes.metadata.name, String(format: "%.2f", percent),
                HumanFormat.size(Double(memory)), HumanFormat.size(Double(stat.writableLayer.usedBytes.value)),
                String(stat.writableLayer.inodesUsed.value), HumanFormat.size(Double(stat.swap.swapUsageBytes.value)),
            ])
        }
        return table.render()
    }
}
