/// The cgroup2 hierarchy: found in /proc/self/mountinfo, never assumed at /sys/fs/cgroup
/// (hybrid hosts mount it at /sys/fs/cgroup/unified, with no controllers).
public struct CgroupMount: Sendable, Equatable {
    public let mountPoint: String

    public init(mountPoint: String) { self.mountPoint = mountPoint }

    public static func detect() throws(CgroupError) -> CgroupMount {
        let mountinfo: String
        do { mountinfo = try FileIO.readFile("/proc/self/mountinfo") } catch { throw .file(error) }
        guard let mountPoint = parse(mountinfo: mountinfo) else { throw .noCgroup2Mount }
        return CgroupMount(mountPoint: mountPoint)
    }

    /// The first mount whose filesystem type (after the ` - ` separator) is cgroup2.
    public static func parse(mountinfo: String) -> String? {
        for line in mountinfo.split(separator: "\n") {
            let halves = line.split(separator: " - ", maxSplits: 1)
            guard halves.count == 2, halves[1].split(separator: " ").first == "cgroup2" else { continue }
            let fields = halves[0].split(separator: " ")
            guard fields.count >= 5 else { continue }
            return unescape(String(fields[4]))
        }
        return nil
    }

    /// mountinfo escapes space, tab, newline and backslash as \ooo.
    static func unescape(_ field: String) -> String {
        var result = ""
        var characters = Substring(field)
        while let first = characters.first {
            if first == "\\", characters.count >= 4, let code = UInt8(characters.dropFirst().prefix(3), radix: 8) {
                result.append(Character(Unicode.Scalar(code)))
                characters = characters.dropFirst(4)
            } else {
                result.append(first)
                characters = characters.dropFirst()
            }
        }
        return result
    }

    /// Controllers the hierarchy root offers (cgroup.controllers).
    public func availableControllers() -> Set<String> {
        let text = (try? FileIO.readFile(mountPoint + "/cgroup.controllers")) ?? ""
        return Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }
}
