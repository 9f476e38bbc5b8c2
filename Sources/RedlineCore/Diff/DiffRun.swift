/// Drives one diff: each pair of versions from a pairing is extracted once, scanned, and
/// compared (findings by fingerprint, text by sentence), then pushed into every sink.
public enum DiffRun {
    /// Compares everything `pairs` (usually `DocumentPairs`) yields. Returns the summary also
    /// handed to the sinks; its `failing` counts introduced findings at or above `failOn` (or
    /// the fail-on of the article's path in the scanner's configuration).
    public static func run(pairs: some Sequence<DiffItem>, scanner: Scanner, sinks: [any DiffReportSink], failOn: Severity?) throws -> DiffSummary {
        let info = RunInfo(rules: scanner.ruleSet.specs, failOn: failOn, thresholds: scanner.thresholds)
        for sink in sinks { try sink.begin(info) }
        var summary = DiffSummary()
        let scratch = MatchScratch()
        let scan = { (document: Document?) -> (DocumentResult?, [TextDiff.Sentence]) in
            guard let document else { return (nil, []) }
            let extracted = Extractor.extract(document)
            return (scanner.scan(document, extracted: extracted, scratch: scratch),
                    TextDiff.sentences(of: extracted, source: document.bytes))
        }
        for item in pairs {
            switch item {
            case .pair(let pair):
                let (new, newSentences) = scan(pair.new)
                let (old, oldSentences) = sameScan(pair, scanner: scanner)
                    ? (new.map { relabeled($0, as: pair.old!) }, newSentences) : scan(pair.old)
                let diff = DocumentDiff(old: old, new: new, oldSentences: oldSentences, newSentences: newSentences)
                summary.add(diff, failOn: scanner.configuration.failOn(forPath: diff.path, fallback: failOn))
                for sink in sinks { try sink.document(diff) }
            case .skipped(let input):
                summary.add(input)
            }
        }
        for sink in sinks { try sink.end(summary) }
        return summary
    }

    /// Whether both versions exist and would scan alike: the same bytes and format, and the
    /// same configuration for both paths. The old version's scan is then the new one's.
    private static func sameScan(_ pair: DocumentPair, scanner: Scanner) -> Bool {
        guard let old = pair.old, let new = pair.new, old.bytes == new.bytes, old.format == new.format else { return false }
        return scanner.configuration.policy(forPath: old.path) == scanner.configuration.policy(forPath: new.path)
    }

    /// `result` as the scan of `document`, a copy of its document under another path.
    private static func relabeled(_ result: DocumentResult, as document: Document) -> DocumentResult {
        var result = result
        result.id = document.id
        result.path = document.path
        return result
    }
}
