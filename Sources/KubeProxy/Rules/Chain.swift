/// One user-defined chain and its rules, each rule a whole `-A CHAIN …` line.
public struct Chain: Hashable, Sendable {
    public var name: String
    public var rules: [String]

    public init(_ name: String, _ rules: [String] = []) {
        self.name = name
        self.rules = rules
    }
}

/// The two tables kube-proxy writes.
public enum IPTablesTable: String, Sendable, CaseIterable {
    case filter, nat
}
