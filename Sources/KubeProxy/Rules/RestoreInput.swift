/// What one sync hands to `iptables-restore --noflush`: per table, the chains to (re)write —
/// declaring a chain flushes it, then its rules are appended — jump rules to insert into
/// built-in chains, and stale chains to delete. Chains not mentioned are left as they are.
///
/// The layout lets a full sync stream the text to iptables-restore while it renders
/// (`RestoreWriter`): nat comes first, since the filter table's chains are assembled from
/// every service; within a table, the shared chains are declared first (rules may jump to
/// them), then each service's chains follow with their declaration just before their rules, in
/// dependency order (KUBE-SEP before the KUBE-SVC that jumps to them), then the shared chains'
/// rules, the jump rules, and the deletions. Every chain exists before a rule names it.
public struct RestoreInput: Sendable, Equatable {
    public struct TableInput: Sendable, Equatable {
        /// Shared chains: declared at the top of the table, rules after `chains`.
        public var topChains: [Chain] = []
        /// Per-service chains, each declared right before its rules.
        public var chains: [Chain] = []
        public var jumps: [String] = []
        public var deletedChains: [String] = []

        public var isEmpty: Bool { topChains.isEmpty && chains.isEmpty && jumps.isEmpty && deletedChains.isEmpty }

        /// Every chain written, shared ones first.
        public var allChains: [Chain] { topChains + chains }
    }

    public var filter = TableInput()
    public var nat = TableInput()

    public init() {}

    public var isEmpty: Bool { filter.isEmpty && nat.isEmpty }

    /// Lines written (chain declarations, rules, inserts, deletes): the size of the change.
    public var lineCount: Int {
        [filter, nat].reduce(0) { sum, table in
            sum + table.allChains.reduce(0) { $0 + 1 + $1.rules.count } + table.jumps.count + 2 * table.deletedChains.count
        }
    }

    /// The restore text. A table with nothing to write is left out, so the backend does not
    /// reload it.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `text` as the bytes handed to iptables-restore: what `RestoreWriter` streams.
    public var bytes: [UInt8] {
        var writer = RestoreWriter()
        for (table, input) in [(IPTablesTable.nat, nat), (.filter, filter)] where !input.isEmpty {
            writer.begin(table, topChains: input.topChains.map(\.name))
            for chain in input.chains { writer.write(chain) }
            writer.end(topChains: input.topChains, jumps: input.jumps, deletedChains: input.deletedChains)
        }
        return writer.finish().bytes
    }
}

/// Writes restore text in `RestoreInput`'s layout while recording the structured input, and
/// hands the bytes to `sink` as they accumulate, so iptables-restore parses the start of a
/// 10 MB full sync while the rest is still being rendered.
public struct RestoreWriter {
    /// Called with each new run of bytes (about 64 KiB at a time, the rest at `finish`).
    public typealias Sink = (ArraySlice<UInt8>) -> Void

    public private(set) var input = RestoreInput()
    private var out: [UInt8] = []
    private var sent = 0
    private var table: IPTablesTable?
    private var declaredFirst: Set<String> = []
    private let sink: Sink?

    private static let chunk = 64 * 1024

    public init(sink: Sink? = nil, expectedBytes: Int = 0) {
        self.sink = sink
        out.reserveCapacity(expectedBytes)
    }

    /// Opens `table`, declaring the shared chains whose rules `end` will write.
    public mutating func begin(_ table: IPTablesTable, topChains: [String]) {
        self.table = table
        declaredFirst = Set(topChains)
        line("*", table.rawValue)
        for name in topChains { declare(name) }
    }

    /// One per-service chain: its declaration, then its rules.
    public mutating func write(_ chain: Chain) {
        if !declaredFirst.contains(chain.name) { declare(chain.name) }
        for rule in chain.rules { line(rule) }
        update { $0.chains.append(chain) }
        flushIfLarge()
    }

    /// The shared chains' rules (their names as given to `begin`), jump rules, deletions;
    /// closes the table.
    public mutating func end(topChains: [Chain], jumps: [String], deletedChains: [String]) {
        for chain in topChains {
            for rule in chain.rules { line(rule) }
        }
        for jump in jumps { line(jump) }
        // Flush every stale chain before deleting any: they may jump to one another.
        for chain in deletedChains { declare(chain) }
        for chain in deletedChains { line("-X ", chain) }
        line("COMMIT")
        update {
            $0.topChains = topChains
            $0.jumps = jumps
            $0.deletedChains = deletedChains
        }
        table = nil
        flushIfLarge()
    }

    /// Hands the rest to the sink; returns what was written.
    public consuming func finish() -> (input: RestoreInput, bytes: [UInt8]) {
        if let sink, sent < out.count { sink(out[sent...]) }
        return (input, out)
    }

    private mutating func update(_ change: (inout RestoreInput.TableInput) -> Void) {
        switch table {
        case .nat: change(&input.nat)
        case .filter: change(&input.filter)
        case nil: break
        }
    }

    private mutating func declare(_ name: String) { line(":", name, " - [0:0]") }

    private mutating func line(_ a: String, _ b: String = "", _ c: String = "") {
        append(a)
        append(b)
        append(c)
        out.append(UInt8(ascii: "\n"))
    }

    /// A native string's UTF-8 in one copy (appending `utf8` goes byte by byte).
    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    private mutating func flushIfLarge() {
        guard let sink, out.count - sent >= Self.chunk else { return }
        sink(out[sent...])
        sent = out.count
    }
}
