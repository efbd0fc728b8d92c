import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

struct Get: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Display one or many resources.")

    @OptionGroup var global: GlobalOptions
    @Argument var resources: [String] = []
    @Option(name: .shortAndLong, help: "Output format: wide|yaml|json|name|jsonpath=…|custom-columns=…") var output: String?
    @Option(name: [.customShort("l"), .long], help: "Selector (label query) to filter on") var selector: String?
    @Option(name: .customLong("field-selector")) var fieldSelector: String?
    @Flag(name: [.customShort("A"), .customLong("all-namespaces")]) var allNamespaces = false
    @Flag(name: [.customShort("w"), .customLong("watch")]) var watch = false
    @Flag(name: .customLong("watch-only")) var watchOnly = false
    @Flag(name: .customLong("show-labels")) var showLabels = false
    @Flag(name: .customLong("no-headers")) var noHeaders = false
    @Flag(name: .customLong("show-kind")) var showKind = false
    @Option(name: .customLong("sort-by")) var sortBy: String?
    @Option(name: [.customShort("L"), .customLong("label-columns")]) var labelColumns: [String] = []
    @Option(name: .shortAndLong) var filename: [String] = []
    @Option(name: .customLong("chunk-size")) var chunkSize: Int = 500
    @Flag(name: .customLong("ignore-not-found")) var ignoreNotFound = false
    @Flag(name: .customLong("show-managed-fields")) var showManagedFields = false

    func run() async throws {
        if resources.isEmpty && filename.isEmpty {
            throw KubectlError(
                """
                You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

                error: Required resource not specified.
                Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
                See 'kubectl get -h' for help and examples
                """, raw: true)
        }
        let format = try OutputFormat(output)
        let session = try global.session()
        let mapper = try await session.mapper()
        var requests: [(resource: APIResourceInfo, names: [String])] = []
        if !filename.isEmpty {
            for object in try ManifestReader.read(filename) {
                let m = try ManifestObject(object, mapper: mapper, defaultNamespace: session.namespace, explicitNamespace: session.explicitNamespace)
                requests.append((m.resource, [m.name]))
            }
        } else {
            requests = try ResourceArguments(resources.isEmpty ? [] : resources).resolve(mapper)
        }
        var query: [String: String] = [:]
        if let selector { query["labelSelector"] = selector }
        if let fieldSelector { query["fieldSelector"] = fieldSelector }
        let namespace = allNamespaces ? nil : session.namespace
        let multipleTypes = Set(requests.map(\.resource.qualifiedName)).count > 1 || showKind
        let terminal = Terminal.current
        var failed = false

        if watch || watchOnly {
            guard requests.count == 1, let request = requests.first else {
                throw KubectlError("you may only specify a single resource type")
            }
            try await watchResource(session, request.resource, names: request.names, namespace: namespace, query: query, format: format)
            return
        }

        var deferredErrors: [String] = []
        if format.isTable {
            var printedAny = false
            var sections: [String] = []
            for (resource, names) in requests {
                var tables: [JSONValue] = []
                do {
                    if names.isEmpty {
                        tables.append(try await fetchTable(session, resource, name: nil, namespace: namespace, query: query))
                    } else {
                        for name in names {
                            do {
                                tables.append(try await fetchTable(session, resource, name: name, namespace: namespace ?? session.namespace, query: query))
                            } catch let error as APIError where error.isNotFound {
                                // Reported after the tables, as upstream aggregates errors.
                                if !ignoreNotFound { deferredErrors.append(error.description) }
                            }
                        }
                    }
                } catch let error as APIError {
                    terminal.err(error.description + "\n")
                    failed = true
                    continue
                }
                var columns: [ServerTableColumn] = []
                var rows: [JSONValue] = []
                for table in tables {
                    if columns.isEmpty { columns = (table["columnDefinitions"]?.arrayValue ?? []).compactMap(ServerTableColumn.init(json:)) }
                    rows += table["rows"]?.arrayValue ?? []
                }
                if rows.isEmpty { continue }
                if let sortBy { rows = try sortRows(rows, by: sortBy) }
                var renderer = TableRenderer(
                    options: TablePrintOptions(
                        wide: format == .wide, noHeaders: noHeaders, withNamespace: allNamespaces && resource.namespaced,
                        showLabels: showLabels, kindPrefix: multipleTypes ? resource.kindQualifiedName : nil, labelColumns: labelColumns))
                // Each resource type is its own table, aligned on its own.
                sections.append(renderer.render(columns: columns, rows: rows))
                printedAny = true
            }
            if !sections.isEmpty { terminal.out(sections.joined(separator: noHeaders ? "" : "\n")) }
            for error in deferredErrors { terminal.err(error + "\n") }
            failed = failed || !deferredErrors.isEmpty
            if !printedAny && !failed && requests.allSatisfy({ $0.names.isEmpty }) {
                let namespaced = requests.contains { $0.resource.namespaced }
                if namespaced && !allNamespaces {
                    terminal.err("No resources found in \(session.namespace) namespace.\n")
                } else {
                    terminal.err("No resources found\n")
                }
            }
            if failed { throw ExitCode(1) }
            return
        }

        // yaml / json / name / jsonpath / custom-columns: whole objects.
        var objects: [JSONValue] = []
        var singleNamed = requests.count == 1 && requests[0].names.count == 1
        for (resource, names) in requests {
            if names.isEmpty {
                singleNamed = false
                do {
                    var pageQuery = query
                    if chunkSize > 0 { pageQuery["limit"] = String(chunkSize) }
                    var items: [JSONValue] = []
                    while true {
                        let page = try await session.client.list(resource.path(namespace: namespace), query: pageQuery)
                        items += page["items"]?.arrayValue ?? []
                        guard let token = page[path: ["metadata", "continue"]]?.stringValue, !token.isEmpty else { break }
                        pageQuery["continue"] = token
                    }
                    for var item in items {
                        // Lists omit each item's kind/apiVersion; kubectl puts them back.
                        if item["kind"] == nil { item["kind"] = .string(resource.kind) }
                        if item["apiVersion"] == nil { item["apiVersion"] = .string(resource.groupVersion) }
                        objects.append(item)
                    }
                } catch let error as APIError {
                    terminal.err(error.description + "\n")
                    failed = true
                }
            } else {
                for name in names {
                    do {
                        objects.append(try await session.client.get(resource.path(namespace: namespace ?? session.namespace, name: name)))
                    } catch let error as APIError where error.isNotFound {
                        if !ignoreNotFound {
                            terminal.err(error.description + "\n")
                            failed = true
                        }
                    }
                }
            }
        }
        if let sortBy { objects = try sortObjects(objects, by: sortBy) }
        if case .customColumns(let spec) = format {
            var writer = TabWriter()
            if !objects.isEmpty { terminal.out(try CustomColumnsPrinter(spec: spec, noHeaders: noHeaders).render(objects, writer: &writer)) }
        } else if singleNamed {
            if let object = objects.first { terminal.out(try ObjectPrinter.print([object], format: format, asList: false, showManagedFields: showManagedFields)) }
        } else {
            terminal.out(try ObjectPrinter.print(objects, format: format, asList: true, showManagedFields: showManagedFields))
        }
        if failed { throw ExitCode(1) }
    }

    static let tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"

    /// Asks the server for a Table; a server that answers with plain objects gets its table computed here
    /// with the same column code the apiserver uses.
    func fetchTable(_ session: Session, _ resource: APIResourceInfo, name: String?, namespace: String?, query: [String: String]) async throws -> JSONValue {
        var query = query
        query["includeObject"] = sortBy == nil ? "Metadata" : "Object"
        let path = resource.path(namespace: namespace, name: name)
        if name == nil, chunkSize > 0 { query["limit"] = String(chunkSize) }
        var response = try await session.client.get(path, query: query, accept: Get.tableAccept)
        // Lists come in chunks of --chunk-size; follow `continue` and join the rows (or items).
        var page = response
        while name == nil, let token = page[path: ["metadata", "continue"]]?.stringValue, !token.isEmpty {
            query["continue"] = token
            page = try await session.client.get(path, query: query, accept: Get.tableAccept)
            let key = page["kind"]?.stringValue == "Table" ? "rows" : "items"
            response[key] = .array((response[key]?.arrayValue ?? []) + (page[key]?.arrayValue ?? []))
        }
        if response["kind"]?.stringValue == "Table" { return response }
        let objects = name == nil ? (response["items"]?.arrayValue ?? []) : [response]
        return ServerTable.table(group: resource.group, kind: resource.kind, objects: objects, now: Date(), includeObject: query["includeObject"]!)
    }

    func sortRows(_ rows: [JSONValue], by expression: String) throws -> [JSONValue] {
        let template = try JSONPathTemplate(CustomColumnsPrinter.relaxed(expression))
        return try rows.map { ($0, try template.values($0["object"] ?? .null).first) }
            .sorted { Get.less($0.1, $1.1) }.map(\.0)
    }

    func sortObjects(_ objects: [JSONValue], by expression: String) throws -> [JSONValue] {
        let template = try JSONPathTemplate(CustomColumnsPrinter.relaxed(expression))
        return try objects.map { ($0, try template.values($0).first) }.sorted { Get.less($0.1, $1.1) }.map(\.0)
    }

    static func less(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        guard let a else { return b != nil }
        guard let b else { return false }
        if let x = a.doubleValue, let y = b.doubleValue { return x < y }
        if let x = a.stringValue, let y = b.stringValue {
            if let dx = RFC3339Date.parse(x), let dy = RFC3339Date.parse(y) { return dx < dy }
            return x < y
        }
        return a.serialized() < b.serialized()
    }

    /// `get -w`: the current state (unless --watch-only), then one row (or object) per event as it arrives.
    func watchResource(_ session: Session, _ resource: APIResourceInfo, names: [String], namespace: String?, query: [String: String], format: OutputFormat) async throws {
        let terminal = Terminal.current
        var query = query
        if names.count == 1 { query["fieldSelector"] = "metadata.name=\(names[0])" }
        let list = try await session.client.list(resource.path(namespace: namespace), query: query)
        let resourceVersion = list[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        var renderer = TableRenderer(
            options: TablePrintOptions(
                wide: format == .wide, noHeaders: noHeaders, withNamespace: allNamespaces && resource.namespaced, showLabels: showLabels,
                labelColumns: labelColumns))
        let columns = ServerTable.columns(group: resource.group, kind: resource.kind)
        func emit(_ object: JSONValue) throws {
            var object = object
            if object["kind"] == nil { object["kind"] = .string(resource.kind) }
            if object["apiVersion"] == nil { object["apiVersion"] = .string(resource.groupVersion) }
            if format.isTable {
                let table = ServerTable.table(group: resource.group, kind: resource.kind, objects: [object], now: Date())
                terminal.out(renderer.render(columns: columns, rows: table["rows"]?.arrayValue ?? []))
            } else if format == .json {
                terminal.out(ObjectPrinter.prettyJSON(object) + "\n")
            } else if format == .yaml {
                terminal.out(object.yamlString() + "---\n")
            } else {
                terminal.out(try ObjectPrinter.print([object], format: format, asList: false))
            }
        }
        if !watchOnly {
            let items = list["items"]?.arrayValue ?? []
            if items.isEmpty, format.isTable {
                terminal.err(resource.namespaced && !allNamespaces ? "No resources found in \(session.namespace) namespace.\n" : "No resources found\n")
            }
            for item in items { try emit(item) }
        }
        var watchQuery = query
        watchQuery["resourceVersion"] = resourceVersion
        watchQuery["allowWatchBookmarks"] = "true"
        for try await event in session.client.watch(resource.path(namespace: namespace), query: watchQuery) {
            switch event.type {
            case .bookmark: continue
            case .error: throw APIError.from(statusCode: Int(event.object["code"]?.intValue ?? 500), body: event.object.serializedBytes())
            default: try emit(event.object)
            }
        }
    }
}
