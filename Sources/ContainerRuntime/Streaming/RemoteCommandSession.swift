import Foundation
import HummingbirdWebSocket
import NIOCore
import RemoteCommand

/// One websocket connection of the channel protocol, server side: stdin and resize frames in,
/// stdout/stderr frames out, one Status on the error channel, then the connection closes.
struct RemoteCommandSession {
    let inbound: WebSocketInboundStream
    let outbound: WebSocketOutboundWriter
    /// The client negotiated v5 and may half-close stdin with `[255, 0]`.
    let closeFrames: Bool

    func send(_ frame: RemoteCommandFrame) async throws {
        try await outbound.write(.binary(ByteBuffer(bytes: frame.encoded())))
    }

    /// Sends the Status; returning from the websocket handler then closes the connection.
    func finish(status: [UInt8]) async throws {
        try await send(.data(.error, status))
    }

    /// Streams an exec until the command exits; the client going away kills the command.
    func runExec(_ process: StreamingExecProcess, command: [String]) async throws {
        let outcome: ExecEvent? = try await withThrowingTaskGroup(of: ExecEvent?.self) { group in
            group.addTask {
                for try await message in inbound.messages(maxSize: 1 << 24) {
                    guard case .binary(let buffer) = message,
                          let frame = try? RemoteCommandFrame(decoding: buffer.readableBytesView) else { continue }
                    switch frame {
                    case .data(.stdin, let bytes): await process.write(bytes)
                    case .close(.stdin): await process.closeStdin()
                    case .data(.resize, let payload):
                        if let size = try? TerminalSize(decoding: payload) { process.resize(size.width, size.height) }
                    default: break
                    }
                }
                // The connection is gone before the command ended: nobody can see its output.
                process.kill()
                return nil
            }
            var outcome: ExecEvent?
            for await event in process.events {
                switch event {
                case .stdout(let bytes): try await send(.data(.stdout, bytes))
                case .stderr(let bytes): try await send(.data(.stderr, bytes))
                case .exited, .failed: outcome = event
                }
            }
            group.cancelAll()
            return outcome
        }
        switch outcome {
        case .exited(let code): try await finish(status: RemoteCommandStatus.json(exitCode: code, command: command))
        case .failed(let error): try await finish(status: RemoteCommandStatus.json(failure: "\(error)"))
        default: try await finish(status: RemoteCommandStatus.json(failure: "exec ended without an exit status"))
        }
    }

    /// Streams the container's output from its log until it exits (stdin is not connected:
    /// the container's monitor owns its stdio). The client may detach by closing.
    func runAttach(_ target: AttachTarget, stdout: Bool, stderr: Bool) async throws {
        let exitCode: Int32? = try await withThrowingTaskGroup(of: Int32?.self) { group in
            group.addTask {
                for try await _ in inbound.messages(maxSize: 1 << 24) {}
                return nil
            }
            group.addTask {
                var follower = CRILogFollower(path: target.logPath)
                while !Task.isCancelled {
                    let exited = await target.exitCode()
                    for output in follower.poll() {
                        switch output {
                        case .stdout(let bytes) where stdout: try await send(.data(.stdout, bytes))
                        case .stderr(let bytes) where stderr: try await send(.data(.stderr, bytes))
                        default: break
                        }
                    }
                    if let exited { return exited }
                    try? await Task.sleep(for: .milliseconds(100))
                }
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if let exitCode { try await finish(status: RemoteCommandStatus.json(exitCode: exitCode)) }
    }
}
