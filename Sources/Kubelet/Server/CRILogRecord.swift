import Foundation

/// One line of a CRI container log file, as the runtime writes it and upstream's kubelet reads it
/// (pkg/kubelet/kuberuntime/logs): `<RFC3339Nano time> <stdout|stderr> <P|F> <content>`.
/// `P` marks a partial record: the next record continues the same logical line.
struct CRILogRecord: Equatable {
    enum Stream: String { case stdout, stderr }

    var time: LogTimestamp
    var stream: Stream
    var partial: Bool
    var content: ArraySlice<UInt8>

    /// Parses one line without its trailing newline.
    init(parsing line: ArraySlice<UInt8>) throws(CRILogParseError) {
        let space = UInt8(ascii: " ")
        guard let timeEnd = line.firstIndex(of: space) else { throw .init(line: line, problem: "timestamp is not found") }
        guard let time = LogTimestamp(rfc3339: line[line.startIndex..<timeEnd]) else {
            throw .init(line: line, problem: "unexpected timestamp format")
        }
        let afterTime = line[(timeEnd + 1)...]
        guard let streamEnd = afterTime.firstIndex(of: space),
              let stream = Stream(rawValue: String(decoding: afterTime[afterTime.startIndex..<streamEnd], as: UTF8.self))
        else { throw .init(line: line, problem: "stream type is not found") }
        var rest = afterTime[(streamEnd + 1)...]
        // The tag field is optional in old files; upstream treats a missing tag as a full line.
        var partial = false
        if let tagEnd = rest.firstIndex(of: space), tagEnd - rest.startIndex == 1,
           rest.first == UInt8(ascii: "P") || rest.first == UInt8(ascii: "F") {
            partial = rest.first == UInt8(ascii: "P")
            rest = rest[(tagEnd + 1)...]
        } else if rest.count == 1, rest.first == UInt8(ascii: "P") || rest.first == UInt8(ascii: "F") {
            partial = rest.first == UInt8(ascii: "P")
            rest = rest[rest.endIndex...]
        }
        self.time = time
        self.stream = stream
        self.partial = partial
        self.content = rest
    }
}

struct CRILogParseError: Error, CustomStringConvertible {
    var line: ArraySlice<UInt8>
    var problem: String
    var description: String { "CRI log line \"\(String(decoding: line.prefix(120), as: UTF8.self))\": \(problem)" }
}

/// A log record's time with nanosecond precision (Foundation's Date would round it).
struct LogTimestamp: Comparable, Hashable, Sendable, CustomStringConvertible {
    var seconds: Int64
    var nanoseconds: Int32

    init(seconds: Int64, nanoseconds: Int32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    init(_ date: Date) {
        let whole = date.timeIntervalSince1970.rounded(.down)
        seconds = Int64(whole)
        nanoseconds = Int32(((date.timeIntervalSince1970 - whole) * 1e9).rounded(.down))
    }

    static func < (a: Self, b: Self) -> Bool { (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds) }

    /// RFC 3339 with optional fraction and a `Z` or `±hh:mm` offset.
    init?(rfc3339 text: some Collection<UInt8>) {
        let b = Array(text)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count else { return nil }
            var value = 0
            for i in range {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        guard b.count >= 20, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var nanos = 0
        if b[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < b.count, b[index] >= 48, b[index] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int(b[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if digits < 9 { for _ in digits..<9 { nanos *= 10 } }
        }
        guard index < b.count else { return nil }
        var offset = 0
        if b[index] == UInt8(ascii: "Z") || b[index] == UInt8(ascii: "z") {
            guard index + 1 == b.count else { return nil }
        } else if b[index] == UInt8(ascii: "+") || b[index] == UInt8(ascii: "-") {
            guard index + 6 == b.count, b[index + 3] == UInt8(ascii: ":"),
                  let h = number((index + 1)..<(index + 3)), let m = number((index + 4)..<(index + 6)) else { return nil }
            offset = (h * 3600 + m * 60) * (b[index] == UInt8(ascii: "+") ? 1 : -1)
        } else {
            return nil
        }
        seconds = Int64(Self.daysFromCivil(year: year, month: month, day: day)) * 86400
            + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        nanoseconds = Int32(nanos)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// Go's RFC3339NanoFixed in UTC (`2006-01-02T15:04:05.000000000Z`): what the kubelet prefixes
    /// lines with when `timestamps=true`.
    var rfc3339NanoFixed: String {
        var days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondsOfDay = seconds - days * 86400
        // civil from days (Hinnant)
        days += 719468
        let era = (days >= 0 ? days : days - 146096) / 146097
        let doe = days - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2)):"
            + "\(pad(secondsOfDay % 60, 2)).\(pad(Int64(nanoseconds), 9))Z"
    }

    var description: String { rfc3339NanoFixed }
}
