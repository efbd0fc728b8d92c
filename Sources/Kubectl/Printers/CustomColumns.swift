import KubeAPI

/// `-o custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image`.
public struct CustomColumnsPrinter: Sendable {
    public struct Column: Sendable {
        public var header: String
        public var template: JSONPathTemplate
    }

    public var columns: [Column]
    public var noHeaders: Bool

    public init(spec: String, noHeaders: Bool = false) throws {
        guard !spec.isEmpty else { throw KubectlError("custom-columns format specified but no custom columns given") }
        var columns: [Column] = []
        for part in spec.split(separator: ",") {
            let pieces = part.split(separator: ":", maxSplits: 1).map(String.init)
            guard pieces.count == 2 else {
                throw KubectlError("unexpected custom-columns spec: \(part), expected <header>:<json-path-expr>")
            }
            columns.append(Column(header: pieces[0], template: try JSONPathTemplate(CustomColumnsPrinter.relaxed(pieces[1]))))
        }
        self.columns = columns
        self.noHeaders = noHeaders
    }

    /// kubectl's RelaxedJSONPathExpression: `metadata.name`, `.metadata.name` and `{.metadata.name}` are the same.
    static func relaxed(_ expression: String) -> String {
        var e = expression.trimmingCharacters(in: .whitespaces)
        if e.hasPrefix("{") && e.hasSuffix("}") { e = String(e.dropFirst().dropLast()) }
        if !e.hasPrefix(".") && !e.hasPrefix("$") && !e.hasPrefix("@") { e = "." + e }
        return "{\(e)}"
    }

    public func render(_ objects: [JSONValue], writer: inout TabWriter) throws -> String {
        var rows: [[String]] = noHeaders ? [] : [columns.map(\.header)]
        for object in objects {
            rows.append(
                try columns.map { column in
                    let values = try column.template.values(object)
                    return values.isEmpty ? "<none>" : values.map(JSONPathTemplate.text).joined(separator: ",")
                })
        }
        return writer.format(rows)
    }
}
