import Foundation

/// A ContainerCommandRunner throws this when the runtime ended the command at its timeout (CRI
/// ExecSync's DeadlineExceeded), so exec probes report it as upstream does: a failure reading
/// `command "sh -c sleep 10" timed out`, not a prober error.
public struct ContainerCommandTimedOut: Error, CustomStringConvertible, Sendable {
    public var command: [String]
    public var timeout: Duration

    public init(command: [String], timeout: Duration) {
        self.command = command
        self.timeout = timeout
    }

    public var description: String { "command \(GoQuote.quote(command.joined(separator: " "))) timed out" }
}
