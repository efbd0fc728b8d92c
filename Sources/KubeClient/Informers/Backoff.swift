/// Exponential backoff with jitter between failed list/watch attempts (client-go's reflector
/// uses 800 ms doubling to 30 s, reset after a quiet spell).
struct Backoff: Sendable {
    var initial: Duration = .milliseconds(800)
    var maximum: Duration = .seconds(30)
    private var current: Duration? = nil

    init(initial: Duration = .milliseconds(800), maximum: Duration = .seconds(30)) {
        self.initial = initial
        self.maximum = maximum
    }

    mutating func next() -> Duration {
        let step = current.map { min($0 * 2, maximum) } ?? initial
        current = step
        return step + step * Double.random(in: 0..<0.1)
    }

    mutating func reset() { current = nil }
}
