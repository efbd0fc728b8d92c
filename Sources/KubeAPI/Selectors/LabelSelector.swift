/// Label selection, as upstream's `k8s.io/apimachinery/pkg/labels` package. The metav1
/// `LabelSelector` wire type is a separate struct; `Labels.Selector(metav1:)` converts its JSON.
public enum Labels {}

extension Labels {
    /// A label selector: requirements that must all hold, as upstream's `labels.Selector`.
    ///
    /// Built from the string form (`Labels.Selector.parse`, the `?labelSelector=` query and
    /// `kubectl -l`) or from a metav1 `LabelSelector` object (`Labels.Selector(metav1:)`).
    public struct Selector: Hashable, Sendable, CustomStringConvertible {
        /// Requirements sorted by key, as upstream keeps them.
        public private(set) var requirements: [Labels.Requirement]
        /// True for upstream's `labels.Nothing()`, which a nil metav1 selector converts to.
        public private(set) var matchesNothing: Bool

        public init(requirements: [Labels.Requirement]) {
            self.requirements = requirements.enumerated()
                .sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
                .map(\.element)
            self.matchesNothing = false
        }

        /// Selects every object.
        public static let everything = Labels.Selector(requirements: [])
        /// Selects no object.
        public static var nothing: Labels.Selector {
            var s = Labels.Selector(requirements: [])
            s.matchesNothing = true
            return s
        }

        /// A selector requiring each label in `set` to equal its value (upstream's `SelectorFromSet`).
        public init(matching set: [String: String]) {
            self.init(requirements: set.map { Labels.Requirement(unchecked: $0.key, .equals, [$0.value]) })
        }

        public var isEmpty: Bool { requirements.isEmpty && !matchesNothing }

        public func matches(_ labels: [String: String]) -> Bool {
            if matchesNothing { return false }
            return requirements.allSatisfy { $0.matches(labels) }
        }

        /// The string form, requirements joined by `,` (empty for everything and for nothing).
        public var description: String {
            requirements.map(\.description).joined(separator: ",")
        }
    }

    /// The operators of a label requirement, spelled as upstream's `selection.Operator`.
    public enum Operator: String, Hashable, Sendable {
        case equals = "="
        case doubleEquals = "=="
        case notEquals = "!="
        case `in` = "in"
        case notIn = "notin"
        case exists = "exists"
        case doesNotExist = "!"
        case greaterThan = "gt"
        case lessThan = "lt"
    }

    /// One `key op values` term of a label selector.
    public struct Requirement: Hashable, Sendable, CustomStringConvertible {
        public let key: String
        public let `operator`: Labels.Operator
        /// Values in the order given; printed sorted.
        public let values: [String]

        init(unchecked key: String, _ op: Labels.Operator, _ values: [String]) {
            self.key = key
            self.operator = op
            self.values = values
        }

        /// Validates as upstream's `labels.NewRequirement`: the key is a qualified name, values are
        /// label values, and the count of values suits the operator.
        public init(key: String, operator op: Labels.Operator, values: [String]) throws(LabelSelectorError) {
            var errors: [String] = []
            let keyErrors = LabelSyntax.qualifiedNameErrors(key)
            if !keyErrors.isEmpty { errors.append(LabelSelectorError.invalid("key", key, keyErrors.joined(separator: "; "))) }
            switch op {
            case .in, .notIn:
                if values.isEmpty {
                    errors.append(LabelSelectorError.invalid("values", values, "for 'in', 'notin' operators, values set can't be empty"))
                }
            case .equals, .doubleEquals, .notEquals:
                if values.count != 1 {
                    errors.append(LabelSelectorError.invalid("values", values, "exact-match compatibility requires one single value"))
                }
            case .exists, .doesNotExist:
                if !values.isEmpty {
                    errors.append(LabelSelectorError.invalid("values", values, "values set must be empty for exists and does not exist"))
                }
            case .greaterThan, .lessThan:
                if values.count != 1 {
                    errors.append(LabelSelectorError.invalid("values", values, "for 'Gt', 'Lt' operators, exactly one value is required"))
                }
                for (i, v) in values.enumerated() where Int64(v) == nil {
                    errors.append(LabelSelectorError.invalid("values[\(i)]", v, "for 'Gt', 'Lt' operators, the value must be an integer"))
                }
            }
            for (i, v) in values.enumerated() {
                let valueErrors = LabelSyntax.labelValueErrors(v)
                if !valueErrors.isEmpty {
                    errors.append(LabelSelectorError.invalid("values[\(i)][\(key)]", v, valueErrors.joined(separator: "; ")))
                }
            }
            if !errors.isEmpty {
                throw LabelSelectorError(input: "\(key) \(op.rawValue) \(values)", message: LabelSelectorError.aggregate(errors))
            }
            self.init(unchecked: key, op, values)
        }

        public func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch self.operator {
            case .in, .equals, .doubleEquals:
                guard let value else { return false }
                return values.contains(value)
            case .notIn, .notEquals:
                guard let value else { return true }
                return !values.contains(value)
            case .exists:
                return value != nil
            case .doesNotExist:
                return value == nil
            case .greaterThan, .lessThan:
                guard let value, let actual = Int64(value), values.count == 1, let bound = Int64(values[0]) else { return false }
                return self.operator == .greaterThan ? actual > bound : actual < bound
            }
        }

        /// Upstream's `Requirement.String()`: `!key`, `key`, `key=v`, `key in (a,b)`, `key>3`.
        public var description: String {
            var s = self.operator == .doesNotExist ? "!" + key : key
            switch self.operator {
            case .equals: s += "="
            case .doubleEquals: s += "=="
            case .notEquals: s += "!="
            case .in: s += " in "
            case .notIn: s += " notin "
            case .greaterThan: s += ">"
            case .lessThan: s += "<"
            case .exists, .doesNotExist: return s
            }
            let list = values.count == 1 ? values[0] : values.sorted().joined(separator: ",")
            return self.operator == .in || self.operator == .notIn ? s + "(" + list + ")" : s + list
        }
    }
}
