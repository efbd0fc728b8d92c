/// The standard five-field cron syntax CronJobs use, checked as robfig/cron v3's
/// `ParseStandard` does (same error texts), plus its `@hourly`-style descriptors.
enum CronSchedule {
    struct Bounds {
        var min: Int
        var max: Int
        var names: [String: Int] = [:]
    }

    static let fields: [Bounds] = [
        Bounds(min: 0, max: 59),
        Bounds(min: 0, max: 23),
        Bounds(min: 1, max: 31),
        Bounds(min: 1, max: 12, names: ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                                        "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]),
        Bounds(min: 0, max: 6, names: ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]),
    ]

    static let descriptors: Set<String> = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]

    /// The parse error, or nil when the schedule is valid.
    static func error(in schedule: String) -> String? {
        var spec = schedule
        if spec.isEmpty { return "empty spec string" }
        if spec.hasPrefix("TZ=") || spec.hasPrefix("CRON_TZ=") {
            guard let space = spec.firstIndex(of: " ") else { return "provided bad location \(spec): unknown time zone" }
            spec = String(spec[space...]).trimmingGoSpace()
        }
        if spec.hasPrefix("@") {
            if descriptors.contains(spec) { return nil }
            if spec.hasPrefix("@every ") {
                let duration = String(spec.dropFirst("@every ".count))
                return isGoDuration(duration) ? nil
                    : "failed to parse duration \(spec): time: invalid duration \"\(duration)\""
            }
            return "unrecognized descriptor: \(spec)"
        }
        let parts = spec.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        guard parts.count == 5 else {
            return "expected exactly 5 fields, found \(parts.count): [\(parts.joined(separator: " "))]"
        }
        for (part, bounds) in zip(parts, fields) {
            for expr in part.split(separator: ",").map(String.init) {
                if let e = rangeError(expr, bounds) { return e }
            }
        }
        return nil
    }

    static func rangeError(_ expr: String, _ r: Bounds) -> String? {
        let rangeAndStep = expr.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let lowAndHigh = rangeAndStep[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        var start: Int, end: Int, step = 1
        if lowAndHigh[0] == "*" || lowAndHigh[0] == "?" {
            start = r.min
            end = r.max
        } else {
            switch parseIntOrName(lowAndHigh[0], r.names) {
            case .failure(let e): return e.message
            case .success(let v): start = v
            }
            switch lowAndHigh.count {
            case 1: end = start
            case 2:
                switch parseIntOrName(lowAndHigh[1], r.names) {
                case .failure(let e): return e.message
                case .success(let v): end = v
                }
            default: return "too many hyphens: \(expr)"
            }
        }
        switch rangeAndStep.count {
        case 1: break
        case 2:
            switch parseInt(rangeAndStep[1]) {
            case .failure(let e): return e.message
            case .success(let v): step = v
            }
            // "N/step" means "N-max/step".
            if lowAndHigh.count == 1 { end = r.max }
        default: return "too many slashes: \(expr)"
        }
        if start < r.min { return "beginning of range (\(start)) below minimum (\(r.min)): \(expr)" }
        if end > r.max { return "end of range (\(end)) above maximum (\(r.max)): \(expr)" }
        if start > end { return "beginning of range (\(start)) beyond end of range (\(end)): \(expr)" }
        if step == 0 { return "step of range should be a positive number: \(expr)" }
        return nil
    }

    struct ParseError: Error { var message: String }

    static func parseIntOrName(_ s: String, _ names: [String: Int]) -> Result<Int, ParseError> {
        if let v = names[s.lowercased()] { return .success(v) }
        return parseInt(s)
    }

    /// Go's `strconv.Atoi` plus cron's non-negative rule.
    static func parseInt(_ s: String) -> Result<Int, ParseError> {
        let body = s.hasPrefix("+") || s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure(ParseError(message: "failed to parse int from \(s): strconv.Atoi: parsing \"\(s)\": invalid syntax"))
        }
        guard let n = Int(s) else {
            return .failure(ParseError(message: "failed to parse int from \(s): strconv.Atoi: parsing \"\(s)\": value out of range"))
        }
        if n < 0 { return .failure(ParseError(message: "negative number (\(n)) not allowed: \(s)")) }
        return .success(n)
    }

    /// Go `time.ParseDuration` shape: `[-+]?(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)` repeated, or "0".
    static func isGoDuration(_ s: String) -> Bool {
        var rest = Substring(s)
        if rest.hasPrefix("-") || rest.hasPrefix("+") { rest = rest.dropFirst() }
        if rest == "0" { return true }
        if rest.isEmpty { return false }
        let units = ["ns", "us", "µs", "ms", "s", "m", "h"]
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1 else { return false }
            rest = rest.dropFirst(number.count)
            guard let unit = units.first(where: { rest.hasPrefix($0) }) else { return false }
            rest = rest.dropFirst(unit.count)
        }
        return true
    }
}
