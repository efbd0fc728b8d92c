extension Labels.Selector {
    /// Converts a metav1 `LabelSelector` object (`matchLabels`, `matchExpressions`) as upstream's
    /// `LabelSelectorAsSelector`: a missing selector selects nothing, an empty one everything.
    public init(metav1 json: JSONValue?) throws(LabelSelectorError) {
        guard let json, !json.isNull else {
            self = .nothing
            return
        }
        guard let object = json.objectValue else {
            throw LabelSelectorError(input: json.serialized(), message: "label selector must be an object, got \(json.typeName)")
        }
        let matchLabels = object["matchLabels"]?.objectValue ?? [:]
        let expressions = object["matchExpressions"]?.arrayValue ?? []
        var requirements: [Labels.Requirement] = []
        for (key, value) in matchLabels {
            requirements.append(try Labels.Requirement(key: key, operator: .equals, values: [value.stringValue ?? ""]))
        }
        for expression in expressions {
            let key = expression["key"]?.stringValue ?? ""
            let opName = expression["operator"]?.stringValue ?? ""
            let values = (expression["values"]?.arrayValue ?? []).map { $0.stringValue ?? "" }
            let op: Labels.Operator
            switch opName {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            default:
                throw LabelSelectorError(
                    input: expression.serialized(),
                    message: "\(LabelSelectorError.goQuoted(opName)) is not a valid label selector operator")
            }
            requirements.append(try Labels.Requirement(key: key, operator: op, values: values))
        }
        self.init(requirements: requirements)
    }
}
