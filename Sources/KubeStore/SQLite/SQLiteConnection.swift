import CSQLite

/// A value bound to a `?` parameter.
enum SQLValue {
    case integer(Int64)
    case text(String)
    /// Raw bytes compared as TEXT (used for prefix range ends, which need not be valid UTF-8).
    case textBytes([UInt8])
    case blob([UInt8])
    case null
}

/// One sqlite3 connection, used by exactly one thread. Prepared statements are cached per SQL text.
final class SQLiteConnection {
    let path: String
    private var db: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]

    init(path: String) throws(StoreError) {
        self.path = path
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw .unavailable("sqlite open(\(path)): \(message) (code \(rc))")
        }
        db = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, 10_000)
    }

    deinit { close() }

    func close() {
        for statement in statements.values { sqlite3_finalize(statement) }
        statements = [:]
        if let db { sqlite3_close_v2(db) }
        db = nil
    }

    /// Runs one or more statements that return no rows (DDL, PRAGMA, BEGIN/COMMIT).
    func execute(_ sql: String) throws(StoreError) {
        guard let db else { throw .unavailable("sqlite \(path) is closed") }
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? "code \(rc)"
            sqlite3_free(errorMessage)
            throw Self.error(rc, "\(sql.prefix(60))", message, path)
        }
    }

    /// Runs `sql` with `arguments`, calling `row` for each result row.
    func query(_ sql: String, _ arguments: [SQLValue] = [], row: (SQLiteRow) throws(StoreError) -> Void) throws(StoreError) {
        let statement = try prepare(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (index, argument) in arguments.enumerated() {
            try bind(argument, at: Int32(index + 1), in: statement, sql: sql)
        }
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else {
                throw Self.error(rc, "\(sql.prefix(60))", String(cString: sqlite3_errmsg(db)), path)
            }
            try row(SQLiteRow(statement: statement))
        }
    }

    /// Runs a statement that returns no rows.
    func run(_ sql: String, _ arguments: [SQLValue] = []) throws(StoreError) {
        try query(sql, arguments) { _ in }
    }

    /// The first column of the first row, as an integer, or nil when there is no row or it is NULL.
    func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws(StoreError) -> Int64? {
        var result: Int64?
        try query(sql, arguments) { row in
            if result == nil, !row.isNull(0) { result = row.integer(0) }
        }
        return result
    }

    private func prepare(_ sql: String) throws(StoreError) -> OpaquePointer {
        if let cached = statements[sql] { return cached }
        guard let db else { throw .unavailable("sqlite \(path) is closed") }
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw Self.error(rc, "prepare \(sql.prefix(60))", String(cString: sqlite3_errmsg(db)), path)
        }
        statements[sql] = statement
        return statement
    }

    private func bind(_ value: SQLValue, at index: Int32, in statement: OpaquePointer, sql: String) throws(StoreError) {
        let rc: Int32
        switch value {
        case .integer(let number):
            rc = sqlite3_bind_int64(statement, index, number)
        case .text(let string):
            rc = sqlite3_bind_text(statement, index, string, -1, sqliteTransient)
        case .textBytes(let bytes):
            rc = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text(statement, index, $0, Int32(bytes.count), sqliteTransient)
                }
            }
        case .blob(let bytes):
            if bytes.isEmpty {
                rc = sqlite3_bind_zeroblob(statement, index, 0)
            } else {
                rc = bytes.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, Int32(bytes.count), sqliteTransient) }
            }
        case .null:
            rc = sqlite3_bind_null(statement, index)
        }
        if rc != SQLITE_OK {
            throw Self.error(rc, "bind #\(index) of \(sql.prefix(60))", String(cString: sqlite3_errmsg(db)), path)
        }
    }

    /// Busy, locked, I/O and full-disk failures mean the store cannot serve right now;
    /// anything else is a bug or a corrupt file.
    private static func error(_ rc: Int32, _ operation: String, _ message: String, _ path: String) -> StoreError {
        let text = "sqlite \(operation) on \(path): \(message) (code \(rc))"
        switch rc & 0xff {
        case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_READONLY:
            return .unavailable(text)
        default:
            return .internal(text)
        }
    }
}

/// The current row of a stepping statement; valid only inside the `query` callback.
struct SQLiteRow {
    let statement: OpaquePointer

    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func bytes(_ column: Int32) -> [UInt8] {
        guard let pointer = sqlite3_column_blob(statement, column) else { return [] }
        let count = Int(sqlite3_column_bytes(statement, column))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

/// SQLITE_TRANSIENT: sqlite copies bound text and blobs before the call returns.
private let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
