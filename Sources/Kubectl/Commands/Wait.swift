import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

/// `--for=delete`, `--for=condition=Ready[=true]`, `--for=jsonpath={.status.phase}=Running`.
public enum WaitCondition: Equatable, Sendable {
    case delete
    case condition(type: String, status: String)
    case jsonpath(expression: String, value: String?)

    public init(_ spec: String) throws {
        if spec.lowercased() == "delete" {
            self = .delete
        } else if spec.hasPrefix("condition=") {
            let rest = spec.dropFirst("condition=".count)
            let parts = rest.split(separator: "=", maxSplits: 1).map(String.init)
            guard let type = parts.first, !type.isEmpty else { throw KubectlError("unrecognized condition: \"\(spec)\"") }
            self = .condition(type: type, status: parts.count > 1 ? parts[1] : "true")
        } else if spec.hasPrefix("jsonpath=") {
            let rest = String(spec.dropFirst("jsonpath=".count))
            // The expression ends at the first '=' outside braces and brackets.
            var depth = 0
            var split: String.Index?
            for i in rest.indices {
                switch rest[i] {
                case "{", "[": depth += 1
                case "}", "]": depth -= 1
                case "=" where depth == 0: split = split ?? i
                default: break
                }
            }
            if let split {
                self = .jsonpath(expression: String(rest[..<split]), value: String(rest[rest.index(after: split)...]))
            } else {
                self = .jsonpath(expression: rest, value: nil)
            }
        } else {
            throw KubectlError("unrecognized condition: \"\(spec)\"")
        }
    }

    /// Whether `object` (nil when it does not exist) satisfies the condition.
    public func isMet(_ object: JSONValue?) throws -> Bool {
        switch self {
        case .delete: return object == nil
        case .condition(let type, let status):
            guard let object else { return false }
            let conditions = object[path: ["status", "conditions"]]?.arrayValue ?? []
            return conditions.contains {
                $0["type"]?.stringValue?.lowercased() == type.lowercased() && $0["status"]?.stringValue?.lowercased() == status.lowercased()
            }
        case .jsonpath(let expression, let value):
            guard let object else { return false }
            let results = try JSONPathTemplate(CustomColumnsPrinter.relaxed(expression)).values(object)
            guard let first = results.first else { return false }
            guard let value else { return true }
            return JSONPathTemplate.text(first) == value
        }
    }
}

struct Wait: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Experimental: Wait for a specific condition on one or many resources.")

    @OptionGroup var global: GlobalOptions
    @Argument var resources: [String] = []
    @Option(name: .customLong("for")) var condition: String
    @Option(name: .customLong("timeout")) var timeout: String = "30s"
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Flag(name: .customLong("all")) var all = false
    @Option(name: .shortAndLong) var filename: [String] = []

    func run() async throws {
        let wanted = try WaitCondition(condition)
        let session = try global.session()
        let terminal = Terminal.current
        let targets = try await session.targets(resources, verb: "wait", selector: selector, all: all, filenames: filename)
        if targets.isEmpty { throw KubectlError("no matching resources found") }
        let limit = try GlobalOptions.parseDuration(timeout)
        let deadline = ContinuousClock.now + (limit ?? .zero)
        for target in targets {
            let (resource, name, path) = (target.resource, target.name, target.path)
            while true {
                var object: JSONValue?
                do {
                    object = try await session.client.get(path)
                } catch let error as APIError where error.isNotFound {
                    if wanted != .delete { throw error }
                    object = nil
                }
                if try wanted.isMet(object) {
                    terminal.out("\(resource.kindQualifiedName)/\(name) condition met\n")
                    break
                }
                if ContinuousClock.now >= deadline {
                    throw KubectlError("timed out waiting for the condition on \(resource.qualifiedName)/\(name)")
                }
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }
}
