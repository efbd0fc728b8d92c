extension ManagedFields {
    /// Upstream keeps at most this many Update entries; older ones are folded together.
    public static let maxUpdateManagers = 10
    /// The manager name of folded Update entries, one per API version.
    public static let ancientChangesManager = "ancient-changes"

    /// Folds the oldest Update entries into one `ancient-changes` entry per API version until
    /// at most `maxUpdateManagers` Update entries remain (upstream's capManagersManager).
    static func capUpdateManagers(_ entries: [ManagedFieldsEntry], max: Int = maxUpdateManagers) -> [ManagedFieldsEntry] {
        var entries = entries
        var updaters = entries.indices.filter { entries[$0].operation == .update }
        guard updaters.count > max else { return entries }
        updaters.sort { i, j in
            let (a, b) = (entries[i], entries[j])
            if (a.time ?? "") != (b.time ?? "") { return (a.time ?? "") < (b.time ?? "") }
            return bytesLess(a.manager + "\u{0}" + a.apiVersion, b.manager + "\u{0}" + b.apiVersion)
        }
        var firstOfVersion: [String: Int] = [:]
        var bucketOfVersion: [String: Int] = [:]
        for i in updaters where entries[i].manager == ancientChangesManager && entries[i].subresource == nil {
            bucketOfVersion[entries[i].apiVersion] = i
        }
        var dropped: Set<Int> = []
        var count = updaters.count
        for i in updaters where count > max {
            let version = entries[i].apiVersion
            if bucketOfVersion[version] == i {
                // An existing bucket takes the next entries of its version, never itself.
                if firstOfVersion[version] == nil { firstOfVersion[version] = i }
                continue
            }
            guard let first = firstOfVersion[version] else {
                firstOfVersion[version] = i
                continue
            }
            // The first entry of this version becomes the bucket when a second one joins it.
            let bucket = bucketOfVersion[version] ?? first
            if bucketOfVersion[version] == nil {
                bucketOfVersion[version] = first
                entries[first].manager = ancientChangesManager
                entries[first].subresource = nil
            }
            entries[bucket].fields = entries[bucket].fields.union(entries[i].fields)
            entries[bucket].time = entries[i].time
            dropped.insert(i)
            count -= 1
        }
        return entries.indices.filter { !dropped.contains($0) }.map { entries[$0] }
    }
}
