/// The readable text of a document: markup dropped, bytes repaired to valid UTF-8, with
/// a map back to the original bytes and the places a reader does not see.
public struct ExtractedText: Sendable {
    /// The text as a reader sees it (valid UTF-8).
    public var layer: TextLayer
    /// Ranges of `layer` that readers do not see (hidden HTML), sorted.
    public var hiddenRanges: [Range<Int>] = []
    /// Offsets in `layer` where a heading starts a new section, sorted.
    public var headingStarts: [Int]?
    /// Problems met while extracting.
    public var diagnostics: [Diagnostic] = []
}

/// Turns a document's original bytes into analysable text.
public enum Extractor {
    /// Extracts the text of `document` according to its format.
    public static func extract(_ document: Document) -> ExtractedText {
        let repaired = UTF8Repair.repair(document.bytes)
        var extracted = ExtractedText(layer: TextLayer(bytes: repaired.bytes, maps: [repaired.map]))
        if let offset = repaired.firstInvalid {
            let place = LineIndex(document.bytes).location(of: offset)
            extracted.diagnostics.append(Diagnostic(
                code: .invalidUTF8,
                message: "\(repaired.invalidCount) invalid UTF-8 sequence(s), first at byte \(offset); matched as U+FFFD",
                line: place.line, column: place.column))
        }
        return extracted
    }
}
