import ArgumentParser
import CRI
import Foundation

/// `crictl pull IMAGE`: PullImage with no deadline (pulls take as long as they take).
struct Pull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pull", abstract: "Pull an image from a registry.")

    @Option(help: "Use USERNAME[:PASSWORD] for accessing the registry.") var creds = ""
    @Option(help: "Use AUTH_STRING (base64 'USERNAME[:PASSWORD]') for accessing the registry.") var auth = ""
    @Option(name: .customLong("pod-config"), help: "Use pod-config.[json|yaml] to override the pull context.") var podConfig = ""
    @Argument(help: "NAME[:TAG|@DIGEST]") var image: String

    func run() async throws {
        guard !image.isEmpty else { throw CRICtlError("image name cannot be empty") }
        if !creds.isEmpty && !auth.isEmpty { throw CRICtlError("both `--creds` and `--auth` are specified") }
        var credentials: Runtime_V1_AuthConfig?
        if !creds.isEmpty {
            let parts = creds.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard !parts[0].isEmpty else { throw CRICtlError("username can't be empty") }
            var config = Runtime_V1_AuthConfig()
            config.username = String(parts[0])
            if parts.count > 1 { config.password = String(parts[1]) }
            credentials = config
        } else if !auth.isEmpty {
            var config = Runtime_V1_AuthConfig()
            config.auth = auth
            credentials = config
        }
        let sandbox = podConfig.isEmpty ? nil : try ConfigFile.podSandboxConfig(path: podConfig)
        try await CRIConnection.with { connection in
            let ref = try await Self.pull(image, auth: credentials, sandbox: sandbox, connection: connection)
            Output.out("Image is up to date for \(ref)\n")
        }
    }

    static func pull(_ image: String, auth: Runtime_V1_AuthConfig? = nil, sandbox: Runtime_V1_PodSandboxConfig?,
                     connection: CRIConnection) async throws(CRICtlError) -> String {
        var request = Runtime_V1_PullImageRequest()
        request.image.image = image
        if let auth { request.auth = auth }
        if let sandbox { request.sandboxConfig = sandbox }
        connection.debug("PullImageRequest", request)
        return try await connection.run("pulling image") {
            try await connection.images.pullImage(request, options: connection.call(timeout: .zero))
        }.imageRef
    }
}

/// `crictl images [REPOSITORY[:TAG]]`: ListImages sorted and printed as crictl does.
struct ListImages: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "images", abstract: "List images.", aliases: ["image", "img"])

    @Flag(name: [.customShort("v"), .long], help: "Show verbose info for images.") var verbose = false
    @Flag(name: [.customShort("q"), .long], help: "Only show image IDs.") var quiet = false
    @Option(name: [.customShort("o"), .long], help: "Output format, one of: json|yaml|table.") var output = "table"
    @Flag(help: "Show digests.") var digests = false
    @Flag(name: .customLong("no-trunc"), help: "Show output without truncating the ID.") var noTrunc = false
    @Argument(help: "Only images matching this reference.") var reference: String?

    func run() async throws {
        let format = try OutputFormat(parsing: output, default: .table)
        var request = Runtime_V1_ListImagesRequest()
        if let reference { request.filter.image.image = reference }
        try await CRIConnection.with { connection in
            connection.debug("ListImagesRequest", request)
            let response = try await connection.run("listing images") {
                try await connection.images.listImages(request, options: connection.call())
            }
            let images = Tables.sortImages(response.images)
            switch format {
            case .json, .yaml:
                var value = JSONValue.object([])
                value.set("images", .array(try images.map { try ProtoPrinter.json($0) }))
                Output.out(try ProtoPrinter.render(value, as: format))
            case .table:
                if quiet {
                    Output.out(images.map { $0.id + "\n" }.joined())
                } else if verbose {
                    Output.out(Tables.imagesVerbose(images))
                } else {
                    Output.out(Tables.images(images, digests: digests, noTrunc: noTrunc))
                }
            }
        }
    }
}

/// `crictl rmi IMAGE...`: each image must exist; prints `Deleted: <tag>` for each of its tags.
struct RemoveImage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rmi", abstract: "Remove one or more images.")

    @Flag(name: [.customShort("a"), .long], help: "Remove all images.") var all = false
    @Argument(help: "IMAGE-ID [IMAGE-ID...]") var ids: [String] = []

    func run() async throws {
        try await CRIConnection.with { connection in
            var targets = ids
            if all {
                targets += try await connection.run("listing images") {
                    try await connection.images.listImages(Runtime_V1_ListImagesRequest(), options: connection.call())
                }.images.map(\.id)
            }
            guard !targets.isEmpty else {
                if all { return }
                throw CRICtlError("ID cannot be empty")
            }
            for id in targets {
                var statusRequest = Runtime_V1_ImageStatusRequest()
                statusRequest.image.image = id
                let status = try await connection.run("image status request for \"\(id)\" failed") {
                    try await connection.images.imageStatus(statusRequest, options: connection.call())
                }
                guard status.hasImage else { throw CRICtlError("no such image \(id)") }
                var request = Runtime_V1_RemoveImageRequest()
                request.image.image = id
                connection.debug("RemoveImageRequest", request)
                _ = try await connection.run("error of removing image \"\(id)\"") {
                    try await connection.images.removeImage(request, options: connection.call())
                }
                let names = status.image.repoTags.isEmpty ? status.image.repoDigests : status.image.repoTags
                Output.out(names.map { "Deleted: \($0)\n" }.joined())
            }
        }
    }
}
