/// Drives one scan: documents from a source through the scanner into every sink, counting
/// each input (scanned or skipped) in the summary.
public enum ScanRun {
    /// Scans everything `source` (usually a `DocumentSource`) yields. Returns the summary also
    /// handed to the sinks. A document's findings fail at `failOn`, or at its path's override
    /// in the scanner's configuration. Findings `baseline` knows are left out and counted as `baselined`;
    /// with `showSuppressed`, sinks list suppressed findings too.
    public static func run(source: some Sequence<InputItem>, scanner: Scanner, sinks: [any ReportSink], failOn: Severity?,
                           baseline: Baseline? = nil, showSuppressed: Bool = false) throws -> RunSummary {
        let info = RunInfo(rules: scanner.ruleSet.specs, failOn: failOn, thresholds: scanner.thresholds, showSuppressed: showSuppressed)
        for sink in sinks { try sink.begin(info) }
        var summary = RunSummary()
        let scratch = MatchScratch()
        for item in source {
            switch item {
            case .document(let document):
                var result = scanner.scan(document, scratch: scratch)
                result.failOn = scanner.configuration.failOn(forPath: document.path, fallback: failOn)
                summary.baselined += baseline?.removeKnown(from: &result) ?? 0
                summary.add(result, failOn: result.failOn)
                for sink in sinks { try sink.document(result) }
            case .skipped(let input):
                summary.add(input)
                for sink in sinks { try sink.skipped(input) }
            }
        }
        for sink in sinks { try sink.end(summary) }
        return summary
    }
}
