import Foundation

/// A standard five-field cron schedule (minute hour day-of-month month day-of-week), parsed the way
/// upstream's parser (robfig/cron `ParseStandard`) reads it: `*` and `?`, lists, ranges, steps,
/// month and weekday names, the `@yearly`/`@annually`/`@monthly`/`@weekly`/`@daily`/`@midnight`/
/// `@hourly` descriptors and an optional `TZ=`/`CRON_TZ=` prefix. As in cron, when both day fields
/// are restricted a day matching either one matches.
public struct CronSchedule: Sendable, Equatable {
    public var minutes: Set<Int>
    public var hours: Set<Int>
    public var daysOfMonth: Set<Int>
    public var months: Set<Int>
    public var daysOfWeek: Set<Int>
    /// `*` or `?` (without a step above 1) in the day fields.
    public var daysOfMonthStar: Bool
    public var daysOfWeekStar: Bool
    /// From a `TZ=` prefix, if any.
    public var timeZone: TimeZone?

    static let descriptors = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]
    static let monthNames = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    static let dayNames = ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]

    public init(parsing text: String) throws(CronScheduleError) {
        var spec = text.trimmingCharacters(in: .whitespaces)
        timeZone = nil
        if spec.hasPrefix("TZ=") || spec.hasPrefix("CRON_TZ=") {
            guard let space = spec.firstIndex(of: " ") else { throw CronScheduleError(schedule: text, reason: "missing fields after time zone") }
            let name = String(spec[spec.index(after: spec.firstIndex(of: "=")!)..<space])
            guard let zone = TimeZone(identifier: name) else { throw CronScheduleError(schedule: text, reason: "provided bad location \(name)") }
            timeZone = zone
            spec = String(spec[space...]).trimmingCharacters(in: .whitespaces)
        }
        if spec.hasPrefix("@") {
            guard let expanded = Self.descriptors[spec] else { throw CronScheduleError(schedule: text, reason: "unrecognized descriptor: \(spec)") }
            spec = expanded
        }
        let fields = spec.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else { throw CronScheduleError(schedule: text, reason: "expected exactly 5 fields, found \(fields.count): \(spec)") }
        func field(_ i: Int, _ min: Int, _ max: Int, _ names: [String: Int] = [:]) throws(CronScheduleError) -> (Set<Int>, Bool) {
            do { return try Self.parseField(fields[i], min: min, max: max, names: names) } catch { throw CronScheduleError(schedule: text, reason: error.reason) }
        }
        (minutes, _) = try field(0, 0, 59)
        (hours, _) = try field(1, 0, 23)
        (daysOfMonth, daysOfMonthStar) = try field(2, 1, 31)
        (months, _) = try field(3, 1, 12, Self.monthNames)
        (daysOfWeek, daysOfWeekStar) = try field(4, 0, 6, Self.dayNames)
    }

    static func parseField(_ text: String, min: Int, max: Int, names: [String: Int]) throws(CronScheduleError) -> (Set<Int>, Bool) {
        var values = Set<Int>()
        var star = false
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let rangeAndStep = part.split(separator: "/", omittingEmptySubsequences: false)
            guard rangeAndStep.count <= 2 else { throw CronScheduleError(schedule: text, reason: "too many slashes: \(part)") }
            let bounds = rangeAndStep[0].split(separator: "-", omittingEmptySubsequences: false)
            var start: Int, end: Int
            var isStar = false
            if rangeAndStep[0] == "*" || rangeAndStep[0] == "?" {
                start = min
                end = max
                isStar = true
            } else {
                guard bounds.count <= 2 else { throw CronScheduleError(schedule: text, reason: "too many hyphens: \(part)") }
                start = try value(String(bounds[0]), names)
                end = bounds.count == 2 ? try value(String(bounds[1]), names) : start
            }
            var step = 1
            if rangeAndStep.count == 2 {
                guard let s = Int(rangeAndStep[1]) else { throw CronScheduleError(schedule: text, reason: "failed to parse int from \(rangeAndStep[1])") }
                step = s
                // "N/step" means N through the maximum.
                if bounds.count == 1 && !isStar { end = max }
                if step > 1 { isStar = false }
            }
            guard start >= min else { throw CronScheduleError(schedule: text, reason: "beginning of range (\(start)) below minimum (\(min)): \(part)") }
            guard end <= max else { throw CronScheduleError(schedule: text, reason: "end of range (\(end)) above maximum (\(max)): \(part)") }
            guard start <= end else { throw CronScheduleError(schedule: text, reason: "beginning of range (\(start)) beyond end of range (\(end)): \(part)") }
            guard step > 0 else { throw CronScheduleError(schedule: text, reason: "step of range should be a positive number: \(part)") }
            values.formUnion(stride(from: start, through: end, by: step))
            star = star || isStar
        }
        return (values, star)
    }

    static func value(_ text: String, _ names: [String: Int]) throws(CronScheduleError) -> Int {
        if let named = names[text.lowercased()] { return named }
        guard let n = Int(text), n >= 0 else { throw CronScheduleError(schedule: text, reason: "failed to parse int from \(text)") }
        return n
    }

    func dayMatches(day: Int, weekday: Int) -> Bool {
        let dom = daysOfMonth.contains(day), dow = daysOfWeek.contains(weekday)
        return daysOfMonthStar || daysOfWeekStar ? dom && dow : dom || dow
    }

    /// The first time strictly after `date` that the schedule fires, in `zone` (the schedule's own
    /// `TZ=` zone wins); nil if none within five years (e.g. `0 0 30 2 *`).
    public func next(after date: Date, in zone: TimeZone = .current) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone ?? zone
        // Whole minutes only: the first minute boundary after `date`.
        var t = Date(timeIntervalSince1970: (floor(date.timeIntervalSince1970 / 60) + 1) * 60)
        let limit = calendar.component(.year, from: t) + 5
        while true {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: t)
            guard let year = c.year, year <= limit, let month = c.month, let day = c.day, let hour = c.hour, let minute = c.minute, let weekday = c.weekday else { return nil }
            if !months.contains(month) {
                guard let firstOfNext = calendar.date(byAdding: .month, value: 1, to: calendar.date(from: DateComponents(year: year, month: month, day: 1))!) else { return nil }
                t = firstOfNext
                continue
            }
            if !dayMatches(day: day, weekday: weekday - 1) {
                guard let nextDay = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: t)) else { return nil }
                t = calendar.startOfDay(for: nextDay)
                continue
            }
            if !hours.contains(hour) {
                let hourStart = t.timeIntervalSince1970 - Double(minute * 60)
                t = Date(timeIntervalSince1970: floor(hourStart / 60) * 60 + 3600)
                continue
            }
            if !minutes.contains(minute) {
                t = t.addingTimeInterval(60)
                continue
            }
            return t
        }
    }
}

public struct CronScheduleError: Error, CustomStringConvertible, Equatable {
    public let schedule: String
    public let reason: String
    public var description: String { "unparseable schedule \"\(schedule)\": \(reason)" }
}
