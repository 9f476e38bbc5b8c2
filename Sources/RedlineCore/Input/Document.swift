/// How a document's bytes are to be read.
public enum DocumentFormat: String, Sendable, Codable {
    case plain
    case markdown
    case html

    /// The format a file name's extension implies, or `nil` when Redline does not scan such files.
    public init?(pathExtension ext: String) {
        switch ext.lowercased() {
        case "txt", "text": self = .plain
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        default: return nil
        }
    }
}

/// One article: its identity, where it came from, and its original bytes.
public struct Document: Sendable {
    /// Stable identity: the path for files, the record id for JSONL, `-` for stdin.
    public var id: String
    /// The file it was read from (`-` for stdin); for JSONL, the JSONL file.
    public var path: String
    /// For a JSONL record, its 1-based line in `path`.
    public var recordLine: Int?
    /// The original bytes. Every span in a finding indexes these.
    public var bytes: [UInt8]
    public var format: DocumentFormat
    /// Problems already seen while reading the input (carried into the document's result).
    public var diagnostics: [Diagnostic] = []

    public init(id: String, path: String, recordLine: Int? = nil, bytes: [UInt8], format: DocumentFormat) {
        self.id = id
        self.path = path
        self.recordLine = recordLine
        self.bytes = bytes
        self.format = format
    }
}
