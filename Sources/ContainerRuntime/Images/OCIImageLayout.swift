/// The parts of the OCI image-layout and image-spec documents the runtime reads.
public struct OCIDescriptor: Codable, Sendable, Equatable {
    public var mediaType: String
    public var digest: String
    public var size: Int64
    public var annotations: [String: String]?
    /// Set on the entries of an image index (manifest list).
    public var platform: OCIPlatform?

    public init(mediaType: String, digest: String, size: Int64, annotations: [String: String]? = nil, platform: OCIPlatform? = nil) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.annotations = annotations
        self.platform = platform
    }

    public static let refNameAnnotation = "org.opencontainers.image.ref.name"
}

public struct OCIPlatform: Codable, Sendable, Equatable {
    public var architecture: String
    public var os: String
    public var variant: String?

    public init(architecture: String, os: String, variant: String? = nil) {
        self.architecture = architecture
        self.os = os
        self.variant = variant
    }

    /// The platform this runtime runs images for.
    public static var host: OCIPlatform {
        #if arch(arm64)
        OCIPlatform(architecture: "arm64", os: "linux")
        #else
        OCIPlatform(architecture: "amd64", os: "linux")
        #endif
    }

    public var description: String { os + "/" + architecture + (variant.map { "/" + $0 } ?? "") }
}

/// An OCI image index or a Docker manifest list (same shape).
public struct OCIIndex: Codable, Sendable {
    public var schemaVersion: Int
    public var mediaType: String?
    public var manifests: [OCIDescriptor]

    public init(schemaVersion: Int = 2, mediaType: String? = MediaType.ociIndex, manifests: [OCIDescriptor]) {
        self.schemaVersion = schemaVersion
        self.mediaType = mediaType
        self.manifests = manifests
    }
}

/// An OCI image manifest or a Docker schema 2 manifest (same shape).
public struct OCIManifest: Codable, Sendable {
    public var schemaVersion: Int
    public var mediaType: String?
    public var config: OCIDescriptor
    public var layers: [OCIDescriptor]

    public init(schemaVersion: Int = 2, mediaType: String? = MediaType.ociManifest, config: OCIDescriptor, layers: [OCIDescriptor]) {
        self.schemaVersion = schemaVersion
        self.mediaType = mediaType
        self.config = config
        self.layers = layers
    }
}

/// `application/vnd.oci.image.config.v1+json`; only the runtime-relevant fields.
public struct OCIImageConfig: Codable, Sendable, Equatable {
    public struct Config: Codable, Sendable, Equatable {
        public var User: String?
        public var Env: [String]?
        public var Entrypoint: [String]?
        public var Cmd: [String]?
        public var WorkingDir: String?

        public init(User: String? = nil, Env: [String]? = nil, Entrypoint: [String]? = nil, Cmd: [String]? = nil, WorkingDir: String? = nil) {
            self.User = User
            self.Env = Env
            self.Entrypoint = Entrypoint
            self.Cmd = Cmd
            self.WorkingDir = WorkingDir
        }
    }

    /// `rootfs.diff_ids`: digests of the uncompressed layers, bottom first.
    public struct RootFS: Codable, Sendable, Equatable {
        public var type: String
        public var diff_ids: [String]
    }

    public var architecture: String?
    public var os: String?
    public var config: Config?
    public var rootfs: RootFS?

    public init(architecture: String? = "amd64", os: String? = "linux", config: Config?) {
        self.architecture = architecture
        self.os = os
        self.config = config
    }
}
