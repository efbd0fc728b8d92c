/// Read queries, run on a reader connection (WAL lets them proceed while the writer commits).
extension SQLiteConnection {
    func currentRevision() throws(StoreError) -> Int64 {
        try scalar(SQLiteSchema.currentRevision) ?? 0
    }

    func compactRevision() throws(StoreError) -> Int64 {
        try scalar(SQLiteSchema.compactRevision) ?? 0
    }

    func get(_ key: String) throws(StoreError) -> KeyValue? {
        var result: KeyValue?
        try query(SQLiteSchema.latest, [.text(key)]) { row in
            if row.integer(1) == 0 {
                result = KeyValue(key: key, value: row.bytes(3), createRevision: row.integer(2), modRevision: row.integer(0))
            }
        }
        return result
    }

    /// A list read in one transaction, so the revision, the compaction check and the rows agree.
    func list(prefix: String, startAfter: String?, limit: Int, revision: Int64) throws(StoreError) -> ListResult {
        try execute("BEGIN")
        defer { try? execute("COMMIT") }
        let current = try currentRevision()
        let at = revision == 0 ? current : revision
        if at > current { throw .futureRevision(requested: at, current: current) }
        let compacted = try compactRevision()
        if at < compacted { throw .compacted(requested: at, compactedRevision: compacted) }

        let range = KeyRange(prefix: prefix)
        var arguments: [SQLValue] = [.integer(at)] + SQLiteSchema.rangeArguments(range)
        if let startAfter { arguments.append(.text(startAfter)) }
        var items: [KeyValue] = []
        // One extra row tells whether the limit cut the list short.
        let fetch = limit > 0 ? Int64(limit) + 1 : -1
        let sql = SQLiteSchema.list(range: range, startAfter: startAfter != nil)
        try query(sql, arguments + [.integer(at), .integer(fetch)]) { row in
            items.append(KeyValue(key: row.text(1), value: row.bytes(3), createRevision: row.integer(2), modRevision: row.integer(0)))
        }
        guard limit > 0, items.count > limit else {
            return ListResult(items: items, revision: at, more: false, remaining: 0)
        }
        items.removeLast()
        let rest = [.integer(at)] + SQLiteSchema.rangeArguments(range) + [SQLValue.text(items.last!.key)]
        let remaining = try scalar(SQLiteSchema.count(range: range, startAfter: true), rest) ?? 0
        return ListResult(items: items, revision: at, more: true, remaining: Int(remaining))
    }

    func count(prefix: String) throws(StoreError) -> Int {
        let range = KeyRange(prefix: prefix)
        let arguments: [SQLValue] = [.integer(Int64.max)] + SQLiteSchema.rangeArguments(range)
        return Int(try scalar(SQLiteSchema.count(range: range, startAfter: false), arguments) ?? 0)
    }

    /// Changes with revisions in `(after, through]`, under `range` when given, oldest first.
    func changes(after: Int64, through: Int64, range: KeyRange?, limit: Int) throws(StoreError) -> [StoreWatchEvent] {
        var events: [StoreWatchEvent] = []
        var arguments: [SQLValue] = [.integer(after), .integer(through)]
        if let range { arguments += SQLiteSchema.rangeArguments(range) }
        try query(SQLiteSchema.changes(range: range), arguments + [.integer(Int64(limit))]) { row in
            let revision = row.integer(0)
            let key = row.text(1)
            let createRevision = row.integer(4)
            let previous = KeyValue(key: key, value: row.bytes(7), createRevision: createRevision, modRevision: row.integer(5))
            if row.integer(3) != 0 {
                events.append(.delete(key: key, revision: revision, previous: previous))
            } else {
                let kv = KeyValue(key: key, value: row.bytes(6), createRevision: createRevision, modRevision: revision)
                events.append(.put(kv, previous: row.integer(2) != 0 ? nil : previous))
            }
        }
        return events
    }
}
