/// batch/v1 Job and CronJob defaults.
enum BatchDefaults {
    static func job(_ job: inout JSONValue) {
        let templateLabels = job.at("spec", "template", "metadata", "labels")
        job.update("spec", create: true) { spec in
            // A non-parallel job may leave both unset; both then become 1.
            if !spec.has("completions") && !spec.has("parallelism") {
                spec["completions"] = 1
                spec["parallelism"] = 1
            }
            spec.setDefault("parallelism", 1)
            spec.setDefault("backoffLimit", spec.has("backoffLimitPerIndex") ? .int(Int64(Int32.max)) : 6)
            spec.setDefault("completionMode", "NonIndexed")
            spec.setDefault("suspend", false)
            spec.setDefault("podReplacementPolicy", spec.has("podFailurePolicy") ? "Failed" : "TerminatingOrFailed")
            spec.update("podFailurePolicy") { policy in
                policy.updateEach("rules") { rule in
                    rule.updateEach("onPodConditions") { $0.setDefault("status", "True") }
                }
            }
            spec.update("template", create: true) { PodDefaults.template(&$0) }
        }
        if let labels = templateLabels, labels.objectValue != nil,
           (job.at("metadata", "labels")?.objectValue ?? [:]).isEmpty {
            job.update("metadata", create: true) { $0["labels"] = labels }
        }
    }

    static func cronJob(_ cj: inout JSONValue) {
        cj.update("spec", create: true) { spec in
            spec.setDefault("concurrencyPolicy", "Allow")
            spec.setDefault("suspend", false)
            spec.setDefault("successfulJobsHistoryLimit", 3)
            spec.setDefault("failedJobsHistoryLimit", 1)
            spec.update("jobTemplate", create: true) { t in
                t.update("spec", create: true) { js in js.update("template", create: true) { PodDefaults.template(&$0) } }
            }
        }
    }

    /// What upstream's Job strategy does on create when `manualSelector` is not true: select
    /// the job's own pods by its uid, and label the template to match.
    public static func generateSelector(_ job: inout JSONValue, uid: String) {
        guard job.at("spec", "manualSelector")?.boolValue != true else { return }
        let name = job.at("metadata", "name")?.stringValue ?? ""
        job.update("spec", create: true) { spec in
            spec["selector"] = ["matchLabels": ["batch.kubernetes.io/controller-uid": .string(uid)]]
            spec.update("template", create: true) { t in
                t.update("metadata", create: true) { m in
                    m.update("labels", create: true) { l in
                        l["batch.kubernetes.io/controller-uid"] = .string(uid)
                        l["batch.kubernetes.io/job-name"] = .string(name)
                        l["controller-uid"] = .string(uid)
                        l["job-name"] = .string(name)
                    }
                }
            }
        }
    }
}
