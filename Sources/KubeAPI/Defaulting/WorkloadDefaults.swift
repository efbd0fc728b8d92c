/// apps/v1 workloads and ReplicationController (upstream apps/v1 and core/v1 defaults).
enum WorkloadDefaults {
    static func deployment(_ d: inout JSONValue) {
        d.update("spec", create: true) { spec in
            spec.setDefault("replicas", 1)
            spec.update("strategy", create: true) { s in
                s.setDefault("type", "RollingUpdate")
                if s.string("type") == "RollingUpdate" {
                    s.update("rollingUpdate", create: true) { ru in
                        ru.setDefault("maxUnavailable", "25%")
                        ru.setDefault("maxSurge", "25%")
                    }
                }
            }
            spec.setDefault("revisionHistoryLimit", 10)
            spec.setDefault("progressDeadlineSeconds", 600)
            spec.update("template", create: true) { PodDefaults.template(&$0) }
        }
    }

    static func replicaSet(_ rs: inout JSONValue) {
        rs.update("spec", create: true) { spec in
            spec.setDefault("replicas", 1)
            spec.update("template", create: true) { PodDefaults.template(&$0) }
        }
    }

    static func daemonSet(_ ds: inout JSONValue) {
        ds.update("spec", create: true) { spec in
            spec.update("updateStrategy", create: true) { s in
                s.setDefault("type", "RollingUpdate")
                if s.string("type") == "RollingUpdate" {
                    s.update("rollingUpdate", create: true) { ru in
                        ru.setDefault("maxUnavailable", 1)
                        ru.setDefault("maxSurge", 0)
                    }
                }
            }
            spec.setDefault("revisionHistoryLimit", 10)
            spec.update("template", create: true) { PodDefaults.template(&$0) }
        }
    }

    static func statefulSet(_ sts: inout JSONValue) {
        sts.update("spec", create: true) { spec in
            spec.setDefault("podManagementPolicy", "OrderedReady")
            spec.update("updateStrategy", create: true) { s in
                s.setDefault("type", "RollingUpdate")
                if s.string("type") == "RollingUpdate" {
                    s.update("rollingUpdate", create: true) { $0.setDefault("partition", 0) }
                }
            }
            spec.setDefault("replicas", 1)
            spec.setDefault("revisionHistoryLimit", 10)
            spec.update("persistentVolumeClaimRetentionPolicy", create: true) { p in
                p.setDefault("whenDeleted", "Retain")
                p.setDefault("whenScaled", "Retain")
            }
            spec.updateEach("volumeClaimTemplates") { t in t.update("spec", create: true) { CoreDefaults.claimSpec(&$0) } }
            spec.update("template", create: true) { PodDefaults.template(&$0) }
        }
    }

    /// core/v1 RCs also take their selector and labels from the template's labels.
    static func replicationController(_ rc: inout JSONValue) {
        let templateLabels = rc.at("spec", "template", "metadata", "labels")
        rc.update("spec", create: true) { spec in
            if let labels = templateLabels, !(labels.objectValue ?? [:]).isEmpty, spec.object("selector").isEmpty {
                spec["selector"] = labels
            }
            spec.setDefault("replicas", 1)
            spec.update("template") { PodDefaults.template(&$0) }
        }
        if let labels = templateLabels, !(labels.objectValue ?? [:]).isEmpty,
           (rc.at("metadata", "labels")?.objectValue ?? [:]).isEmpty {
            rc.update("metadata", create: true) { $0["labels"] = labels }
        }
    }
}
