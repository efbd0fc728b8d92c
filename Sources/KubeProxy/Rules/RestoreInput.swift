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
    public var text: String {
        var out = ""
        out.reserveCapacity(lineCount * 120)
        for (name, table) in [("filter", filter), ("nat", nat)] where !table.isEmpty {
            out += "*\(name)\n"
            for chain in table.chains { out += ":\(chain.name) - [0:0]\n" }
            for chain in table.deletedChains { out += ":\(chain) - [0:0]\n" }
            for jump in table.jumps { out += jump + "\n" }
            for chain in table.chains {
                for rule in chain.rules { out += rule + "\n" }
            }
            for chain in table.deletedChains { out += "-X \(chain)\n" }
            out += "COMMIT\n"
        }
        return out
    }
}
