extension Defaulting {
    /// Folds a Secret's write-only `stringData` into base64 `data` (a `stringData` key wins over
    /// the same `data` key) and removes `stringData`, as upstream's Secret conversion does.
    /// Whether `data` holds valid base64 is checked by `Validation`.
    public static func normalizeSecret(_ secret: inout JSONValue) {
        guard let stringData = secret["stringData"]?.objectValue else {
            secret["stringData"] = nil
            return
        }
        var data = secret["data"]?.objectValue ?? [:]
        for (key, value) in stringData {
            data[key] = .string(Base64.encode(Array((value.stringValue ?? "").utf8)))
        }
        secret["data"] = .object(data)
        secret["stringData"] = nil
    }

    /// Sets a Job's generated selector and template labels (upstream's Job strategy on create).
    public static func generateJobSelector(_ job: inout JSONValue, uid: String) {
        BatchDefaults.generateSelector(&job, uid: uid)
    }
}
