/// Upstream's `kube-proxy --cleanup`: takes out the jump rules kube-proxy put in the built-in
/// chains, then flushes and deletes every chain it writes, one `iptables-restore --noflush` per
/// table. What is not kube-proxy's is left alone.
public enum ProxyCleanup {
    /// The restore that undoes kube-proxy's rules in the tables `filter` and `nat` were saved from.
    public static func restoreInput(filter: SavedTable, nat: SavedTable) -> RestoreInput {
        var input = RestoreInput()
        input.filter = tableInput(filter, .filter, topLevel: TopLevelChains.filterChainNames)
        input.nat = tableInput(nat, .nat, topLevel: TopLevelChains.natChainNames)
        return input
    }

    /// Reads the current rules and removes kube-proxy's. Running it twice is harmless.
    public static func run(iptables: IPTables) async throws(IPTablesError) {
        let saved = try await SavedTables.read(from: iptables)
        let input = restoreInput(filter: saved.filter, nat: saved.nat)
        if !input.isEmpty { try await iptables.restore(bytes: input.bytes) }
    }

    private static func tableInput(_ saved: SavedTable, _ table: IPTablesTable, topLevel: [String]) -> RestoreInput.TableInput {
        var input = RestoreInput.TableInput()
        for jump in JumpRule.all where jump.table == table && saved.rules.contains(jump.savedLine) {
            input.jumps.append("-D" + jump.savedLine.dropFirst(2))
        }
        input.deletedChains = saved.chains.filter { topLevel.contains($0) || ChainName.isPerServiceChain($0) }.sorted()
        return input
    }
}
