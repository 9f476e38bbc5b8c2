/// The readable text of a document: markup dropped, bytes repaired to valid UTF-8, with
/// a map back to the original bytes and the places a reader does not see.
public struct ExtractedText: Sendable {
    /// The text of a hyperlink and where it points (HTML `<a href>`, Markdown `[text](url)`).
    public struct Link: Sendable, Hashable {
        /// The link's text, as a range of `layer`.
        public var range: Range<Int>
        /// The link target as written (entities decoded), possibly relative.
        public var url: String
    }

    /// A comment of the markup (`<!-- ... -->`), dropped from the text but kept for tools
    /// that read directives from comments.
    public struct Comment: Sendable, Hashable {
        /// Where in `layer` the comment stood.
        public var offset: Int
        /// The whole comment, `<!--` to `-->`, in original-byte offsets.
        public var originalRange: Range<Int>
        /// The text between `<!--` and `-->`.
        public var text: String
    }

    /// The text as a reader sees it (valid UTF-8).
    public var layer: TextLayer
    /// Ranges of `layer` that readers do not see (hidden HTML), sorted, not overlapping.
    public var hiddenRanges: [Range<Int>] = []
    /// Offsets in `layer` where a heading starts a new section, sorted; nil for plain text,
    /// whose headings the Tokenizer guesses.
    public var headingStarts: [Int]?
    /// Hyperlinks, in text order.
    public var links: [Link] = []
    /// Markup comments, in text order.
    public var comments: [Comment] = []
    /// Problems met while extracting.
    public var diagnostics: [Diagnostic] = []
    /// Markup problems (unterminated comments, tags, raw-text elements) at original-byte
    /// offsets, turned into `diagnostics` by `Extractor`.
    var markupProblems: [(offset: Int, message: String)] = []
}

/// Turns a document's original bytes into analysable text.
public enum Extractor {
    /// Extracts the text of `document` according to its format: bytes are first repaired to
    /// valid UTF-8, then HTML and Markdown markup is removed from the repaired text, so the
    /// layer's maps lead back to the original bytes.
    public static func extract(_ document: Document) -> ExtractedText {
        let repaired = UTF8Repair.repair(document.bytes)
        let layer = TextLayer(bytes: repaired.bytes, maps: [repaired.map])
        var extracted: ExtractedText
        switch document.format {
        case .plain: extracted = ExtractedText(layer: layer)
        case .html: extracted = HTMLExtractor.extract(layer)
        case .markdown: extracted = MarkdownExtractor.extract(layer)
        }
        guard repaired.firstInvalid != nil || !extracted.markupProblems.isEmpty else { return extracted }
        let lines = LineIndex(document.bytes)
        if let offset = repaired.firstInvalid {
            let place = lines.location(of: offset)
            extracted.diagnostics.append(Diagnostic(
                code: .invalidUTF8,
                message: "\(repaired.invalidCount) invalid UTF-8 sequence(s), first at byte \(offset); matched as U+FFFD",
                line: place.line, column: place.column))
        }
        for problem in extracted.markupProblems {
            let place = lines.location(of: problem.offset)
            extracted.diagnostics.append(Diagnostic(code: .malformedMarkup, message: problem.message,
                                                    line: place.line, column: place.column))
        }
        return extracted
    }
}
