import Foundation
import Testing

@testable import KubeAPI

/// Cases from upstream's apimachinery `quantity_test.go` (TestQuantityParse, TestQuantityString,
/// TestQuantityParseEmit, TestJSONWhitespace, TestQuantityCmp) plus the task's examples.
@Suite struct QuantityTests {
    struct ParseCase: Sendable, CustomStringConvertible {
        var input: String
        var value: Int64
        var scale: Int
        var format: Quantity.Format
        var description: String { input }
    }

    static let parseCases: [ParseCase] = [
        .init(input: "0", value: 0, scale: 0, format: .decimalSI),
        .init(input: "0n", value: 0, scale: 0, format: .decimalSI),
        .init(input: "0Ki", value: 0, scale: 0, format: .binarySI),
        .init(input: "0Ti", value: 0, scale: 0, format: .binarySI),
        .init(input: "1", value: 1, scale: 0, format: .decimalSI),
        .init(input: "1Ki", value: 1024, scale: 0, format: .binarySI),
        .init(input: "7Mi", value: 7 * 1024 * 1024, scale: 0, format: .binarySI),
        .init(input: "3Ei", value: 3 << 60, scale: 0, format: .binarySI),
        .init(input: "100Ti", value: 100 << 40, scale: 0, format: .binarySI),
        .init(input: "5n", value: 5, scale: -9, format: .decimalSI),
        .init(input: "4u", value: 4, scale: -6, format: .decimalSI),
        .init(input: "3m", value: 3, scale: -3, format: .decimalSI),
        .init(input: "50k", value: 5, scale: 4, format: .decimalSI),
        .init(input: "300T", value: 3, scale: 14, format: .decimalSI),
        .init(input: "1E", value: 1, scale: 18, format: .decimalSI),
        .init(input: "1E-3", value: 1, scale: -3, format: .decimalExponent),
        .init(input: "1e3", value: 1, scale: 3, format: .decimalExponent),
        .init(input: "1E18", value: 1, scale: 18, format: .decimalExponent),
        .init(input: "100.035k", value: 100035, scale: 0, format: .decimalSI),
        .init(input: "0.001", value: 1, scale: -3, format: .decimalSI),
        .init(input: "0.0005k", value: 5, scale: -1, format: .decimalSI),
        .init(input: "0.50000", value: 5, scale: -1, format: .decimalSI),
        .init(input: "0.5e-2", value: 5, scale: -3, format: .decimalExponent),
        .init(input: "10.035M", value: 10035, scale: 3, format: .decimalSI),
        .init(input: "1.3E+6", value: 13, scale: 5, format: .decimalExponent),
        .init(input: "1.7E18", value: 17, scale: 17, format: .decimalExponent),
        .init(input: "6.987654321G", value: 6_987_654_321, scale: 0, format: .decimalSI),
        .init(input: "1.01E", value: 101, scale: 16, format: .decimalSI),
        .init(input: "3.001n", value: 4, scale: -9, format: .decimalSI),
        .init(input: "1.1E-9", value: 2, scale: -9, format: .decimalExponent),
        .init(input: "0.0000000001", value: 1, scale: -9, format: .decimalSI),
        .init(input: "0.5e-9", value: 1, scale: -9, format: .decimalExponent),
        .init(input: "0.9n", value: 1, scale: -9, format: .decimalSI),
        .init(input: "0.00000012345", value: 124, scale: -9, format: .decimalSI),
        .init(input: "9Ei", value: Int64.max, scale: 0, format: .binarySI),
        .init(input: "9223372036854775807Ki", value: Int64.max, scale: 0, format: .binarySI),
        .init(input: "12E", value: 12, scale: 18, format: .decimalSI),
        .init(input: "100.035Ki", value: 10_243_584, scale: -2, format: .binarySI),
        .init(input: "0.5Mi", value: 512 * 1024, scale: 0, format: .binarySI),
        .init(input: "0.025Ti", value: 274_877_906_944, scale: -1, format: .binarySI),
        .init(input: "0.000000000001Ki", value: 2, scale: -9, format: .decimalSI),
        .init(input: ".001", value: 1, scale: -3, format: .decimalSI),
        .init(input: ".0001k", value: 100, scale: -3, format: .decimalSI),
        .init(input: "1.", value: 1, scale: 0, format: .decimalSI),
        .init(input: "1.G", value: 1, scale: 9, format: .decimalSI),
    ]

    @Test(arguments: parseCases)
    func parsesAsUpstream(_ c: ParseCase) throws {
        let expected = Quantity(value: c.value, scale: c.scale, format: c.format)
        for (prefix, sign) in [("", Int64(1)), ("+", 1), ("-", -1)] {
            let q = try Quantity(prefix + c.input)
            #expect(q == Quantity(value: c.value * sign, scale: c.scale), "\(prefix)\(c.input) → \(q)")
            #expect(q.format == expected.format, "\(prefix)\(c.input)")
        }
    }

    @Test(arguments: [
        "1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", "1e4294967297", " 1", "1 ", "",
        "1e2147483648",
    ])
    func rejectsAsUpstream(_ input: String) {
        #expect(throws: QuantityError.self) { try Quantity(input) }
    }

    @Test func errorMessagesAreUpstreams() {
        // A literal argument would pick init(stringLiteral:) (SE-0213), so pass variables.
        let malformed = "1.1.M", badSuffix = "0.1mi"
        #expect(throws: QuantityError.formatWrong(malformed)) { try Quantity(malformed) }
        #expect(
            QuantityError.formatWrong("x").description
                == "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
        #expect(throws: QuantityError.suffix(badSuffix)) { try Quantity(badSuffix) }
        #expect(QuantityError.suffix("").description == "unable to parse quantity's suffix")
    }

    /// (input, canonical): TestQuantityString's expect/alternate pairs, TestQuantityParseEmit, the task's examples.
    @Test(arguments: [
        ("1Gi", "1Gi"), ("1024Mi", "1Gi"), ("300Mi", "300Mi"), ("307200Ki", "300Mi"), ("6Ki", "6Ki"),
        ("1001Gi", "1001Gi"), ("1025024Mi", "1001Gi"), ("1024Gi", "1Ti"), ("5", "5"), ("5000m", "5"),
        ("500m", "500m"), ("0.5", "500m"), ("1G", "1G"), ("1000M", "1G"), ("0.001T", "1G"), ("1m", "1m"),
        ("1000u", "1m"), ("80m", "80m"), ("1080m", "1080m"), ("1.08", "1080m"), ("1080000000n", "1080m"),
        ("300M", "300M"), ("1T", "1T"), ("1E", "1E"), ("1e21", "1e21"), ("1000E", "1e21"), ("5000E", "5e21"),
        ("1000000E", "1e24"), ("1234567M", "1234567M"), ("1234567m", "1234567m"), ("3k", "3k"), ("1025", "1025"),
        ("0", "0"), ("1e9", "1e9"), (".001e12", "1e9"), ("1e-3", "1e-3"), ("0.001e0", "1e-3"), ("1e-9", "1e-9"),
        ("1000e-12", "1e-9"), ("80e-3", "80e-3"), ("300e6", "300e6"), ("3e3", "3e3"), ("00", "0"), ("1n", "1n"),
        ("80n", "80n"), ("1080n", "1080n"), ("1u", "1u"), ("1080u", "1080u"),
        ("1Ki", "1Ki"), ("1Mi", "1Mi"), (".001Ki", "1024m"), (".000001Ki", "1024u"), (".000000001Ki", "1024n"),
        (".000000000001Ki", "2n"),
        ("1000m", "1"), ("1.5Gi", "1536Mi"), ("1e3", "1e3"), ("100M", "100M"), ("129e6", "129e6"), ("129M", "129M"),
        ("1.5k", "1500"), ("2000Ki", "2000Ki"), ("0.5Ki", "512"), ("1536", "1536"), ("0Mi", "0"),
    ])
    func canonicalForm(_ input: String, _ canonical: String) throws {
        #expect(try Quantity(input).description == canonical)
        if canonical != "0" {
            #expect(try Quantity("-" + input).description == "-" + canonical)
        }
    }

    @Test func keepsCanonicalInputVerbatimAsUpstream() throws {
        // Upstream reuses an already-canonical string as written, sign included.
        #expect(try Quantity("+5Gi").description == "+5Gi")
        #expect(try Quantity("1E3").description == "1E3")
        #expect(try Quantity("1E3") == Quantity("1e3"))
    }

    @Test func valueAccessorsRoundAwayFromZero() throws {
        #expect(try Quantity("1.5").value == 2)
        #expect(try Quantity("-1.5").value == -2)
        #expect(try Quantity("100m").milliValue == 100)
        #expect(try Quantity("100m").value == 1)
        #expect(try Quantity("1.0001m").milliValue == 2)
        #expect(try Quantity("1Gi").value == 1 << 30)
        #expect(try Quantity("2").milliValue == 2000)
        #expect(try Quantity("1e30").value == Int64.max)
        #expect(try Quantity("-1e30").milliValue == Int64.min)
        #expect(Quantity(milliValue: 1234000).description == "1234")
        #expect(Quantity(milliValue: 1).description == "1m")
        #expect(Quantity(milliValue: 1024, format: .binarySI).description == "1024m")
        #expect(Quantity(milliValue: 1024 * 1024, format: .binarySI).description == "1048576m")
    }

    @Test(arguments: [("0", "0", 0), ("100m", "50m", 1), ("50m", "100m", -1), ("10000T", "100Gi", 1),
                      ("1Gi", "1024Mi", 0), ("-1", "1m", -1), ("1e3", "1k", 0), ("999m", "1", -1)])
    func compares(_ a: String, _ b: String, _ expected: Int) throws {
        let x = try Quantity(a), y = try Quantity(b)
        #expect((x < y ? -1 : (x == y ? 0 : 1)) == expected)
    }

    @Test func arithmeticIsExact() throws {
        #expect(try (Quantity("100m") + Quantity("0.9")).description == "1")
        #expect(try (Quantity("1Gi") - Quantity("512Mi")).description == "512Mi")
        #expect(try (Quantity("1") - Quantity("1001m")).description == "-1m")
    }

    @Test(arguments: [(#"" 1""#, "1"), (#""1 ""#, "1"), ("1", "1"), (" 1", "1"), ("10", "10"), ("-1", "-1"),
                      (#""500m""#, "500m"), ("1.5", "1500m"), (#""1024Mi""#, "1Gi")])
    func decodesJSONStringsAndNumbers(_ json: String, _ expected: String) throws {
        let q = try JSONDecoder().decode(Quantity.self, from: Data(json.utf8))
        #expect(q.description == expected)
    }

    @Test func encodesAsJSONString() throws {
        let data = try JSONEncoder().encode([try Quantity("1024Mi")])
        #expect(String(decoding: data, as: UTF8.self) == #"["1Gi"]"#)
        #expect(throws: (any Error).self) { try JSONDecoder().decode(Quantity.self, from: Data(#""1.1.M""#.utf8)) }
    }

    @Test func readsFromJSONValue() throws {
        #expect(try Quantity(json: .int(2)).description == "2")
        #expect(try Quantity(json: .double(0.5)).description == "500m")
        #expect(try Quantity(json: "1Gi").jsonValue == "1Gi")
        #expect(throws: QuantityError.self) { try Quantity(json: .bool(true)) }
    }
}
