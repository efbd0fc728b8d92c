import Foundation
import HTTPTypes
import Logging
import NIOCore
import Synchronization
import WSClient

/// The client side of the websocket channel protocol, for kubectl exec/attach and crictl exec/attach.
///
/// ```swift
/// let code = try await RemoteCommandClient.run(
///     url: "https://10.0.0.1:6443/api/v1/namespaces/default/pods/p/exec?command=sh&stdin=true&stdout=true&tty=true",
///     headers: [("Authorization", "Bearer …")], tls: .init(certificateAuthorityPEM: ca),
///     stdin: chunks, stdout: { write(1, $0) }, stderr: { write(2, $0) }, resizes: sizes)
/// ```
///
/// Offers `v5.channel.k8s.io` then `v4.channel.k8s.io`. The websocket library does not expose
/// which one the server chose, so the v5 stdin close frame `[255, 0]` is always sent at stdin
/// EOF; v4 servers ignore frames for channels they do not know, as upstream's does.
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
        let (connectURL, useTLS) = try websocketURL(url)
        var configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 20)
        var fields = [("Sec-WebSocket-Protocol", RemoteCommandProtocol.supported.joined(separator: ", "))]
        fields += headers
        for (name, value) in fields {
            guard let field = HTTPField.Name(name) else { throw RemoteCommandError.connection("invalid header name \(name)") }
            configuration.additionalHeaders.append(.init(name: field, value: value))
        }
        let status = Mutex<[UInt8]?>(nil)
        let client = WebSocketClient(
            url: connectURL, configuration: configuration,
            tlsConfiguration: useTLS ? try tls.configuration() : nil, logger: logger
        ) { inbound, outbound, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                if let stdin {
                    group.addTask {
                        for await chunk in stdin where !chunk.isEmpty {
                            try await outbound.write(.binary(ByteBuffer(bytes: RemoteCommandFrame.data(.stdin, chunk).encoded())))
                        }
                        try await outbound.write(.binary(ByteBuffer(bytes: RemoteCommandFrame.close(.stdin).encoded())))
                    }
                }
                if let resizes {
                    group.addTask {
                        for await size in resizes {
                            try await outbound.write(.binary(ByteBuffer(bytes: RemoteCommandFrame.data(.resize, size.encoded()).encoded())))
                        }
                    }
                }
                for try await message in inbound.messages(maxSize: 1 << 24) {
                    guard case .binary(let buffer) = message,
                        let frame = try? RemoteCommandFrame(decoding: buffer.readableBytesView)
                    else { continue }  // upstream ignores frames it cannot route
                    switch frame {
                    case .data(.stdout, let bytes): stdout?(bytes)
                    case .data(.stderr, let bytes): stderr?(bytes)
                    case .data(.error, let bytes): status.withLock { $0 = ($0 ?? []) + bytes }
                    default: break
                    }
                }
                group.cancelAll()
            }
        }
        do {
            try await client.run()
        } catch let error as WebSocketClientError {
            throw RemoteCommandError.connection("\(url): \(error)")
        }
        guard let payload = status.withLock({ $0 }), !payload.isEmpty else { return 0 }
        return try RemoteCommandStatus.exitCode(fromJSON: payload)
    }

    /// WSClient connects to ws/wss (and http/https) URLs; returns whether TLS is used.
    static func websocketURL(_ url: String) throws(RemoteCommandError) -> (String, Bool) {
        guard let colon = url.firstIndex(of: ":") else { throw .connection("invalid URL \(url)") }
        switch url[..<colon].lowercased() {
        case "http", "ws": return (url, false)
        case "https", "wss": return (url, true)
        default: throw .connection("unsupported URL scheme in \(url)")
        }
    }
}
