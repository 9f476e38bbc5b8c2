import Foundation

/// The diff as one self-contained HTML page for people, with the same safety as the scan's
/// HTML report (inline CSS, no scripts, a Content-Security-Policy that forbids everything
/// but inline styles, every piece of article text and every attribute escaped). At the
/// top, the run's one-line verdict, its totals and a table of the articles that changed;
/// below, each such article with its old and new version side by side: changed sentences
/// marked (removed, added, moved), introduced findings red on the new side, resolved ones
/// green on the old side, unchanged ones underlined grey, each with its rule and message
/// in a tooltip; above the two versions, the list of introduced and resolved findings,
/// linked to their marks.
/// The verdict and the table come first but are known only at the end: articles go to a
/// temporary file as they arrive and are copied in behind them at `end`; the report keeps
/// one small row per changed article.
public final class DiffHTMLReport: DiffReportSink {
    private struct Row {
        var anchor: String
        var name: String
        var status: DocumentDiff.Status
        var counts: (introduced: Int, resolved: Int, unchanged: Int)
        var verdicts: String
    }

    /// How a finding shows on one side.
    private enum Mark: String {
        case introduced, resolved, unchanged
    }

    private let output: ReportOutput
    private let timestamp: Date?
    private let spool: SpoolFile
    private var failOn: Severity?
    private var rows: [Row] = []
    private var documentNumber = 0

    /// - Parameter timestamp: when the report was made, shown in its header; `nil` (the
    ///   default) keeps the output byte-for-byte reproducible.
    public init(output: ReportOutput, timestamp: Date? = nil) throws {
        self.output = output
        self.timestamp = timestamp
        spool = try SpoolFile()
    }

    public func begin(_ run: RunInfo) throws { failOn = run.failOn }

    public func document(_ diff: DocumentDiff) throws {
        documentNumber += 1
        let findings = diff.findings
        guard diff.status != .unchanged || !findings.introduced.isEmpty || !findings.resolved.isEmpty else { return }
        let anchor = "doc-\(documentNumber)"
        rows.append(Row(anchor: anchor, name: diff.displayName, status: diff.status,
                        counts: (findings.introduced.count, findings.resolved.count, findings.unchanged.count),
                        verdicts: verdicts(diff)))
        spool.write(article(diff, anchor: anchor))
    }

    public func end(_ summary: DiffSummary) throws {
        output.write(HTMLReport.page(title: "Redline diff", style: HTMLReport.baseStyle + HTMLReport.sourceStyle + Self.style + HTMLReport.badgeStyle))
        output.write("<header>\n<h1>Redline diff</h1>\n")
        if let timestamp { output.write("<p class=\"generated\">Generated \(ReportText.timestamp(timestamp))</p>\n") }
        output.write("<p class=\"run-verdict \(summary.failing > 0 ? "fail" : "pass")\">\(escape(summary.verdict(failOn: failOn)))</p>\n")
        let documents = DocumentDiff.Status.allCases.map { "\(summary.documents[$0.rawValue, default: 0]) \($0.rawValue)" }
        output.write("<p class=\"totals\">\(summary.documentsCompared) article(s) compared (\(documents.joined(separator: ", "))), \(summary.documentsSkipped) skipped.</p>\n")
        output.write("<p class=\"legend\">Findings: <mark class=\"f-introduced\">introduced</mark> <mark class=\"f-resolved\">resolved</mark> ")
        output.write("<mark class=\"f-unchanged\">unchanged</mark>. Sentences: <span class=\"s-removed\">removed</span> ")
        output.write("<span class=\"s-added\">added</span> <span class=\"s-moved\">moved</span>.</p>\n</header>\n<nav class=\"summary\">\n")
        output.write(table())
        if !summary.skipped.isEmpty {
            output.write("<h2>Skipped inputs</h2>\n<ul>\n")
            for input in summary.skipped { output.write("<li>\(escape(input.path)): \(escape(input.reason.message))</li>\n") }
            output.write("</ul>\n")
        }
        output.write("</nav>\n<main>\n")
        try spool.drain(into: output)
        output.write("</main>\n</body>\n</html>\n")
        try output.commit()
    }

    private func table() -> String {
        guard !rows.isEmpty else { return "<p>No article changed.</p>\n" }
        var html = "<table>\n<thead><tr><th>Article</th><th>Change</th><th>Introduced</th><th>Resolved</th><th>Unchanged</th><th>Verdict</th></tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr><td><a href=\"#\(row.anchor)\">\(escape(row.name))</a></td><td>\(row.status.rawValue)</td>"
            html += "<td class=\"n introduced\">\(row.counts.introduced)</td><td class=\"n resolved\">\(row.counts.resolved)</td>"
            html += "<td class=\"n\">\(row.counts.unchanged)</td><td>\(row.verdicts)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    // MARK: Articles

    private func article(_ diff: DocumentDiff, anchor: String) -> String {
        let findings = diff.findings
        var html = "<article id=\"\(anchor)\">\n<h2><a href=\"#\(anchor)\">\(escape(diff.displayName))</a> "
        html += "<span class=\"status\">\(diff.status.rawValue)</span> \(verdicts(diff))</h2>\n"
        html += "<p class=\"counts\"><span class=\"introduced\">\(findings.introduced.count) introduced</span>, "
        html += "<span class=\"resolved\">\(findings.resolved.count) resolved</span>, \(findings.unchanged.count) unchanged</p>\n"
        let resolved = Set(findings.resolved.map(\.fingerprint))
        let keptOld = (diff.old?.findings ?? []).filter { !resolved.contains($0.fingerprint) }
        if !findings.introduced.isEmpty || !findings.resolved.isEmpty {
            html += "<ol class=\"changes\">\n"
            for (index, finding) in findings.introduced.enumerated() { html += change(finding, .introduced, id: "\(anchor)-introduced-\(index + 1)") }
            for (index, finding) in findings.resolved.enumerated() { html += change(finding, .resolved, id: "\(anchor)-resolved-\(index + 1)") }
            html += "</ol>\n"
        }
        html += "<div class=\"sides\">\n"
        html += side("Old", diff.old, sentences: diff.text.old, marksSentences: diff.status == .modified,
                     marks: findings.resolved.map { ($0, Mark.resolved) } + keptOld.map { ($0, Mark.unchanged) }, anchor: anchor)
        html += side("New", diff.new, sentences: diff.text.new, marksSentences: diff.status == .modified,
                     marks: findings.introduced.map { ($0, Mark.introduced) } + findings.unchanged.map { ($0, Mark.unchanged) }, anchor: anchor)
        html += "</div>\n"
        return html + "</article>\n"
    }

    /// One version's original text: changed sentences in `<span>`s (when `marksSentences`:
    /// not for an added or removed article, all of whose text is new or gone), findings in `<mark>`s,
    /// cut into flat pieces (`Highlight`) so tags never cross. The first piece of each
    /// introduced or resolved finding carries the id its entry in the list links to.
    private func side(_ title: String, _ result: DocumentResult?, sentences: [TextDiff.Sentence], marksSentences: Bool,
                      marks: [(finding: Finding, mark: Mark)], anchor: String) -> String {
        guard let result else {
            return "<section class=\"side\"><h3>\(title)</h3><p class=\"absent\">Not in the \(title.lowercased()) version.</p></section>\n"
        }
        let changed = marksSentences ? sentences.filter { $0.change != .unchanged } : []
        let ranges = changed.map(\.span.range) + marks.map(\.finding.span.range)
        var ids: [Int: String] = [:]
        var counters: [Mark: Int] = [:]
        for (index, entry) in marks.enumerated() where entry.mark != .unchanged {
            counters[entry.mark, default: 0] += 1
            ids[index] = "\(anchor)-\(entry.mark.rawValue)-\(counters[entry.mark]!)"
        }
        var html = "<section class=\"side\"><h3>\(title): \(escape(result.path))</h3>\n<pre class=\"source\">"
        for piece in Highlight.pieces(count: result.source.count, ranges: ranges) {
            var text = escape(String(decoding: result.source[piece.range], as: UTF8.self))
            let covering = piece.covering.filter { $0 >= changed.count }.map { $0 - changed.count }
            if !covering.isEmpty {
                let strongest = covering.map { marks[$0].mark }.first { $0 != .unchanged } ?? .unchanged
                let id = covering.compactMap { index in ids.removeValue(forKey: index) }.map { " id=\"\($0)\"" }.first ?? ""
                let title = covering.map { tooltip(marks[$0].finding, marks[$0].mark) }.joined(separator: "\n\n")
                text = "<mark class=\"f-\(strongest.rawValue)\"\(id) title=\"\(escape(title, inAttribute: true))\">\(text)</mark>"
            }
            if let sentence = piece.covering.first(where: { $0 < changed.count }) {
                text = "<span class=\"s-\(changed[sentence].change.rawValue)\">\(text)</span>"
            }
            html += text
        }
        return html + "</pre>\n</section>\n"
    }

    private func tooltip(_ finding: Finding, _ mark: Mark) -> String {
        "\(mark.rawValue): \(finding.rule) (\(finding.category), \(finding.severity)): \(finding.message)"
    }

    private func change(_ finding: Finding, _ mark: Mark, id: String) -> String {
        var html = "<li class=\"\(mark.rawValue)\"><a href=\"#\(id)\">\(mark.rawValue), line \(finding.span.line)</a> "
        html += "<code>\(escape(finding.rule))</code> <span class=\"severity \(finding.severity.rawValue)\">\(finding.severity.rawValue)</span> "
        html += "<q>\(escape(finding.match))</q><p>\(escape(finding.message))</p>"
        if let suggestion = finding.suggestion { html += "<p><b>Suggestion:</b> \(escape(suggestion))</p>" }
        return html + "</li>\n"
    }

    /// The verdicts before and after as badges: `review → reject`.
    private func verdicts(_ diff: DocumentDiff) -> String {
        let badge = { (result: DocumentResult?) in
            result.map { "<span class=\"verdict \($0.verdict.rawValue)\">\($0.verdict.rawValue)</span>" } ?? "<span class=\"verdict\">none</span>"
        }
        return "\(badge(diff.old)) → \(badge(diff.new))"
    }

    private func escape(_ text: String, inAttribute: Bool = false) -> String {
        ReportText.escapeMarkup(text, inAttribute: inAttribute)
    }

    private static let style = """
        .run-verdict{font-weight:bold;padding:.4em .8em;border-radius:.3em;display:inline-block}
        .run-verdict.fail{background:#ffebee;color:#b71c1c;border:1px solid #c62828}
        .run-verdict.pass{background:#e8f5e9;color:#1b5e20;border:1px solid #2e7d32}
        article{border-top:2px solid #d0d0d5;margin-top:2em}
        .sides{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1em}
        @media (max-width:60em){.sides{grid-template-columns:minmax(0,1fr)}}
        .side h3{font-size:1em;margin:.5em 0}
        .s-removed{background:#fff1c2;text-decoration:line-through;text-decoration-color:rgba(0,0,0,.4)}
        .s-added{background:#dcecff}
        .s-moved{background:#ececec}
        mark{background:none;padding:0 1px;border-bottom:2px solid #9e9e9e}
        mark.f-introduced{background:#ffc9c9;border-color:#c62828}
        mark.f-resolved{background:#c6efc6;border-color:#2e7d32}
        mark.f-unchanged{border-bottom-style:dotted}
        .counts .introduced,td.introduced{color:#c62828;font-weight:bold}
        .counts .resolved,td.resolved{color:#2e7d32;font-weight:bold}
        ol.changes{font-size:.92em}
        ol.changes li{margin:.6em 0;padding-left:.5em;border-left:4px solid #777}
        ol.changes li.introduced{border-color:#c62828}
        ol.changes li.resolved{border-color:#2e7d32}
        ol.changes p{margin:.2em 0}
        .status,.generated,.absent{color:#555}
        :target{outline:2px solid #1565c0}

        """
}
