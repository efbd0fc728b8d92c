import CRI
import Foundation

/// crictl's global flags, given before the verb: `-r/--runtime-endpoint`, `-i/--image-endpoint`,
/// `-t/--timeout`, `-D/--debug` (and `$CONTAINER_RUNTIME_ENDPOINT`, `$IMAGE_SERVICE_ENDPOINT`).
public struct GlobalOptions: Sendable, Equatable {
    public var runtimeEndpoint: String
    /// Empty: the runtime endpoint serves images too.
    public var imageEndpoint: String
    public var timeout: Duration
    public var debug: Bool

    public static let defaultTimeout = Duration.seconds(2)

    public init(runtimeEndpoint: String = CRIEndpoint.defaultEndpoint.description, imageEndpoint: String = "",
                timeout: Duration = defaultTimeout, debug: Bool = false) {
        self.runtimeEndpoint = runtimeEndpoint
        self.imageEndpoint = imageEndpoint
        self.timeout = timeout
        self.debug = debug
    }

    static func valued(_ name: String) -> WritableKeyPath<GlobalOptions, String>? {
        switch name {
        case "-r", "--runtime-endpoint": \.runtimeEndpoint
        case "-i", "--image-endpoint": \.imageEndpoint
        default: nil
        }
    }

    /// Splits the leading global flags from the verb and its arguments.
    public static func parse(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(CRICtlError) -> (GlobalOptions, [String])
    {
        var options = GlobalOptions()
        if let endpoint = environment["CONTAINER_RUNTIME_ENDPOINT"], !endpoint.isEmpty { options.runtimeEndpoint = endpoint }
        if let endpoint = environment["IMAGE_SERVICE_ENDPOINT"], !endpoint.isEmpty { options.imageEndpoint = endpoint }
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "--" {
            let argument = arguments[index]
            if ["-h", "--help", "--version", "-v"].contains(argument) { break }
            var name = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            index += 1
            func value() throws(CRICtlError) -> String {
                if let inline { return inline }
                guard index < arguments.count else { throw CRICtlError("flag needs an argument: \(name)") }
                index += 1
                return arguments[index - 1]
            }
            if let keyPath = valued(name) {
                options[keyPath: keyPath] = try value()
            } else if name == "-t" || name == "--timeout" {
                let text = try value()
                guard let duration = parseDuration(text) else { throw CRICtlError("invalid value \"\(text)\" for flag \(name): expected a duration such as 2s or 1m") }
                if duration > .zero { options.timeout = duration }
            } else if name == "-D" || name == "--debug" {
                options.debug = inline.map { $0 != "false" } ?? true
            } else {
                throw CRICtlError("flag provided but not defined: \(name)")
            }
        }
        return (options, Array(arguments[index...]))
    }

    /// Go durations as crictl takes them (`2s`, `1m30s`, `500ms`); a bare number is seconds.
    public static func parseDuration(_ text: String) -> Duration? {
        if let seconds = Double(text) { return .milliseconds(Int64(seconds * 1000)) }
        var total = 0.0
        var rest = Substring(text)
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) && !(($0.0 == "m") && rest.hasPrefix("ms")) }) else { return nil }
            rest = rest.dropFirst(unit.0.count)
            total += value * unit.1
        }
        return .nanoseconds(Int64(total * 1e9))
    }

    public func endpoints() throws(CRICtlError) -> (runtime: CRIEndpoint, image: CRIEndpoint) {
        do {
            let runtime = try CRIEndpoint(parsing: runtimeEndpoint)
            let image = imageEndpoint.isEmpty ? runtime : try CRIEndpoint(parsing: imageEndpoint)
            return (runtime, image)
        } catch {
            throw CRICtlError("\(error)")
        }
    }
}
