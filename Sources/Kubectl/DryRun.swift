/// The `--dry-run` modes' words in kubectl's one-line results: `created (dry run)` for
/// `client`, `created (server dry run)` for `server`, nothing for `none`.
enum DryRun {
    static func suffix(_ mode: String) -> String {
        switch mode {
        case "client": " (dry run)"
        case "server": " (server dry run)"
        default: ""
        }
    }
}
