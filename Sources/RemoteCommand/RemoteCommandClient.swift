import Foundation
import Logging
import NIOCore

/// The client side of the websocket channel protocol, for kubectl exec/attach and crictl exec/attach.
///
/// ```swift
/// let code = try await RemoteCommandClient.run(
///     url: "https://10.0.0.1:6443/api/v1/namespaces/default/pods/p/exec?command=sh&stdin=true&stdout=true&tty=true",
///     headers: [("Authorization", "Bearer …")], tls: .init(certificateAuthorityPEM: ca),
///     stdin: chunks, stdout: { write(1, $0) }, stderr: { write(2, $0) }, resizes: sizes)
/// ```
///
/// Offers `v5.channel.k8s.io` then `v4.channel.k8s.io`; at stdin EOF a v5 server gets the stdin
/// close frame `[255, 0]` (a server that names no protocol gets it too: v4 servers ignore frames
/// for channels they do not know, as upstream's does).
public enum RemoteCommandClient {
    public typealias Sink = @Sendable ([UInt8]) -> Void

    /// Runs the session until the server closes it and returns the command's exit code from the
    /// channel-3 Status (0 for Success, or when the server closed without a Status as upstream's
    /// client treats it). Throws `.remoteFailure(message)` for any other Failure Status.
    ///
    /// - url: http, https, ws or wss; the query carries command/stdin/stdout/stderr/tty as the
    ///   server expects them.
    /// - stdin: chunks pumped to channel 0; nil sends nothing (the server should not expect stdin).
    /// - resizes: terminal sizes sent on channel 4 as they arrive.
    public static func run(
        url: String,
        headers: [(String, String)] = [],
        tls: RemoteCommandTLS = .init(),
        stdin: AsyncStream<[UInt8]>? = nil,
        stdout: Sink? = nil,
        stderr: Sink? = nil,
        resizes: AsyncStream<TerminalSize>? = nil,
        logger: Logger = Logger(label: "remotecommand")
    ) async throws -> Int32 {
        let tlsConfiguration = url.lowercased().hasPrefix("https:") || url.lowercased().hasPrefix("wss:") ? try tls.configuration() : nil
        return try await WebSocketConnection.connect(
            url: url, subprotocols: RemoteCommandProtocol.supported, headers: headers, tls: tlsConfiguration
        ) { connection in
            // v4 has no stdin close; a v5 server learns of stdin's end from [255, 0].
            let closesStdin = connection.subprotocol.map(RemoteCommandProtocol.supportsClose) ?? true
            var status: [UInt8]?
            try await withThrowingTaskGroup(of: Void.self) { group in
                if let stdin {
                    group.addTask {
                        for await chunk in stdin where !chunk.isEmpty {
                            try await connection.send(.binary(ByteBuffer(bytes: RemoteCommandFrame.data(.stdin, chunk).encoded())))
                        }
                        if closesStdin {
                            try await connection.send(.binary(ByteBuffer(bytes: RemoteCommandFrame.close(.stdin).encoded())))
                        }
                    }
                }
                if let resizes {
                    group.addTask {
                        for await size in resizes {
                            try await connection.send(.binary(ByteBuffer(bytes: RemoteCommandFrame.data(.resize, size.encoded()).encoded())))
                        }
                    }
                }
                for try await message in connection.messages {
                    guard case .binary(let buffer) = message,
                        let frame = try? RemoteCommandFrame(decoding: buffer.readableBytesView)
                    else { continue }  // upstream ignores frames it cannot route
                    switch frame {
                    case .data(.stdout, let bytes): stdout?(bytes)
                    case .data(.stderr, let bytes): stderr?(bytes)
                    case .data(.error, let bytes): status = (status ?? []) + bytes
                    default: break
                    }
                }
                group.cancelAll()
            }
            guard let payload = status, !payload.isEmpty else { return 0 }
            return try RemoteCommandStatus.exitCode(fromJSON: payload)
        }
    }
}
