// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// A structured label query; an empty selector matches everything, a nil one nothing.
public struct LabelSelector: Codable, Hashable, Sendable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }
}

public struct LabelSelectorRequirement: Codable, Hashable, Sendable {
    public var key: String
    /// In, NotIn, Exists, DoesNotExist.
    public var `operator`: String
    public var values: [String]?

    public init(
        key: String = "",
        `operator`: String = "",
        values: [String]? = nil
    ) {
        self.key = key
        self.`operator` = `operator`
        self.values = values
    }

    enum CodingKeys: String, CodingKey {
        case key
        case `operator`
        case values
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        self.`operator` = try c.decodeIfPresent(String.self, forKey: .`operator`) ?? ""
        self.values = try c.decodeIfPresent([String].self, forKey: .values)
    }
}
