import Testing

@testable import KubeAPI

private func defaulted(_ group: String, _ kind: String, _ object: JSONValue) -> JSONValue {
    var o = object
    Defaulting.apply(group: group, kind: kind, to: &o)
    return o
}

@Suite struct DefaultingTests {
    @Test func podDefaults() {
        let pod = defaulted("", "Pod", [
            "metadata": ["name": "p"],
            "spec": ["containers": [[
                "name": "c", "image": "nginx",
                "ports": [["containerPort": 80]],
                "livenessProbe": ["httpGet": ["port": 80]],
                "resources": ["limits": ["cpu": "1000m", "memory": "1024Mi"], "requests": ["memory": "512Mi"]],
            ]]],
        ])
        let spec = pod["spec"]!
        #expect(spec["restartPolicy"] == "Always")
        #expect(spec["dnsPolicy"] == "ClusterFirst")
        #expect(spec["schedulerName"] == "default-scheduler")
        #expect(spec["terminationGracePeriodSeconds"] == 30)
        #expect(spec["securityContext"] == .object([:]))
        #expect(spec["enableServiceLinks"] == true)
        #expect(spec["preemptionPolicy"] == "PreemptLowerPriority")
        #expect(spec["priority"] == 0)
        let c = spec.array("containers")[0]
        #expect(c["terminationMessagePath"] == "/dev/termination-log")
        #expect(c["terminationMessagePolicy"] == "File")
        #expect(c["imagePullPolicy"] == "Always")
        #expect(c.at("ports")?.arrayValue?[0]["protocol"] == "TCP")
        #expect(c["livenessProbe"] == [
            "httpGet": ["port": 80, "path": "/", "scheme": "HTTP"],
            "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3,
        ])
        // Requests default to limits (pods only), and quantities come back canonical.
        #expect(c["resources"] == [
            "limits": ["cpu": "1", "memory": "1Gi"], "requests": ["memory": "512Mi", "cpu": "1"],
        ])
    }

    @Test(arguments: [
        ("nginx", "Always"), ("nginx:latest", "Always"), ("nginx:1.25", "IfNotPresent"),
        ("localhost:5000/app", "Always"), ("localhost:5000/app:v1", "IfNotPresent"),
        ("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent"),
    ])
    func imagePullPolicy(_ image: String, _ expected: String) {
        let pod = defaulted("", "Pod", ["spec": ["containers": [["name": "c", "image": .string(image)]]]])
        #expect(pod.at("spec", "containers")?.arrayValue?[0]["imagePullPolicy"] == .string(expected))
    }

    @Test func explicitValuesAreKept() {
        let pod = defaulted("", "Pod", [
            "spec": ["restartPolicy": "Never", "terminationGracePeriodSeconds": 0, "enableServiceLinks": false,
                     "containers": [["name": "c", "image": "nginx", "imagePullPolicy": "Never"]]],
        ])
        #expect(pod.at("spec", "restartPolicy") == "Never")
        #expect(pod.at("spec", "terminationGracePeriodSeconds") == 0)
        #expect(pod.at("spec", "enableServiceLinks") == false)
        #expect(pod.at("spec", "containers")?.arrayValue?[0]["imagePullPolicy"] == "Never")
    }

    @Test func volumesAndTemplates() {
        let template = defaulted("", "PodTemplate", [
            "template": ["spec": [
                "containers": [["name": "c", "image": "i", "resources": ["limits": ["cpu": "1"]]]],
                "volumes": [["name": "a"], ["name": "b", "secret": ["secretName": "s"]], ["name": "c", "configMap": ["name": "m"]]],
            ]],
        ])
        let spec = template.at("template", "spec")!
        #expect(spec.array("volumes").map { $0["emptyDir"] ?? $0.at("secret", "defaultMode") ?? $0.at("configMap", "defaultMode") }
            == [.object([:]), 420, 420])
        // Templates do not get the pod-only request defaulting.
        #expect(spec.array("containers")[0].at("resources", "requests") == nil)
        #expect(spec["enableServiceLinks"] == nil)
    }

    @Test func serviceDefaults() {
        let svc = defaulted("", "Service", ["spec": ["clusterIP": "10.96.0.1", "ports": [["port": 80], ["port": 443, "targetPort": "https"]]]])
        let spec = svc["spec"]!
        #expect(spec["type"] == "ClusterIP")
        #expect(spec["sessionAffinity"] == "None")
        #expect(spec["ipFamilyPolicy"] == "SingleStack")
        #expect(spec["internalTrafficPolicy"] == "Cluster")
        #expect(spec["externalTrafficPolicy"] == nil)
        #expect(spec["clusterIPs"] == ["10.96.0.1"])
        #expect(spec["ports"] == [["port": 80, "protocol": "TCP", "targetPort": 80], ["port": 443, "targetPort": "https", "protocol": "TCP"]])

        let lb = defaulted("", "Service", ["spec": ["type": "LoadBalancer", "sessionAffinity": "ClientIP", "ports": [["port": 80]]]])
        #expect(lb.at("spec", "externalTrafficPolicy") == "Cluster")
        #expect(lb.at("spec", "allocateLoadBalancerNodePorts") == true)
        #expect(lb.at("spec", "sessionAffinityConfig") == ["clientIP": ["timeoutSeconds": 10800]])

        let ext = defaulted("", "Service", ["spec": ["type": "ExternalName", "externalName": "example.com"]])
        #expect(ext.at("spec", "internalTrafficPolicy") == nil)
        #expect(ext.at("spec", "ipFamilyPolicy") == nil)
    }

    @Test func deploymentDefaults() {
        let d = defaulted("apps", "Deployment", ["spec": ["template": ["spec": ["containers": [["name": "c", "image": "i:1"]]]]]])
        let spec = d["spec"]!
        #expect(spec["replicas"] == 1)
        #expect(spec["strategy"] == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "25%", "maxSurge": "25%"]])
        #expect(spec["revisionHistoryLimit"] == 10)
        #expect(spec["progressDeadlineSeconds"] == 600)
        #expect(spec.at("template", "spec", "restartPolicy") == "Always")
        #expect(spec.at("template", "spec", "containers")?.arrayValue?[0]["imagePullPolicy"] == "IfNotPresent")

        let recreate = defaulted("apps", "Deployment", ["spec": ["strategy": ["type": "Recreate"]]])
        #expect(recreate.at("spec", "strategy") == ["type": "Recreate"])
    }

    @Test func otherWorkloadDefaults() {
        #expect(defaulted("apps", "ReplicaSet", ["spec": [:]]).at("spec", "replicas") == 1)
        let ds = defaulted("apps", "DaemonSet", ["spec": [:]])
        #expect(ds.at("spec", "updateStrategy") == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": 0]])
        #expect(ds.at("spec", "revisionHistoryLimit") == 10)
        let sts = defaulted("apps", "StatefulSet", ["spec": ["volumeClaimTemplates": [["metadata": ["name": "data"], "spec": [:]]]]])
        #expect(sts.at("spec", "podManagementPolicy") == "OrderedReady")
        #expect(sts.at("spec", "updateStrategy") == ["type": "RollingUpdate", "rollingUpdate": ["partition": 0]])
        #expect(sts.at("spec", "replicas") == 1)
        #expect(sts.at("spec", "revisionHistoryLimit") == 10)
        #expect(sts.at("spec", "persistentVolumeClaimRetentionPolicy") == ["whenDeleted": "Retain", "whenScaled": "Retain"])
        #expect(sts.at("spec", "volumeClaimTemplates")?.arrayValue?[0].at("spec", "volumeMode") == "Filesystem")

        let rc = defaulted("", "ReplicationController", ["spec": ["template": ["metadata": ["labels": ["app": "x"]]]]])
        #expect(rc.at("spec", "selector") == ["app": "x"])
        #expect(rc.at("metadata", "labels") == ["app": "x"])
        #expect(rc.at("spec", "replicas") == 1)
    }

    @Test func jobDefaults() {
        let job = defaulted("batch", "Job", ["spec": ["template": ["metadata": ["labels": ["a": "b"]]]]])
        let spec = job["spec"]!
        #expect(spec["completions"] == 1)
        #expect(spec["parallelism"] == 1)
        #expect(spec["backoffLimit"] == 6)
        #expect(spec["completionMode"] == "NonIndexed")
        #expect(spec["suspend"] == false)
        #expect(spec["podReplacementPolicy"] == "TerminatingOrFailed")
        #expect(spec["manualSelector"] == nil)
        #expect(job.at("metadata", "labels") == ["a": "b"])

        let parallel = defaulted("batch", "Job", ["spec": ["parallelism": 3]])
        #expect(parallel.at("spec", "completions") == nil)
        #expect(parallel.at("spec", "parallelism") == 3)
        let perIndex = defaulted("batch", "Job", ["spec": ["backoffLimitPerIndex": 1]])
        #expect(perIndex.at("spec", "backoffLimit") == 2_147_483_647)
    }

    @Test func jobSelectorGeneration() {
        var job: JSONValue = ["metadata": ["name": "pi"], "spec": ["template": [:]]]
        Defaulting.generateJobSelector(&job, uid: "abc")
        #expect(job.at("spec", "selector") == ["matchLabels": ["batch.kubernetes.io/controller-uid": "abc"]])
        #expect(job.at("spec", "template", "metadata", "labels", "batch.kubernetes.io/job-name") == "pi")
        var manual: JSONValue = ["spec": ["manualSelector": true]]
        Defaulting.generateJobSelector(&manual, uid: "abc")
        #expect(manual.at("spec", "selector") == nil)
    }

    @Test func cronJobDefaults() {
        let cj = defaulted("batch", "CronJob", ["spec": ["schedule": "* * * * *", "jobTemplate": ["spec": ["template": ["spec": [:]]]]]])
        let spec = cj["spec"]!
        #expect(spec["concurrencyPolicy"] == "Allow")
        #expect(spec["suspend"] == false)
        #expect(spec["successfulJobsHistoryLimit"] == 3)
        #expect(spec["failedJobsHistoryLimit"] == 1)
        #expect(spec.at("jobTemplate", "spec", "template", "spec", "dnsPolicy") == "ClusterFirst")
    }

    @Test func coreKindDefaults() {
        #expect(defaulted("", "Secret", [:])["type"] == "Opaque")
        #expect(defaulted("", "Secret", ["type": "kubernetes.io/tls"])["type"] == "kubernetes.io/tls")
        let ns = defaulted("", "Namespace", ["metadata": ["name": "team-a"]])
        #expect(ns.at("spec", "finalizers") == ["kubernetes"])
        #expect(ns.at("status", "phase") == "Active")
        #expect(ns.at("metadata", "labels", "kubernetes.io/metadata.name") == "team-a")
        let node = defaulted("", "Node", ["status": ["capacity": ["cpu": "4"]]])
        #expect(node.at("status", "allocatable") == ["cpu": "4"])
        let slice = defaulted("discovery.k8s.io", "EndpointSlice", ["ports": [["port": 80]]])
        #expect(slice["ports"] == [["port": 80, "name": "", "protocol": "TCP"]])
        let ep = defaulted("", "Endpoints", ["subsets": [["ports": [["port": 80]]]]])
        #expect(ep["subsets"] == [["ports": [["port": 80, "protocol": "TCP"]]]])
        #expect(defaulted("", "PersistentVolumeClaim", ["spec": [:]]).at("spec", "volumeMode") == "Filesystem")
        // Kinds without defaults are left alone.
        #expect(defaulted("", "ConfigMap", ["data": ["a": "b"]]) == ["data": ["a": "b"]])
    }

    @Test func secretNormalization() {
        var secret: JSONValue = ["data": ["a": "b2xk", "keep": "a2VlcA=="], "stringData": ["a": "new", "u": "héllo"]]
        Defaulting.normalizeSecret(&secret)
        #expect(secret == ["data": ["a": "bmV3", "keep": "a2VlcA==", "u": "aMOpbGxv"]])
        var plain: JSONValue = ["stringData": ["x": ""]]
        Defaulting.normalizeSecret(&plain)
        #expect(plain == ["data": ["x": ""]])
    }

    @Test(arguments: [("", 0), ("YQ==", 1), ("YWI=", 2), ("YWJj", 3), ("aGVs\nbG8=", 5)])
    func base64Decodes(_ text: String, _ count: Int) throws {
        #expect(try Base64.decode(text).count == count)
    }

    @Test(arguments: [("YQ=", 3), ("Y", 0), ("YWJ", 0), ("YWJjY", 4), ("!!!!", 0), ("YQ==YQ==", 4), ("Y===", 1)])
    func base64Rejects(_ text: String, _ offset: Int) {
        #expect(throws: Base64.DecodeError.illegalData(at: offset)) { try Base64.decode(text) }
    }
}
