// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// A named volume in a pod: exactly one source is set. The sources a node can serve are typed;
/// the legacy in-tree cloud and network sources (deprecated upstream) are kept as free-form
/// JSON so a pod that names one survives a decode and encode unchanged.
public struct Volume: Codable, Hashable, Sendable {
    public var name: String
    public var hostPath: HostPathVolumeSource?
    public var emptyDir: EmptyDirVolumeSource?
    public var gcePersistentDisk: JSONValue?
    public var awsElasticBlockStore: JSONValue?
    public var gitRepo: JSONValue?
    public var secret: SecretVolumeSource?
    public var nfs: NFSVolumeSource?
    public var iscsi: JSONValue?
    public var glusterfs: JSONValue?
    public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    public var rbd: JSONValue?
    public var flexVolume: JSONValue?
    public var cinder: JSONValue?
    public var cephfs: JSONValue?
    public var flocker: JSONValue?
    public var downwardAPI: DownwardAPIVolumeSource?
    public var fc: JSONValue?
    public var azureFile: JSONValue?
    public var configMap: ConfigMapVolumeSource?
    public var vsphereVolume: JSONValue?
    public var quobyte: JSONValue?
    public var azureDisk: JSONValue?
    public var photonPersistentDisk: JSONValue?
    public var projected: ProjectedVolumeSource?
    public var portworxVolume: JSONValue?
    public var scaleIO: JSONValue?
    public var storageos: JSONValue?
    public var csi: CSIVolumeSource?
    public var ephemeral: EphemeralVolumeSource?
    public var image: ImageVolumeSource?

    public init(
        name: String = "",
        hostPath: HostPathVolumeSource? = nil,
        emptyDir: EmptyDirVolumeSource? = nil,
        gcePersistentDisk: JSONValue? = nil,
        awsElasticBlockStore: JSONValue? = nil,
        gitRepo: JSONValue? = nil,
        secret: SecretVolumeSource? = nil,
        nfs: NFSVolumeSource? = nil,
        iscsi: JSONValue? = nil,
        glusterfs: JSONValue? = nil,
        persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil,
        rbd: JSONValue? = nil,
        flexVolume: JSONValue? = nil,
        cinder: JSONValue? = nil,
        cephfs: JSONValue? = nil,
        flocker: JSONValue? = nil,
        downwardAPI: DownwardAPIVolumeSource? = nil,
        fc: JSONValue? = nil,
        azureFile: JSONValue? = nil,
        configMap: ConfigMapVolumeSource? = nil,
        vsphereVolume: JSONValue? = nil,
        quobyte: JSONValue? = nil,
        azureDisk: JSONValue? = nil,
        photonPersistentDisk: JSONValue? = nil,
        projected: ProjectedVolumeSource? = nil,
        portworxVolume: JSONValue? = nil,
        scaleIO: JSONValue? = nil,
        storageos: JSONValue? = nil,
        csi: CSIVolumeSource? = nil,
        ephemeral: EphemeralVolumeSource? = nil,
        image: ImageVolumeSource? = nil
    ) {
        self.name = name
        self.hostPath = hostPath
        self.emptyDir = emptyDir
        self.gcePersistentDisk = gcePersistentDisk
        self.awsElasticBlockStore = awsElasticBlockStore
        self.gitRepo = gitRepo
        self.secret = secret
        self.nfs = nfs
        self.iscsi = iscsi
        self.glusterfs = glusterfs
        self.persistentVolumeClaim = persistentVolumeClaim
        self.rbd = rbd
        self.flexVolume = flexVolume
        self.cinder = cinder
        self.cephfs = cephfs
        self.flocker = flocker
        self.downwardAPI = downwardAPI
        self.fc = fc
        self.azureFile = azureFile
        self.configMap = configMap
        self.vsphereVolume = vsphereVolume
        self.quobyte = quobyte
        self.azureDisk = azureDisk
        self.photonPersistentDisk = photonPersistentDisk
        self.projected = projected
        self.portworxVolume = portworxVolume
        self.scaleIO = scaleIO
        self.storageos = storageos
        self.csi = csi
        self.ephemeral = ephemeral
        self.image = image
    }

    enum CodingKeys: String, CodingKey {
        case name
        case hostPath
        case emptyDir
        case gcePersistentDisk
        case awsElasticBlockStore
        case gitRepo
        case secret
        case nfs
        case iscsi
        case glusterfs
        case persistentVolumeClaim
        case rbd
        case flexVolume
        case cinder
        case cephfs
        case flocker
        case downwardAPI
        case fc
        case azureFile
        case configMap
        case vsphereVolume
        case quobyte
        case azureDisk
        case photonPersistentDisk
        case projected
        case portworxVolume
        case scaleIO
        case storageos
        case csi
        case ephemeral
        case image
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.hostPath = try c.decodeIfPresent(HostPathVolumeSource.self, forKey: .hostPath)
        self.emptyDir = try c.decodeIfPresent(EmptyDirVolumeSource.self, forKey: .emptyDir)
        self.gcePersistentDisk = try c.decodeIfPresent(JSONValue.self, forKey: .gcePersistentDisk)
        self.awsElasticBlockStore = try c.decodeIfPresent(JSONValue.self, forKey: .awsElasticBlockStore)
        self.gitRepo = try c.decodeIfPresent(JSONValue.self, forKey: .gitRepo)
        self.secret = try c.decodeIfPresent(SecretVolumeSource.self, forKey: .secret)
        self.nfs = try c.decodeIfPresent(NFSVolumeSource.self, forKey: .nfs)
        self.iscsi = try c.decodeIfPresent(JSONValue.self, forKey: .iscsi)
        self.glusterfs = try c.decodeIfPresent(JSONValue.self, forKey: .glusterfs)
        self.persistentVolumeClaim = try c.decodeIfPresent(PersistentVolumeClaimVolumeSource.self, forKey: .persistentVolumeClaim)
        self.rbd = try c.decodeIfPresent(JSONValue.self, forKey: .rbd)
        self.flexVolume = try c.decodeIfPresent(JSONValue.self, forKey: .flexVolume)
        self.cinder = try c.decodeIfPresent(JSONValue.self, forKey: .cinder)
        self.cephfs = try c.decodeIfPresent(JSONValue.self, forKey: .cephfs)
        self.flocker = try c.decodeIfPresent(JSONValue.self, forKey: .flocker)
        self.downwardAPI = try c.decodeIfPresent(DownwardAPIVolumeSource.self, forKey: .downwardAPI)
        self.fc = try c.decodeIfPresent(JSONValue.self, forKey: .fc)
        self.azureFile = try c.decodeIfPresent(JSONValue.self, forKey: .azureFile)
        self.configMap = try c.decodeIfPresent(ConfigMapVolumeSource.self, forKey: .configMap)
        self.vsphereVolume = try c.decodeIfPresent(JSONValue.self, forKey: .vsphereVolume)
        self.quobyte = try c.decodeIfPresent(JSONValue.self, forKey: .quobyte)
        self.azureDisk = try c.decodeIfPresent(JSONValue.self, forKey: .azureDisk)
        self.photonPersistentDisk = try c.decodeIfPresent(JSONValue.self, forKey: .photonPersistentDisk)
        self.projected = try c.decodeIfPresent(ProjectedVolumeSource.self, forKey: .projected)
        self.portworxVolume = try c.decodeIfPresent(JSONValue.self, forKey: .portworxVolume)
        self.scaleIO = try c.decodeIfPresent(JSONValue.self, forKey: .scaleIO)
        self.storageos = try c.decodeIfPresent(JSONValue.self, forKey: .storageos)
        self.csi = try c.decodeIfPresent(CSIVolumeSource.self, forKey: .csi)
        self.ephemeral = try c.decodeIfPresent(EphemeralVolumeSource.self, forKey: .ephemeral)
        self.image = try c.decodeIfPresent(ImageVolumeSource.self, forKey: .image)
    }
}

/// A PVC created with the pod and deleted with it.
public struct EphemeralVolumeSource: Codable, Hashable, Sendable {
    public var volumeClaimTemplate: PersistentVolumeClaimTemplate?

    public init(volumeClaimTemplate: PersistentVolumeClaimTemplate? = nil) {
        self.volumeClaimTemplate = volumeClaimTemplate
    }
}

public struct PersistentVolumeClaimTemplate: Codable, Hashable, Sendable {
    public var metadata: ObjectMeta
    public var spec: PersistentVolumeClaimSpec

    public init(metadata: ObjectMeta = ObjectMeta(), spec: PersistentVolumeClaimSpec = PersistentVolumeClaimSpec()) {
        self.metadata = metadata
        self.spec = spec
    }

    enum CodingKeys: String, CodingKey {
        case metadata
        case spec
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        self.spec = try c.decodeIfPresent(PersistentVolumeClaimSpec.self, forKey: .spec) ?? PersistentVolumeClaimSpec()
    }
}

public struct HostPathVolumeSource: Codable, Hashable, Sendable {
    public var path: String
    /// "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice.
    public var type: String?

    public init(path: String = "", type: String? = nil) {
        self.path = path
        self.type = type
    }

    enum CodingKeys: String, CodingKey {
        case path
        case type
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.path = try c.decodeIfPresent(String.self, forKey: .path) ?? ""
        self.type = try c.decodeIfPresent(String.self, forKey: .type)
    }
}

public struct EmptyDirVolumeSource: Codable, Hashable, Sendable {
    /// "" (node disk) or Memory (tmpfs).
    public var medium: String?
    public var sizeLimit: Quantity?

    public init(medium: String? = nil, sizeLimit: Quantity? = nil) {
        self.medium = medium
        self.sizeLimit = sizeLimit
    }
}

public struct SecretVolumeSource: Codable, Hashable, Sendable {
    public var secretName: String?
    public var items: [KeyToPath]?
    public var defaultMode: Int32?
    public var optional: Bool?

    public init(
        secretName: String? = nil,
        items: [KeyToPath]? = nil,
        defaultMode: Int32? = nil,
        optional: Bool? = nil
    ) {
        self.secretName = secretName
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

public struct ConfigMapVolumeSource: Codable, Hashable, Sendable {
    public var name: String?
    public var items: [KeyToPath]?
    public var defaultMode: Int32?
    public var optional: Bool?

    public init(
        name: String? = nil,
        items: [KeyToPath]? = nil,
        defaultMode: Int32? = nil,
        optional: Bool? = nil
    ) {
        self.name = name
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

public struct KeyToPath: Codable, Hashable, Sendable {
    public var key: String
    public var path: String
    public var mode: Int32?

    public init(
        key: String = "",
        path: String = "",
        mode: Int32? = nil
    ) {
        self.key = key
        self.path = path
        self.mode = mode
    }

    enum CodingKeys: String, CodingKey {
        case key
        case path
        case mode
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        self.path = try c.decodeIfPresent(String.self, forKey: .path) ?? ""
        self.mode = try c.decodeIfPresent(Int32.self, forKey: .mode)
    }
}

public struct NFSVolumeSource: Codable, Hashable, Sendable {
    public var server: String
    public var path: String
    public var readOnly: Bool?

    public init(
        server: String = "",
        path: String = "",
        readOnly: Bool? = nil
    ) {
        self.server = server
        self.path = path
        self.readOnly = readOnly
    }

    enum CodingKeys: String, CodingKey {
        case server
        case path
        case readOnly
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.server = try c.decodeIfPresent(String.self, forKey: .server) ?? ""
        self.path = try c.decodeIfPresent(String.self, forKey: .path) ?? ""
        self.readOnly = try c.decodeIfPresent(Bool.self, forKey: .readOnly)
    }
}

public struct PersistentVolumeClaimVolumeSource: Codable, Hashable, Sendable {
    public var claimName: String
    public var readOnly: Bool?

    public init(claimName: String = "", readOnly: Bool? = nil) {
        self.claimName = claimName
        self.readOnly = readOnly
    }

    enum CodingKeys: String, CodingKey {
        case claimName
        case readOnly
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.claimName = try c.decodeIfPresent(String.self, forKey: .claimName) ?? ""
        self.readOnly = try c.decodeIfPresent(Bool.self, forKey: .readOnly)
    }
}

public struct DownwardAPIVolumeSource: Codable, Hashable, Sendable {
    public var items: [DownwardAPIVolumeFile]?
    public var defaultMode: Int32?

    public init(items: [DownwardAPIVolumeFile]? = nil, defaultMode: Int32? = nil) {
        self.items = items
        self.defaultMode = defaultMode
    }
}

public struct DownwardAPIVolumeFile: Codable, Hashable, Sendable {
    public var path: String
    public var fieldRef: ObjectFieldSelector?
    public var resourceFieldRef: ResourceFieldSelector?
    public var mode: Int32?

    public init(
        path: String = "",
        fieldRef: ObjectFieldSelector? = nil,
        resourceFieldRef: ResourceFieldSelector? = nil,
        mode: Int32? = nil
    ) {
        self.path = path
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.mode = mode
    }

    enum CodingKeys: String, CodingKey {
        case path
        case fieldRef
        case resourceFieldRef
        case mode
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.path = try c.decodeIfPresent(String.self, forKey: .path) ?? ""
        self.fieldRef = try c.decodeIfPresent(ObjectFieldSelector.self, forKey: .fieldRef)
        self.resourceFieldRef = try c.decodeIfPresent(ResourceFieldSelector.self, forKey: .resourceFieldRef)
        self.mode = try c.decodeIfPresent(Int32.self, forKey: .mode)
    }
}

/// Several sources projected into one directory (how service account tokens are mounted).
public struct ProjectedVolumeSource: Codable, Hashable, Sendable {
    public var sources: [VolumeProjection]
    public var defaultMode: Int32?

    public init(sources: [VolumeProjection] = [], defaultMode: Int32? = nil) {
        self.sources = sources
        self.defaultMode = defaultMode
    }

    enum CodingKeys: String, CodingKey {
        case sources
        case defaultMode
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.sources = try c.decodeIfPresent([VolumeProjection].self, forKey: .sources) ?? []
        self.defaultMode = try c.decodeIfPresent(Int32.self, forKey: .defaultMode)
    }
}

public struct VolumeProjection: Codable, Hashable, Sendable {
    public var secret: SecretProjection?
    public var downwardAPI: DownwardAPIProjection?
    public var configMap: ConfigMapProjection?
    public var serviceAccountToken: ServiceAccountTokenProjection?
    public var clusterTrustBundle: ClusterTrustBundleProjection?

    public init(
        secret: SecretProjection? = nil,
        downwardAPI: DownwardAPIProjection? = nil,
        configMap: ConfigMapProjection? = nil,
        serviceAccountToken: ServiceAccountTokenProjection? = nil,
        clusterTrustBundle: ClusterTrustBundleProjection? = nil
    ) {
        self.secret = secret
        self.downwardAPI = downwardAPI
        self.configMap = configMap
        self.serviceAccountToken = serviceAccountToken
        self.clusterTrustBundle = clusterTrustBundle
    }
}

public struct SecretProjection: Codable, Hashable, Sendable {
    public var name: String?
    public var items: [KeyToPath]?
    public var optional: Bool?

    public init(
        name: String? = nil,
        items: [KeyToPath]? = nil,
        optional: Bool? = nil
    ) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

public struct ConfigMapProjection: Codable, Hashable, Sendable {
    public var name: String?
    public var items: [KeyToPath]?
    public var optional: Bool?

    public init(
        name: String? = nil,
        items: [KeyToPath]? = nil,
        optional: Bool? = nil
    ) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

public struct DownwardAPIProjection: Codable, Hashable, Sendable {
    public var items: [DownwardAPIVolumeFile]?

    public init(items: [DownwardAPIVolumeFile]? = nil) {
        self.items = items
    }
}

/// A bound, audience-scoped, expiring token written by the kubelet.
public struct ServiceAccountTokenProjection: Codable, Hashable, Sendable {
    public var audience: String?
    public var expirationSeconds: Int64?
    public var path: String

    public init(
        audience: String? = nil,
        expirationSeconds: Int64? = nil,
        path: String = ""
    ) {
        self.audience = audience
        self.expirationSeconds = expirationSeconds
        self.path = path
    }

    enum CodingKeys: String, CodingKey {
        case audience
        case expirationSeconds
        case path
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.audience = try c.decodeIfPresent(String.self, forKey: .audience)
        self.expirationSeconds = try c.decodeIfPresent(Int64.self, forKey: .expirationSeconds)
        self.path = try c.decodeIfPresent(String.self, forKey: .path) ?? ""
    }
}

public struct ClusterTrustBundleProjection: Codable, Hashable, Sendable {
    public var name: String?
    public var signerName: String?
    public var labelSelector: LabelSelector?
    public var optional: Bool?
    public var path: String

    public init(
        name: String? = nil,
        signerName: String? = nil,
        labelSelector: LabelSelector? = nil,
        optional: Bool? = nil,
        path: String = ""
    ) {
        self.name = name
        self.signerName = signerName
        self.labelSelector = labelSelector
        self.optional = optional
        self.path = path
    }

    enum CodingKeys: String, CodingKey {
        case name
        case signerName
        case labelSelector
        case optional
        case path
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.signerName = try c.decodeIfPresent(String.self, forKey: .signerName)
        self.labelSelector = try c.decodeIfPresent(LabelSelector.self, forKey: .labelSelector)
        self.optional = try c.decodeIfPresent(Bool.self, forKey: .optional)
        self.path = try c.decodeIfPresent(String.self, forKey: .path) ?? ""
    }
}

public struct CSIVolumeSource: Codable, Hashable, Sendable {
    public var driver: String
    public var readOnly: Bool?
    public var fsType: String?
    public var volumeAttributes: [String: String]?
    public var nodePublishSecretRef: LocalObjectReference?

    public init(
        driver: String = "",
        readOnly: Bool? = nil,
        fsType: String? = nil,
        volumeAttributes: [String: String]? = nil,
        nodePublishSecretRef: LocalObjectReference? = nil
    ) {
        self.driver = driver
        self.readOnly = readOnly
        self.fsType = fsType
        self.volumeAttributes = volumeAttributes
        self.nodePublishSecretRef = nodePublishSecretRef
    }

    enum CodingKeys: String, CodingKey {
        case driver
        case readOnly
        case fsType
        case volumeAttributes
        case nodePublishSecretRef
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.driver = try c.decodeIfPresent(String.self, forKey: .driver) ?? ""
        self.readOnly = try c.decodeIfPresent(Bool.self, forKey: .readOnly)
        self.fsType = try c.decodeIfPresent(String.self, forKey: .fsType)
        self.volumeAttributes = try c.decodeIfPresent([String: String].self, forKey: .volumeAttributes)
        self.nodePublishSecretRef = try c.decodeIfPresent(LocalObjectReference.self, forKey: .nodePublishSecretRef)
    }
}

/// An OCI image mounted read-only as a volume.
public struct ImageVolumeSource: Codable, Hashable, Sendable {
    public var reference: String?
    public var pullPolicy: String?

    public init(reference: String? = nil, pullPolicy: String? = nil) {
        self.reference = reference
        self.pullPolicy = pullPolicy
    }
}
