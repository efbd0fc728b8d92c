import ArgumentParser
import ContainerRuntime
import Foundation

/// `kubeswift images import|list|pull`: the runtime's image store from the command line.
struct ImagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "images",
        abstract: "Import, pull and list the container runtime's images.",
        subcommands: [Import.self, List.self, Pull.self])

    struct StoreOptions: ParsableArguments {
        @Option(help: "The runtime's state directory (images live in <root-dir>/content and <root-dir>/layers).")
        var rootDir: String = RuntimeConfiguration().rootDirectory

        var manager: ImageManager { ImageManager(root: rootDir) }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an OCI image layout (directory or tar) or a docker-archive tarball (docker save).")

        @Argument(help: "The layout directory or archive file.")
        var file: String

        @Option(help: "Repository name for images the archive names only by tag (or not at all), e.g. busybox.")
        var name: String?

        @OptionGroup var store: StoreOptions

        func run() throws {
            for image in try store.manager.importArchive(path: file, name: name) {
                print("\(image.id)\t\(image.names.isEmpty ? "<none>" : image.names.joined(separator: ","))")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored images (as crictl images does).")

        @Flag(help: "Show the manifest digest column.")
        var digests = false

        @Flag(help: "Show full image IDs and digests.")
        var noTrunc = false

        @OptionGroup var store: StoreOptions

        func run() {
            var rows = [["IMAGE", "TAG"] + (digests ? ["DIGEST"] : []) + ["IMAGE ID", "SIZE"]]
            for image in store.manager.list() {
                let id = noTrunc ? image.id : String(image.id.dropFirst("sha256:".count).prefix(13))
                let digest = noTrunc ? image.manifestDigest : String(image.manifestDigest.dropFirst("sha256:".count).prefix(13))
                for tag in image.repoTags.isEmpty ? ["<none>:<none>"] : image.repoTags {
                    let colon = tag.lastIndex(of: ":")!
                    rows.append([String(tag[..<colon]), String(tag[tag.index(after: colon)...])] + (digests ? [digest] : [])
                                + [id, Self.humanSize(image.size)])
                }
            }
            let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "   ")
                    .trimmingCharacters(in: .whitespaces))
            }
        }

        /// Three significant digits, decimal units: `1.01MB` (crictl's format).
        static func humanSize(_ bytes: UInt64) -> String {
            var value = Double(bytes)
            var unit = 0
            let units = ["B", "kB", "MB", "GB", "TB"]
            while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
            let text = value >= 100 ? String(format: "%.0f", value) : value >= 10 ? String(format: "%.1f", value) : String(format: "%.2f", value)
            return text + units[unit]
        }
    }

    struct Pull: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pull an image from a registry.")

        @Argument(help: "Image reference, e.g. busybox or localhost:5000/app:1.")
        var image: String

        @Option(help: "PEM file of CA certificates to trust for HTTPS registries.")
        var caBundle: String?

        @Option(help: "Registry (host[:port]) to reach over plain HTTP; repeatable.")
        var insecureRegistry: [String] = []

        @Option(help: "Registry user name.")
        var username: String?

        @Option(help: "Registry password (or set KUBESWIFT_REGISTRY_PASSWORD).")
        var password: String?

        @OptionGroup var store: StoreOptions

        func run() async throws {
            var manager = store.manager
            manager.registry = RegistryConfiguration(caBundlePath: caBundle, insecureRegistries: Set(insecureRegistry))
            let auth = RegistryAuth(username: username,
                                    password: password ?? ProcessInfo.processInfo.environment["KUBESWIFT_REGISTRY_PASSWORD"])
            print("Image is up to date for \(try await manager.pull(reference: image, auth: auth))")
        }
    }
}
