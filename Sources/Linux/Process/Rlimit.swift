import Glibc

/// One resource limit (`RLIMIT_NOFILE` soft/hard).
public struct Rlimit: Codable, Sendable, Equatable {
    public var type: String
    public var soft: UInt64
    public var hard: UInt64

    public init(type: String, soft: UInt64, hard: UInt64) {
        self.type = type
        self.soft = soft
        self.hard = hard
    }

    /// Resource numbers from <sys/resource.h> (x86_64 / generic).
    public var resource: Int32? {
        [
            "RLIMIT_CPU": 0, "RLIMIT_FSIZE": 1, "RLIMIT_DATA": 2, "RLIMIT_STACK": 3, "RLIMIT_CORE": 4,
            "RLIMIT_RSS": 5, "RLIMIT_NPROC": 6, "RLIMIT_NOFILE": 7, "RLIMIT_MEMLOCK": 8, "RLIMIT_AS": 9,
            "RLIMIT_LOCKS": 10, "RLIMIT_SIGPENDING": 11, "RLIMIT_MSGQUEUE": 12, "RLIMIT_NICE": 13,
            "RLIMIT_RTPRIO": 14, "RLIMIT_RTTIME": 15,
        ][type]
    }

    /// None: containers inherit the runtime's limits, as with containerd 2. (Raising
    /// RLIMIT_NOFILE needs CAP_SYS_RESOURCE, which not every host grants the runtime.)
    public static let containerDefaults: [Rlimit] = []
}

/// The identity a container process runs as.
public struct ProcessUser: Codable, Sendable, Equatable {
    public var uid: UInt32
    public var gid: UInt32
    public var additionalGids: [UInt32]

    public init(uid: UInt32, gid: UInt32, additionalGids: [UInt32] = []) {
        self.uid = uid
        self.gid = gid
        self.additionalGids = additionalGids
    }

    public static let root = ProcessUser(uid: 0, gid: 0)
}
