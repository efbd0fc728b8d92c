import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

struct Config: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Modify kubeconfig files.",
        subcommands: [ConfigView.self, ConfigUseContext.self, ConfigSetContext.self, ConfigCurrentContext.self, ConfigGetContexts.self, ConfigSetCluster.self, ConfigSetCredentials.self])
}

struct ConfigView: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "view", abstract: "Display merged kubeconfig settings or a specified kubeconfig file.")
    @OptionGroup var global: GlobalOptions
    @Flag(name: .customLong("raw")) var raw = false
    @Flag(name: .customLong("minify")) var minify = false
    @Option(name: .shortAndLong) var output: String = "yaml"

    func run() async throws {
        var config = try global.configLoader.load()
        if minify {
            let contextName = global.context ?? config.currentContext
            guard let context = config.context(named: contextName) else { throw KubectlError("current-context must exist in order to minify") }
            func only(_ list: String, _ name: String) -> JSONValue {
                .array((config.raw[list]?.arrayValue ?? []).filter { $0["name"]?.stringValue == name })
            }
            config.raw["clusters"] = only("clusters", context.cluster)
            config.raw["users"] = only("users", context.user)
            config.raw["contexts"] = only("contexts", contextName)
            config.currentContext = contextName
        }
        if !raw { config = config.redacted }
        // Empty lists print as null, as client-go's clientcmdv1 types serialize them.
        for list in ["clusters", "users", "contexts"] where config.raw[list]?.arrayValue?.isEmpty ?? true {
            config.raw[list] = .null
        }
        let terminal = Terminal.current
        switch output {
        case "yaml": terminal.out(config.raw.yamlString())
        case "json": terminal.out(ObjectPrinter.prettyJSON(config.raw) + "\n")
        default:
            if case .jsonpath(let t) = try OutputFormat(output) {
                terminal.out(try JSONPathTemplate(t).render(config.raw))
            } else {
                throw KubectlError("unsupported output format \(output)")
            }
        }
    }
}

struct ConfigUseContext: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "use-context", abstract: "Set the current-context in a kubeconfig file.")
    @OptionGroup var global: GlobalOptions
    @Argument var name: String

    func run() async throws {
        let loader = global.configLoader
        guard try loader.load().context(named: name) != nil else {
            throw KubectlError("no context exists with the name: \"\(name)\"")
        }
        try loader.modify(file: loader.defaultFilename) { $0.currentContext = name }
        Terminal.current.out("Switched to context \"\(name)\".\n")
    }
}

struct ConfigCurrentContext: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "current-context", abstract: "Display the current-context.")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let current = try global.configLoader.load().currentContext
        guard !current.isEmpty else { throw KubectlError("current-context is not set") }
        Terminal.current.out(current + "\n")
    }
}

struct ConfigSetContext: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-context", abstract: "Set a context entry in kubeconfig.")
    @OptionGroup var global: GlobalOptions
    @Argument var name: String?
    @Flag(name: .customLong("current")) var current = false
    @Option(name: .customLong("cluster")) var cluster: String?
    @Option(name: .customLong("user")) var user: String?

    func run() async throws {
        let loader = global.configLoader
        let merged = try loader.load()
        var contextName = name ?? ""
        if current {
            guard name == nil else { throw KubectlError("you cannot specify both a context name and --current") }
            contextName = merged.currentContext
            guard !contextName.isEmpty else { throw KubectlError("no current context is set") }
        }
        guard !contextName.isEmpty else { throw KubectlError("you must specify a non-empty context name or --current") }
        let exists = merged.context(named: contextName) != nil
        let file = try loader.filename(defining: "contexts", name: contextName)
        try loader.modify(file: file) { config in
            var body = config.entryValue("contexts", name: contextName, field: "context")?.objectValue ?? [:]
            if let cluster { body["cluster"] = .string(cluster) }
            if let user { body["user"] = .string(user) }
            if let namespace = global.namespace { body["namespace"] = .string(namespace) }
            config.setEntry("contexts", name: contextName, field: "context", value: .object(body))
        }
        Terminal.current.out("Context \"\(contextName)\" \(exists ? "modified" : "created").\n")
    }
}

struct ConfigSetCluster: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-cluster", abstract: "Set a cluster entry in kubeconfig.")
    @OptionGroup var global: GlobalOptions
    @Argument var name: String
    @Option(name: .customLong("certificate-authority")) var certificateAuthority: String?
    @Option(name: .customLong("insecure-skip-tls-verify")) var insecure: Bool?

    func run() async throws {
        let loader = global.configLoader
        let file = try loader.filename(defining: "clusters", name: name)
        try loader.modify(file: file) { config in
            var body = config.entryValue("clusters", name: name, field: "cluster")?.objectValue ?? [:]
            if let server = global.server { body["server"] = .string(server) }
            if let certificateAuthority { body["certificate-authority"] = .string(certificateAuthority) }
            if let insecure { body["insecure-skip-tls-verify"] = .bool(insecure) }
            config.setEntry("clusters", name: name, field: "cluster", value: .object(body))
        }
        Terminal.current.out("Cluster \"\(name)\" set.\n")
    }
}

struct ConfigSetCredentials: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-credentials", abstract: "Set a user entry in kubeconfig.")
    @OptionGroup var global: GlobalOptions
    @Argument var name: String
    @Option(name: .customLong("username")) var username: String?
    @Option(name: .customLong("password")) var password: String?

    func run() async throws {
        let loader = global.configLoader
        let file = try loader.filename(defining: "users", name: name)
        try loader.modify(file: file) { config in
            var body = config.entryValue("users", name: name, field: "user")?.objectValue ?? [:]
            if let token = global.token { body["token"] = .string(token) }
            if let username { body["username"] = .string(username) }
            if let password { body["password"] = .string(password) }
            config.setEntry("users", name: name, field: "user", value: .object(body))
        }
        Terminal.current.out("User \"\(name)\" set.\n")
    }
}

struct ConfigGetContexts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get-contexts", abstract: "Describe one or many contexts.")
    @OptionGroup var global: GlobalOptions
    @Argument var names: [String] = []
    @Option(name: .shortAndLong) var output: String?
    @Flag(name: .customLong("no-headers")) var noHeaders = false

    func run() async throws {
        let config = try global.configLoader.load()
        let terminal = Terminal.current
        var selected = config.names("contexts").sorted()
        if !names.isEmpty {
            for name in names where !selected.contains(name) { throw KubectlError("context \(name) not found") }
            selected = selected.filter { names.contains($0) }
        }
        if output == "name" {
            terminal.out(selected.map { $0 + "\n" }.joined())
            return
        }
        var rows: [[String]] = noHeaders ? [] : [["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]]
        for name in selected {
            let context = config.context(named: name)
            rows.append([name == config.currentContext ? "*" : "", name, context?.cluster ?? "", context?.user ?? "", context?.namespace ?? ""])
        }
        var writer = TabWriter()
        terminal.out(writer.format(rows))
    }
}
