#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// IP address checks (upstream `IsValidIP`, `IsValidIPv4Address`, `IsValidIPv6Address`).
enum IPValidation {
    static func isIPv4(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { p in
            !p.isEmpty && p.count <= 3 && p.allSatisfy { $0.isASCII && $0.isNumber } && Int(p)! <= 255
        }
    }

    static func isIPv6(_ s: String) -> Bool {
        guard s.contains(":") else { return false }
        var addr = in6_addr()
        return inet_pton(AF_INET6, s, &addr) == 1
    }

    static func isIP(_ s: String) -> Bool { isIPv4(s) || isIPv6(s) }

    static func validIP(_ s: String, path: ValidationPath) -> [FieldError] {
        isIP(s) ? [] : [.invalid(path, .string(s), "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")]
    }

    /// Upstream `ValidateNonSpecialIP` for endpoint addresses.
    static func nonSpecial(_ s: String, path: ValidationPath) -> [FieldError] {
        let lower = s.lowercased()
        if s == "0.0.0.0" || s == "::" { return [.invalid(path, .string(s), "may not be unspecified (0.0.0.0)")] }
        if s.hasPrefix("127.") || s == "::1" {
            return [.invalid(path, .string(s), "may not be in the loopback range (127.0.0.0/8, ::1/128)")]
        }
        if s.hasPrefix("169.254.") || lower.hasPrefix("fe8") || lower.hasPrefix("fe9") || lower.hasPrefix("fea") || lower.hasPrefix("feb") {
            return [.invalid(path, .string(s), "may not be in the link-local range (169.254.0.0/16, fe80::/10)")]
        }
        if s.hasPrefix("224.0.0.") || lower.hasPrefix("ff02:") {
            return [.invalid(path, .string(s), "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)")]
        }
        return []
    }
}
