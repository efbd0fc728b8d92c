/// What one sync hands to `iptables-restore --noflush`: per table, the chains to (re)write —
/// declaring a chain flushes it, then its rules are appended — jump rules to insert into
/// built-in chains, and stale chains to delete. Chains not mentioned are left as they are.
public struct RestoreInput: Sendable, Equatable {
    public struct TableInput: Sendable, Equatable {
        public var chains: [Chain] = []
        public var jumps: [String] = []
        public var deletedChains: [String] = []

        public var isEmpty: Bool { chains.isEmpty && jumps.isEmpty && deletedChains.isEmpty }
    }

    public var filter = TableInput()
    public var nat = TableInput()

    public init() {}

    public var isEmpty: Bool { filter.isEmpty && nat.isEmpty }

    /// Lines written (chain declarations, rules, inserts, deletes): the size of the change.
    public var lineCount: Int {
        [filter, nat].reduce(0) { sum, table in
            sum + table.chains.reduce(0) { $0 + 1 + $1.rules.count } + table.jumps.count + 2 * table.deletedChains.count
        }
    }

    /// The restore text, upstream's layout: `*table`, chain lines, rules, deletions, `COMMIT`.
    /// A table with nothing to write is left out, so the backend does not reload it.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `text` as the bytes handed to iptables-restore, built without an intermediate string per
    /// line (a full sync at 10,000 Services is over 100,000 lines).
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(lineCount * 100)
        func line(_ parts: String...) {
            for part in parts { out.append(contentsOf: part.utf8) }
            out.append(UInt8(ascii: "\n"))
        }
        for (name, table) in [("filter", filter), ("nat", nat)] where !table.isEmpty {
            line("*", name)
            for chain in table.chains { line(":", chain.name, " - [0:0]") }
            for chain in table.deletedChains { line(":", chain, " - [0:0]") }
            for jump in table.jumps { line(jump) }
            for chain in table.chains {
                for rule in chain.rules { line(rule) }
            }
            for chain in table.deletedChains { line("-X ", chain) }
            line("COMMIT")
        }
        return out
    }
}
