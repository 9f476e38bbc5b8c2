import Foundation

/// The default report for people: `path:line:col: severity [rule] message`, the source
/// line with the match underlined, then a summary. Colour only when asked (a terminal
/// without `NO_COLOR`).
public final class TextReport: ReportSink {
    private let output: ReportOutput
    private let color: Bool
    private var failOn: Severity?

    public init(output: ReportOutput, color: Bool) {
        self.output = output
        self.color = color
    }

    private func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    private func severityCode(_ severity: Severity) -> String {
        switch severity {
        case .error: "1;31"
        case .warning: "1;33"
        case .info: "1;34"
        }
    }

    public func begin(_ run: RunInfo) throws { failOn = run.failOn }

    /// How a document is named in locations: its path, plus the record id for JSONL.
    static func displayName(_ result: DocumentResult) -> String {
        result.recordLine == nil ? result.path : "\(result.path)#\(result.id)"
    }

    public func document(_ result: DocumentResult) throws {
        let name = TextReport.displayName(result)
        for diagnostic in result.diagnostics {
            let place = diagnostic.line.map { ":\($0):\(diagnostic.column ?? 1)" } ?? ""
            output.write("\(paint("\(name)\(place)", "1")): \(paint("note", "1;36")): \(diagnostic.code.rawValue): \(diagnostic.message)\n")
        }
        for finding in result.findings {
            let span = finding.span
            output.write("\(paint("\(name):\(span.line):\(span.column)", "1")): \(paint(finding.severity.rawValue, severityCode(finding.severity))) [\(finding.rule)] \(finding.message)\n")
            let excerpt = SourceExcerpt(source: result.source, span: span)
            let gutter = String(excerpt.lineNumber)
            let pad = String(repeating: " ", count: gutter.count)
            output.write(" \(gutter) | \(excerpt.text)\n")
            let underline = "^" + String(repeating: "~", count: excerpt.matchWidth - 1)
            output.write(" \(pad) | \(String(repeating: " ", count: excerpt.matchOffset))\(paint(underline, severityCode(finding.severity)))\n")
            if finding.hidden == true { output.write(" \(pad) = hidden: readers do not see this text\n") }
            if !finding.alsoMatched.isEmpty { output.write(" \(pad) = also matched: \(finding.alsoMatched.joined(separator: ", "))\n") }
            if let suggestion = finding.suggestion { output.write(" \(pad) = suggestion: \(suggestion)\n") }
        }
        if !result.findings.isEmpty {
            output.write("\(name): verdict \(result.verdict.rawValue) (score \(TextReport.number(result.score)))\n\n")
        }
    }

    public func skipped(_ input: SkippedInput) throws {
        let place = input.reason.line.map { ":\($0):\(input.reason.column ?? 1)" } ?? ""
        output.write("\(paint("\(input.path)\(place)", "1")): \(paint("skipped", "1;35")): \(input.reason.code.rawValue): \(input.reason.message)\n")
    }

    public func end(_ summary: RunSummary) throws {
        let megabytes = Double(summary.bytesScanned) / 1_000_000
        output.write("\(paint("Summary", "1")): \(summary.documentsScanned) document(s) scanned (\(TextReport.number(megabytes)) MB), \(summary.documentsSkipped) skipped\n")
        let severities = Severity.allCases.reversed().map { "\(summary.bySeverity[$0.rawValue, default: 0]) \($0.rawValue)" }
        output.write("Findings: \(summary.findings) (\(severities.joined(separator: ", ")))\n")
        let categories = (Category.builtIn.map(\.rawValue) + summary.byCategory.keys.sorted()).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        output.write("  category          findings\n")
        for category in categories {
            let padded = category.padding(toLength: 18, withPad: " ", startingAt: 0)
            output.write("  \(padded)\(summary.byCategory[category, default: 0])\n")
        }
        let verdicts = Verdict.allCases.map { "\(summary.verdicts[$0.rawValue, default: 0]) \($0.rawValue)" }
        output.write("Verdicts: \(verdicts.joined(separator: ", "))\n")
        if summary.diagnostics > 0 { output.write("Diagnostics: \(summary.diagnostics) (see notes above)\n") }
        for input in summary.skipped {
            output.write("  skipped \(input.path)\(input.line.map { ":\($0)" } ?? ""): \(input.reason.message)\n")
        }
        try output.commit()
    }

    /// A number without a trailing `.0`, and at most two decimals.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}
