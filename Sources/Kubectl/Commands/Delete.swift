import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

struct Delete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Delete resources by file names, stdin, resources and names, or by resources and label selector.")

    @OptionGroup var global: GlobalOptions
    @Argument var resources: [String] = []
    @Option(name: .shortAndLong) var filename: [String] = []
    @Flag(name: [.customShort("R"), .long]) var recursive = false
    @Option(name: [.customShort("l"), .long]) var selector: String?
    @Option(name: .customLong("field-selector")) var fieldSelector: String?
    @Flag(name: .customLong("all")) var all = false
    @Flag(name: [.customShort("A"), .customLong("all-namespaces")]) var allNamespaces = false
    @Option(name: .customLong("grace-period")) var gracePeriod: Int = -1
    @Flag(name: .customLong("now")) var now = false
    @Flag(name: .customLong("force")) var force = false
    @Option(name: .customLong("wait")) var wait: Bool = true
    @Option(name: .customLong("timeout")) var timeout: String = "0"
    @Flag(name: .customLong("ignore-not-found")) var ignoreNotFound = false
    @Option(name: .customLong("cascade")) var cascade: String = "background"
    @Option(name: .shortAndLong) var output: String?

    struct Target {
        var resource: APIResourceInfo
        var namespace: String?
        var name: String
    }

    func run() async throws {
        let session = try global.session()
        let mapper = try await session.mapper()
        let terminal = Terminal.current
        var targets: [Target] = []
        var failed = false
        if !filename.isEmpty {
            for object in try ManifestReader.read(filename, recursive: recursive) {
                let m = try ManifestObject(object, mapper: mapper, defaultNamespace: session.namespace, explicitNamespace: session.explicitNamespace)
                targets.append(Target(resource: m.resource, namespace: m.namespace, name: m.name))
            }
        } else {
            let selections = try ResourceArguments(resources, verb: "delete").resolve(mapper)
            for (resource, names) in selections {
                let namespace = resource.namespaced ? (allNamespaces ? nil : session.namespace) : nil
                if names.isEmpty {
                    guard all || selector != nil || fieldSelector != nil else {
                        throw KubectlError("resource(s) were provided, but no name was specified")
                    }
                    var query: [String: String] = [:]
                    if let selector { query["labelSelector"] = selector }
                    if let fieldSelector { query["fieldSelector"] = fieldSelector }
                    let list = try await session.client.list(resource.path(namespace: namespace), query: query)
                    for item in list["items"]?.arrayValue ?? [] {
                        targets.append(
                            Target(resource: resource, namespace: item[path: ["metadata", "namespace"]]?.stringValue, name: item[path: ["metadata", "name"]]?.stringValue ?? ""))
                    }
                } else {
                    targets += names.map { Target(resource: resource, namespace: resource.namespaced ? session.namespace : nil, name: $0) }
                }
            }
            if targets.isEmpty {
                terminal.out("No resources found\n")
                return
            }
        }
        var options: JSONObject = ["kind": "DeleteOptions", "apiVersion": "v1"]
        var grace = gracePeriod
        if now { grace = 1 }
        if force && grace < 0 { grace = 0 }
        if grace >= 0 { options["gracePeriodSeconds"] = .int(Int64(grace)) }
        switch cascade {
        case "background", "true": options["propagationPolicy"] = "Background"
        case "foreground": options["propagationPolicy"] = "Foreground"
        case "orphan", "false": options["propagationPolicy"] = "Orphan"
        default: throw KubectlError("invalid cascade value (\(cascade)). Must be \"background\", \"foreground\", or \"orphan\"")
        }
        var deleted: [(Target, String?)] = []
        for target in targets {
            do {
                let response = try await session.client.delete(target.resource.path(namespace: target.namespace, name: target.name), options: .object(options))
                let uid = response["kind"]?.stringValue == "Status" ? nil : response[path: ["metadata", "uid"]]?.stringValue
                if output == "name" {
                    terminal.out("\(target.resource.kindQualifiedName)/\(target.name)\n")
                } else {
                    terminal.out("\(target.resource.kindQualifiedName) \"\(target.name)\" deleted\n")
                }
                deleted.append((target, uid))
            } catch let error as APIError where error.isNotFound {
                if !ignoreNotFound {
                    terminal.err(error.description + "\n")
                    failed = true
                }
            }
        }
        if wait {
            let deadline = try GlobalOptions.parseDuration(timeout).map { ContinuousClock.now + $0 }
            for (target, uid) in deleted {
                try await Delete.waitForDeletion(session, target.resource.path(namespace: target.namespace, name: target.name), uid: uid, deadline: deadline)
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// Polls until the object is gone (or replaced by one with another uid).
    static func waitForDeletion(_ session: Session, _ path: ResourcePath, uid: String?, deadline: ContinuousClock.Instant?) async throws {
        while true {
            do {
                let object = try await session.client.get(path)
                if let uid, object[path: ["metadata", "uid"]]?.stringValue != uid { return }
            } catch let error as APIError where error.isNotFound {
                return
            }
            if let deadline, ContinuousClock.now >= deadline {
                throw KubectlError("timed out waiting for the condition on \(path.resource)/\(path.name ?? "")")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}
