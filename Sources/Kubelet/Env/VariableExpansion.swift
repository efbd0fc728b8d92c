/// `$(VAR)` references as upstream's `third_party/forked/golang/expansion`: `$$` is an escaped
/// `$`, a reference whose name the mapping does not know stays written as `$(NAME)`, an unclosed
/// `$(` stays literal, and a `$` before anything else is kept with that character. Expansion is a
/// single pass over bytes: a value substituted in is never expanded again.
enum VariableExpansion {
    static func expand(_ input: String, mapping: (String) -> String) -> String {
        let bytes = Array(input.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var checkpoint = 0
        var cursor = 0
        while cursor < bytes.count {
            if bytes[cursor] == UInt8(ascii: "$") && cursor + 1 < bytes.count {
                output.append(contentsOf: bytes[checkpoint..<cursor])
                let (read, isVariable, advance) = readVariableName(bytes[(cursor + 1)...])
                if isVariable {
                    output.append(contentsOf: mapping(String(decoding: read, as: UTF8.self)).utf8)
                } else {
                    output.append(contentsOf: read)
                }
                cursor += advance
                checkpoint = cursor + 1
            }
            cursor += 1
        }
        output.append(contentsOf: bytes[min(checkpoint, bytes.count)...])
        return String(decoding: output, as: UTF8.self)
    }

    /// Mapping over several sources, first match wins; unknown names are written back as `$(NAME)`.
    static func mapping(_ sources: [[String: String]]) -> (String) -> String {
        { name in
            for source in sources {
                if let value = source[name] { return value }
            }
            return "$(\(name))"
        }
    }

    /// What follows a `$`: (bytes to emit or the variable name, whether it is a name, bytes consumed).
    private static func readVariableName(_ input: ArraySlice<UInt8>) -> ([UInt8], Bool, Int) {
        let first = input[input.startIndex]
        switch first {
        case UInt8(ascii: "$"):
            return ([first], false, 1)
        case UInt8(ascii: "("):
            var index = input.index(after: input.startIndex)
            while index < input.endIndex {
                if input[index] == UInt8(ascii: ")") {
                    let name = Array(input[input.index(after: input.startIndex)..<index])
                    return (name, true, index - input.startIndex + 1)
                }
                index += 1
            }
            return (Array("$(".utf8), false, 1)
        default:
            return ([UInt8(ascii: "$"), first], false, 1)
        }
    }
}
