/// The source line around a finding, cut to a readable window, with the column where the
/// match starts and its width in scalars. Shared by the report formats that show context.
struct SourceExcerpt {
    var lineNumber: Int
    var text: String
    /// Scalars of `text` before the match.
    var matchOffset: Int
    /// Scalars of the match shown on this line (at least 1).
    var matchWidth: Int

    static let before = 60
    static let after = 40

    init(source: [UInt8], span: Span) {
        let lines = LineIndex(source)
        let line = lines.lineRange(containing: span.start)
        let matchEnd = min(span.end, line.upperBound)
        let prefix = Array(String(decoding: source[line.lowerBound..<min(span.start, line.upperBound)], as: UTF8.self).unicodeScalars)
        let match = Array(String(decoding: source[min(span.start, line.upperBound)..<max(matchEnd, min(span.start, line.upperBound))], as: UTF8.self).unicodeScalars)
        let suffix = Array(String(decoding: source[max(matchEnd, min(span.start, line.upperBound))..<line.upperBound], as: UTF8.self).unicodeScalars)
        var shownPrefix = prefix.suffix(SourceExcerpt.before).map(Character.init)
        if prefix.count > SourceExcerpt.before { shownPrefix.insert("…", at: 0) }
        var shownSuffix = suffix.prefix(SourceExcerpt.after).map(Character.init)
        if suffix.count > SourceExcerpt.after { shownSuffix.append("…") }
        let clean = { (scalars: [Character]) in String(scalars.map { $0 == "\t" ? " " : $0 }) }
        lineNumber = span.line
        text = clean(shownPrefix) + clean(match.map(Character.init)) + clean(shownSuffix)
        matchOffset = shownPrefix.count
        matchWidth = max(1, match.count)
    }
}
