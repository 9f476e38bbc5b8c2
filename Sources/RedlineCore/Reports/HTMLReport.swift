import Foundation

/// One self-contained HTML page for people: inline CSS, no scripts, no external assets, and
/// a Content-Security-Policy that forbids everything but inline styles. At the top, the run
/// summary (documents × categories, top rules, documents ranked by score, skipped inputs)
/// with links into the articles; below, each document that has findings or diagnostics,
/// shown as its original bytes with every finding highlighted by category (`<mark>`, split
/// where findings of different categories overlap), each highlight carrying rule, message,
/// suggestion and references in its tooltip and in a numbered margin note.
///
/// Findings inline comments suppressed are counted in the totals. With `--show-suppressed`
/// each article ends in a muted "Suppressed by comments" part (rule, line and column, match,
/// the comment's reason and line) that is not highlighted in the text and not counted as a
/// finding, and the summary links to those parts (a document whose findings are all
/// suppressed gets its article for them).
///
/// Every piece of article text and every attribute value is escaped, so markup inside an
/// article shows as text. The summary comes first but is known only at the end: article
/// sections go to a temporary file as documents arrive and are copied in behind the summary
/// at `end`, and so do the summary table's rows. In memory the report keeps only a tally per
/// rule and the highest-scoring documents (and, with suppressed findings listed, a name and count per
/// document that has some), so it stays small however long the run.
public final class HTMLReport: ReportSink {
    private struct RuleTally {
        var category: Category
        var severity: Severity
        var findings = 0
        var documents = 0
        /// The first highlight of this rule.
        var anchor: String
    }

    private let output: ReportOutput
    private let timestamp: Date?
    private let topRules: Int
    private let topDocuments: Int
    private let spool: SpoolFile
    /// One record per document with findings: its table row before and after the category
    /// counts (the columns are known only at the end), then each category and its count.
    private let tableRows: SpoolFile
    private var references: [String: [String]] = [:]
    /// The `topDocuments` documents with the highest scores, highest first (equal scores in
    /// scan order), with the anchor of their article.
    private var ranking: [(anchor: String, row: DocumentRow)] = []
    private var documentsWithFindings = 0
    private var tallies: [String: RuleTally] = [:]
    /// Documents with listed suppressed findings, with the anchor of their suppressed part.
    private var suppressedRows: [(anchor: String, name: String, count: Int)] = []
    private var documentNumber = 0
    private var showSuppressed = false

    /// - Parameters:
    ///   - timestamp: when the report was made, shown in its header; `nil` (the default)
    ///     keeps the output byte-for-byte reproducible.
    ///   - topRules: rules listed under "Top rules".
    ///   - topDocuments: documents listed under "Documents ranked by score".
    public init(output: ReportOutput, timestamp: Date? = nil, topRules: Int = 10, topDocuments: Int = 20) throws {
        self.output = output
        self.timestamp = timestamp
        self.topRules = topRules
        self.topDocuments = topDocuments
        spool = try SpoolFile()
        tableRows = try SpoolFile()
    }

    public func begin(_ run: RunInfo) throws {
        references = Dictionary(run.rules.map { ($0.id, $0.references) }, uniquingKeysWith: { first, _ in first })
        showSuppressed = run.showSuppressed
    }

    public func document(_ result: DocumentResult) throws {
        documentNumber += 1
        let suppressed = showSuppressed ? result.suppressed : []
        guard !result.findings.isEmpty || !result.diagnostics.isEmpty || !suppressed.isEmpty else { return }
        let anchor = "doc-\(documentNumber)"
        if !result.findings.isEmpty {
            add(DocumentRow(result), anchor: anchor)
        }
        if !suppressed.isEmpty {
            suppressedRows.append(("\(anchor)-suppressed", result.displayName, suppressed.count))
        }
        var rulesSeen: Set<String> = []
        for (index, finding) in result.findings.enumerated() {
            var tally = tallies[finding.rule] ?? RuleTally(category: finding.category, severity: finding.severity,
                                                           anchor: "\(anchor)-mark-\(index + 1)")
            tally.findings += 1
            if rulesSeen.insert(finding.rule).inserted { tally.documents += 1 }
            tallies[finding.rule] = tally
        }
        spool.write(article(result, anchor: anchor, suppressed: suppressed))
    }

    /// Spools the document's table row and keeps it if it ranks among the top documents.
    private func add(_ row: DocumentRow, anchor: String) {
        documentsWithFindings += 1
        let head = "<tr><td><a href=\"#\(anchor)\">\(escape(row.name))</a></td>"
        let tail = "<td class=\"n\">\(ReportText.number(row.score))</td><td>\(verdictBadge(row.verdict))</td></tr>\n"
        tableRows.write(record: [head, tail] + row.counts.flatMap { [$0.key, String($0.value)] })
        let position = ranking.firstIndex { $0.row.score < row.score } ?? ranking.count
        guard position < topDocuments else { return }
        ranking.insert((anchor, row), at: position)
        if ranking.count > topDocuments { ranking.removeLast() }
    }

    public func skipped(_ input: SkippedInput) throws {}

    public func end(_ summary: RunSummary) throws {
        output.write(Self.head)
        output.write("<header>\n<h1>Redline report</h1>\n")
        if let timestamp { output.write("<p class=\"generated\">Generated \(ReportText.timestamp(timestamp))</p>\n") }
        output.write(totals(summary))
        output.write(legend(summary))
        output.write("</header>\n<nav class=\"summary\">\n")
        try writeCategoryTable(summary)
        output.write(topRulesSection())
        output.write(rankingSection())
        output.write(suppressedSection())
        output.write(skippedSection(summary))
        output.write("</nav>\n<main>\n")
        try spool.drain(into: output)
        output.write("</main>\n</body>\n</html>\n")
        try output.commit()
    }

    // MARK: Summary

    private func totals(_ summary: RunSummary) -> String {
        var text = "<p class=\"totals\">\(summary.documentsScanned) document(s) scanned "
        text += "(\(ReportText.number(Double(summary.bytesScanned) / 1_000_000)) MB), \(summary.documentsSkipped) skipped; "
        text += "\(summary.findings) finding(s) (\(summary.severityTotals)); verdicts: \(summary.verdictTotals)"
        if let suppressed = summary.suppressedTotal(listed: showSuppressed) { text += "; \(escape(suppressed))" }
        if summary.diagnostics > 0 { text += "; \(summary.diagnostics) diagnostic(s)" }
        return text + ".</p>\n"
    }

    private func legend(_ summary: RunSummary) -> String {
        let items = summary.reportCategories.map { "<mark class=\"\(Self.categoryClass($0))\">\(escape($0))</mark>" }
        return "<p class=\"legend\">Highlights: \(items.joined(separator: " "))</p>\n"
    }

    private func writeCategoryTable(_ summary: RunSummary) throws {
        let categories = summary.reportCategories
        output.write("<section>\n<h2>Documents × categories</h2>\n<table>\n<thead><tr><th>Document</th>")
        output.write(categories.map { "<th>\(escape($0))</th>" }.joined() + "<th>Score</th><th>Verdict</th></tr></thead>\n<tbody>\n")
        try tableRows.forEachRecord { record in
            let counts = Dictionary(uniqueKeysWithValues: stride(from: 2, to: record.count, by: 2).map { (record[$0], record[$0 + 1]) })
            output.write(record[0] + categories.map { "<td class=\"n\">\(counts[$0, default: "0"])</td>" }.joined() + record[1])
        }
        let totals = categories.map { "<td class=\"n\">\(summary.byCategory[$0, default: 0])</td>" }.joined()
        output.write("</tbody>\n<tfoot><tr><th>All \(summary.documentsScanned) document(s)</th>\(totals)<td></td><td></td></tr></tfoot>\n</table>\n")
        let clean = summary.documentsScanned - documentsWithFindings
        if clean > 0 { output.write("<p>\(clean) document(s) without findings are not listed.</p>\n") }
        output.write("</section>\n")
    }

    private func topRulesSection() -> String {
        guard !tallies.isEmpty else { return "" }
        let top = tallies.sorted { ($1.value.findings, $0.key) < ($0.value.findings, $1.key) }.prefix(topRules)
        var html = "<section>\n<h2>Top rules</h2>\n<table>\n<thead><tr><th>Rule</th><th>Category</th><th>Severity</th><th>Findings</th><th>Documents</th></tr></thead>\n<tbody>\n"
        for (rule, tally) in top {
            html += "<tr><td><a href=\"#\(tally.anchor)\">\(escape(rule))</a></td><td>\(escape(tally.category.rawValue))</td>"
            html += "<td>\(tally.severity.rawValue)</td><td class=\"n\">\(tally.findings)</td><td class=\"n\">\(tally.documents)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private func rankingSection() -> String {
        guard documentsWithFindings > 0 else { return "" }
        var html = "<section>\n<h2>Documents ranked by score</h2>\n<ol class=\"ranking\">\n"
        for (anchor, row) in ranking {
            html += "<li><a href=\"#\(anchor)\">\(escape(row.name))</a> score \(ReportText.number(row.score)) \(verdictBadge(row.verdict))</li>\n"
        }
        html += "</ol>\n"
        if documentsWithFindings > topDocuments {
            html += "<p>\(documentsWithFindings - topDocuments) more document(s) with findings in the table above.</p>\n"
        }
        return html + "</section>\n"
    }

    private func suppressedSection() -> String {
        guard !suppressedRows.isEmpty else { return "" }
        let items = suppressedRows.map { "<li><a href=\"#\($0.anchor)\">\(escape($0.name))</a>: \($0.count)</li>\n" }
        return "<section>\n<h2>Suppressed by comments</h2>\n<ul class=\"suppressed\">\n\(items.joined())</ul>\n</section>\n"
    }

    private func skippedSection(_ summary: RunSummary) -> String {
        guard !summary.skipped.isEmpty else { return "" }
        let items = summary.skipped.map { input in
            "<li>\(escape(input.path + (input.line.map { ":\($0)" } ?? ""))): \(escape(input.reason.code.rawValue)): \(escape(input.reason.message))</li>\n"
        }
        return "<section>\n<h2>Skipped inputs</h2>\n<ul>\n\(items.joined())</ul>\n</section>\n"
    }

    // MARK: Articles

    private func article(_ result: DocumentResult, anchor: String, suppressed: [SuppressedFinding]) -> String {
        var html = "<article id=\"\(anchor)\">\n<h2><a href=\"#\(anchor)\">\(escape(result.displayName))</a> "
        html += "\(verdictBadge(result.verdict)) <span class=\"score\">score \(ReportText.number(result.score))</span></h2>\n"
        if !result.diagnostics.isEmpty {
            html += "<ul class=\"diagnostics\">\n" + result.diagnostics.map { "<li>\(escape($0.description))</li>\n" }.joined() + "</ul>\n"
        }
        html += "<div class=\"article\">\n<pre class=\"source\">\(highlighted(result, anchor: anchor))</pre>\n"
        if !result.findings.isEmpty {
            html += "<ol class=\"notes\">\n"
            for (index, finding) in result.findings.enumerated() { html += note(finding, number: index + 1, anchor: anchor) }
            html += "</ol>\n"
        }
        html += "</div>\n"
        if !suppressed.isEmpty { html += suppressedPart(suppressed, anchor: anchor) }
        return html + "</article>\n"
    }

    /// The findings comments suppressed in one article: a muted table, apart from the
    /// highlighted text and the notes.
    private func suppressedPart(_ suppressed: [SuppressedFinding], anchor: String) -> String {
        var html = "<section class=\"suppressed\" id=\"\(anchor)-suppressed\">\n"
        html += "<h3>Suppressed by comments (\(suppressed.count)) <span class=\"hint\">not counted as findings</span></h3>\n"
        html += "<table>\n<thead><tr><th>Rule</th><th>Line:col</th><th>Match</th><th>Reason</th></tr></thead>\n<tbody>\n"
        for entry in suppressed {
            let span = entry.finding.span
            html += "<tr><td><code>\(escape(entry.finding.rule))</code></td><td class=\"n\">\(span.line):\(span.column)</td>"
            html += "<td><q>\(escape(ReportText.clip(entry.finding.match)))</q></td>"
            html += "<td>\(escape(entry.reasonText)) <span class=\"hint\">(comment on line \(entry.line))</span></td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    /// The document's original text, escaped, with `<mark>`s over the findings. The text is
    /// cut at every span boundary; each piece is marked with the categories of all findings
    /// covering it, so overlapping findings never produce crossing tags. A finding's note
    /// number follows its last piece.
    private func highlighted(_ result: DocumentResult, anchor: String) -> String {
        let source = result.source
        let findings = result.findings
        let clamp = { (offset: Int) in max(0, min(offset, source.count)) }
        let boundaries = Set([0, source.count] + findings.flatMap { [clamp($0.span.start), clamp($0.span.end)] }).sorted()
        let startsAt = Dictionary(grouping: findings.indices, by: { clamp(findings[$0].span.start) })
        let endsAt = Dictionary(grouping: findings.indices, by: { clamp(findings[$0].span.end) })
        var html = ""
        var active: [Int] = []
        for (position, offset) in boundaries.enumerated() {
            let starting = startsAt[offset] ?? []
            let empty = starting.filter { clamp(findings[$0].span.end) == offset }
            let opened = starting.filter { !empty.contains($0) }
            let closing = (endsAt[offset] ?? []).filter { !empty.contains($0) }
            active.removeAll { closing.contains($0) }
            for index in closing + empty {
                if empty.contains(index) { html += "<a id=\"\(anchor)-mark-\(index + 1)\"></a>" }
                html += "<sup class=\"ref\"><a href=\"#\(anchor)-note-\(index + 1)\">\(index + 1)</a></sup>"
            }
            active += opened
            guard position + 1 < boundaries.count else { break }
            let text = escape(String(decoding: source[offset..<boundaries[position + 1]], as: UTF8.self))
            guard !active.isEmpty else {
                html += text
                continue
            }
            for index in opened.dropFirst() { html += "<a id=\"\(anchor)-mark-\(index + 1)\"></a>" }
            let categories = Set(active.map { findings[$0].category }).sorted()
            var classes = categories.map { Self.categoryClass($0.rawValue) }
            if categories.count > 1 { classes.append("overlap") }
            let id = opened.first.map { " id=\"\(anchor)-mark-\($0 + 1)\"" } ?? ""
            let title = active.sorted().map { tooltip(findings[$0]) }.joined(separator: "\n\n")
            html += "<mark class=\"\(classes.joined(separator: " "))\"\(id) title=\"\(escape(title, inAttribute: true))\">\(text)</mark>"
        }
        return html
    }

    private func tooltip(_ finding: Finding) -> String {
        var text = "\(finding.rule) (\(finding.category), \(finding.severity)): \(finding.message)"
        if let suggestion = finding.suggestion { text += "\nSuggestion: \(suggestion)" }
        let references = self.references[finding.rule] ?? []
        if !references.isEmpty { text += "\nReferences: " + references.joined(separator: " ") }
        return text
    }

    private func note(_ finding: Finding, number: Int, anchor: String) -> String {
        let span = finding.span
        var html = "<li id=\"\(anchor)-note-\(number)\" class=\"note \(Self.categoryClass(finding.category.rawValue))\">"
        html += "<a class=\"back\" href=\"#\(anchor)-mark-\(number)\">line \(span.line), column \(span.column)</a> "
        html += "<code>\(escape(finding.rule))</code> <span class=\"severity \(finding.severity.rawValue)\">\(finding.severity.rawValue)</span> "
        html += "<span class=\"category\">\(escape(finding.category.rawValue))</span>"
        html += "<p>\(escape(finding.message))</p>"
        if let suggestion = finding.suggestion { html += "<p><b>Suggestion:</b> \(escape(suggestion))</p>" }
        if !finding.alsoMatched.isEmpty { html += "<p>Also matched: \(escape(finding.alsoMatched.joined(separator: ", ")))</p>" }
        let references = self.references[finding.rule] ?? []
        if !references.isEmpty {
            html += "<p>References:</p><ul>" + references.map { "<li>\(link($0))</li>" }.joined() + "</ul>"
        }
        return html + "</li>\n"
    }

    // MARK: Pieces

    private func escape(_ text: String, inAttribute: Bool = false) -> String {
        ReportText.escapeMarkup(text, inAttribute: inAttribute)
    }

    /// A link for an http(s) reference; any other text (a `javascript:` URL included) stays text.
    private func link(_ reference: String) -> String {
        let lowered = reference.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return escape(reference) }
        return "<a href=\"\(escape(reference, inAttribute: true))\" rel=\"noreferrer\">\(escape(reference))</a>"
    }

    private func verdictBadge(_ verdict: Verdict) -> String {
        "<span class=\"verdict \(verdict.rawValue)\">\(verdict.rawValue)</span>"
    }

    /// The CSS class of a category: `cat-` and its name, reduced to letters, digits and `-`.
    static func categoryClass(_ category: String) -> String {
        "cat-" + String(category.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }

    private static let head = page(title: "Redline report", style: baseStyle + """
        article{border-top:2px solid #d0d0d5;margin-top:2em}
        .article{display:grid;grid-template-columns:minmax(0,3fr) minmax(16em,2fr);gap:1.5em}
        @media (max-width:60em){.article{grid-template-columns:minmax(0,1fr)}}

        """ + sourceStyle + """
        mark{background:#e6e6e6;border-bottom:2px solid #777;padding:0 1px}
        mark.cat-unsafe-claim{background:#ffd6d6;border-color:#c62828}
        mark.cat-illicit-sale{background:#e7d4ff;border-color:#6a1b9a}
        mark.cat-missing-caveat{background:#fff0b3;border-color:#b28704}
        mark.cat-spam-residue{background:#d3ecff;border-color:#1565c0}
        mark.overlap{background-image:repeating-linear-gradient(135deg,transparent 0 4px,rgba(0,0,0,.12) 4px 6px)}
        sup.ref a{font-size:.75em;text-decoration:none;padding:0 .15em}
        ol.notes{margin:0;padding-left:1.8em;font-size:.92em}
        li.note{margin-bottom:.9em;padding-left:.5em;border-left:4px solid #777}
        li.note.cat-unsafe-claim{border-color:#c62828}
        li.note.cat-illicit-sale{border-color:#6a1b9a}
        li.note.cat-missing-caveat{border-color:#b28704}
        li.note.cat-spam-residue{border-color:#1565c0}
        li.note p{margin:.2em 0}
        section.suppressed{margin:1em 0 0;padding:.2em 1em;border-left:4px dashed #9e9e9e;background:#f6f6f7;color:#555}
        section.suppressed h3{font-size:1em;margin:.4em 0}
        section.suppressed table{font-size:.92em}
        .hint{color:#777;font-weight:normal;font-size:.9em}

        """ + badgeStyle + """
        .score,.generated,.category{color:#555}
        :target{outline:2px solid #1565c0}

        """)

    /// The page up to `<body>`: UTF-8, a Content-Security-Policy that forbids everything but
    /// inline styles, and `style` (CSS, one rule a line). Shared with the diff's HTML report.
    static func page(title: String, style: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Redline">
        <title>\(title)</title>
        <style>
        \(style)</style>
        </head>
        <body>

        """
    }

    /// The page, the tables and the headings.
    static let baseStyle = """
        body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:80em;padding:0 1.5em 3em;color:#1d1d1f;background:#fff}
        h1{margin-bottom:.2em}
        table{border-collapse:collapse;margin:.5em 0 1em}
        th,td{border:1px solid #d0d0d5;padding:.2em .6em;text-align:left;vertical-align:top}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        thead th,tfoot th{background:#f3f3f6}

        """

    /// An article's text, as written.
    static let sourceStyle = """
        pre.source{white-space:pre-wrap;overflow-wrap:anywhere;font:14px/1.6 ui-monospace,monospace;background:#fafafa;padding:1em;border:1px solid #e4e4e8;margin:0}

        """

    /// Severity and verdict badges.
    static let badgeStyle = """
        .severity,.verdict{font-size:.8em;padding:0 .4em;border-radius:.3em;background:#eee;text-transform:uppercase}
        .severity.error,.verdict.reject{background:#c62828;color:#fff}
        .severity.warning,.verdict.review{background:#f9a825}
        .verdict.pass{background:#2e7d32;color:#fff}

        """
}
