import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

struct Apply: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply a configuration to a resource by file name or stdin.")

    static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong) var filename: [String] = []
    @Flag(name: [.customShort("R"), .long]) var recursive = false
    @Option(name: .shortAndLong) var output: String?
    @Flag(name: .customLong("server-side")) var serverSide = false
    @Flag(name: .customLong("force-conflicts")) var forceConflicts = false
    @Option(name: .customLong("field-manager")) var fieldManager: String?
    @Option(name: .customLong("dry-run")) var dryRun: String = "none"
    @Option(name: .customLong("validate")) var validate: String = "strict"

    func run() async throws {
        guard !filename.isEmpty else { throw KubectlError("must specify one of -f and -k") }
        _ = try ValidationDirective.fieldValidation(validate)
        let format = try OutputFormat(output)
        let session = try global.session()
        let mapper = try await session.mapper()
        let terminal = Terminal.current
        var failed = false
        for (source, object) in try ManifestReader.readWithSource(filename, recursive: recursive) {
            let manifest = try ManifestObject(object, mapper: mapper, defaultNamespace: session.namespace, explicitNamespace: session.explicitNamespace)
            do {
                let (result, verb) = serverSide ? try await applyServerSide(session, manifest) : try await applyClientSide(session, manifest)
                if format == .table {
                    terminal.out("\(manifest.displayName) \(verb)\(DryRun.suffix(dryRun))\n")
                } else {
                    terminal.out(try ObjectPrinter.print([result], format: format, asList: false))
                }
            } catch let staged as StagedAPIError {
                failed = true
                var wrapped = staged.error
                wrapped.message = "error when \(staged.stage) \"\(source)\": \(staged.error.message)"
                terminal.err(wrapped.description + "\n")
            }
        }
        if failed { throw ExitCode(1) }
    }

    var dryRunQuery: [String: String] {
        var query = dryRun == "server" ? ["dryRun": "All"] : [:]
        query["fieldValidation"] = (try? ValidationDirective.fieldValidation(validate)) ?? "Strict"
        return query
    }

    func applyServerSide(_ session: Session, _ manifest: ManifestObject) async throws -> (JSONValue, String) {
        var query = dryRunQuery
        query["fieldManager"] = fieldManager ?? "kubectl"
        if forceConflicts { query["force"] = "true" }
        do {
            let result = try await session.client.patch(manifest.path, type: .apply, body: manifest.object, query: query)
            return (result, "serverside-applied")
        } catch let error as APIError {
            throw StagedAPIError(stage: "patching", error: error)
        }
    }

    /// Client-side apply: create with the last-applied annotation, or patch the three-way difference.
    func applyClientSide(_ session: Session, _ manifest: ManifestObject) async throws -> (JSONValue, String) {
        let modified = Apply.withLastApplied(manifest.object)
        var query = dryRunQuery
        query["fieldManager"] = fieldManager ?? "kubectl-client-side-apply"
        let current: JSONValue
        do {
            current = try await session.client.get(manifest.path)
        } catch let error as APIError where error.isNotFound {
            if dryRun == "client" { return (modified, "created") }
            do {
                return (try await session.client.create(manifest.path, body: modified, query: query), "created")
            } catch let error as APIError {
                throw StagedAPIError(stage: "creating", error: error)
            }
        } catch let error as APIError {
            throw StagedAPIError(stage: "retrieving current configuration of", error: error)
        }
        let original = current[path: ["metadata", "annotations", Apply.lastAppliedAnnotation]]?.stringValue.flatMap { try? JSONValue.parse($0) }
        let (patch, patchType) = try ApplyPatch.threeWay(original: original, modified: modified, current: current, resource: manifest.resource)
        if ThreeWayMergePatch.isEmpty(patch) { return (current, "unchanged") }
        if dryRun == "client" { return (current, "configured") }
        do {
            let result = try await session.client.patch(manifest.path, type: patchType, body: patch, query: query)
            return (result, "configured")
        } catch let error as APIError {
            throw StagedAPIError(stage: "applying patch to", error: error)
        }
    }

    /// The object with `last-applied-configuration` set to its own JSON (without that annotation), as
    /// upstream's GetModifiedConfiguration does.
    static func withLastApplied(_ object: JSONValue) -> JSONValue {
        var stripped = object
        if var annotations = stripped[path: ["metadata", "annotations"]]?.objectValue {
            annotations[lastAppliedAnnotation] = nil
            stripped.set(path: ["metadata", "annotations"], to: annotations.isEmpty ? nil : .object(annotations))
        }
        var modified = object
        modified.set(path: ["metadata", "annotations", lastAppliedAnnotation], to: .string(JSONPathTemplate.sortedCompactJSON(stripped) + "\n"))
        return modified
    }
}

/// A server error with the step of apply that hit it, for kubectl's `error when creating "file": …`.
struct StagedAPIError: Error {
    var stage: String
    var error: APIError
}
