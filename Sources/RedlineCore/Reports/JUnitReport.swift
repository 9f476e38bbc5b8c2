import Foundation

/// JUnit XML for CI test views: one `<testsuite>` per document (its counts computed from that
/// document alone), one `<testcase>` per active rule, and a `<failure>` per finding at or
/// above `--fail-on` (none when nothing fails the run). Findings below the threshold are
/// listed in their test case's `<system-out>`, diagnostics in the suite's `<system-err>`.
/// A skipped input becomes a suite with one skipped test case, so every input is there.
/// The run totals belong on the `<testsuites>` root, before the suites: the suites are
/// written to a temporary file as documents arrive and copied in behind the root at `end`.
public final class JUnitReport: ReportSink {
    private let output: ReportOutput
    private let timestamp: Date?
    private let spool: SpoolFile
    private var rules: [RuleSpec] = []
    private var totals = (tests: 0, failures: 0, skipped: 0)

    /// - Parameter timestamp: the run's start, written on each suite; `nil` (the default)
    ///   keeps the output byte-for-byte reproducible.
    public init(output: ReportOutput, timestamp: Date? = nil) throws {
        self.output = output
        self.timestamp = timestamp
        spool = try SpoolFile()
    }

    public func begin(_ run: RunInfo) throws {
        rules = run.rules
    }

    public func document(_ result: DocumentResult) throws {
        let name = result.displayName
        let byRule = Dictionary(grouping: result.findings, by: \.rule)
        let failing = result.findings.filter { fails($0, in: result) }.count
        totals.tests += rules.count
        totals.failures += failing
        var xml = "  <testsuite name=\(attribute(name)) tests=\"\(rules.count)\" failures=\"\(failing)\" errors=\"0\" skipped=\"0\"\(timestampAttribute)>\n"
        xml += "    <properties>\n"
        xml += "      <property name=\"verdict\" value=\"\(result.verdict.rawValue)\"/>\n"
        xml += "      <property name=\"score\" value=\"\(ReportText.number(result.score))\"/>\n"
        xml += "    </properties>\n"
        for rule in rules {
            let findings = byRule[rule.id] ?? []
            let opening = "    <testcase classname=\(attribute(name)) name=\(attribute(rule.id)) file=\(attribute(result.path))"
            guard !findings.isEmpty else {
                xml += opening + "/>\n"
                continue
            }
            xml += opening + ">\n"
            var notes: [String] = []
            for finding in findings {
                let text = describe(finding, in: result)
                if fails(finding, in: result) {
                    let message = "line \(finding.span.line), column \(finding.span.column): \(finding.message)"
                    xml += "      <failure message=\(attribute(message)) type=\"\(finding.severity.rawValue)\">\(ReportText.escapeMarkup(text))</failure>\n"
                } else {
                    notes.append(text)
                }
            }
            if !notes.isEmpty { xml += "      <system-out>\(ReportText.escapeMarkup(notes.joined(separator: "\n")))</system-out>\n" }
            xml += "    </testcase>\n"
        }
        if !result.diagnostics.isEmpty {
            let lines = result.diagnostics.map { "\(name): \($0)" }.joined(separator: "\n")
            xml += "    <system-err>\(ReportText.escapeMarkup(lines))</system-err>\n"
        }
        xml += "  </testsuite>\n"
        spool.write(xml)
    }

    public func skipped(_ input: SkippedInput) throws {
        totals.tests += 1
        totals.skipped += 1
        let name = input.line.map { "\(input.path):\($0)" } ?? input.path
        let message = "\(input.reason.code.rawValue): \(input.reason.message)"
        spool.write("""
              <testsuite name=\(attribute(name)) tests="1" failures="0" errors="0" skipped="1"\(timestampAttribute)>
                <testcase classname=\(attribute(name)) name="read" file=\(attribute(input.path))>
                  <skipped message=\(attribute(message))/>
                </testcase>
              </testsuite>

            """)
    }

    public func end(_ summary: RunSummary) throws {
        output.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        output.write("<testsuites name=\"redline\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"0\" skipped=\"\(totals.skipped)\">\n")
        try spool.drain(into: output)
        output.write("</testsuites>\n")
        try output.commit()
    }

    private func fails(_ finding: Finding, in result: DocumentResult) -> Bool {
        result.failOn.map { finding.severity >= $0 } ?? false
    }

    private var timestampAttribute: String {
        timestamp.map { " timestamp=\"\(ReportText.timestamp($0))\"" } ?? ""
    }

    /// A quoted, escaped attribute value.
    private func attribute(_ value: String) -> String { "\"\(ReportText.escapeMarkup(value, inAttribute: true))\"" }

    /// A finding as a CI log shows it: location, rule, message, the source line, the advice.
    private func describe(_ finding: Finding, in result: DocumentResult) -> String {
        let span = finding.span
        let excerpt = SourceExcerpt(source: result.source, span: span)
        var lines = [
            "\(result.displayName):\(span.line):\(span.column): \(finding.severity.rawValue) [\(finding.rule)] \(finding.message)",
            "  \(excerpt.lineNumber) | \(excerpt.text)",
            "  matched: \(finding.match)",
        ]
        if let suggestion = finding.suggestion { lines.append("  suggestion: \(suggestion)") }
        return lines.joined(separator: "\n")
    }
}
