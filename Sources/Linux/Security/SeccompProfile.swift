/// A seccomp profile in the OCI / Docker JSON format (what Localhost profiles contain):
/// `{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": [...], "action": "SCMP_ACT_ALLOW", "args": [...]}]}`.
public struct SeccompProfile: Codable, Sendable, Hashable {
    public var defaultAction: SeccompAction
    public var defaultErrnoRet: UInt32?
    public var architectures: [String]?
    public var syscalls: [SeccompRule]

    public init(defaultAction: SeccompAction, defaultErrnoRet: UInt32? = nil, architectures: [String]? = nil, syscalls: [SeccompRule]) {
        self.defaultAction = defaultAction
        self.defaultErrnoRet = defaultErrnoRet
        self.architectures = architectures
        self.syscalls = syscalls
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(defaultAction, forKey: .defaultAction)
        try container.encodeIfPresent(defaultErrnoRet, forKey: .defaultErrnoRet)
        try container.encodeIfPresent(architectures, forKey: .architectures)
        try container.encode(syscalls, forKey: .syscalls)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        defaultAction = try container.decode(SeccompAction.self, forKey: .defaultAction)
        defaultErrnoRet = try container.decodeIfPresent(UInt32.self, forKey: .defaultErrnoRet)
        architectures = try container.decodeIfPresent([String].self, forKey: .architectures)
        syscalls = try container.decodeIfPresent([SeccompRule].self, forKey: .syscalls) ?? []
    }

    enum CodingKeys: String, CodingKey { case defaultAction, defaultErrnoRet, architectures, syscalls }
}

public enum SeccompAction: String, Codable, Sendable, Hashable {
    case kill = "SCMP_ACT_KILL"
    case killProcess = "SCMP_ACT_KILL_PROCESS"
    case killThread = "SCMP_ACT_KILL_THREAD"
    case trap = "SCMP_ACT_TRAP"
    case errno = "SCMP_ACT_ERRNO"
    case trace = "SCMP_ACT_TRACE"
    case allow = "SCMP_ACT_ALLOW"
    case log = "SCMP_ACT_LOG"
}

public struct SeccompRule: Codable, Sendable, Hashable {
    public var names: [String]
    public var action: SeccompAction
    public var errnoRet: UInt32?
    public var args: [SeccompArgument]?

    public init(names: [String], action: SeccompAction, errnoRet: UInt32? = nil, args: [SeccompArgument]? = nil) {
        self.names = names
        self.action = action
        self.errnoRet = errnoRet
        self.args = args
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Older Docker profiles use a single "name".
        if let names = try container.decodeIfPresent([String].self, forKey: .names) {
            self.names = names
        } else {
            self.names = [try container.decode(String.self, forKey: .name)]
        }
        action = try container.decode(SeccompAction.self, forKey: .action)
        errnoRet = try container.decodeIfPresent(UInt32.self, forKey: .errnoRet)
        args = try container.decodeIfPresent([SeccompArgument].self, forKey: .args)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(names, forKey: .names)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(errnoRet, forKey: .errnoRet)
        try container.encodeIfPresent(args, forKey: .args)
    }

    enum CodingKeys: String, CodingKey { case names, name, action, errnoRet, args }
}

public struct SeccompArgument: Codable, Sendable, Hashable {
    public var index: UInt32
    public var value: UInt64
    public var valueTwo: UInt64?
    public var op: SeccompOperator

    public init(index: UInt32, value: UInt64, valueTwo: UInt64? = nil, op: SeccompOperator) {
        self.index = index
        self.value = value
        self.valueTwo = valueTwo
        self.op = op
    }
}

public enum SeccompOperator: String, Codable, Sendable, Hashable {
    case notEqual = "SCMP_CMP_NE"
    case lessThan = "SCMP_CMP_LT"
    case lessOrEqual = "SCMP_CMP_LE"
    case equalTo = "SCMP_CMP_EQ"
    case greaterOrEqual = "SCMP_CMP_GE"
    case greaterThan = "SCMP_CMP_GT"
    case maskedEqual = "SCMP_CMP_MASKED_EQ"
}

public enum SeccompError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadableProfile(path: String, reason: String)
    case invalidProfile(path: String, reason: String)
    case libseccomp(stage: String, errno: Int32)

    public var description: String {
        switch self {
        case .unreadableProfile(let path, let reason): "seccomp(read profile \(path)): \(reason)"
        case .invalidProfile(let path, let reason): "seccomp(parse profile \(path)): \(reason)"
        case .libseccomp(let stage, let errno): "seccomp(\(stage)): \(Errno.name(errno))"
        }
    }
}
