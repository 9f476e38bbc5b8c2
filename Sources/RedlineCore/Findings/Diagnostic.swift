/// Something the scanner wants the user to know about an input or a rule that is not a
/// finding: undecodable bytes, a regex that hit its limits, a skipped file.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What happened, as a stable machine-readable code.
    public enum Code: String, Sendable, Codable {
        case invalidUTF8 = "invalid-utf8"
        case regexLimit = "regex-limit"
        case binaryInput = "binary-input"
        case unreadable = "unreadable"
        case badRecord = "bad-record"
        case unsupportedType = "unsupported-type"
        /// HTML or Markdown that swallows the rest of the document (an unterminated comment, tag or `<script>`).
        case malformedMarkup = "malformed-markup"
    }

    public var code: Code
    public var message: String
    /// Where in the document, when the problem has a place (1-based).
    public var line: Int?
    public var column: Int?
    /// The rule involved, if any.
    public var rule: String?

    public init(code: Code, message: String, line: Int? = nil, column: Int? = nil, rule: String? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.rule = rule
    }

    public var description: String {
        var place = ""
        if let line { place = "\(line):\(column ?? 1): " }
        return "\(place)\(code.rawValue): \(message)"
    }
}
