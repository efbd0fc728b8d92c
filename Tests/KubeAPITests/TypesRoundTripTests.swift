import Foundation
import Testing

@testable import KubeAPI

/// Decodes upstream-shaped JSON into the typed struct, encodes it again, and requires the same
/// tree back (key order aside): a field with the wrong name, a dropped field, or a field that
/// prints when upstream omits it (or the reverse) shows up as a difference.
func expectRoundTrip<T: Codable>(
    _ type: T.Type, _ json: String, sourceLocation: SourceLocation = #_sourceLocation
) throws -> T {
    let decoded = try JSONDecoder().decode(T.self, from: Data(json.utf8))
    let encoded = try JSONEncoder().encode(decoded)
    let differences = jsonDifferences(try JSONValue.parse(json), try JSONValue.parse(encoded))
    #expect(differences.isEmpty, "\(T.self): \(differences.joined(separator: "\n"))", sourceLocation: sourceLocation)
    return decoded
}

@Suite struct TypesRoundTripTests {
    @Test func pod() throws {
        let pod = try expectRoundTrip(Pod.self, podFixture)
        #expect(pod.metadata.name == "web-7d4b9c8f6-x2k9p")
        #expect(pod.metadata.creationTimestamp == Time(secondsSince1970: 1_704_164_645))
        #expect(pod.metadata.managedFields?[0].fieldsV1?[path: ["f:metadata", "f:labels", "f:app"]] == .object([:]))
        let web = pod.spec.containers[0]
        #expect(web.livenessProbe?.httpGet?.port == .string("http"))
        #expect(web.readinessProbe?.tcpSocket?.port == .int(8080))
        #expect(web.resources.limits?["memory"] == "256Mi")
        #expect(web.env?[2].valueFrom?.secretKeyRef?.key == "password")
        #expect(web.securityContext?.capabilities?.drop == ["ALL"])
        #expect(pod.spec.initContainers?[1].restartPolicy == "Always")
        #expect(pod.spec.deprecatedServiceAccount == "web")
        #expect(pod.spec.volumes?[5].projected?.sources[1].serviceAccountToken?.audience == "vault")
        #expect(pod.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?[0].weight == 100)
        #expect(pod.spec.securityContext?.supplementalGroups == [4000, 5000])
        #expect(pod.spec.volumes?[8].ephemeral?.volumeClaimTemplate?.spec.resources.requests?["storage"] == "1Gi")
        #expect(pod.spec.volumes?[9].iscsi?["lun"] == 0)
        #expect(pod.status.phase == "Running")
        #expect(pod.status.conditions?[0].lastProbeTime == nil)
        #expect(pod.status.containerStatuses?[0].lastState.terminated?.exitCode == 137)
        #expect(pod.status.containerStatuses?[1].state.waiting?.reason == "CrashLoopBackOff")
        #expect(pod.status.podIPs?.map(\.ip) == ["10.244.0.17", "fd00:10:244::11"])
    }

    @Test func podWithoutManagedFields() throws {
        let decoder = JSONDecoder()
        decoder.userInfo[.skipManagedFields] = true
        let trimmed = try decoder.decode(Pod.self, from: Data(podFixture.utf8))
        var full = try JSONDecoder().decode(Pod.self, from: Data(podFixture.utf8))
        #expect(full.metadata.managedFields?.count == 2)
        #expect(trimmed.metadata.managedFields == nil)
        full.metadata.managedFields = nil
        #expect(trimmed == full)
    }

    @Test func deployment() throws {
        let deployment = try expectRoundTrip(Deployment.self, deploymentFixture)
        #expect(deployment.spec.strategy.rollingUpdate?.maxUnavailable == .string("25%"))
        #expect(deployment.spec.strategy.rollingUpdate?.maxSurge == .int(1))
        #expect(deployment.spec.selector?.matchLabels == ["app": "web"])
        #expect(deployment.spec.template.metadata.creationTimestamp == nil)
        #expect(deployment.status.conditions?.count == 2)
    }

    @Test func service() throws {
        let service = try expectRoundTrip(Service.self, serviceFixture)
        #expect(service.spec.ports?[0].targetPort == .string("http"))
        #expect(service.spec.ports?[1].targetPort == .int(9100))
        #expect(service.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == 10800)
        #expect(service.status.loadBalancer.ingress?[1].ports?[0].error == "Pending")
    }

    @Test func secret() throws {
        let secret = try expectRoundTrip(Secret.self, secretFixture)
        #expect(secret.data?["password"]?.utf8String == "secret")
        #expect(secret.data?["binary"]?.data == Data([0x00, 0x01, 0xFF]))
        #expect(secret.data?["empty"]?.data.isEmpty == true)
    }

    @Test func node() throws {
        let node = try expectRoundTrip(Node.self, nodeFixture)
        #expect(node.status.daemonEndpoints.kubeletEndpoint.port == 10250)
        #expect(node.spec.taints?[1].timeAdded?.rfc3339 == "2024-01-02T00:00:00Z")
        #expect(node.status.nodeInfo.kubeProxyVersion == "")
        #expect(node.status.capacity?["cpu"] == "2")
    }

    @Test func eventList() throws {
        let list = try expectRoundTrip(EventList.self, eventListFixture)
        #expect(list.metadata.continue == "eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ")
        #expect(list.metadata.remainingItemCount == 12)
        #expect(list.items[0].apiVersion == nil && list.items[0].kind == nil)
        #expect(list.items[0].eventTime == nil)
        #expect(list.items[0].count == 3)
        #expect(list.items[1].eventTime == MicroTime(microsecondsSince1970: 1_704_164_645_123_456))
        #expect(list.items[1].series?.lastObservedTime?.rfc3339 == "2024-01-02T03:05:05.000001Z")
        #expect(list.items[1].firstTimestamp == nil)
    }

    @Test func job() throws {
        let job = try expectRoundTrip(Job.self, jobFixture)
        #expect(job.spec.completionMode == "Indexed")
        #expect(job.spec.backoffLimit == 6)
        #expect(job.spec.podFailurePolicy?[path: ["rules"]]?.arrayValue?.count == 2)
        #expect(job.status.uncountedTerminatedPods?.succeeded?.count == 1)
    }

    @Test func cronJob() throws {
        let cronJob = try expectRoundTrip(CronJob.self, cronJobFixture)
        #expect(cronJob.spec.schedule == "*/5 * * * *")
        #expect(cronJob.spec.jobTemplate.spec.template.spec.restartPolicy == "OnFailure")
        #expect(cronJob.status.active?[0].name == "report-28400000")
    }

    @Test func lease() throws {
        let lease = try expectRoundTrip(Lease.self, leaseFixture)
        #expect(lease.spec.renewTime?.microsecondsSince1970 == 1_704_164_645_678_901)
        #expect(lease.spec.leaseDurationSeconds == 40)
    }

    @Test func endpointSlice() throws {
        let slice = try expectRoundTrip(EndpointSlice.self, endpointSliceFixture)
        #expect(slice.endpoints[0].conditions.ready == true)
        #expect(slice.ports?[1].protocol == "UDP")
        let portless = try expectRoundTrip(EndpointSlice.self, portlessEndpointSliceFixture)
        #expect(portless.ports == nil)
    }

    @Test func status() throws {
        let status = try expectRoundTrip(Status.self, statusFixture)
        #expect(status.code == 422)
        #expect(status.details?.causes?[0].field == "spec.containers[0].image")
    }

    @Test func table() throws {
        let table = try expectRoundTrip(Table.self, tableFixture)
        #expect(table.columnDefinitions[4].priority == 1)
        #expect(table.rows[1].cells == ["batch-1", 0, 2.5, true, nil])
        #expect(table.rows[1].object == nil)
        let partial = try table.rows[0].object?.decode(as: PartialObjectMetadata.self)
        #expect(partial?.metadata.labels == ["app": "web"])
    }
}
