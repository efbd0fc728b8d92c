import Foundation

/// A terminal size on the resize channel, upstream's remotecommand.TerminalSize JSON
/// (`{"Width":80,"Height":24}`, capitalised field names).
public struct TerminalSize: Sendable, Equatable, Codable {
    public var width: UInt16
    public var height: UInt16

    public init(width: UInt16, height: UInt16) {
        self.width = width
        self.height = height
    }

    enum CodingKeys: String, CodingKey {
        case width = "Width"
        case height = "Height"
    }

    public func encoded() -> [UInt8] {
        // Encoding two integers cannot fail.
        Array((try? JSONEncoder().encode(self)) ?? Data())
    }

    public init(decoding payload: some Collection<UInt8>) throws(RemoteCommandError) {
        do {
            self = try JSONDecoder().decode(TerminalSize.self, from: Data(payload))
        } catch {
            throw .malformedFrame("resize payload \(String(decoding: Array(payload), as: UTF8.self)): \(error)")
        }
    }
}
