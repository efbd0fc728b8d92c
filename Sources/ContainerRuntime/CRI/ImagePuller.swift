/// Registry credentials from a CRI PullImage request.
public struct RegistryCredentials: Sendable, Equatable {
    public var username: String
    public var password: String
    public var auth: String
    public var serverAddress: String
    public var identityToken: String
    public var registryToken: String

    public init(username: String = "", password: String = "", auth: String = "", serverAddress: String = "",
                identityToken: String = "", registryToken: String = "") {
        self.username = username
        self.password = password
        self.auth = auth
        self.serverAddress = serverAddress
        self.identityToken = identityToken
        self.registryToken = registryToken
    }
}

/// The seam for fetching images: PullImage calls `pull`, which makes the image resolvable by
/// the image store and returns its reference (the image id). The registry client plugs in here.
public protocol ImagePuller: Sendable {
    func pull(_ reference: String, credentials: RegistryCredentials?) async throws(CRIError) -> String
}

/// Pulls nothing: an image already in the store (imported, or an OCI layout path) resolves to
/// its id; anything else is NotFound.
public struct LocalImagePuller: ImagePuller {
    let images: LocalImages

    public init(configuration: RuntimeConfiguration) { images = LocalImages(configuration: configuration) }

    public func pull(_ reference: String, credentials: RegistryCredentials?) async throws(CRIError) -> String {
        guard let image = images.find(reference) else {
            throw .notFound("image \"\(reference)\" is not present locally and this runtime has no registry puller; import it first")
        }
        return image.id
    }
}
