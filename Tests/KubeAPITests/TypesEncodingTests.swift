import Foundation
import Testing

@testable import KubeAPI

private func tree<T: Encodable>(_ value: T) throws -> JSONValue { try JSONValue(encoding: value) }

/// JSONEncoder does not keep declaration order, so whole-tree checks ignore key order.
private func same(_ a: JSONValue?, _ b: JSONValue) -> Bool {
    guard let a else { return false }
    return jsonDifferences(a, b).isEmpty
}

/// Where upstream's Go encoding differs from "omit when nil", and how absent fields decode.
@Suite struct TypesEncodingTests {
    @Test func emptyObjectMetaPrintsNullCreationTimestampLikeUpstream() throws {
        #expect(try tree(ObjectMeta()) == ["creationTimestamp": nil])
    }

    @Test func newPodCarriesTypeMetaAndAlwaysPrintsSpecAndStatus() throws {
        var pod = Pod()
        pod.metadata.name = "p"
        pod.spec.containers = [Container(name: "c", image: "busybox")]
        let json = try tree(pod)
        #expect(json["apiVersion"] == "v1")
        #expect(json["kind"] == "Pod")
        #expect(same(json[path: ["spec", "containers"]], [["name": "c", "image": "busybox", "resources": [:]]]))
        #expect(json["status"] == .object([:]))
    }

    @Test func pointersWithoutOmitemptyPrintNull() throws {
        #expect(try tree(DeploymentSpec())["selector"] == .null)
        #expect(same(try tree(GRPCAction(port: 9090)), ["port": 9090, "service": nil]))
        #expect(
            same(
                try tree(PodCondition(type: "Ready", status: "True")),
                ["type": "Ready", "status": "True", "lastProbeTime": nil, "lastTransitionTime": nil]))
        #expect(try tree(ControllerRevision(revision: 2))["data"] == .null)
    }

    @Test func daemonEndpointPortKeyIsCapitalised() throws {
        #expect(try tree(DaemonEndpoint(port: 10250)) == ["Port": 10250])
    }

    @Test func unsetResourceFieldDivisorPrintsZeroLikeUpstream() throws {
        #expect(try tree(ResourceFieldSelector(resource: "limits.cpu"))["divisor"] == "0")
    }

    @Test func absentAndNullRequiredFieldsDecodeToZeroValues() throws {
        let pod = try JSONValue.parse(#"{"spec":{"containers":null},"status":{}}"#).decode(as: Pod.self)
        #expect(pod.spec.containers.isEmpty)
        #expect(pod.metadata == ObjectMeta())
        #expect(pod.apiVersion == nil)
        let status = try JSONValue.parse(#"{"name":"c"}"#).decode(as: ContainerStatus.self)
        #expect(status.ready == false && status.restartCount == 0 && status.image == "")
    }

    @Test func wrongTypesStillFailToDecode() {
        #expect(throws: DecodingError.self) {
            try JSONValue.parse(#"{"containers":"nope"}"#).decode(as: PodSpec.self)
        }
        #expect(throws: DecodingError.self) {
            try JSONValue.parse(#"{"creationTimestamp":"yesterday"}"#).decode(as: ObjectMeta.self)
        }
    }

    @Test func secretDataEncodesAsBase64() throws {
        var secret = Secret(metadata: ObjectMeta(name: "s"), data: ["token": "secret", "raw": Base64Bytes([0, 1, 255])])
        secret.stringData = ["plain": "text"]
        let json = try tree(secret)
        #expect(json[path: ["data", "token"]] == "c2VjcmV0")
        #expect(json[path: ["data", "raw"]] == "AAH/")
        #expect(json[path: ["stringData", "plain"]] == "text")
        #expect(json["type"] == nil)
    }

    @Test func invalidBase64IsRejected() {
        #expect(throws: DecodingError.self) {
            try JSONValue.parse(#"{"data":{"k":"not base64!"}}"#).decode(as: Secret.self)
        }
    }

    @Test func base64ToleratesLineBreaksLikeGo() throws {
        let secret = try JSONValue.parse(#"{"data":{"k":"c2Vj\ncmV0"}}"#).decode(as: Secret.self)
        #expect(secret.data?["k"]?.utf8String == "secret")
        #expect(Base64Bytes(utf8: "secret").description == "<6 bytes>")
    }

    @Test func watchEventCarriesAnyObject() throws {
        let json = #"{"type":"MODIFIED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","resourceVersion":"7"}}}"#
        let event = try expectRoundTrip(WatchEvent.self, json)
        #expect(event.type == "MODIFIED")
        let pod = try event.object.decode(as: Pod.self)
        #expect(pod.metadata.resourceVersion == "7")
    }

    @Test func listsNameTheirKindAndDecodeItemsWithoutTypeMeta() throws {
        #expect(PodList.kind == "PodList")
        #expect(DeploymentList.apiVersion == "apps/v1")
        let list = try JSONValue.parse(#"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5"},"items":[{"metadata":{"name":"a"}}]}"#)
            .decode(as: PodList.self)
        #expect(list.items[0].metadata.name == "a")
        #expect(try tree(PodList())["items"] == [])
        #expect(try tree(PodList())["kind"] == "PodList")
    }

    @Test func deleteOptionsAndDiscoveryShapes() throws {
        let options = DeleteOptions(gracePeriodSeconds: 0, preconditions: Preconditions(uid: "u"), propagationPolicy: "Foreground")
        #expect(
            same(
                try tree(options),
                [
                    "apiVersion": "v1", "kind": "DeleteOptions", "gracePeriodSeconds": 0,
                    "preconditions": ["uid": "u"], "propagationPolicy": "Foreground",
                ]))
        _ = try expectRoundTrip(APIResourceList.self, #"""
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"apps/v1","resources":[
             {"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment",
              "verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["deploy"],"categories":["all"],
              "storageVersionHash":"8aSe+NMegvE="},
             {"name":"deployments/scale","singularName":"","namespaced":true,"group":"autoscaling","version":"v1","kind":"Scale",
              "verbs":["get","patch","update"]}]}
            """#)
        _ = try expectRoundTrip(APIGroupList.self, #"""
            {"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],
             "preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}
            """#)
        _ = try expectRoundTrip(APIVersions.self, #"""
            {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"10.0.0.1:6443"}]}
            """#)
    }

    @Test func kindsDescribeWhereTheyAreServed() {
        #expect(Deployment.apiVersion == "apps/v1" && Deployment.group == "apps" && Deployment.resource == "deployments")
        #expect(Pod.apiVersion == "v1" && Pod.group == "" && Pod.namespaced)
        #expect(!Node.namespaced && !Namespace.namespaced)
        #expect(EndpointSlice.apiVersion == "discovery.k8s.io/v1")
        #expect(Lease.apiVersion == "coordination.k8s.io/v1")
        #expect(Eviction.apiVersion == "policy/v1" && Scale.apiVersion == "autoscaling/v1")
        #expect(core.v1.Pod.kind == "Pod" && apps.v1.Deployment.kind == "Deployment")
        #expect(discovery.v1.EndpointPort.self == EndpointSlicePort.self && core.v1.EndpointPort.self == EndpointPort.self)
    }

    @Test func markerProtocolsAreUsableGenerically() {
        func replicasStatus<T: HasStatus>(_ object: T) -> T.ObjectStatus { object.status }
        func isScalable<T: KubeObject>(_: T.Type) -> Bool { T.self is any Scalable.Type }
        var deployment = Deployment()
        deployment.status.replicas = 4
        #expect(replicasStatus(deployment).replicas == 4)
        #expect(isScalable(Deployment.self) && isScalable(StatefulSet.self) && isScalable(ReplicaSet.self))
        #expect(!isScalable(Pod.self) && !isScalable(DaemonSet.self))
        #expect(Pod().withTypeMeta().kind == "Pod")
    }
}
