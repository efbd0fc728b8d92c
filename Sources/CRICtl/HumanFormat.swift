import Foundation

/// The text crictl prints for durations, sizes, IDs and times (docker/go-units and Go's time
/// formatting, which crictl uses).
public enum HumanFormat {
    public static let truncatedIDLength = 13

    /// An ID cut to 13 characters after dropping `prefix` (crictl's getTruncatedID).
    public static func truncatedID(_ id: String, prefix: String = "") -> String {
        let trimmed = id.hasPrefix(prefix) ? String(id.dropFirst(prefix.count)) : id
        return String(trimmed.prefix(truncatedIDLength))
    }

    /// go-units HumanDuration: "Less than a second", "1 second", "N seconds", "About a minute", …
    public static func duration(seconds interval: Double) -> String {
        let seconds = Int(interval)
        if seconds < 1 { return "Less than a second" }
        if seconds == 1 { return "1 second" }
        if seconds < 60 { return "\(seconds) seconds" }
        let minutes = Int(interval / 60)
        if minutes == 1 { return "About a minute" }
        if minutes < 60 { return "\(minutes) minutes" }
        let hours = Int(interval / 3600 + 0.5)
        if hours == 1 { return "About an hour" }
        if hours < 48 { return "\(hours) hours" }
        if hours < 24 * 7 * 2 { return "\(hours / 24) days" }
        if hours < 24 * 30 * 2 { return "\(hours / 24 / 7) weeks" }
        if hours < 24 * 365 * 2 { return "\(hours / 24 / 30) months" }
        return "\(Int(interval / 3600) / 24 / 365) years"
    }

    /// The CREATED column: how long before `now` a CRI timestamp (nanoseconds since the epoch) was.
    public static func ago(_ nanoseconds: Int64, now: Date) -> String {
        let then = Double(nanoseconds) / 1e9
        return duration(seconds: now.timeIntervalSince1970 - then) + " ago"
    }

    static let decimalUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]

    /// go-units HumanSizeWithPrecision: decimal units, `precision` significant digits (%g).
    public static func size(_ bytes: Double, precision: Int = 4) -> String {
        var value = bytes
        var unit = 0
        while value >= 1000 && unit < decimalUnits.count - 1 {
            value /= 1000
            unit += 1
        }
        return significant(value, precision) + decimalUnits[unit]
    }

    /// Go's `%.Ng` for the values `size` produces (below 1000): N significant digits, no trailing zeros.
    static func significant(_ value: Double, _ precision: Int) -> String {
        if value == 0 { return "0" }
        let integerDigits = value >= 1 ? Int(log10(value)) + 1 : 1
        let decimals = max(0, precision - integerDigits)
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// Go's `time.Unix(0, ns).Format(time.RFC3339Nano)` in the local time zone: fraction without
    /// trailing zeros, `Z` for UTC.
    public static func rfc3339Nano(_ nanoseconds: Int64, timeZone: TimeZone = .current) -> String {
        var seconds = nanoseconds / 1_000_000_000
        var fraction = nanoseconds % 1_000_000_000
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000_000
        }
        return rfc3339Nano(seconds: seconds, fraction: fraction, timeZone: timeZone)
    }

    /// Go's zero `time.Time` formatted (what crictl prints for a time that never happened).
    public static let zeroTime = "0001-01-01T00:00:00Z"

    static func rfc3339Nano(seconds: Int64, fraction: Int64, timeZone: TimeZone) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let offset = timeZone.secondsFromGMT(for: date)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        if fraction != 0 {
            var digits = String(format: "%09lld", fraction)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        if offset == 0 {
            text += "Z"
        } else {
            let sign = offset < 0 ? "-" : "+"
            text += sign + String(format: "%02d:%02d", abs(offset) / 3600, abs(offset) % 3600 / 60)
        }
        return text
    }
}
