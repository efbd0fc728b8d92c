import CRI
import Foundation
import GRPCCore
import Glibc

/// runtime.v1.ImageService over the local image store and an `ImagePuller`.
public struct ImageServiceHandler: Runtime_V1_ImageService.SimpleServiceProtocol {
    let runtime: CRIRuntime

    public init(runtime: CRIRuntime) { self.runtime = runtime }

    var images: LocalImages { runtime.images }

    static func image(_ entry: LocalImages.Entry) -> Runtime_V1_Image {
        var image = Runtime_V1_Image()
        image.id = entry.id
        image.repoTags = entry.tags
        image.repoDigests = entry.digests
        image.size = entry.size
        image.spec.image = entry.id
        if let user = entry.user, !user.isEmpty {
            if let uid = Int64(user.split(separator: ":").first ?? "") { image.uid.value = uid } else { image.username = user }
        }
        return image
    }

    public func listImages(request: Runtime_V1_ListImagesRequest, context: ServerContext) async throws -> Runtime_V1_ListImagesResponse {
        var response = Runtime_V1_ListImagesResponse()
        let filter = request.filter.image.image
        response.images = images.list().filter { filter.isEmpty || images.find(filter)?.id == $0.id }.map(Self.image)
        return response
    }

    /// An image that is not present is not an error: the response's image is unset.
    public func imageStatus(request: Runtime_V1_ImageStatusRequest, context: ServerContext) async throws -> Runtime_V1_ImageStatusResponse {
        var response = Runtime_V1_ImageStatusResponse()
        if let entry = images.find(request.image.image) {
            response.image = Self.image(entry)
            if request.verbose { response.info["layoutPath"] = CRIRuntime.jsonString(entry.layoutPath) }
        }
        return response
    }

    public func pullImage(request: Runtime_V1_PullImageRequest, context: ServerContext) async throws -> Runtime_V1_PullImageResponse {
        try await criCall {
            let reference = request.image.image
            guard !reference.isEmpty else { throw CRIError.invalidArgument("pull image: image reference is required") }
            let auth = request.auth
            let credentials = request.hasAuth
                ? RegistryCredentials(username: auth.username, password: auth.password, auth: auth.auth,
                                      serverAddress: auth.serverAddress, identityToken: auth.identityToken,
                                      registryToken: auth.registryToken)
                : nil
            var response = Runtime_V1_PullImageResponse()
            response.imageRef = try await runtime.puller.pull(reference, credentials: credentials)
            return response
        }
    }

    /// Idempotent for an absent image; refuses an image some container was created from.
    public func removeImage(request: Runtime_V1_RemoveImageRequest, context: ServerContext) async throws -> Runtime_V1_RemoveImageResponse {
        try await criCall {
            let inUse = await runtime.imagesInUse()
            if inUse.contains(request.image.image) {
                throw CRIError.failedPrecondition("image \(request.image.image) is in use by a container; remove the container first")
            }
            guard let entry = images.find(request.image.image) else { return Runtime_V1_RemoveImageResponse() }
            if inUse.contains(entry.id) {
                throw CRIError.failedPrecondition("image \(request.image.image) (\(entry.id)) is in use by a container; remove the container first")
            }
            do { try images.remove(entry) } catch let error as CRIError { throw error } catch {
                throw CRIError.internal("remove image \(entry.id): \(error)")
            }
            return Runtime_V1_RemoveImageResponse()
        }
    }

    public func imageFsInfo(request: Runtime_V1_ImageFsInfoRequest, context: ServerContext) async throws -> Runtime_V1_ImageFsInfoResponse {
        var response = Runtime_V1_ImageFsInfoResponse()
        var usage = Runtime_V1_FilesystemUsage()
        usage.timestamp = ExitRecord.nowNanoseconds()
        usage.fsID.mountpoint = runtime.configuration.rootDirectory
        var bytes: UInt64 = 0
        var inodes: UInt64 = 0
        for directory in ["/images", "/layers", "/content"] {
            let (b, i) = ContainerStatsSampler.diskUsage(runtime.configuration.rootDirectory + directory)
            bytes += b
            inodes += i
        }
        usage.usedBytes.value = bytes
        usage.inodesUsed.value = inodes
        response.imageFilesystems = [usage]
        return response
    }
}
