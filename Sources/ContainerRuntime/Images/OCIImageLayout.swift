/// The parts of the OCI image-layout and image-spec documents the runtime reads.
public struct OCIDescriptor: Codable, Sendable, Equatable {
    public var mediaType: String
    public var digest: String
    public var size: Int64
    public var annotations: [String: String]?

    public init(mediaType: String, digest: String, size: Int64, annotations: [String: String]? = nil) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.annotations = annotations
    }

    public static let refNameAnnotation = "org.opencontainers.image.ref.name"
}

public struct OCIIndex: Codable, Sendable {
    public var schemaVersion: Int
    public var manifests: [OCIDescriptor]
}

public struct OCIManifest: Codable, Sendable {
    public var schemaVersion: Int
    public var mediaType: String?
    public var config: OCIDescriptor
    public var layers: [OCIDescriptor]
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

    public var architecture: String?
    public var os: String?
    public var config: Config?

    public init(architecture: String? = "amd64", os: String? = "linux", config: Config?) {
        self.architecture = architecture
        self.os = os
        self.config = config
    }
}
