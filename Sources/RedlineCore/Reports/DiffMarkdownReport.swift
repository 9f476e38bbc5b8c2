/// The diff as Markdown for a pull-request comment: a one-line verdict and the totals, then
/// every introduced finding (new version) and every resolved one (old version), grouped by
/// article, each as the scan's Markdown report writes findings; last, folded away, the
/// sentence diff of each changed article as a `diff` code block. Introduced findings, then
/// resolved ones, are known only by the end of the run, so each section goes to a temporary
/// file as articles arrive and is copied out at `end`. Long runs are cut at `maxFindings`
/// findings and `maxSentences` sentence lines, each cut ending in a count of what was left
/// out (GitHub cuts comments at 65,536 characters). Text from articles and paths is escaped.
public final class DiffMarkdownReport: DiffReportSink {
    private let output: ReportOutput
    private let maxFindings: Int
    private let maxSentences: Int
    private let introduced: SpoolFile
    private let resolved: SpoolFile
    private let sentences: SpoolFile
    private var failOn: Severity?
    private var shown = (findings: 0, sentences: 0)
    private var omitted = (findings: 0, sentences: 0)

    /// - Parameters:
    ///   - maxFindings: introduced and resolved findings detailed at most.
    ///   - maxSentences: sentence lines shown at most.
    public init(output: ReportOutput, maxFindings: Int = 100, maxSentences: Int = 200) throws {
        self.output = output
        self.maxFindings = maxFindings
        self.maxSentences = maxSentences
        introduced = try SpoolFile()
        resolved = try SpoolFile()
        sentences = try SpoolFile()
    }

    public func begin(_ run: RunInfo) throws { failOn = run.failOn }

    public func document(_ diff: DocumentDiff) throws {
        write(diff.findings.introduced, of: diff.new, heading: diff.path, to: introduced)
        write(diff.findings.resolved, of: diff.old, heading: diff.old?.path ?? diff.path, to: resolved)
        let lines = diff.shownLines
        guard !lines.isEmpty else { return }
        let kept = lines.prefix(max(0, maxSentences - shown.sentences))
        shown.sentences += kept.count
        omitted.sentences += lines.count - kept.count
        guard !kept.isEmpty else { return }
        let texts = kept.map { line -> String in
            let sentence = diff.sentence(line)
            let notes = diff.findings(onNew: line.new).map { "introduced \($0.rule)" } + diff.findings(onOld: line.old).map { "resolved \($0.rule)" }
            return "\(sentence.change.marker) \(sentence.span.line): \(sentence.text)" + (notes.isEmpty ? "" : "  [\(notes.joined(separator: "; "))]")
        }
        let longestTicks = texts.map { $0.split(whereSeparator: { $0 != "`" }).map(\.count).max() ?? 0 }.max() ?? 0
        let fence = String(repeating: "`", count: max(3, longestTicks + 1))
        sentences.write("#### \(MarkdownReport.escape(diff.displayName))\n\n\(fence)diff\n\(texts.joined(separator: "\n"))\n\(fence)\n\n")
    }

    private func write(_ findings: [Finding], of result: DocumentResult?, heading: String, to spool: SpoolFile) {
        guard let result, !findings.isEmpty else { return }
        let kept = findings.prefix(max(0, maxFindings - shown.findings))
        shown.findings += kept.count
        omitted.findings += findings.count - kept.count
        guard !kept.isEmpty else { return }
        spool.write("#### \(MarkdownReport.escape(heading))\n\n" + kept.map { MarkdownReport.item($0, source: result.source) }.joined())
    }

    public func end(_ summary: DiffSummary) throws {
        output.write("## Redline diff\n\n**\(summary.verdict(failOn: failOn))**\n\n")
        let documents = DocumentDiff.Status.allCases.map { "\(summary.documents[$0.rawValue, default: 0]) \($0.rawValue)" }
        output.write("\(summary.documentsCompared) article(s) compared (\(documents.joined(separator: ", "))), \(summary.documentsSkipped) skipped.\n\n")
        output.write("### Introduced (\(summary.introduced))\n\n")
        if summary.introduced == 0 { output.write("None.\n\n") }
        try introduced.drain(into: output)
        output.write("### Resolved (\(summary.resolved))\n\n")
        if summary.resolved == 0 { output.write("None.\n\n") }
        try resolved.drain(into: output)
        if omitted.findings > 0 {
            output.write("_\(omitted.findings) more finding(s) left out (limit \(maxFindings)); run `redline diff` with `--format text` for all of them._\n\n")
        }
        if shown.sentences > 0 {
            output.write("<details><summary>Sentence changes</summary>\n\n")
            try sentences.drain(into: output)
            if omitted.sentences > 0 { output.write("_\(omitted.sentences) more sentence line(s) left out (limit \(maxSentences))._\n\n") }
            output.write("</details>\n\n")
        }
        if !summary.skipped.isEmpty {
            output.write("### Skipped inputs\n\n")
            for input in summary.skipped { output.write("- \(MarkdownReport.escape(input.path)): \(MarkdownReport.escape(input.reason.message))\n") }
            output.write("\n")
        }
        try output.commit()
    }
}
