import CLinux
import Foundation
import Glibc
import Linux

/// Unpacks a layer tarball once per digest with Debian's GNU tar (spawned, never forked;
/// it detects gzip itself), then converts OCI whiteouts into overlayfs whiteouts.
/// The directory appears atomically (rename), so a crash never leaves a half layer.
public enum LayerUnpacker {
    public static func unpack(blob: String, digest: String, into layersDirectory: String) throws(ImageError) -> String {
        let hex = digest.split(separator: ":").last.map(String.init) ?? digest
        let final = layersDirectory + "/" + hex
        if FileManager.default.fileExists(atPath: final) { return final }
        guard FileManager.default.fileExists(atPath: blob) else { throw .unpackFailed(digest: digest, reason: "blob \(blob) missing") }
        if digest.hasPrefix("sha256:") {
            let actual = try sha256(of: blob, digest: digest)
            guard actual == hex else { throw .unpackFailed(digest: digest, reason: "blob \(blob) has sha256:\(actual)") }
        }
        let staging = layersDirectory + "/.\(hex).\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            let pid = try Spawn.spawn("/usr/bin/tar", args: ["tar", "-x", "-f", blob, "-C", staging, "--numeric-owner",
                                                            "--same-owner", "--same-permissions"],
                                      env: ["PATH=/usr/bin:/bin"], fds: [0: 0, 1: 2, 2: 2])
            let status = try Spawn.wait(pid)
            guard status.code == 0 else { throw ImageError.unpackFailed(digest: digest, reason: "tar exited with \(status.code)") }
            try convertWhiteouts(in: staging)
            try FileIO.makeDirectories(layersDirectory)
            if rename(staging, final) != 0 {
                // Another unpack of the same digest won the race: keep theirs.
                guard FileManager.default.fileExists(atPath: final) else { throw SyscallError.current("rename(\(staging) → \(final))") }
                try? FileManager.default.removeItem(atPath: staging)
            }
            return final
        } catch let error as ImageError {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw .unpackFailed(digest: digest, reason: "\(error)")
        }
    }

    /// Debian's sha256sum, spawned (once per layer digest, so its cost does not matter).
    static func sha256(of blob: String, digest: String) throws(ImageError) -> String {
        do {
            let output = try Spawn.pipe()
            let pid: pid_t
            do {
                defer { close(output.write) }
                pid = try Spawn.spawn("/usr/bin/sha256sum", args: ["sha256sum", blob], env: ["PATH=/usr/bin:/bin"],
                                      fds: [0: 0, 1: output.write, 2: 2])
            }
            let text = try LineChannel(fd: output.read).readLine().map { String(decoding: $0, as: UTF8.self) } ?? ""
            close(output.read)
            _ = try Spawn.wait(pid)
            return String(text.prefix(64))
        } catch {
            throw .unpackFailed(digest: digest, reason: "sha256sum \(blob): \(error)")
        }
    }

    static func convertWhiteouts(in root: String) throws {
        var whiteouts: [String] = []
        if let enumerator = FileManager.default.enumerator(atPath: root) {
            while let relative = enumerator.nextObject() as? String {
                if (relative as NSString).lastPathComponent.hasPrefix(Whiteout.prefix) { whiteouts.append(relative) }
            }
        }
        for (file, action) in Whiteout.actions(for: whiteouts) {
            try retryingEINTR("unlink(\(file))") { unlink(root + "/" + file) }
            switch action {
            case .makeWhiteoutDevice(let path):
                try retryingEINTR("mknod(whiteout \(path))") { ks_mknod_char(root + "/" + path, 0, 0, 0) }
            case .markOpaque(let directory):
                try retryingEINTR("setxattr(\(directory), trusted.overlay.opaque)") {
                    ks_set_overlay_opaque(root + "/" + directory)
                }
            }
        }
    }
}
