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
    /// When a huge document's matching is split over threads (see `SplitScan`); by default
    /// never (one job). Findings are the same either way.
    public var splitting = DocumentSplitting()
    /// Whether overlapping findings of one category are folded into one (see `FindingMerger`);
    /// off where each rule's own findings matter (rule examples).
    public var mergesOverlaps = true
    /// One prefilter per text layer some rule matches on; none without the prefilter.
    let prefilter: PerTarget<RegexSet?>
    /// The other prefilter sets a split scan needs, built on first use.
    let splitPrefilter = SplitPrefilter()

    /// With `prefilter` (the default), one Hyperscan pass per text layer finds where each
    /// rule's patterns can match and PCRE2 confirms only there; without it every pattern
    /// runs over the whole text. Findings are the same either way.
    public init(ruleSet: RuleSet, thresholds: ScoreThresholds = .default, prefilter: Bool = true) {
        self.ruleSet = ruleSet
        self.thresholds = thresholds
        self.prefilter = prefilter ? ruleSet.prefilterSets() : PerTarget()
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

    /// Scans one document: extract, normalize, match every rule (split over threads when the
    /// document is huge, see `splitting`), map hits back to the original bytes, fingerprint,
    /// set suppressed findings aside, merge overlapping findings, score.
    public func scan(_ document: Document, scratch: MatchScratch) -> DocumentResult {
        scan(document, extracted: Extractor.extract(document), scratch: scratch)
    }

    /// Scans one document whose text the caller has already extracted (`Extractor.extract`),
    /// for callers that read the text too (the diff aligns its sentences).
    public func scan(_ document: Document, extracted: ExtractedText, scratch: MatchScratch) -> DocumentResult {
        let normalized = Scanner.normalized(extracted, format: document.format, normalizer: normalizer)
        let headingStarts = extracted.headingStarts?.map { normalized.derivedOffset(of: $0, in: extracted.layer) }
        let policy = configuration.policy(forPath: document.path)
        let rules = ruleSet.rules.filter { policy.runs($0.spec) }
        let newContext = { @Sendable (prefilterHits: PerTarget<PrefilterHits?>, chunk: ChunkScope?, scratch: MatchScratch) in
            RuleContext(documentID: document.id, extracted: extracted, normalized: normalized, normalizedHeadingStarts: headingStarts,
                        scratch: scratch, prefilter: prefilter, prefilterHits: prefilterHits, chunk: chunk)
        }
        let (context, hitsByRule) = splitMatch(rules, extracted: extracted, normalized: normalized, scratch: scratch, newContext: newContext)
            ?? { let context = newContext(PerTarget(), nil, scratch); return (context, rules.map { $0.evaluate(in: context) }) }()
        let lines = LineIndex(document.bytes)
        var findings: [Finding] = []
        // The normalized text each finding matched, by rule and original range, for its fingerprint.
        var matchedText: [MatchKey: String] = [:]
        for (rule, hits) in zip(rules, hitsByRule) {
            let spec = rule.spec
            let severity = policy.severity(of: spec)
            let layer = context.text(spec.matchOn)
            for hit in hits {
                let original = layer.originalRange(of: hit.range)
                let wording = spec.wording(forMatch: context.normalizedText(of: hit.range, target: spec.matchOn), scratch: scratch)
                let message = hit.detail.map { "\(wording.message) \($0)" } ?? wording.message
                findings.append(Finding(
                    rule: spec.id, category: spec.category, severity: severity, score: spec.score,
                    message: message, suggestion: wording.suggestion, span: lines.span(original),
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
        findings = !mergesOverlaps ? (applied.kept + unused).sorted(by: Finding.inReportOrder) : FindingMerger.merge(applied.kept + unused, respan: { range in
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

extension Scanner {
    /// The hits of `rules` (by rule) matched in chunks on `splitting.jobs` threads, with the
    /// document's context (see `SplitScan`); nil when the document is not split, or when a
    /// chunk hit a regex limit (then only an unsplit scan says what the unsplit scan finds).
    /// `newContext` makes a context from prefilter hits, a chunk and a scratch.
    private func splitMatch(_ rules: [any CompiledRule], extracted: ExtractedText, normalized: TextLayer, scratch: MatchScratch,
                            newContext: @escaping @Sendable (PerTarget<PrefilterHits?>, ChunkScope?, MatchScratch) -> RuleContext)
        -> (RuleContext, [[RuleHit]])? {
        guard splitting.jobs > 1, splitting.chunkBytes > 0, normalized.bytes.count >= splitting.minimumBytes, prefilter.normalized != nil || prefilter.original != nil else { return nil }
        let count = normalized.bytes.count / splitting.chunkBytes
        let owned = PerTarget(
            normalized: SplitScan.ownedRanges(normalized.bytes, count: count, stride: splitting.chunkBytes),
            original: SplitScan.ownedRanges(extracted.layer.bytes, count: count, stride: max(extracted.layer.bytes.count / max(count, 1), 1)))
        guard owned.normalized.filter({ !$0.isEmpty }).count > 1 else { return nil }
        var prefilterHits = PerTarget<PrefilterHits?>()
        for target in MatchTarget.allCases {
            guard let set = prefilter[target] else { continue }
            guard let others = splitPrefilter.others(of: set, target: target) else { return nil }
            let hits = SplitScan.prefilterHits(set, others: others, text: target == .original ? extracted.layer.bytes : normalized.bytes,
                                               owned: owned[target], jobs: splitting.jobs)
            guard hits.complete else { return nil }
            prefilterHits[target] = hits
        }
        let allHits = prefilterHits
        let context = newContext(allHits, nil, scratch)
        let chunked = rules.indices.filter { !rules[$0].readsWholeDocument }
        let shared = SharedMatches(rules: chunked.map { rules[$0] }, isLocal: context.isLineLocal, jobs: splitting.jobs) { newContext(allHits, nil, $0) }
        let chunkResults = SplitScan.perform(count, jobs: splitting.jobs) { chunk, chunkScratch in
            let scope = ChunkScope(normalized: owned.normalized[chunk], original: owned.original[chunk], shared: shared)
            let chunkContext = newContext(allHits, scope, chunkScratch)
            return (hits: chunked.map { rules[$0].evaluate(in: chunkContext) }, limited: !chunkContext.limitHits.isEmpty)
        }
        if chunkResults.contains(where: \.limited) { return nil }
        var hitsByRule = [[RuleHit]](repeating: [], count: rules.count)
        for (position, index) in chunked.enumerated() { hitsByRule[index] = chunkResults.flatMap { $0.hits[position] } }
        for index in rules.indices where rules[index].readsWholeDocument { hitsByRule[index] = rules[index].evaluate(in: context) }
        return (context, hitsByRule)
    }
}

/// A finding before merging: its rule and original range.
private struct MatchKey: Hashable {
    var rule: String
    var range: Range<Int>
}
