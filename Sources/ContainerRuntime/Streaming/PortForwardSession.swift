import Foundation
import HummingbirdWebSocket
import NIOCore
import RemoteCommand

/// Port forwarding over one websocket, as upstream's streaming server speaks it
/// (pkg/kubelet/cri/streaming/portforward/websocket.go): for the i-th port, channel 2i carries
/// the data both ways and channel 2i+1 the errors; the server first writes the port number
/// (2 bytes, little endian) on both. Each port gets one TCP connection to the pod's loopback.
/// The session ends when the pod has closed every connection or the client goes away.
struct PortForwardSession {
    let inbound: WebSocketInboundStream
    let outbound: WebSocketOutboundWriter

    func send(_ channel: Int, _ payload: [UInt8]) async throws {
        try await outbound.write(.binary(ByteBuffer(bytes: [UInt8(channel)] + payload)))
    }

    func run(ports: [UInt16], netns: String?) async throws {
        for (index, port) in ports.enumerated() {
            let prefix = [UInt8(port & 0xff), UInt8(port >> 8)]
            try await send(2 * index, prefix)
            try await send(2 * index + 1, prefix)
        }
        var connections: [PodPortConnection?] = []
        for (index, port) in ports.enumerated() {
            do {
                connections.append(try PodPortConnection.connect(netns: netns, port: port))
            } catch {
                try await send(2 * index + 1, Array("error forwarding port \(port): \(error)".utf8))
                connections.append(nil)
            }
        }
        let open = connections
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await message in inbound.messages(maxSize: 1 << 24) {
                    guard case .binary(let buffer) = message, let channel = buffer.readableBytesView.first else { continue }
                    let index = Int(channel) / 2
                    guard channel % 2 == 0, index < open.count, let connection = open[index] else { continue }
                    await connection.send(Array(buffer.readableBytesView.dropFirst()))
                }
            }
            group.addTask {
                try await withThrowingTaskGroup(of: Void.self) { readers in
                    for (index, connection) in open.enumerated() {
                        guard let connection else { continue }
                        readers.addTask {
                            for await chunk in connection.received() { try await send(2 * index, chunk) }
                        }
                    }
                    try await readers.waitForAll()
                }
            }
            // Either every pod connection closed, or the client left: end the rest.
            _ = try await group.next()
            open.forEach { $0?.shutdown() }
            group.cancelAll()
        }
    }

    /// Ports from the URL's `port` query parameters (comma-separated or repeated), as upstream's
    /// NewV4Options; without any, the CRI request's ports.
    static func ports(query: [String], requested: [Int32]) throws(PortForwardError) -> [UInt16] {
        var ports: [UInt16] = []
        for value in query {
            for part in value.split(separator: ",", omittingEmptySubsequences: false) {
                guard let port = UInt16(part), port > 0 else { throw .invalidPorts("unable to parse \"\(value)\" as a port") }
                ports.append(port)
            }
        }
        if ports.isEmpty {
            for port in requested {
                guard let valid = UInt16(exactly: port), valid > 0 else { throw .invalidPorts("invalid port \(port)") }
                ports.append(valid)
            }
        }
        guard !ports.isEmpty else { throw .invalidPorts("no ports given (query parameter \"port\" or the request's ports)") }
        return ports
    }
}
