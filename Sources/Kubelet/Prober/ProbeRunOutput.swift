/// One probe run's verdict and output (upstream's probe.Result plus its output string).
/// A thrown error (the prober could not run the probe at all) is separate: its result is thrown away.
enum ProbeRunOutput: Sendable, Equatable {
    case success(String)
    /// Counts as success, but upstream records a ProbeWarning event (a redirect to another host).
    case warning(String)
    case failure(String)
}

/// The probe could not be run (no port by that name, no pod IP, runner error): upstream's `err`
/// from runProbe, which becomes a "<Kind> probe errored: …" event and leaves the result unchanged.
struct ProbeError: Error, CustomStringConvertible, Equatable {
    var description: String
}
