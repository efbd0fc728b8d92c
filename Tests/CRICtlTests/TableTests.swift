import CRI
@testable import CRICtl
import Foundation
import Testing

@Suite("crictl tables and formats", .timeLimit(.minutes(5)))
struct TableTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func nanos(secondsAgo: Double) -> Int64 { Int64((now.timeIntervalSince1970 - secondsAgo) * 1e9) }

    @Test func tableWriterPadsAsGoTabwriter() {
        var table = TableWriter()
        table.add(["CONTAINER", "NAME"])
        table.add(["a-very-long-identifier-x", "web"])
        // Column width: max(20, widest cell + 3 padding); the last cell is not padded.
        #expect(table.render() == "CONTAINER" + String(repeating: " ", count: 27 - 9) + "NAME\na-very-long-identifier-x   web\n")
        var narrow = TableWriter()
        narrow.add(["ID", "X"])
        #expect(narrow.render() == "ID" + String(repeating: " ", count: 18) + "X\n")
    }

    @Test func humanDurationsMatchGoUnits() {
        #expect(HumanFormat.duration(seconds: 0.4) == "Less than a second")
        #expect(HumanFormat.duration(seconds: 1) == "1 second")
        #expect(HumanFormat.duration(seconds: 59.9) == "59 seconds")
        #expect(HumanFormat.duration(seconds: 61) == "About a minute")
        #expect(HumanFormat.duration(seconds: 150) == "2 minutes")
        #expect(HumanFormat.duration(seconds: 3600) == "About an hour")
        #expect(HumanFormat.duration(seconds: 5 * 3600) == "5 hours")
        #expect(HumanFormat.duration(seconds: 3 * 86400) == "3 days")
        #expect(HumanFormat.duration(seconds: 20 * 86400) == "2 weeks")
        #expect(HumanFormat.duration(seconds: 90 * 86400) == "3 months")
        #expect(HumanFormat.duration(seconds: 800 * 86400) == "2 years")
        #expect(HumanFormat.ago(nanos(secondsAgo: 7.2), now: now) == "7 seconds ago")
    }

    @Test func sizesMatchGoUnits() {
        #expect(HumanFormat.size(0) == "0B")
        #expect(HumanFormat.size(999) == "999B")
        #expect(HumanFormat.size(4_404_019, precision: 3) == "4.4MB")
        #expect(HumanFormat.size(1_234_567, precision: 3) == "1.23MB")
        #expect(HumanFormat.size(754_200, precision: 3) == "754kB")
        #expect(HumanFormat.size(2_000_000) == "2MB")
        #expect(HumanFormat.size(12_345) == "12.35kB")
    }

    @Test func rfc3339NanoTrimsTheFraction() {
        let utc = TimeZone(identifier: "UTC")!
        #expect(HumanFormat.rfc3339Nano(1_700_000_000_120_000_000, timeZone: utc) == "2023-11-14T22:13:20.12Z")
        #expect(HumanFormat.rfc3339Nano(1_700_000_000_000_000_000, timeZone: utc) == "2023-11-14T22:13:20Z")
        #expect(HumanFormat.rfc3339Nano(0, timeZone: TimeZone(secondsFromGMT: 3600)!) == "1970-01-01T01:00:00+01:00")
    }

    @Test func containerTableTruncatesIDsAndReadsKubeletLabels() {
        var container = Runtime_V1_Container()
        container.id = String(repeating: "a", count: 64)
        container.podSandboxID = String(repeating: "b", count: 64)
        container.image.image = "sha256:" + String(repeating: "c", count: 64)
        container.createdAt = nanos(secondsAgo: 42)
        container.state = .containerRunning
        container.metadata.name = "web"
        container.metadata.attempt = 2
        container.labels = ["io.kubernetes.pod.name": "frontend", "io.kubernetes.pod.namespace": "prod"]
        var bare = Runtime_V1_Container()
        bare.id = "short"
        bare.image.image = "busybox"
        bare.createdAt = nanos(secondsAgo: 120)
        bare.state = .containerExited
        bare.metadata.name = "job"
        let lines = Tables.containers([container, bare], noTrunc: false, now: now).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let header = "CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE"
        #expect(lines[0] == header)
        #expect(lines[1] == "aaaaaaaaaaaaa       ccccccccccccc       42 seconds ago      Running             web                 2                   bbbbbbbbbbbbb       frontend            prod")
        #expect(lines[2] == "short               busybox             2 minutes ago       Exited              job                 0                                       unknown             unknown")
        let full = Tables.containers([container], noTrunc: true, now: now)
        #expect(full.contains(container.id) && full.contains(container.podSandboxID) && full.contains(container.image.image))
    }

    @Test func podTableShowsRuntimeHandler() {
        var pod = Runtime_V1_PodSandbox()
        pod.id = "0123456789abcdef0123"
        pod.createdAt = nanos(secondsAgo: 3)
        pod.state = .sandboxNotready
        pod.metadata.name = "nginx"
        pod.metadata.namespace = "default"
        let lines = Tables.pods([pod], noTrunc: false, now: now).split(separator: "\n").map(String.init)
        #expect(lines[0] == "POD ID              CREATED             STATE               NAME                NAMESPACE           ATTEMPT             RUNTIME")
        #expect(lines[1] == "0123456789abc       3 seconds ago       NotReady            nginx               default             0                   (default)")
    }

    @Test func imagesOneRowPerTagSortedByTag() {
        var busybox = Runtime_V1_Image()
        busybox.id = "sha256:" + String(repeating: "1", count: 64)
        busybox.repoTags = ["docker.io/library/busybox:latest", "docker.io/library/busybox:1.36"]
        busybox.repoDigests = ["docker.io/library/busybox@sha256:" + String(repeating: "2", count: 64)]
        busybox.size = 4_404_019
        var untagged = Runtime_V1_Image()
        untagged.id = "sha256:" + String(repeating: "3", count: 64)
        untagged.repoDigests = ["example.com/app@sha256:" + String(repeating: "4", count: 64)]
        untagged.size = 1_000
        var alpine = Runtime_V1_Image()
        alpine.id = "sha256:" + String(repeating: "5", count: 64)
        alpine.repoTags = ["alpine:3"]
        alpine.repoDigests = ["docker.io/library/alpine@sha256:" + String(repeating: "6", count: 64)]
        let sorted = Tables.sortImages([busybox, untagged, alpine])
        #expect(sorted.map(\.id) == [alpine.id, busybox.id, untagged.id])
        let text = Tables.images(sorted, digests: true, noTrunc: false)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("IMAGE") && lines[0].contains("DIGEST") && lines[0].hasSuffix("IMAGE ID            SIZE"))
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: width - text.count) }
        // The IMAGE column is as wide as its widest cell plus 3; the others keep the 20 minimum.
        #expect(lines[1] == pad("alpine", 28) + pad("3", 20) + pad("6666666666666", 20) + pad("5555555555555", 20) + "0B")
        #expect(lines[2].contains("docker.io/library/busybox   latest") && lines[2].contains("2222222222222") && lines[2].hasSuffix("1111111111111       4.4MB"))
        #expect(lines[3].contains("   1.36   "))
        #expect(lines[4].hasPrefix("example.com/app") && lines[4].contains("<none>") && lines[4].hasSuffix("3333333333333       1kB"))
    }

    @Test func statsComputeCPUPercentBetweenSamples() throws {
        func stat(_ id: String, cpu: UInt64, at: Int64, memory: UInt64) -> Runtime_V1_ContainerStats {
            var s = Runtime_V1_ContainerStats()
            s.attributes.id = id
            s.attributes.metadata.name = "n-" + id
            s.cpu.usageCoreNanoSeconds.value = cpu
            s.cpu.timestamp = at
            s.memory.workingSetBytes.value = memory
            s.writableLayer.usedBytes.value = 8192
            s.writableLayer.inodesUsed.value = 7
            return s
        }
        let before = [stat("running", cpu: 1_000_000_000, at: 0, memory: 1_500_000), stat("stopped", cpu: 0, at: 0, memory: 0)]
        let after = [stat("running", cpu: 1_250_000_000, at: 1_000_000_000, memory: 1_500_000), stat("stopped", cpu: 0, at: 0, memory: 0),
                     stat("new", cpu: 5, at: 1, memory: 1)]
        let text = try Tables.stats(before: before, after: after, all: false)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "CONTAINER           NAME                CPU %               MEM                 DISK                INODES              SWAP")
        #expect(lines.count == 2)
        #expect(lines[1] == "running             n-running           25.00               1.5MB               8.192kB             7                   0B")
        #expect(try Tables.stats(before: before, after: after, all: true).contains("stopped"))
        #expect(throws: CRICtlError.self) { try Tables.stats(before: before, after: [stat("running", cpu: 9, at: 0, memory: 1)], all: false) }
    }
}
