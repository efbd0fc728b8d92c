import Foundation
import KubeAPI
import Synchronization

/// Leader election on a coordination.k8s.io/v1 Lease, as client-go's leaderelection package does it:
/// the leader's identity, `leaseDurationSeconds`, `acquireTime`, `renewTime` and `leaseTransitions`
/// live in the Lease spec; every write is a PUT carrying the resourceVersion read, so two
/// candidates racing for the lease cannot both win.
public final class LeaderElector: Sendable {
    public let config: LeaderElectionConfig
    let leases: ResourceClient<Lease>

    struct State {
        /// The lease spec last read or written, and when (our clock) it was first seen so.
        var observed: LeaseSpec?
        var observedAt: ContinuousClock.Instant?
        var observedResourceVersion: String?
        var leading = false
    }

    let state = Mutex(State())

    public init(client: RESTClient, config: LeaderElectionConfig) {
        self.config = config
        self.leases = client.resource(Lease.self, namespace: config.leaseNamespace)
    }

    public var isLeader: Bool { state.withLock { $0.leading } }

    /// The holder last seen on the lease ("" when none).
    public var leader: String { state.withLock { $0.observed?.holderIdentity ?? "" } }

    var leaseDescription: String { "\(config.leaseNamespace)/\(config.leaseName)" }

    /// Acquires the lease (retrying every `retryPeriod`), runs `whileLeading` while renewing it, and:
    /// - on cancellation, cancels `whileLeading`, releases the lease (if `releaseOnCancel`) and returns;
    /// - when renewal fails for `renewDeadline`, cancels `whileLeading` and throws `leadershipLost`;
    /// - when `whileLeading` finishes by itself, releases the lease and returns (or rethrows its error).
    public func run(whileLeading: @escaping @Sendable () async throws -> Void) async throws {
        guard await acquire() else { return }
        enum Outcome: Sendable { case workFinished, workFailed(any Error), lost, cancelled }
        let outcome = await withTaskGroup(of: Outcome.self) { group -> Outcome in
            group.addTask {
                do {
                    try await whileLeading()
                    return .workFinished
                } catch {
                    return Task.isCancelled ? .cancelled : .workFailed(error)
                }
            }
            group.addTask { [self] in await renewUntilLost() ? .lost : .cancelled }
            let first = await group.next() ?? .cancelled
            group.cancelAll()
            return first
        }
        state.withLock { $0.leading = false }
        switch outcome {
        case .lost:
            throw LeaderElectionError.leadershipLost(identity: config.identity, lease: leaseDescription)
        case .cancelled, .workFinished:
            if config.releaseOnCancel || !Task.isCancelled { await releaseDetached() }
        case .workFailed(let error):
            await releaseDetached()
            throw error
        }
    }

    /// Retries until this candidate holds the lease; false when cancelled first.
    func acquire() async -> Bool {
        while !Task.isCancelled {
            if await tryAcquireOrRenew() {
                state.withLock { $0.leading = true }
                return true
            }
            // client-go jitters the retry period (up to +120%) so candidates do not stay in lockstep.
            try? await Task.sleep(for: config.retryPeriod * Double.random(in: 1.0...1.2))
        }
        return false
    }

    /// Renews every `retryPeriod`. Returns true when a renewal round failed for `renewDeadline`
    /// (leadership lost), false when cancelled.
    func renewUntilLost() async -> Bool {
        while !Task.isCancelled {
            try? await Task.sleep(for: config.retryPeriod)
            if Task.isCancelled { return false }
            let deadline = ContinuousClock.now + config.renewDeadline
            var renewed = false
            while !Task.isCancelled && ContinuousClock.now < deadline {
                if await attempt(until: deadline) {
                    renewed = true
                    break
                }
                try? await Task.sleep(for: min(config.retryPeriod, max(.zero, deadline - ContinuousClock.now)))
            }
            if Task.isCancelled { return false }
            if !renewed {
                state.withLock { $0.leading = false }
                return true
            }
        }
        return false
    }

    /// One tryAcquireOrRenew that gives up (false) at `deadline`.
    func attempt(until deadline: ContinuousClock.Instant) async -> Bool {
        await withTaskGroup(of: Bool?.self) { group in
            group.addTask { [self] in await tryAcquireOrRenew() }
            group.addTask {
                try? await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? false
        }
    }

    /// client-go's tryAcquireOrRenew: create the lease if missing; otherwise take it when we hold it,
    /// it has no holder, or it was not renewed for its duration since we first saw it so.
    func tryAcquireOrRenew() async -> Bool {
        let now = MicroTime.now()
        let lease: Lease
        do {
            lease = try await leases.get(config.leaseName)
        } catch let error as APIError where error.isNotFound {
            let spec = LeaseSpec(
                holderIdentity: config.identity, leaseDurationSeconds: config.leaseDurationSeconds,
                acquireTime: now, renewTime: now, leaseTransitions: 0)
            let created = Lease(metadata: ObjectMeta(name: config.leaseName, namespace: config.leaseNamespace), spec: spec)
            guard let written = try? await leases.create(created) else { return false }
            observe(written)
            return true
        } catch {
            return false
        }

        let current = lease.spec
        let (holdingIt, valid) = state.withLock { state -> (Bool, Bool) in
            if state.observed != current {
                state.observed = current
                state.observedAt = .now
            }
            state.observedResourceVersion = lease.metadata.resourceVersion
            let duration = current.leaseDurationSeconds.map { Duration.seconds(Int64($0)) } ?? config.leaseDuration
            let valid = state.observedAt.map { $0 + duration > .now } ?? false
            return (current.holderIdentity == config.identity, valid)
        }
        let holder = current.holderIdentity ?? ""
        if !holder.isEmpty && valid && !holdingIt { return false }

        var updated = lease
        updated.spec.holderIdentity = config.identity
        updated.spec.leaseDurationSeconds = config.leaseDurationSeconds
        updated.spec.renewTime = now
        if holdingIt {
            updated.spec.acquireTime = current.acquireTime ?? now
            updated.spec.leaseTransitions = current.leaseTransitions ?? 0
        } else {
            updated.spec.acquireTime = now
            updated.spec.leaseTransitions = (current.leaseTransitions ?? 0) + 1
        }
        // The PUT carries the resourceVersion we read: a concurrent writer makes it a 409 Conflict.
        guard let written = try? await leases.update(updated) else { return false }
        observe(written)
        return true
    }

    func observe(_ lease: Lease) {
        state.withLock { state in
            state.observed = lease.spec
            state.observedAt = .now
            state.observedResourceVersion = lease.metadata.resourceVersion
        }
    }

    /// Releases outside the (possibly cancelled) calling task, so the HTTP request is not cancelled too.
    func releaseDetached() async {
        await Task { [self] in _ = await release() }.value
    }

    /// client-go's release: if we still hold the lease, clear the holder (keeping leaseTransitions),
    /// with a 1 s duration, so another candidate can take it at once.
    func release() async -> Bool {
        guard let lease = try? await leases.get(config.leaseName) else { return false }
        guard lease.spec.holderIdentity == config.identity else { return true }
        let now = MicroTime.now()
        var released = lease
        released.spec.holderIdentity = ""
        released.spec.leaseDurationSeconds = 1
        released.spec.acquireTime = now
        released.spec.renewTime = now
        guard let written = try? await leases.update(released) else { return false }
        observe(written)
        return true
    }
}
