import Linux

/// Runtime → container-init helper (JSON lines on the helper's fd 3).
public enum InitRequest: Codable, Sendable, Equatable {
    /// The helper opens the output files itself (it may have been spawned ahead of time).
    /// `stateDirectory`: where the monitor leaves `exit.json` and its `control` FIFO (nil: none).
    case create(ContainerSetup, output: ContainerOutput, stateDirectory: String?)
    case start
}

/// Container-init helper → runtime (JSON lines on the helper's fd 4).
public enum InitEvent: Codable, Sendable, Equatable {
    /// Setup done, process blocked before exec; pid is in the host pid namespace.
    case created(pid: Int32)
    case started
    case failed(ContainerSetupError)
    case exited(ExitStatus)
}

/// The helper's file descriptors (inherited through posix_spawn).
public enum InitDescriptors {
    public static let requests: Int32 = 3
    public static let events: Int32 = 4
}
