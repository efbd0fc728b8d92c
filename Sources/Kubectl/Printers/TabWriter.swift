/// Go's text/tabwriter column algorithm (as forked by kubectl with `RememberWidths`): every cell but the last
/// of a line is tab-terminated; a column's width is computed over each run of consecutive lines that have a
/// cell in that column, as `max(minWidth, widest cell + padding)`. With `rememberWidths` a column never
/// shrinks between calls, so rows printed later by `get -w` line up with the header.
public struct TabWriter: Sendable {
    public var minWidth: Int
    public var padding: Int
    public var rememberWidths: Bool
    var maxWidths: [Int] = []

    /// kubectl get's settings: minwidth 6, padding 3, remember widths.
    public init(minWidth: Int = 6, padding: Int = 3, rememberWidths: Bool = true) {
        self.minWidth = minWidth
        self.padding = padding
        self.rememberWidths = rememberWidths
    }

    /// Describe's settings: minwidth 0, padding 2.
    public static var describe: TabWriter { TabWriter(minWidth: 0, padding: 2, rememberWidths: false) }

    /// Formats text where cells are separated by `\t` and lines by `\n`.
    public mutating func format(text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        if text.hasSuffix("\n") { lines.removeLast() }
        return format(lines)
    }

    /// Formats rows of cells; the last cell of each row is not padded.
    public mutating func format(_ lines: [[String]]) -> String {
        var out = ""
        var widths: [Int] = []
        formatColumns(lines, 0, lines.count, &widths, &out)
        return out
    }

    mutating func formatColumns(_ lines: [[String]], _ start: Int, _ end: Int, _ widths: inout [Int], _ out: inout String) {
        var line0 = start
        let column = widths.count
        var this = start
        while this < end {
            if column >= lines[this].count - 1 {
                this += 1
                continue
            }
            writeLines(lines, line0, this, widths, &out)
            line0 = this
            var width = minWidth
            while this < end, column < lines[this].count - 1 {
                width = max(width, lines[this][column].count + padding)
                this += 1
            }
            if rememberWidths {
                if column < maxWidths.count {
                    width = max(width, maxWidths[column])
                    maxWidths[column] = width
                } else {
                    while maxWidths.count < column { maxWidths.append(0) }
                    maxWidths.append(width)
                }
            }
            widths.append(width)
            formatColumns(lines, line0, this, &widths, &out)
            widths.removeLast()
            line0 = this
        }
        writeLines(lines, line0, end, widths, &out)
    }

    func writeLines(_ lines: [[String]], _ start: Int, _ end: Int, _ widths: [Int], _ out: inout String) {
        guard start < end else { return }
        for i in start..<end {
            let line = lines[i]
            for (j, cell) in line.enumerated() {
                out += cell
                if j < widths.count, j < line.count - 1 {
                    let pad = widths[j] - cell.count
                    if pad > 0 { out += String(repeating: " ", count: pad) }
                }
            }
            out += "\n"
        }
    }
}
