/// Markdown for a pull-request comment: the run's totals and a summary table (document ×
/// category, with score and verdict) first, then each finding with its location, the quoted
/// source line (match in bold), message and suggestion, then skipped inputs. The table comes
/// first but is known only at the end, so finding sections go to a temporary file as
/// documents arrive and are copied in behind the table at `end`. Findings inline comments
/// suppressed are counted in the totals; with `--show-suppressed` each document's section
/// lists them after its findings, under "Suppressed by comments" (rule, place, match, reason),
/// outside the table and the finding count. Long runs are cut: at most `maxRows` table rows
/// and `maxFindings` listed findings (suppressed ones included), each cut ending in a count of
/// what was left out. Documents without findings are counted, not listed. All text from
/// articles and paths is escaped, so it cannot turn into markup.
public final class MarkdownReport: ReportSink {
    private let output: ReportOutput
    private let maxRows: Int
    private let maxFindings: Int
    private let spool: SpoolFile
    /// The first `maxRows` documents with findings.
    private var rows: [DocumentRow] = []
    private var documentsWithFindings = 0
    /// Findings listed so far, suppressed ones included.
    private var itemsShown = 0
    private var omitted = (findings: 0, suppressed: 0, documents: 0)
    private var showSuppressed = false

    /// - Parameters:
    ///   - maxRows: documents listed in the summary table at most.
    ///   - maxFindings: findings detailed at most, suppressed ones included (GitHub cuts
    ///     comments at 65,536 characters).
    public init(output: ReportOutput, maxRows: Int = 50, maxFindings: Int = 100) throws {
        self.output = output
        self.maxRows = maxRows
        self.maxFindings = maxFindings
        spool = try SpoolFile()
    }

    public func begin(_ run: RunInfo) throws { showSuppressed = run.showSuppressed }

    public func document(_ result: DocumentResult) throws {
        let suppressed = showSuppressed ? result.suppressed : []
        guard !result.findings.isEmpty || !suppressed.isEmpty else { return }
        if !result.findings.isEmpty {
            documentsWithFindings += 1
            if rows.count < maxRows { rows.append(DocumentRow(result)) }
        }
        let shown = result.findings.prefix(max(0, maxFindings - itemsShown))
        let shownSuppressed = suppressed.prefix(max(0, maxFindings - itemsShown - shown.count))
        itemsShown += shown.count + shownSuppressed.count
        omitted.findings += result.findings.count - shown.count
        omitted.suppressed += suppressed.count - shownSuppressed.count
        if shown.count + shownSuppressed.count < result.findings.count + suppressed.count { omitted.documents += 1 }
        guard !shown.isEmpty || !shownSuppressed.isEmpty else { return }
        var text = "#### \(Self.escape(result.displayName)): \(result.verdict.rawValue) (score \(ReportText.number(result.score)))\n\n"
        for finding in shown { text += Self.item(finding, source: result.source) }
        if !shownSuppressed.isEmpty {
            text += "**Suppressed by comments** (not counted as findings):\n\n"
            for entry in shownSuppressed { text += Self.suppressedItem(entry) }
        }
        spool.write(text)
    }

    /// One suppressed finding as a list item: rule, place and match; the comment's reason
    /// and line.
    private static func suppressedItem(_ entry: SuppressedFinding) -> String {
        let span = entry.finding.span
        var text = "- `\(entry.finding.rule)` at line \(span.line), column \(span.column): \(escape(ReportText.clip(entry.finding.match)))\n\n"
        text += "  *Reason (comment on line \(entry.line)):* \(escape(entry.reasonText))\n"
        return text + "\n"
    }

    /// One finding as a list item: severity, rule, category and place; the source line
    /// quoted with the match in bold; message and suggestion. Shared with the diff report.
    static func item(_ finding: Finding, source: [UInt8]) -> String {
        let span = finding.span
        let excerpt = SourceExcerpt(source: source, span: span)
        let scalars = Array(excerpt.text.unicodeScalars)
        let part = { (range: Range<Int>) in escape(String(String.UnicodeScalarView(scalars[range]))) }
        let matchEnd = min(scalars.count, excerpt.matchOffset + excerpt.matchWidth)
        let quoted = part(0..<excerpt.matchOffset) + "**" + part(excerpt.matchOffset..<matchEnd) + "**" + part(matchEnd..<scalars.count)
        var text = "- **\(finding.severity.rawValue)** `\(finding.rule)` (\(finding.category)) at line \(span.line), column \(span.column)\n\n"
        text += "  > \(quoted)\n\n"
        text += "  \(escape(finding.message))\n"
        if let suggestion = finding.suggestion { text += "\n  *Suggestion:* \(escape(suggestion))\n" }
        return text + "\n"
    }

    public func skipped(_ input: SkippedInput) throws {}

    public func end(_ summary: RunSummary) throws {
        let categories = summary.reportCategories
        output.write("## Redline report\n\n")
        output.write("\(summary.documentsScanned) document(s) scanned, \(summary.documentsSkipped) skipped; ")
        output.write("\(summary.findings) finding(s) (\(summary.severityTotals)); verdicts: \(summary.verdictTotals)")
        if let suppressed = summary.suppressedTotal(listed: showSuppressed) { output.write("; \(suppressed)") }
        output.write(".\n\n")
        output.write("| Document | " + categories.joined(separator: " | ") + " | Score | Verdict |\n")
        output.write("|---|" + String(repeating: "---:|", count: categories.count) + "---:|---|\n")
        for row in rows {
            let counts = categories.map { String(row.counts[$0, default: 0]) }
            output.write("| \(Self.escape(row.name)) | " + counts.joined(separator: " | ") + " | \(ReportText.number(row.score)) | \(row.verdict.rawValue) |\n")
        }
        let totals = categories.map { "**\(summary.byCategory[$0, default: 0])**" }
        output.write("| **All \(summary.documentsScanned) documents** | " + totals.joined(separator: " | ") + " | | |\n\n")
        let unlisted = documentsWithFindings - rows.count
        if unlisted > 0 { output.write("_\(unlisted) more document(s) with findings not listed in the table._\n\n") }
        let clean = summary.documentsScanned - documentsWithFindings
        if clean > 0 { output.write("\(clean) document(s) without findings.\n\n") }
        if itemsShown > 0 { output.write("### Findings\n\n") }
        try spool.drain(into: output)
        if omitted.documents > 0 {
            let counts = [(omitted.findings, "more finding(s)"), (omitted.suppressed, "suppressed finding(s)")]
                .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: " and ")
            output.write("_\(counts) in \(omitted.documents) document(s) left out (limit \(maxFindings)); run `redline scan` with `--format text` for all of them._\n\n")
        }
        if !summary.skipped.isEmpty {
            output.write("### Skipped inputs\n\n")
            for input in summary.skipped {
                let place = input.line.map { ":\($0)" } ?? ""
                output.write("- \(Self.escape(input.path + place)): \(Self.escape(input.reason.message))\n")
            }
            output.write("\n")
        }
        try output.commit()
    }

    /// Backslash-escapes what could turn article text or a path into Markdown or HTML:
    /// inline syntax anywhere, block syntax (`#`, `+`, `-`, `1.`) at the start, `@` (a
    /// mention) anywhere. Line breaks become spaces.
    static func escape(_ text: String) -> String {
        var escaped = ""
        var atStart = true
        var leadingDigits = false
        for character in text {
            let startsBlock = atStart && "#+-=".contains(character)
            let endsListNumber = leadingDigits && (character == "." || character == ")")
            if startsBlock || endsListNumber || "\\`*_[]<>|~&@".contains(character) { escaped.append("\\") }
            escaped.append(character.isNewline ? " " : character)
            leadingDigits = (atStart || leadingDigits) && character.isASCII && character.isNumber
            atStart = false
        }
        return escaped
    }
}
