/// An RFC 6902 JSON Patch: a list of `add`, `remove`, `replace`, `move`, `copy` and `test`
/// operations applied in order; the first failing operation fails the whole patch.
public struct JSONPatch: Hashable, Sendable {
    public enum Operation: Hashable, Sendable {
        case add(path: JSONPointer, value: JSONValue)
        case remove(path: JSONPointer)
        case replace(path: JSONPointer, value: JSONValue)
        case move(from: JSONPointer, path: JSONPointer)
        case copy(from: JSONPointer, path: JSONPointer)
        case test(path: JSONPointer, value: JSONValue)

        public var name: String {
            switch self {
            case .add: return "add"
            case .remove: return "remove"
            case .replace: return "replace"
            case .move: return "move"
            case .copy: return "copy"
            case .test: return "test"
            }
        }

        public var path: JSONPointer {
            switch self {
            case .add(let p, _), .remove(let p), .replace(let p, _), .move(_, let p), .copy(_, let p), .test(let p, _):
                return p
            }
        }
    }

    public var operations: [Operation]

    public init(operations: [Operation]) { self.operations = operations }

    /// Reads a patch document: a JSON array of operation objects.
    public init(_ document: JSONValue) throws(JSONPatchError) {
        guard let items = document.arrayValue else {
            throw JSONPatchError(index: nil, op: "", path: "", reason: .notAList(document.typeName))
        }
        var operations: [Operation] = []
        for (index, item) in items.enumerated() {
            operations.append(try Self.decodeOperation(item, index: index))
        }
        self.operations = operations
    }

    static func decodeOperation(_ item: JSONValue, index: Int) throws(JSONPatchError) -> Operation {
        guard let object = item.objectValue else {
            throw JSONPatchError(index: index, op: "", path: "", reason: .notAnOperation(item.typeName))
        }
        let opName = object["op"]?.stringValue ?? ""
        let pathText = object["path"]?.stringValue
        func fail(_ reason: JSONPatchError.Reason) -> JSONPatchError {
            JSONPatchError(index: index, op: opName, path: pathText ?? "", reason: reason)
        }
        func pointer(_ member: String) throws(JSONPatchError) -> JSONPointer {
            guard let text = object[member]?.stringValue else { throw fail(.missingMember(member)) }
            do { return try JSONPointer(text) } catch { throw fail(.invalidPointer(error.description)) }
        }
        func value() throws(JSONPatchError) -> JSONValue {
            guard let v = object["value"] else { throw fail(.missingMember("value")) }
            return v
        }
        guard object["op"] != nil else { throw fail(.missingMember("op")) }
        switch opName {
        case "add": return .add(path: try pointer("path"), value: try value())
        case "remove": return .remove(path: try pointer("path"))
        case "replace": return .replace(path: try pointer("path"), value: try value())
        case "move": return .move(from: try pointer("from"), path: try pointer("path"))
        case "copy": return .copy(from: try pointer("from"), path: try pointer("path"))
        case "test": return .test(path: try pointer("path"), value: try value())
        default: throw fail(.unknownOperation(opName))
        }
    }

    /// Applies every operation in order to `document`.
    public func apply(to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        var doc = document
        for (index, operation) in operations.enumerated() {
            do {
                try Self.apply(operation, to: &doc)
            } catch {
                throw JSONPatchError(index: index, op: operation.name, path: operation.path.description, reason: error)
            }
        }
        return doc
    }

    static func apply(_ operation: Operation, to doc: inout JSONValue) throws(JSONPatchError.Reason) {
        switch operation {
        case .add(let path, let value):
            try add(value, at: path.tokens[...], in: &doc)
        case .remove(let path):
            _ = try remove(at: path.tokens[...], in: &doc)
        case .replace(let path, let value):
            try replace(value, at: path.tokens[...], in: &doc)
        case .move(let from, let path):
            if from == path { return }
            if path.isStrictlyInside(from) { throw .moveIntoOwnChild(from: from.description) }
            let value = try remove(at: from.tokens[...], in: &doc)
            try add(value, at: path.tokens[...], in: &doc)
        case .copy(let from, let path):
            let value = try get(from.tokens[...], in: doc, pointer: from)
            try add(value, at: path.tokens[...], in: &doc)
        case .test(let path, let value):
            let actual = try get(path.tokens[...], in: doc, pointer: path)
            guard actual.isEquivalent(to: value) else { throw .testFailed(expected: value, actual: actual) }
        }
    }

    static func get(_ tokens: ArraySlice<String>, in doc: JSONValue, pointer: JSONPointer) throws(JSONPatchError.Reason) -> JSONValue {
        var current = doc
        for token in tokens {
            switch current {
            case .object(let o):
                guard let next = o[token] else { throw .pathNotFound(pointer.description) }
                current = next
            case .array(let a):
                let i = try existingIndex(token, count: a.count)
                current = a[i]
            default:
                throw .pathNotFound(pointer.description)
            }
        }
        return current
    }

    /// Runs `body` on the container that holds the last token, descending through existing members only.
    static func withParent<T>(
        of tokens: ArraySlice<String>, in node: inout JSONValue,
        _ body: (inout JSONValue, String) throws(JSONPatchError.Reason) -> T
    ) throws(JSONPatchError.Reason) -> T {
        guard let first = tokens.first else { throw .rootNotAllowed }
        if tokens.count == 1 { return try body(&node, first) }
        switch node {
        case .object(var o):
            guard var child = o[first] else { throw .pathNotFound("/" + tokens.joined(separator: "/")) }
            // Park placeholders so `child` is uniquely referenced and mutated without a copy.
            node = .null
            o[first] = .null
            defer { o[first] = child; node = .object(o) }
            return try withParent(of: tokens.dropFirst(), in: &child, body)
        case .array(var a):
            let i = try existingIndex(first, count: a.count)
            var child = a[i]
            node = .null
            a[i] = .null
            defer { a[i] = child; node = .array(a) }
            return try withParent(of: tokens.dropFirst(), in: &child, body)
        default:
            throw .notAContainer(first)
        }
    }

    static func add(_ value: JSONValue, at tokens: ArraySlice<String>, in doc: inout JSONValue) throws(JSONPatchError.Reason) {
        if tokens.isEmpty {
            doc = value
            return
        }
        try withParent(of: tokens, in: &doc) { (parent: inout JSONValue, token: String) throws(JSONPatchError.Reason) in
            switch parent {
            case .object(var o):
                o[token] = value
                parent = .object(o)
            case .array(var a):
                let i = token == "-" ? a.count : try arrayIndex(token)
                guard i <= a.count else { throw .indexOutOfRange(token, count: a.count) }
                a.insert(value, at: i)
                parent = .array(a)
            default:
                throw .notAContainer(token)
            }
        }
    }

    static func remove(at tokens: ArraySlice<String>, in doc: inout JSONValue) throws(JSONPatchError.Reason) -> JSONValue {
        try withParent(of: tokens, in: &doc) { (parent: inout JSONValue, token: String) throws(JSONPatchError.Reason) -> JSONValue in
            switch parent {
            case .object(var o):
                guard let removed = o.removeValue(forKey: token) else { throw .memberNotFound(token) }
                parent = .object(o)
                return removed
            case .array(var a):
                let i = try existingIndex(token, count: a.count)
                let removed = a.remove(at: i)
                parent = .array(a)
                return removed
            default:
                throw .notAContainer(token)
            }
        }
    }

    static func replace(_ value: JSONValue, at tokens: ArraySlice<String>, in doc: inout JSONValue) throws(JSONPatchError.Reason) {
        if tokens.isEmpty {
            doc = value
            return
        }
        try withParent(of: tokens, in: &doc) { (parent: inout JSONValue, token: String) throws(JSONPatchError.Reason) in
            switch parent {
            case .object(var o):
                guard o[token] != nil else { throw .memberNotFound(token) }
                o[token] = value
                parent = .object(o)
            case .array(var a):
                let i = try existingIndex(token, count: a.count)
                a[i] = value
                parent = .array(a)
            default:
                throw .notAContainer(token)
            }
        }
    }

    /// An array index token: decimal digits without leading zeros (RFC 6901 §4).
    static func arrayIndex(_ token: String) throws(JSONPatchError.Reason) -> Int {
        guard !token.isEmpty, token.allSatisfy({ $0.isASCII && $0.isNumber }), token == "0" || !token.hasPrefix("0"),
            let i = Int(token)
        else { throw .invalidIndex(token) }
        return i
    }

    static func existingIndex(_ token: String, count: Int) throws(JSONPatchError.Reason) -> Int {
        let i = try arrayIndex(token)
        guard i < count else { throw .indexOutOfRange(token, count: count) }
        return i
    }
}

/// Why a JSON patch failed, with the operation's position and path.
public struct JSONPatchError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Error, Hashable, Sendable, CustomStringConvertible {
        case notAList(String)
        case notAnOperation(String)
        case missingMember(String)
        case unknownOperation(String)
        case invalidPointer(String)
        case pathNotFound(String)
        case memberNotFound(String)
        case notAContainer(String)
        case invalidIndex(String)
        case indexOutOfRange(String, count: Int)
        case rootNotAllowed
        case moveIntoOwnChild(from: String)
        case testFailed(expected: JSONValue, actual: JSONValue)

        public var description: String {
            switch self {
            case .notAList(let t): return "a JSON patch must be a list of operations, got \(t)"
            case .notAnOperation(let t): return "an operation must be an object, got \(t)"
            case .missingMember(let m): return "missing \"\(m)\""
            case .unknownOperation(let op): return "unknown operation \"\(op)\""
            case .invalidPointer(let message): return message
            case .pathNotFound(let p): return "doc is missing path: \(p)"
            case .memberNotFound(let key): return "doc is missing key: \(key)"
            case .notAContainer(let token): return "cannot reach \"\(token)\": parent is not an object or array"
            case .invalidIndex(let token): return "invalid array index \"\(token)\""
            case .indexOutOfRange(let token, let count): return "array index \(token) out of bounds (length \(count))"
            case .rootNotAllowed: return "cannot remove the whole document"
            case .moveIntoOwnChild(let from): return "cannot move \(from) into one of its own children"
            case .testFailed(let expected, let actual):
                return "test failed: expected \(expected.serialized()), found \(actual.serialized())"
            }
        }
    }

    /// Position of the failing operation in the patch, `nil` when the document itself is malformed.
    public var index: Int?
    public var op: String
    public var path: String
    public var reason: Reason

    public var description: String {
        guard let index else { return "invalid JSON patch: \(reason)" }
        let what = op.isEmpty ? "" : " \(op) \(path)"
        return "JSON patch operation \(index)\(what): \(reason)"
    }
}
