import Foundation
import Linux
import Synchronization

/// Compiled seccomp programs by profile: libseccomp's compile costs tens of milliseconds
/// for the RuntimeDefault allowlist, so the runtime does it once per distinct profile
/// (as crun caches its filters) and containers only load the BPF.
public final class SeccompPrograms: Sendable {
    public static let shared = SeccompPrograms()
    private let programs = Mutex<[SeccompProfile: SeccompProgram]>([:])

    public init() {}

    /// Replaces the setup's profile by its compiled program.
    public func compile(_ setup: ContainerSetup) throws(SeccompError) -> ContainerSetup {
        guard let profile = setup.seccomp else { return setup }
        let program: SeccompProgram
        if let cached = programs.withLock({ $0[profile] }) {
            program = cached
        } else {
            program = SeccompProgram(try SeccompFilter.compile(profile))
            programs.withLock { $0[profile] = program }
        }
        var compiled = setup
        compiled.seccompProgram = program
        compiled.seccomp = nil
        return compiled
    }
}
