import CRI
import Foundation
import KubeAPI
import Logging

/// Makes a container's image present as its imagePullPolicy says (upstream's imageManager
/// EnsureImageExists): events Pulling / Pulled / Failed / BackOff, failures as the waiting
/// reasons ErrImagePull, ImagePullBackOff and ErrImageNeverPull, pulls of one image backed off.
public struct ImageManager: Sendable {
    let cri: CRIClient
    let events: any KubeletEventRecorder
    let backOff: BackOff
    let logger: Logger

    public init(cri: CRIClient, events: any KubeletEventRecorder, backOff: BackOff, logger: Logger) {
        self.cri = cri
        self.events = events
        self.backOff = backOff
        self.logger = logger
    }

    /// The image's reference (its id) once present.
    public func ensureImage(pod: Pod, container: Container, fieldPath: String) async throws(ContainerStartFailure) -> String {
        let image = container.image ?? ""
        let policy = container.imagePullPolicy ?? Self.defaultPolicy(image)
        let present = await imageRef(image)
        if let present, policy != "Always" {
            events.normal(pod, "Pulled", "Container image \"\(image)\" already present on machine", fieldPath: fieldPath)
            return present
        }
        if policy == "Never" {
            let message = "Container image \"\(image)\" is not present with pull policy of Never"
            events.warning(pod, "ErrImageNeverPull", message, fieldPath: fieldPath)
            throw ContainerStartFailure(reason: "ErrImageNeverPull", message: message)
        }
        let key = "\(pod.metadata.uid ?? "")/\(image)"
        if backOff.isInBackOffSince(key, eventTime: Date()) {
            let message = "Back-off pulling image \"\(image)\""
            events.normal(pod, "BackOff", message, fieldPath: fieldPath)
            throw ContainerStartFailure(reason: "ImagePullBackOff", message: message)
        }
        events.normal(pod, "Pulling", "Pulling image \"\(image)\"", fieldPath: fieldPath)
        let started = ContinuousClock.now
        do {
            var request = Runtime_V1_PullImageRequest()
            request.image.image = image
            let reference = try await cri.images.pullImage(request).imageRef
            let took = ContinuousClock.now - started
            events.normal(pod, "Pulled", "Successfully pulled image \"\(image)\" in \(took.goString)", fieldPath: fieldPath)
            backOff.reset(key)
            return reference
        } catch {
            backOff.next(key, eventTime: Date())
            let message = "Failed to pull image \"\(image)\": \(RuntimeCallError.describe(error))"
            events.warning(pod, "Failed", message, fieldPath: fieldPath)
            events.warning(pod, "Failed", "Error: ErrImagePull", fieldPath: fieldPath)
            throw ContainerStartFailure(reason: "ErrImagePull", message: message)
        }
    }

    /// The id of the image when present.
    func imageRef(_ image: String) async -> String? {
        var request = Runtime_V1_ImageStatusRequest()
        request.image.image = image
        guard let response = try? await cri.images.imageStatus(request), response.hasImage else { return nil }
        return response.image.id
    }

    /// As the apiserver defaults it: Always for `:latest` or no tag, else IfNotPresent.
    static func defaultPolicy(_ image: String) -> String {
        if image.contains("@") { return "IfNotPresent" }
        let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = lastComponent.lastIndex(of: ":") else { return "Always" }
        return lastComponent[lastComponent.index(after: colon)...] == "latest" ? "Always" : "IfNotPresent"
    }
}
