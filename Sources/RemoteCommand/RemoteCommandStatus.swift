import Foundation

/// The metav1 Status sent once on the error channel (3) when the remote command ends, as
/// upstream's kubelet streaming server writes it and client-go's errorDecoderV4 reads it.
public enum RemoteCommandStatus {
    public static let nonZeroExitCodeReason = "NonZeroExitCode"
    public static let exitCodeCauseType = "ExitCode"

    /// The JSON for a finished command: Success for 0, otherwise Failure/NonZeroExitCode with
    /// the code as an ExitCode cause.
    public static func json(exitCode: Int32, command: [String] = []) -> [UInt8] {
        if exitCode == 0 { return encode(Wire(status: "Success")) }
        let detail = command.isEmpty ? "exit code \(exitCode)" : "error executing command \(command), exit code \(exitCode)"
        return encode(
            Wire(
                status: "Failure",
                message: "command terminated with non-zero exit code: \(detail)",
                reason: nonZeroExitCodeReason,
                details: .init(causes: [.init(reason: exitCodeCauseType, message: String(exitCode))])))
    }

    /// The JSON for a session that failed before or instead of an exit code (no such container,
    /// exec failed to start); the client reports `message`.
    public static func json(failure message: String, reason: String = "InternalError", code: Int = 500) -> [UInt8] {
        encode(Wire(status: "Failure", message: message, reason: reason, code: code))
    }

    /// The exit code the Status reports: 0 for Success, the ExitCode cause for NonZeroExitCode.
    /// Any other failure throws `.remoteFailure(message)`.
    public static func exitCode(fromJSON payload: some Collection<UInt8>) throws(RemoteCommandError) -> Int32 {
        let text = String(decoding: Array(payload), as: UTF8.self)
        let status: Wire
        do {
            status = try JSONDecoder().decode(Wire.self, from: Data(payload))
        } catch {
            throw .malformedStatus("\(text): \(error)")
        }
        switch status.status {
        case "Success":
            return 0
        case "Failure":
            guard status.reason == nonZeroExitCodeReason else {
                throw .remoteFailure(status.message ?? "remote command failed: \(text)")
            }
            guard let causes = status.details?.causes else { throw .malformedStatus("missing details in \(text)") }
            for cause in causes where cause.reason == exitCodeCauseType {
                guard let message = cause.message, let code = Int32(message) else {
                    throw .malformedStatus("invalid exit code in \(text)")
                }
                return code
            }
            throw .malformedStatus("missing exit code in \(text)")
        default:
            throw .malformedStatus("unknown status \(status.status ?? "<none>") in \(text)")
        }
    }

    private static func encode(_ status: Wire) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array((try? encoder.encode(status)) ?? Data())
    }

    /// metav1.Status, only the fields this protocol uses.
    struct Wire: Codable {
        struct Metadata: Codable {}
        struct Details: Codable { var causes: [Cause]? }
        struct Cause: Codable {
            var reason: String?
            var message: String?
        }
        var metadata: Metadata? = Metadata()
        var status: String?
        var message: String?
        var reason: String?
        var details: Details?
        var code: Int?
    }
}
