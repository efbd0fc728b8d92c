import FoundationEssentials
import Glibc
import Linux

/// host-local's reservations on disk, in upstream's layout so either implementation can read
/// the other's: `<dataDir>/<network>/<ip>` created with O_EXCL holding `<id>\r\n<ifname>`,
/// `last_reserved_ip.<rangeSet>`, and a `lock` file flock'ed around every change. The
/// exclusive create alone already makes two concurrent ADDs unable to take one address.
public struct HostLocalStore: Sendable {
    public let directory: String
    static let lastReservedPrefix = "last_reserved_ip."
    static let lineBreak = "\r\n"

    public init(dataDir: String, network: String) throws(CNIError) {
        directory = dataDir + "/" + network
        do {
            try FileIO.makeDirectories(directory)
        } catch {
            throw CNIError(.ioFailure, "failed to create IPAM data directory \(directory)", details: "\(error)")
        }
    }

    /// Runs `body` holding the store's lock.
    public func locked<T>(_ body: () throws -> T) throws -> T {
        let path = directory + "/lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CNIError(.ioFailure, "failed to open \(path)", details: Errno.name(errno)) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw CNIError(.ioFailure, "flock(\(path))", details: Errno.name(errno)) }
        }
        return try body()
    }

    /// Creates the file for `address`; false if someone holds it.
    public func reserve(_ address: IPv4Address, id: String, ifName: String, rangeSet: Int) throws -> Bool {
        let path = directory + "/" + address.description
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw CNIError(.ioFailure, "failed to reserve \(address)", details: "open(\(path)): \(Errno.name(errno))")
        }
        do {
            try FileIO.writeAll(fd: fd, Array((id.trimmed + Self.lineBreak + ifName).utf8), stage: "write(\(path))")
            close(fd)
        } catch {
            close(fd)
            unlink(path)
            throw CNIError(.ioFailure, "failed to reserve \(address)", details: "\(error)")
        }
        try? FileIO.writeFile(directory + "/" + Self.lastReservedPrefix + String(rangeSet), address.description, create: true)
        return true
    }

    public func lastReserved(rangeSet: Int) -> IPv4Address? {
        (try? FileIO.readFile(directory + "/" + Self.lastReservedPrefix + String(rangeSet))).flatMap { IPv4Address($0.trimmed) }
    }

    /// Every reservation: address → owner (`id`, `ifname`; ifname empty in files of old versions).
    public func reservations() -> [IPv4Address: HostLocalConfig.Attachment] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [:] }
        var result: [IPv4Address: HostLocalConfig.Attachment] = [:]
        for name in names {
            guard let address = IPv4Address(name), let contents = try? FileIO.readFile(directory + "/" + name) else { continue }
            let parts = contents.trimmed.components(separatedBy: Self.lineBreak)
            result[address] = .init(containerID: parts[0], ifname: parts.count > 1 ? parts[1] : "")
        }
        return result
    }

    /// Addresses held by `id` on `ifName` (or by `id` in a file without an ifname).
    public func addresses(id: String, ifName: String) -> [IPv4Address] {
        reservations().filter { $0.value.containerID == id && ($0.value.ifname == ifName || $0.value.ifname.isEmpty) }.map(\.key).sorted()
    }

    /// Removes `id`'s reservations; releasing nothing is not an error (DEL is idempotent).
    @discardableResult
    public func release(id: String, ifName: String) -> [IPv4Address] {
        let held = addresses(id: id, ifName: ifName)
        for address in held { unlink(directory + "/" + address.description) }
        return held
    }

    @discardableResult
    public func release(_ address: IPv4Address) -> Bool {
        unlink(directory + "/" + address.description) == 0
    }
}
