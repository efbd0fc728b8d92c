import ArgumentParser
import Foundation
import KubeAPI
import KubeClient

struct Edit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Edit a resource on the server.")

    @OptionGroup var global: GlobalOptions
    @Argument var resources: [String] = []
    @Option(name: .shortAndLong) var output: String = "yaml"

    static let header = """
        # Please edit the object below. Lines beginning with a '#' will be ignored,
        # and an empty file will abort the edit. If an error occurs while saving this file will be
        # reopened with the relevant failures.
        #

        """

    func run() async throws {
        guard output == "yaml" || output == "json" else { throw KubectlError("the edit output format must be one of yaml or json") }
        let session = try global.session()
        let mapper = try await session.mapper()
        let terminal = Terminal.current
        for (resource, names) in try ResourceArguments(resources, verb: "edit").resolve(mapper) {
            guard !names.isEmpty else { throw KubectlError("resource(s) were provided, but no name was specified") }
            for name in names {
                let path = resource.path(namespace: session.namespace, name: name)
                let original = try await session.client.get(path)
                let text = Edit.header + (output == "json" ? ObjectPrinter.prettyJSON(original) + "\n" : original.yamlString())
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("kubectl-edit-\(UInt32.random(in: 0...UInt32.max)).\(output)").path
                try text.write(toFile: file, atomically: true, encoding: .utf8)
                try Edit.launchEditor(file)
                let edited = try String(contentsOfFile: file, encoding: .utf8)
                let stripped = edited.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }.joined(separator: "\n")
                if stripped.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    try? FileManager.default.removeItem(atPath: file)
                    terminal.out("Edit cancelled, saved file was empty.\n")
                    continue
                }
                if edited == text {
                    try? FileManager.default.removeItem(atPath: file)
                    terminal.out("Edit cancelled, no changes made.\n")
                    continue
                }
                let updated: JSONValue
                do {
                    updated = try JSONValue.parseYAML(stripped)
                } catch {
                    terminal.err("error: \(resource.name) \"\(name)\" could not be patched: \(error)\n")
                    terminal.err("A copy of your changes has been stored to \"\(file)\"\n")
                    throw ExitCode(1)
                }
                let identity = { (o: JSONValue) in [o["apiVersion"], o["kind"], o[path: ["metadata", "name"]]] }
                if identity(original) != identity(updated) {
                    terminal.err("A copy of your changes has been stored to \"\(file)\"\n")
                    throw KubectlError("At least one of apiVersion, kind and name was changed")
                }
                let (patch, patchType) = try ApplyPatch.twoWay(from: original, to: updated, resource: resource)
                if ThreeWayMergePatch.isEmpty(patch) {
                    try? FileManager.default.removeItem(atPath: file)
                    terminal.out("Edit cancelled, no changes made.\n")
                    continue
                }
                do {
                    _ = try await session.client.patch(path, type: patchType, body: patch, query: ["fieldManager": "kubectl-edit"])
                    try? FileManager.default.removeItem(atPath: file)
                    terminal.out("\(resource.kindQualifiedName)/\(name) edited\n")
                } catch let error as APIError {
                    // Keep the user's work: the error goes on top of the file, which is left in place.
                    let annotated = "# \(error.message.replacingOccurrences(of: "\n", with: "\n# "))\n#\n" + edited
                    try? annotated.write(toFile: file, atomically: true, encoding: .utf8)
                    terminal.err("error: \(resource.kindQualifiedName) \"\(name)\" could not be patched: \(error.message)\n")
                    terminal.err("You can run `kubectl replace -f \(file)` to try this update again.\n")
                    throw ExitCode(1)
                }
            }
        }
    }

    /// `$KUBE_EDITOR`, then `$EDITOR`, then `vi`, run through the shell as upstream does.
    static func launchEditor(_ file: String) throws {
        let environment = ProcessInfo.processInfo.environment
        let editor = environment["KUBE_EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) '\(file.replacingOccurrences(of: "'", with: "'\\''"))'"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw KubectlError("there was a problem with the editor \"\(editor)\"")
        }
    }
}
