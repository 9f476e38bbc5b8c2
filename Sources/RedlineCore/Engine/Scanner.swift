/// The outcome of scanning one document: findings in original-byte spans, diagnostics,
/// score and verdict. This is what the scanner hands to report sinks.
public struct DocumentResult: Sendable {
    public var id: String
    public var path: String
    /// For a JSONL record, its line in `path`.
    public var recordLine: Int?
    public var format: DocumentFormat
    /// Size of the original input in bytes.
    public var byteCount: Int
    /// Sorted by span start.
    public var findings: [Finding]
    /// Findings inline comments turned off (see `Suppressions`), in report order.
    public var suppressed: [SuppressedFinding] = []
    /// Findings at or above this severity fail the run: the run's `--fail-on`, or the
    /// configuration's override for this document's path. Set by `ScanRun`.
    public var failOn: Severity?
    public var diagnostics: [Diagnostic]
    /// Sum of the scores of the rules that fired (each rule counts once).
    public var score: Double
    public var verdict: Verdict
    /// The original bytes, kept so sinks can show source lines; never serialized whole.
    public var source: [UInt8]
}

/// Runs compiled rules on documents. Immutable and `Sendable`: share one scanner across
/// threads, give each thread its own `MatchScratch`.
public struct Scanner: Sendable {
    public let ruleSet: RuleSet
    public var thresholds: ScoreThresholds
    /// Per-path rule selections and severities (see `Configuration`).
    public var configuration = Configuration()
    /// De-obfuscates the text that rules with `match_on: normalized` (the default) read.
    public var normalizer = Normalizer()
    /// One prefilter per text layer some rule matches on; empty without the prefilter.
    let prefilter: [MatchTarget: RegexSet]

    /// With `prefilter` (the default), one Hyperscan pass per text layer finds where each
    /// rule's patterns can match and PCRE2 confirms only there; without it every pattern
    /// runs over the whole text. Findings are the same either way.
    public init(ruleSet: RuleSet, thresholds: ScoreThresholds = .default, prefilter: Bool = true) {
        self.ruleSet = ruleSet
        self.thresholds = thresholds
        self.prefilter = prefilter ? ruleSet.prefilterSets() : [:]
    }

    /// A scanner for `ruleSet` (usually `configuration.select(...)`) with the
    /// configuration's thresholds and per-path settings.
    public init(ruleSet: RuleSet, configuration: Configuration, prefilter: Bool = true) {
        self.init(ruleSet: ruleSet, thresholds: configuration.thresholds.value, prefilter: prefilter)
        self.configuration = configuration
    }

    /// The two texts rules read: the extracted text (`match_on: original`) and its de-obfuscated form.
    public static func textLayers(of document: Document, normalizer: Normalizer = Normalizer()) -> (extracted: ExtractedText, normalized: TextLayer) {
        let extracted = Extractor.extract(document)
        return (extracted, normalized(extracted, format: document.format, normalizer: normalizer))
    }

    /// The de-obfuscated form of `extracted`, the text of a document of `format`.
    static func normalized(_ extracted: ExtractedText, format: DocumentFormat, normalizer: Normalizer) -> TextLayer {
        var normalizer = normalizer
        // The HTML extractor has decoded character references already; decoding twice would turn "&amp;lt;" into "<".
        if format == .html { normalizer.steps.remove(.characterReferences) }
        return normalizer.normalize(extracted.layer)
    }

    /// Scans one document: extract, normalize, match every rule, map hits back to the
    /// original bytes, fingerprint, set suppressed findings aside, merge overlapping
    /// findings, score.
    public func scan(_ document: Document, scratch: MatchScratch) -> DocumentResult {
        scan(document, extracted: Extractor.extract(document), scratch: scratch)
    }

    /// Scans one document whose text the caller has already extracted (`Extractor.extract`),
    /// for callers that read the text too (the diff aligns its sentences).
    public func scan(_ document: Document, extracted: ExtractedText, scratch: MatchScratch) -> DocumentResult {
        let normalized = Scanner.normalized(extracted, format: document.format, normalizer: normalizer)
        let headingStarts = extracted.headingStarts?.map { normalized.derivedOffset(of: $0, in: extracted.layer) }
        let context = RuleContext(documentID: document.id, extracted: extracted, normalized: normalized,
                                  normalizedHeadingStarts: headingStarts, scratch: scratch, prefilter: prefilter)
        let lines = LineIndex(document.bytes)
        var findings: [Finding] = []
        // The normalized text each finding matched, by rule and original range, for its fingerprint.
        var matchedText: [MatchKey: String] = [:]
        let policy = configuration.policy(forPath: document.path)
        for rule in ruleSet.rules {
            let spec = rule.spec
            guard policy.runs(spec) else { continue }
            let severity = policy.severity(of: spec)
            let layer = context.text(spec.matchOn)
            for hit in rule.evaluate(in: context) {
                let original = layer.originalRange(of: hit.range)
                let message = hit.detail.map { "\(spec.message) \($0)" } ?? spec.message
                findings.append(Finding(
                    rule: spec.id, category: spec.category, severity: severity, score: spec.score,
                    message: message, suggestion: spec.suggestion, span: lines.span(original),
                    match: String(decoding: document.bytes[original], as: UTF8.self), hidden: context.overlapsHidden(original)))
                matchedText[MatchKey(rule: spec.id, range: original)] = context.normalizedText(of: hit.range, target: spec.matchOn)
            }
        }
        findings.sort(by: Finding.inReportOrder)
        Fingerprint.assign(to: &findings) { matchedText[MatchKey(rule: $0.rule, range: $0.span.range)] ?? $0.match }
        let suppressions = Suppressions(comments: extracted.comments, source: document.bytes, lines: lines)
        let applied = suppressions.apply(to: findings) { Set(ruleSet.specs.flatMap(\.selectorNames)) }
        var unused = applied.unused
        Fingerprint.assign(to: &unused) { $0.match }
        findings = FindingMerger.merge(applied.kept + unused, respan: { range in
            (lines.span(range), String(decoding: document.bytes[range], as: UTF8.self))
        }, sentence: { offset in
            // Sentences of the text as written, in original bytes; split only where asked.
            context.originalSentence(atOrAfter: offset)
        })
        var diagnostics = document.diagnostics + extracted.diagnostics
        for limit in context.limitHits {
            let original = context.text(limit.target).originalRange(of: limit.offset..<limit.offset).lowerBound
            let place = lines.location(of: original)
            diagnostics.append(Diagnostic(
                code: .regexLimit,
                message: "rule \(limit.rule) stopped in document \(document.id) at byte \(original): \(limit.message); its remaining matches in this document were skipped",
                line: place.line, column: place.column, rule: limit.rule))
        }
        // Like SpamAssassin, a rule adds its score once per document, however often it fires.
        let score = Dictionary(findings.map { ($0.rule, $0.score) }, uniquingKeysWith: { first, _ in first }).values.reduce(0, +)
        return DocumentResult(id: document.id, path: document.path, recordLine: document.recordLine, format: document.format,
                              byteCount: document.bytes.count, findings: findings, suppressed: applied.suppressed, diagnostics: diagnostics,
                              score: score, verdict: thresholds.verdict(for: score), source: document.bytes)
    }
}

/// A finding before merging: its rule and original range.
private struct MatchKey: Hashable {
    var rule: String
    var range: Range<Int>
}
