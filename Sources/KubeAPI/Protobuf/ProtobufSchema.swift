/// What a protobuf field holds and how it appears in JSON.
///
/// Kubernetes' protobuf is proto2 generated from the Go types, so a field's JSON form is the Go
/// field's: scalars, nested messages, lists, maps (repeated entry messages, key = 1, value = 2),
/// and a few apimachinery types whose wire message differs from their JSON.
public indirect enum ProtobufFieldKind: Hashable, Sendable {
    case string
    case bool
    case int32
    case int64
    case double
    /// JSON base64 string (Secret data values).
    case bytes
    case message(String)
    case repeated(ProtobufFieldKind)
    case map(key: ProtobufFieldKind, value: ProtobufFieldKind)
    /// `resource.Quantity`: message { string = 1 } ↔ JSON string.
    case quantity
    /// `intstr.IntOrString`: message { type = 1 (0 int, 1 string), intVal = 2, strVal = 3 } ↔ number or string.
    case intOrString
    /// `metav1.Time`: message { seconds = 1, nanos = 2 } ↔ RFC 3339, seconds precision; zero ↔ null.
    case time
    /// `metav1.MicroTime`: as `time`, with 6 fractional digits.
    case microTime
    /// `metav1.Duration`: message { duration = 1 (nanoseconds) } ↔ Go duration string ("1m30s").
    case duration
    /// `runtime.RawExtension`: message { raw = 1 } holding JSON (or a nested `k8s\0` protobuf object).
    case rawExtension
    /// `metav1.FieldsV1`: message { Raw = 1 } holding JSON.
    case fieldsV1
}

/// How the Go field behind a protobuf field shows up in JSON.
public enum ProtobufFieldPresence: Hashable, Sendable {
    /// A value field with `omitempty`: zero values are left out of JSON (Go writes them on the wire anyway).
    case omitEmpty
    /// A value field without `omitempty`: always in JSON, zero values included.
    case always
    /// A Go pointer: on the wire only when set, and then in JSON even when zero (`replicas: 0`).
    case pointer
    /// An embedded struct tagged `json:",inline"`: its fields are spliced into the parent object.
    case inline
}

public struct ProtobufField: Hashable, Sendable {
    public var number: Int
    public var jsonName: String
    public var kind: ProtobufFieldKind
    public var presence: ProtobufFieldPresence

    public init(number: Int, jsonName: String, kind: ProtobufFieldKind, presence: ProtobufFieldPresence) {
        self.number = number
        self.jsonName = jsonName
        self.kind = kind
        self.presence = presence
    }
}

/// One message type: its fields in Go struct order, which is the order JSON writes them in.
public struct ProtobufMessageSchema: Sendable {
    public var name: String
    public var fields: [ProtobufField]
    let fieldsByNumber: [Int: Int]
    /// Indexes into `fields` in ascending field number, the order Go's marshallers write.
    let numberOrder: [Int]

    public init(name: String, fields: [ProtobufField]) {
        self.name = name
        self.fields = fields
        var byNumber: [Int: Int] = [:]
        for (index, field) in fields.enumerated() { byNumber[field.number] = index }
        self.fieldsByNumber = byNumber
        self.numberOrder = fields.indices.sorted { fields[$0].number < fields[$1].number }
    }

    public func field(number: Int) -> ProtobufField? {
        fieldsByNumber[number].map { fields[$0] }
    }
}

/// The message types Kubeswift can read and write as protobuf, by name (`core.v1.PodSpec`,
/// `meta.v1.ObjectMeta`: upstream's Go package as group.version, then the type name).
///
/// The built-in tables (ProtobufSchema+*.swift) hold every message reachable from the kinds in
/// `ProtobufKinds`, for Kubernetes 1.32. Field numbers and names are those of upstream's
/// generated.proto; presence flags come from the Go struct tags (`omitempty`, `,inline`) and field
/// types (pointer or value), which the .proto files do not carry but JSON output depends on.
/// They were read from the compiled descriptors and type metadata of kubectl v1.32.4 and checked
/// against each other; ProtobufKubectlTests checks them against bodies kubectl really sends.
public struct ProtobufSchema: Sendable {
    public private(set) var messages: [String: ProtobufMessageSchema]

    public subscript(name: String) -> ProtobufMessageSchema? { messages[name] }

    /// The built-in Kubernetes table.
    public static let kubernetes: ProtobufSchema = {
        do {
            return try ProtobufSchema(tables: [metaV1, coreV1, appsV1, batchV1, otherGroups])
        } catch {
            fatalError("built-in protobuf schema table is malformed: \(error)")
        }
    }()

    /// Parses tables written as:
    ///
    ///     message core.v1.ConfigMap
    ///       1 metadata meta.v1.ObjectMeta
    ///       4 immutable bool ?
    ///       2 data {string:string}
    ///
    /// Field flags: `?` pointer, `!` no omitempty, `inline`; none means omitempty.
    /// Kinds: string bool int32 int64 double bytes Quantity IntOrString Time MicroTime Duration
    /// RawExtension FieldsV1, a message name, `[]kind`, `{key:value}`.
    public init(tables: [String]) throws(ProtobufSchemaError) {
        var messages: [String: ProtobufMessageSchema] = [:]
        for table in tables {
            var current: (name: String, fields: [ProtobufField])?
            func finish() {
                if let current { messages[current.name] = ProtobufMessageSchema(name: current.name, fields: current.fields) }
            }
            for (lineIndex, rawLine) in table.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let words = rawLine.split(separator: " ")
                guard let first = words.first else { continue }
                if first == "message", words.count == 2 {
                    finish()
                    current = (String(words[1]), [])
                    continue
                }
                guard current != nil, words.count >= 3, words.count <= 4, let number = Int(first), number > 0 else {
                    throw ProtobufSchemaError(line: lineIndex + 1, text: String(rawLine), reason: "expected `number jsonName kind [flag]`")
                }
                let kind: ProtobufFieldKind
                do { kind = try ProtobufSchema.parseKind(words[2]) } catch {
                    throw ProtobufSchemaError(line: lineIndex + 1, text: String(rawLine), reason: "unknown kind \(words[2])")
                }
                var presence = ProtobufFieldPresence.omitEmpty
                if words.count == 4 {
                    switch words[3] {
                    case "?": presence = .pointer
                    case "!": presence = .always
                    case "inline": presence = .inline
                    default:
                        throw ProtobufSchemaError(line: lineIndex + 1, text: String(rawLine), reason: "unknown flag \(words[3])")
                    }
                }
                current!.fields.append(ProtobufField(number: number, jsonName: String(words[1]), kind: kind, presence: presence))
            }
            finish()
        }
        self.messages = messages
        for message in messages.values {
            for field in message.fields {
                for name in field.kind.messageNames where messages[name] == nil {
                    throw ProtobufSchemaError(line: 0, text: "\(message.name).\(field.jsonName)", reason: "refers to undefined message \(name)")
                }
            }
        }
    }

    struct UnknownKind: Error {}

    static func parseKind(_ text: Substring) throws(UnknownKind) -> ProtobufFieldKind {
        if text.hasPrefix("[]") { return .repeated(try parseKind(text.dropFirst(2))) }
        if text.hasPrefix("{"), text.hasSuffix("}"), let colon = text.firstIndex(of: ":") {
            let key = text[text.index(after: text.startIndex)..<colon]
            let value = text[text.index(after: colon)..<text.index(before: text.endIndex)]
            return .map(key: try parseKind(key), value: try parseKind(value))
        }
        switch text {
        case "string": return .string
        case "bool": return .bool
        case "int32": return .int32
        case "int64": return .int64
        case "double": return .double
        case "bytes": return .bytes
        case "Quantity": return .quantity
        case "IntOrString": return .intOrString
        case "Time": return .time
        case "MicroTime": return .microTime
        case "Duration": return .duration
        case "RawExtension": return .rawExtension
        case "FieldsV1": return .fieldsV1
        default:
            guard text.contains(".") else { throw UnknownKind() }
            return .message(String(text))
        }
    }
}

public struct ProtobufSchemaError: Error, CustomStringConvertible, Sendable {
    public var line: Int
    public var text: String
    public var reason: String
    public var description: String { "protobuf schema line \(line) (\(text)): \(reason)" }
}

extension ProtobufFieldKind {
    /// Message types this kind refers to, directly or through lists and maps.
    var messageNames: [String] {
        switch self {
        case .message(let name): return [name]
        case .repeated(let element): return element.messageNames
        case .map(let key, let value): return key.messageNames + value.messageNames
        default: return []
        }
    }
}
