import Foundation

extension ServerTable {
    static let deploymentColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Ready", description: "Number of the pod with ready state"),
        ServerTableColumn(name: "Up-to-date", description: "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        ServerTableColumn(name: "Available", description: "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        .ageColumn,
        .wide("Containers", ServerTableDocs.containerNames),
        .wide("Images", ServerTableDocs.containerImages),
        .wide("Selector", ServerTableDocs.selector),
    ]

    static let replicaSetColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Desired", type: "integer", description: "Replicas is the number of desired replicas."),
        ServerTableColumn(name: "Current", type: "integer", description: "Replicas is the most recently observed number of replicas."),
        ServerTableColumn(name: "Ready", type: "integer", description: "The number of ready replicas for this replica set."),
        .ageColumn,
        .wide("Containers", ServerTableDocs.containerNames),
        .wide("Images", ServerTableDocs.containerImages),
        .wide("Selector", "Selector is a label query over pods that should match the replica count."),
    ]

    static let replicationControllerColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Desired", type: "integer", description: "Replicas is the number of desired replicas."),
        ServerTableColumn(name: "Current", type: "integer", description: "Replicas is the most recently observed number of replicas."),
        ServerTableColumn(name: "Ready", type: "integer", description: "The number of ready replicas for this replication controller."),
        .ageColumn,
        .wide("Containers", ServerTableDocs.containerNames),
        .wide("Images", ServerTableDocs.containerImages),
        .wide("Selector", "Selector is a label query over pods that should match the Replicas count."),
    ]

    static let daemonSetColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Desired", type: "integer", description: "The total number of nodes that should be running the daemon pod."),
        ServerTableColumn(name: "Current", type: "integer", description: "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
        ServerTableColumn(name: "Ready", type: "integer", description: "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
        ServerTableColumn(name: "Up-to-date", type: "integer", description: "The total number of nodes that are running updated daemon pod"),
        ServerTableColumn(name: "Available", type: "integer", description: "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
        ServerTableColumn(name: "Node Selector", description: "NodeSelector is a selector which must be true for the pod to fit on a node."),
        .ageColumn,
        .wide("Containers", ServerTableDocs.containerNames),
        .wide("Images", ServerTableDocs.containerImages),
        .wide("Selector", "A label query over pods that are managed by the daemon set."),
    ]

    static let statefulSetColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Ready", description: "Number of the pod with ready state"),
        .ageColumn,
        .wide("Containers", ServerTableDocs.containerNames),
        .wide("Images", ServerTableDocs.containerImages),
    ]

    static let controllerRevisionColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Controller", description: "Controller of the object"),
        ServerTableColumn(name: "Revision", description: "Revision indicates the revision of the state represented by Data."),
        .ageColumn,
    ]

    static let jobColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Status", description: "Status of the job."),
        ServerTableColumn(name: "Completions", description: "The number of pods which reached phase Succeeded."),
        ServerTableColumn(name: "Duration", description: "Time required to complete the job."),
        .ageColumn,
        .wide("Containers", ServerTableDocs.containerNames),
        .wide("Images", ServerTableDocs.containerImages),
        .wide("Selector", "A label query over pods that should match the pod count."),
    ]

    static let cronJobColumns: [ServerTableColumn] = [
        .nameColumn,
        ServerTableColumn(name: "Schedule", description: "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
        ServerTableColumn(name: "Timezone", description: "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
        ServerTableColumn(name: "Suspend", type: "boolean", description: "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions."),
        ServerTableColumn(name: "Active", type: "integer", description: "A list of pointers to currently running jobs."),
        ServerTableColumn(name: "Last Schedule", description: "Information when was the last time the job was successfully scheduled."),
        .ageColumn,
        .wide("Containers", ServerTableDocs.containerNames),
        .wide("Images", ServerTableDocs.containerImages),
        .wide("Selector", "A label query over pods that should match the pod count."),
    ]

    /// `layoutContainerCells`: comma-joined names and images of a pod template's containers.
    static func containerCells(_ template: JSONValue?) -> (names: JSONValue, images: JSONValue) {
        let containers = template?[path: ["spec", "containers"]]?.arrayValue ?? []
        return (
            .string(containers.map { $0["name"]?.stringValue ?? "" }.joined(separator: ",")),
            .string(containers.map { $0["image"]?.stringValue ?? "" }.joined(separator: ","))
        )
    }

    static func deploymentCells(_ d: ObjectView) -> [JSONValue] {
        let (names, images) = containerCells(d.value("spec", "template"))
        let selector = LabelFormatting.selectorString(d.value("spec", "selector")) ?? "<invalid>"
        return [
            d.name, .string("\(d.int("status", "readyReplicas"))/\(d.int("spec", "replicas"))"),
            .int(d.int("status", "updatedReplicas")), .int(d.int("status", "availableReplicas")), d.age,
            names, images, .string(selector),
        ]
    }

    static func replicaSetCells(_ rs: ObjectView) -> [JSONValue] {
        let (names, images) = containerCells(rs.value("spec", "template"))
        return [
            rs.name, .int(rs.int("spec", "replicas")), .int(rs.int("status", "replicas")),
            .int(rs.int("status", "readyReplicas")), rs.age, names, images,
            .string(LabelFormatting.formatLabelSelector(rs.value("spec", "selector"))),
        ]
    }

    static func replicationControllerCells(_ rc: ObjectView) -> [JSONValue] {
        let (names, images) = containerCells(rc.value("spec", "template"))
        return [
            rc.name, .int(rc.int("spec", "replicas")), .int(rc.int("status", "replicas")),
            .int(rc.int("status", "readyReplicas")), rc.age, names, images,
            .string(LabelFormatting.formatLabels(rc.value("spec", "selector"))),
        ]
    }

    static func daemonSetCells(_ ds: ObjectView) -> [JSONValue] {
        let (names, images) = containerCells(ds.value("spec", "template"))
        return [
            ds.name, .int(ds.int("status", "desiredNumberScheduled")), .int(ds.int("status", "currentNumberScheduled")),
            .int(ds.int("status", "numberReady")), .int(ds.int("status", "updatedNumberScheduled")),
            .int(ds.int("status", "numberAvailable")),
            .string(LabelFormatting.formatLabels(ds.value("spec", "template", "spec", "nodeSelector"))), ds.age,
            names, images, .string(LabelFormatting.formatLabelSelector(ds.value("spec", "selector"))),
        ]
    }

    static func statefulSetCells(_ sts: ObjectView) -> [JSONValue] {
        let (names, images) = containerCells(sts.value("spec", "template"))
        return [sts.name, .string("\(sts.int("status", "readyReplicas"))/\(sts.int("spec", "replicas"))"), sts.age, names, images]
    }

    static func controllerRevisionCells(_ cr: ObjectView) -> [JSONValue] {
        var controller = "<none>"
        if let owner = cr.array("metadata", "ownerReferences").first(where: { $0["controller"]?.boolValue == true }) {
            let apiVersion = owner["apiVersion"]?.stringValue ?? ""
            let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
            let kind = owner["kind"]?.stringValue ?? ""
            let name = owner["name"]?.stringValue ?? ""
            let groupKind = group.isEmpty ? kind : "\(kind).\(group)"
            controller = groupKind.isEmpty ? name : "\(groupKind.lowercased())/\(name)"
        }
        return [cr.name, .string(controller), .int(cr.int("revision")), cr.age]
    }

    static func jobCells(_ job: ObjectView) -> [JSONValue] {
        let succeeded = job.int("status", "succeeded")
        let completions: String
        if let wanted = job.value("spec", "completions")?.intValue {
            completions = "\(succeeded)/\(wanted)"
        } else {
            let parallelism = job.value("spec", "parallelism")?.intValue ?? 0
            completions = parallelism > 1 ? "\(succeeded)/1 of \(parallelism)" : "\(succeeded)/1"
        }
        var duration = ""
        if let start = job.value("status", "startTime")?.stringValue.flatMap(RFC3339Date.parse) {
            if let end = job.value("status", "completionTime")?.stringValue.flatMap(RFC3339Date.parse) {
                duration = HumanDuration.string(seconds: end.timeIntervalSince(start))
            } else {
                duration = HumanDuration.string(seconds: job.now.timeIntervalSince(start))
            }
        }
        func condition(_ type: String) -> Bool {
            job.array("status", "conditions").first { $0["type"]?.stringValue == type }?["status"]?.stringValue == "True"
        }
        let status: String
        if condition("Complete") {
            status = "Complete"
        } else if condition("Failed") {
            status = "Failed"
        } else if let deletion = job.value("metadata", "deletionTimestamp"), !deletion.isNull {
            status = "Terminating"
        } else if condition("Suspended") {
            status = "Suspended"
        } else if condition("FailureTarget") {
            status = "FailureTarget"
        } else {
            status = "Running"
        }
        let (names, images) = containerCells(job.value("spec", "template"))
        return [
            job.name, .string(status), .string(completions), .string(duration), job.age, names, images,
            .string(LabelFormatting.formatLabelSelector(job.value("spec", "selector"))),
        ]
    }

    static func cronJobCells(_ cj: ObjectView) -> [JSONValue] {
        var last = "<none>"
        if let t = cj.value("status", "lastScheduleTime")?.stringValue { last = cj.since(t) }
        let suspend: String
        switch cj.value("spec", "suspend")?.boolValue {
        case .some(true): suspend = "True"
        case .some(false): suspend = "False"
        case .none: suspend = "<unset>"
        }
        let jobTemplate = cj.value("spec", "jobTemplate")
        let (names, images) = containerCells(jobTemplate?[path: ["spec", "template"]])
        return [
            cj.name, .string(cj.string("spec", "schedule")),
            .string(cj.value("spec", "timeZone")?.stringValue ?? "<none>"), .string(suspend),
            .int(Int64(cj.array("status", "active").count)), .string(last), cj.age, names, images,
            .string(LabelFormatting.formatLabelSelector(jobTemplate?[path: ["spec", "selector"]])),
        ]
    }
}
