import CRI
import Foundation

/// PullImage over the registry client: an image already present locally (hand-placed layout,
/// imported or pulled before) resolves without touching the network; anything else is pulled
/// from the registry its reference names (`busybox` → docker.io) into the content store.
public struct RegistryImagePuller: ImagePuller {
    let images: LocalImages
    let manager: ImageManager

    public init(configuration: RuntimeConfiguration, registry: RegistryConfiguration = .init()) {
        images = LocalImages(configuration: configuration)
        manager = ImageManager(root: configuration.rootDirectory, registry: registry)
    }

    public func pull(_ reference: String, credentials: RegistryCredentials?) async throws(CRIError) -> String {
        if let present = images.find(reference) { return present.id }
        do {
            return try await manager.pull(reference: reference, auth: Self.auth(credentials))
        } catch let error as ImageReferenceError {
            throw .invalidArgument("pull image \"\(reference)\": \(error)")
        } catch let error as RegistryError {
            if case .notFound = error { throw .notFound("pull image \"\(reference)\": \(error)") }
            throw .internal("pull image \"\(reference)\": \(error)")
        } catch {
            throw .internal("pull image \"\(reference)\": \(error)")
        }
    }

    /// CRI AuthConfig → the registry client's credentials (`auth` is base64 user:password).
    static func auth(_ credentials: RegistryCredentials?) -> RegistryAuth {
        guard let credentials else { return .anonymous }
        if !credentials.username.isEmpty || credentials.auth.isEmpty {
            return RegistryAuth(username: credentials.username, password: credentials.password,
                                identityToken: credentials.identityToken, registryToken: credentials.registryToken)
        }
        var auth = RegistryAuth(encodedAuth: credentials.auth)
        auth.identityToken = credentials.identityToken.isEmpty ? nil : credentials.identityToken
        auth.registryToken = credentials.registryToken.isEmpty ? nil : credentials.registryToken
        return auth
    }
}
