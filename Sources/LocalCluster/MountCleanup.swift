import Foundation
import Glibc

/// Unmounts what the node left under a directory (pod volumes the kubelet mounted: secrets and
/// memory-backed emptyDirs are tmpfs), deepest first. The kubelet itself leaves volumes of
/// running pods in place across its restarts; when the whole cluster stops, nothing may stay.
enum MountCleanup {
    static func unmountAll(under directory: String, log: @Sendable (String) -> Void) {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for mountPoint in mountPoints().filter({ $0.hasPrefix(prefix) }).sorted(by: { $0.count > $1.count }) {
            if umount2(mountPoint, Int32(MNT_DETACH)) != 0 {
                log("could not unmount \(mountPoint): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Field 5 of /proc/self/mountinfo, with the kernel's octal escapes (\040 for a space) decoded.
    static func mountPoints() -> [String] {
        let text = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            return fields.count > 4 ? decode(String(fields[4])) : nil
        }
    }

    static func decode(_ field: String) -> String {
        guard field.contains("\\") else { return field }
        var bytes: [UInt8] = []
        let raw = Array(field.utf8)
        var index = 0
        while index < raw.count {
            if raw[index] == UInt8(ascii: "\\"), index + 3 < raw.count,
               let value = UInt8(String(decoding: raw[(index + 1)...(index + 3)], as: UTF8.self), radix: 8) {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(raw[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
