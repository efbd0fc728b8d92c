import GRPCCore
import GRPCNIOTransportHTTP2

/// grpc: calls grpc.health.v1.Health/Check on the pod IP over plaintext HTTP/2 (upstream's
/// pkg/probe/grpc). SERVING is success ("service healthy"); any other status, a server without the
/// health service, a refused connection or the timeout is a failure with upstream's wording.
/// The two one-field messages are encoded by hand, so no generated code is needed.
enum GRPCHealthProbe {
    static let check = MethodDescriptor(fullyQualifiedService: "grpc.health.v1.Health", method: "Check")
    static let statusNames = ["UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"]

    static func probe(host: String, port: Int, service: String, timeoutSeconds: Int) async -> ProbeRunOutput {
        let address = HostPort.join(host: host, port: port)
        var options = CallOptions.defaults
        options.timeout = .seconds(timeoutSeconds)
        // Fail a refused connection now instead of waiting for the server to come up.
        options.waitForReady = false
        do {
            let transport = try HTTP2ClientTransport.Posix(
                target: host.contains(":") ? .ipv6(host: host, port: port) : .dns(host: host, port: port),
                transportSecurity: .plaintext)
            let status = try await withGRPCClient(transport: transport) { client in
                try await client.unary(
                    request: ClientRequest(message: HealthCheckMessages.request(service: service)),
                    descriptor: check, serializer: RawProtobufBytes(), deserializer: RawProtobufBytes(), options: options
                ) { response in
                    try HealthCheckMessages.status(in: response.message)
                }
            }
            guard status == 1 else {
                let name = status < statusNames.count ? statusNames[status] : String(status)
                return .failure("service unhealthy (responded with \(GoQuote.quote(name)))")
            }
            return .success("service healthy")
        } catch let error as RPCError {
            switch error.code {
            case .unimplemented:
                return .failure("error: this server does not implement the grpc health protocol (grpc.health.v1.Health): \(error.message)")
            case .deadlineExceeded:
                return .failure("timeout: health rpc did not complete within \(timeoutSeconds)s")
            case .unavailable:
                return .failure("error: failed to connect service at \(GoQuote.quote(address)): \(error.message)")
            default:
                return .failure("error: health rpc probe failed: \(error)")
            }
        } catch {
            return .failure("error: health rpc probe failed: \(error)")
        }
    }
}

/// grpc.health.v1 HealthCheckRequest { string service = 1; } and HealthCheckResponse { ServingStatus status = 1; }.
enum HealthCheckMessages {
    struct Malformed: Error, CustomStringConvertible {
        var description: String { "malformed HealthCheckResponse" }
    }

    static func request(service: String) -> [UInt8] {
        guard !service.isEmpty else { return [] }
        let bytes = Array(service.utf8)
        return [0x0A] + varint(UInt64(bytes.count)) + bytes
    }

    static func response(status: Int) -> [UInt8] {
        status == 0 ? [] : [0x08] + varint(UInt64(status))
    }

    /// The request's service name (for test servers).
    static func service(in message: [UInt8]) throws -> String {
        String(decoding: try field(1, in: message).bytes ?? [], as: UTF8.self)
    }

    static func status(in message: [UInt8]) throws -> Int {
        Int(try field(1, in: message).varint ?? 0)
    }

    private static func field(_ number: UInt64, in message: [UInt8]) throws -> (varint: UInt64?, bytes: [UInt8]?) {
        var index = 0
        var found: (UInt64?, [UInt8]?) = (nil, nil)
        while index < message.count {
            let key = try readVarint(message, &index)
            switch key & 7 {
            case 0:
                let value = try readVarint(message, &index)
                if key >> 3 == number { found = (value, nil) }
            case 2:
                let length = Int(try readVarint(message, &index))
                guard length >= 0, index + length <= message.count else { throw Malformed() }
                if key >> 3 == number { found = (nil, Array(message[index..<index + length])) }
                index += length
            case 1: index += 8
            case 5: index += 4
            default: throw Malformed()
            }
        }
        return found
    }

    private static func readVarint(_ bytes: [UInt8], _ index: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count, shift < 64 {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw Malformed()
    }

    private static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        return out + [UInt8(value)]
    }
}

/// Passes protobuf bytes through unchanged.
struct RawProtobufBytes: MessageSerializer, MessageDeserializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes {
        Bytes(message)
    }

    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> [UInt8] {
        serializedMessageBytes.withUnsafeBytes { Array($0) }
    }
}
