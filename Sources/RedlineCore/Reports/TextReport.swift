import Foundation

/// The default report for people: `path:line:col: severity [rule] message`, the source
/// line with the match underlined, then a summary. Colour only when asked (a terminal
/// without `NO_COLOR`).
public final class TextReport: ReportSink {
    private let output: ReportOutput
    private let style: TextStyle
    private var showSuppressed = false

    public init(output: ReportOutput, color: Bool) {
        self.output = output
        style = TextStyle(color: color)
    }

    private func paint(_ text: String, _ code: String) -> String { style.paint(text, code) }

    public func begin(_ run: RunInfo) throws { showSuppressed = run.showSuppressed }

    public func document(_ result: DocumentResult) throws {
        let name = result.displayName
        for diagnostic in result.diagnostics {
            let place = diagnostic.line.map { ":\($0):\(diagnostic.column ?? 1)" } ?? ""
            output.write("\(paint("\(name)\(place)", "1")): \(paint("note", "1;36")): \(diagnostic.code.rawValue): \(diagnostic.message)\n")
        }
        for finding in result.findings {
            output.write(style.finding(finding, in: name, source: result.source))
        }
        for entry in showSuppressed ? result.suppressed : [] {
            let span = entry.finding.span
            output.write("\(paint("\(name):\(span.line):\(span.column)", "1")): \(paint("suppressed", "1;90")) [\(entry.finding.rule)] ")
            output.write("\(entry.finding.match) (line \(entry.line): \(entry.reasonText))\n")
        }
        if !result.findings.isEmpty {
            output.write("\(name): verdict \(result.verdict.rawValue) (score \(ReportText.number(result.score)))\n\n")
        }
    }

    public func skipped(_ input: SkippedInput) throws {
        let place = input.reason.line.map { ":\($0):\(input.reason.column ?? 1)" } ?? ""
        output.write("\(paint("\(input.path)\(place)", "1")): \(paint("skipped", "1;35")): \(input.reason.code.rawValue): \(input.reason.message)\n")
    }

    public func end(_ summary: RunSummary) throws {
        let megabytes = Double(summary.bytesScanned) / 1_000_000
        output.write("\(paint("Summary", "1")): \(summary.documentsScanned) document(s) scanned (\(ReportText.number(megabytes)) MB), \(summary.documentsSkipped) skipped\n")
        output.write("Findings: \(summary.findings) (\(summary.severityTotals))\n")
        if summary.suppressed > 0 {
            output.write("Suppressed by comments: \(summary.suppressed)\(showSuppressed ? "" : ReportText.showSuppressedHint)\n")
        }
        if summary.baselined > 0 { output.write("Known from the baseline, not shown: \(summary.baselined)\n") }
        output.write("  category          findings\n")
        for category in summary.reportCategories {
            let padded = category.padding(toLength: 18, withPad: " ", startingAt: 0)
            output.write("  \(padded)\(summary.byCategory[category, default: 0])\n")
        }
        output.write("Verdicts: \(summary.verdictTotals)\n")
        if summary.diagnostics > 0 { output.write("Diagnostics: \(summary.diagnostics) (see notes above)\n") }
        for input in summary.skipped {
            output.write("  skipped \(input.path)\(input.line.map { ":\($0)" } ?? ""): \(input.reason.message)\n")
        }
        try output.commit()
    }
}
