/// Rows aligned as crictl prints them: Go's `text/tabwriter` with minwidth 20, padding 3, spaces.
/// Every cell but the last of a row is padded to its column's width (the widest cell plus the
/// padding, at least the minimum width); the last cell is written as is.
public struct TableWriter: Sendable {
    public var minimumWidth = 20
    public var padding = 3
    public private(set) var rows: [[String]] = []

    public init() {}

    public mutating func add(_ row: [String]) { rows.append(row) }

    public func render() -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: minimumWidth, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() where index < row.count - 1 {
                widths[index] = max(widths[index], cell.count + padding)
            }
        }
        var out = ""
        for row in rows {
            for (index, cell) in row.enumerated() {
                out += cell
                if index < row.count - 1 { out += String(repeating: " ", count: widths[index] - cell.count) }
            }
            out += "\n"
        }
        return out
    }
}
