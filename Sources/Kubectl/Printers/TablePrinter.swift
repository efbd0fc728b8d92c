import KubeAPI

/// Prints a meta.k8s.io/v1 Table the way `kubectl get` does: upper-cased headers, priority-1 columns only with
/// `-o wide`, a NAMESPACE column with `-A`, `kind/name` when several types are printed, `--show-labels`.
public struct TablePrintOptions: Sendable {
    public var wide = false
    public var noHeaders = false
    public var withNamespace = false
    public var showLabels = false
    /// `pod`, `deployment.apps`: prefixes the name column (`pod/nginx`) when set.
    public var kindPrefix: String?
    public var labelColumns: [String] = []

    public init(wide: Bool = false, noHeaders: Bool = false, withNamespace: Bool = false, showLabels: Bool = false, kindPrefix: String? = nil, labelColumns: [String] = []) {
        self.wide = wide
        self.noHeaders = noHeaders
        self.withNamespace = withNamespace
        self.showLabels = showLabels
        self.kindPrefix = kindPrefix
        self.labelColumns = labelColumns
    }
}

public struct TableRenderer: Sendable {
    public var options: TablePrintOptions
    public var writer = TabWriter()
    var headerPrinted = false

    public init(options: TablePrintOptions) { self.options = options }

    /// Header plus rows (header only once per renderer, as for `-w`).
    public mutating func render(table: JSONValue) -> String {
        let columns = (table["columnDefinitions"]?.arrayValue ?? []).compactMap(ServerTableColumn.init(json:))
        let rows = table["rows"]?.arrayValue ?? []
        return render(columns: columns, rows: rows)
    }

    public mutating func render(columns: [ServerTableColumn], rows: [JSONValue]) -> String {
        var lines: [[String]] = []
        if !options.noHeaders && !headerPrinted {
            lines.append(header(columns))
            headerPrinted = true
        }
        for row in rows { lines.append(line(columns: columns, row: row)) }
        return writer.format(lines)
    }

    func header(_ columns: [ServerTableColumn]) -> [String] {
        var out: [String] = options.withNamespace ? ["NAMESPACE"] : []
        for column in columns where options.wide || column.priority == 0 { out.append(column.name.uppercased()) }
        for label in options.labelColumns { out.append(label.split(separator: "/").last.map { String($0).uppercased() } ?? label.uppercased()) }
        if options.showLabels { out.append("LABELS") }
        return out
    }

    func line(columns: [ServerTableColumn], row: JSONValue) -> [String] {
        let metadata = row[path: ["object", "metadata"]]
        var out: [String] = []
        if options.withNamespace { out.append(metadata?["namespace"]?.stringValue ?? "") }
        let cells = row["cells"]?.arrayValue ?? []
        for (i, column) in columns.enumerated() where options.wide || column.priority == 0 {
            var text = i < cells.count ? TableRenderer.cellText(cells[i]) : ""
            if column.format == "name", let prefix = options.kindPrefix { text = "\(prefix)/\(text)" }
            out.append(text)
        }
        let labels = metadata?["labels"]
        for key in options.labelColumns { out.append(labels?[key]?.stringValue ?? "") }
        if options.showLabels { out.append(LabelFormatting.formatLabels(labels)) }
        return out
    }

    /// Strings cut at the first line break (with "..."), other values as Go's fmt prints them, null as <none>.
    static func cellText(_ cell: JSONValue) -> String {
        switch cell {
        case .string(let s):
            if let cut = s.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" || $0 == "\r\n" }) {
                return String(s[..<cut]) + "..."
            }
            return s
        case .null: return "<none>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return JSONValue.double(d).serialized()
        case .array, .object: return JSONPathTemplate.sortedCompactJSON(cell)
        }
    }
}
