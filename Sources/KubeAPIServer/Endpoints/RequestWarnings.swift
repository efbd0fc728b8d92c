import Synchronization

/// Warnings a request collects on its way through the stages (unknown or duplicate fields under
/// `fieldValidation=Warn`), sent back as `Warning: 299 - "…"` headers, as upstream's
/// `warning.AddWarning(ctx, …)` does. Task-local, so stages deep in the write path add to it
/// without every signature carrying it; duplicates (a retried update) are sent once.
final class RequestWarnings: Sendable {
    @TaskLocal static var current: RequestWarnings?

    private let collected = Mutex<[String]>([])

    var all: [String] { collected.withLock { $0 } }

    func add(_ text: String) {
        collected.withLock { if !$0.contains(text) { $0.append(text) } }
    }

    /// Adds to the current request's warnings, if any request is collecting.
    static func add(_ texts: [String]) {
        guard let current, !texts.isEmpty else { return }
        for text in texts { current.add(text) }
    }

    /// The header value for one warning: code 299, no agent, the text quoted (RFC 7234 §5.5).
    static func headerValue(_ text: String) -> String {
        var quoted = "\""
        for c in text {
            if c == "\"" || c == "\\" { quoted.append("\\") }
            quoted.append(c)
        }
        return "299 - " + quoted + "\""
    }
}
