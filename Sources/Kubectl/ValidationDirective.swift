/// `--validate` of apply and create: how the server treats unknown and duplicate fields,
/// sent as `fieldValidation` (kubectl 1.32 defaults to strict).
enum ValidationDirective {
    static func fieldValidation(_ flag: String) throws -> String {
        switch flag.lowercased() {
        case "strict", "true": return "Strict"
        case "warn": return "Warn"
        case "ignore", "false": return "Ignore"
        default:
            throw KubectlError("invalid - validate option \"\(flag)\"; must be one of: strict (or true), warn, ignore (or false)")
        }
    }
}
