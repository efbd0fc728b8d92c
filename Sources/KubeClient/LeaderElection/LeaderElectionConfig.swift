/// Where and how to elect a leader (client-go's LeaderElectionConfig with a LeaseLock).
///
/// A candidate takes a lease whose holder has not renewed within `leaseDuration` (measured on the
/// candidate's own clock from when it last saw the lease change); the leader renews every
/// `retryPeriod` and gives up leading when it could not renew for `renewDeadline`.
public struct LeaderElectionConfig: Sendable {
    public var leaseName: String
    public var leaseNamespace: String
    public var identity: String
    public var leaseDuration: Duration
    public var renewDeadline: Duration
    public var retryPeriod: Duration
    /// Clear the holder when the task running the elector is cancelled, so a successor need not
    /// wait out the lease (client-go's ReleaseOnCancel).
    public var releaseOnCancel: Bool

    public init(
        leaseName: String, leaseNamespace: String = "kube-system", identity: String,
        leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2),
        releaseOnCancel: Bool = true
    ) {
        self.leaseName = leaseName
        self.leaseNamespace = leaseNamespace
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
        self.releaseOnCancel = releaseOnCancel
    }

    /// `leaseDurationSeconds` as written to the Lease: whole seconds, at least 1.
    var leaseDurationSeconds: Int32 {
        let (seconds, attoseconds) = leaseDuration.components
        return Int32(clamping: max(1, seconds + (attoseconds > 0 ? 1 : 0)))
    }
}

public enum LeaderElectionError: Error, CustomStringConvertible, Sendable {
    /// Leadership could not be renewed within the renew deadline.
    case leadershipLost(identity: String, lease: String)

    public var description: String {
        switch self {
        case .leadershipLost(let identity, let lease): return "leader election: \(identity) lost lease \(lease): not renewed within the renew deadline"
        }
    }
}
