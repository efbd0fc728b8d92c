/// One mount, described as in the OCI runtime spec: destination inside the container,
/// filesystem type, source and string options (`ro`, `nosuid`, `rbind`, `mode=755`).
public struct Mount: Codable, Sendable, Equatable, CustomStringConvertible {
    public var destination: String
    public var type: String
    public var source: String
    public var options: [String]

    public init(destination: String, type: String, source: String, options: [String] = []) {
        self.destination = destination
        self.type = type
        self.source = source
        self.options = options
    }

    public static func bind(_ source: String, to destination: String, readOnly: Bool) -> Mount {
        Mount(destination: destination, type: "bind", source: source,
              options: ["rbind", "rprivate"] + (readOnly ? ["ro"] : ["rw"]))
    }

    public var isBind: Bool { options.contains("bind") || options.contains("rbind") }

    public var description: String { "\(type == "bind" ? "bind" : type) \(source) → \(destination)" }
}

/// Mount flags, as the kernel takes them.
public struct MountFlags: OptionSet, Sendable, Codable, Hashable {
    public let rawValue: UInt
    public init(rawValue: UInt) { self.rawValue = rawValue }

    public static let readOnly = MountFlags(rawValue: 1)        // MS_RDONLY
    public static let noSuid = MountFlags(rawValue: 2)          // MS_NOSUID
    public static let noDev = MountFlags(rawValue: 4)           // MS_NODEV
    public static let noExec = MountFlags(rawValue: 8)          // MS_NOEXEC
    public static let remount = MountFlags(rawValue: 32)        // MS_REMOUNT
    public static let bind = MountFlags(rawValue: 4096)         // MS_BIND
    public static let recursive = MountFlags(rawValue: 16384)   // MS_REC
    public static let `private` = MountFlags(rawValue: 1 << 18) // MS_PRIVATE
    public static let slave = MountFlags(rawValue: 1 << 19)     // MS_SLAVE
    public static let shared = MountFlags(rawValue: 1 << 20)    // MS_SHARED
    public static let relatime = MountFlags(rawValue: 1 << 21)  // MS_RELATIME
    public static let strictAtime = MountFlags(rawValue: 1 << 24) // MS_STRICTATIME

    public static let propagation: MountFlags = [.private, .slave, .shared]
}

/// OCI string options → flags for mount(2), propagation flags (a second call) and data.
public struct MountOptions: Sendable, Equatable {
    public var flags: MountFlags = []
    public var propagation: MountFlags = []
    public var data: [String] = []

    public init(_ options: [String]) {
        for option in options {
            switch option {
            case "ro": flags.insert(.readOnly)
            case "rw": flags.remove(.readOnly)
            case "nosuid": flags.insert(.noSuid)
            case "nodev": flags.insert(.noDev)
            case "noexec": flags.insert(.noExec)
            case "bind": flags.insert(.bind)
            case "rbind": flags.formUnion([.bind, .recursive])
            case "relatime": flags.insert(.relatime)
            case "strictatime": flags.insert(.strictAtime)
            case "private": propagation = .private
            case "rprivate": propagation = [.private, .recursive]
            case "slave": propagation = .slave
            case "rslave": propagation = [.slave, .recursive]
            case "shared": propagation = .shared
            case "rshared": propagation = [.shared, .recursive]
            default: data.append(option)
            }
        }
    }

    public var dataString: String { data.joined(separator: ",") }
}
