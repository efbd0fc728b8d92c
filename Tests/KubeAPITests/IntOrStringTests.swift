import Foundation
import Testing

@testable import KubeAPI

@Suite struct IntOrStringTests {
    @Test func decodesBothForms() throws {
        let values = try JSONDecoder().decode([IntOrString].self, from: Data(#"[8080, "http", "80", "25%"]"#.utf8))
        #expect(values == [.int(8080), .string("http"), .string("80"), .string("25%")])
    }

    @Test func encodesBothForms() throws {
        let data = try JSONEncoder().encode([IntOrString.int(8080), "http", 3])
        #expect(String(decoding: data, as: UTF8.self) == #"[8080,"http",3]"#)
    }

    @Test(arguments: ["1.5", "true", "null", "{}", "4294967296"])
    func rejectsOtherJSON(_ text: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(IntOrString.self, from: Data(text.utf8)) }
    }

    @Test func scalesPercentagesLikeUpstream() throws {
        #expect(try IntOrString.string("25%").scaledValue(of: 10, roundUp: true) == 3)
        #expect(try IntOrString.string("25%").scaledValue(of: 10, roundUp: false) == 2)
        #expect(try IntOrString.string("100%").scaledValue(of: 7, roundUp: false) == 7)
        #expect(try IntOrString.string("0%").scaledValue(of: 7, roundUp: true) == 0)
        #expect(try IntOrString.int(5).scaledValue(of: 2, roundUp: false) == 5)
        #expect(throws: InvalidIntOrPercent.self) { try IntOrString.string("http").scaledValue(of: 10, roundUp: true) }
        #expect(throws: InvalidIntOrPercent.self) { try IntOrString.string("%").scaledValue(of: 10, roundUp: true) }
    }
}
