/// The default diff report for people. Per article added, removed or modified: a heading
/// line with the counts and the verdict before and after; each introduced finding (`+`, new
/// version) and each resolved one (`-`, old version) as the scan's text report writes
/// findings; the unchanged ones on one line; then the sentence diff (`-` removed, `+`
/// added), each sentence followed by the findings introduced or resolved on it. The run's
/// totals and its one-line verdict close the report. Colour only when asked.
public final class DiffTextReport: DiffReportSink {
    private let output: ReportOutput
    private let style: TextStyle
    private var failOn: Severity?

    public init(output: ReportOutput, color: Bool) {
        self.output = output
        style = TextStyle(color: color)
    }

    public func begin(_ run: RunInfo) throws { failOn = run.failOn }

    public func document(_ diff: DocumentDiff) throws {
        let findings = diff.findings
        let lines = diff.shownLines
        guard diff.status != .unchanged || !findings.introduced.isEmpty || !findings.resolved.isEmpty else { return }
        let name = diff.displayName
        output.write("\(style.paint(name, "1")): \(diff.status.rawValue): \(findings.introduced.count) introduced, ")
        output.write("\(findings.resolved.count) resolved, \(findings.unchanged.count) unchanged; verdict \(Self.verdicts(diff))\n")
        for finding in findings.introduced {
            output.write(style.finding(finding, in: diff.path, source: diff.new?.source ?? [], marker: style.paint("+ ", "1;31")))
        }
        for finding in findings.resolved {
            output.write(style.finding(finding, in: diff.old?.path ?? diff.path, source: diff.old?.source ?? [], marker: style.paint("- ", "1;32")))
        }
        if !findings.unchanged.isEmpty {
            output.write("= unchanged: " + findings.unchanged.map { "\($0.rule) (line \($0.span.line))" }.joined(separator: ", ") + "\n")
        }
        if !lines.isEmpty { output.write("Sentences:\n") }
        for line in lines {
            let sentence = diff.sentence(line)
            output.write(style.paint("\(sentence.change.marker) \(sentence.span.line): \(sentence.text)", Self.colors[sentence.change] ?? "0") + "\n")
            for finding in diff.findings(onNew: line.new) { output.write("      \(style.paint("introduced", "1;31")) [\(finding.rule)] \(finding.match)\n") }
            for finding in diff.findings(onOld: line.old) { output.write("      \(style.paint("resolved", "1;32")) [\(finding.rule)] \(finding.match)\n") }
        }
        output.write("\n")
    }

    /// The colour of a sentence line by its change.
    private static let colors: [TextDiff.Change: String] = [.removed: "31", .added: "32", .moved: "36", .unchanged: "0"]

    /// `review → reject (score 3 → 9)`; one side only for an added or removed article.
    static func verdicts(_ diff: DocumentDiff) -> String {
        let side = { (result: DocumentResult?) in result.map { ($0.verdict.rawValue, ReportText.number($0.score)) } ?? ("none", "-") }
        let (old, new) = (side(diff.old), side(diff.new))
        return "\(old.0) → \(new.0) (score \(old.1) → \(new.1))"
    }

    public func end(_ summary: DiffSummary) throws {
        let documents = DocumentDiff.Status.allCases.map { "\(summary.documents[$0.rawValue, default: 0]) \($0.rawValue)" }
        output.write("\(style.paint("Summary", "1")): \(summary.documentsCompared) article(s) compared (\(documents.joined(separator: ", "))), \(summary.documentsSkipped) skipped\n")
        let severities = Severity.allCases.reversed().map { "\(summary.introducedBySeverity[$0.rawValue, default: 0]) \($0.rawValue)" }
        output.write("Findings: \(summary.introduced) introduced (\(severities.joined(separator: ", "))), \(summary.resolved) resolved, \(summary.unchanged) unchanged\n")
        for input in summary.skipped {
            output.write("  skipped \(input.path): \(input.reason.message)\n")
        }
        output.write(summary.verdict(failOn: failOn) + "\n")
        try output.commit()
    }
}
