/// The two string helpers the plugins need, without pulling in full Foundation (the plugin
/// binary links only FoundationEssentials, which starts faster).
extension StringProtocol {
    /// Without leading and trailing spaces, tabs, CR and LF.
    var trimmed: String {
        let isSpace = { (c: Character) in c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\r\n" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
