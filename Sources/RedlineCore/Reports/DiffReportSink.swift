/// Totals of a diff run: every input accounted for, articles by what happened to them, and
/// findings introduced, resolved and unchanged.
public struct DiffSummary: Sendable, Codable, Equatable {
    /// Articles compared (pairs, and articles only one side has).
    public var documentsCompared = 0
    public var documentsSkipped = 0
    /// Articles by `DocumentDiff.Status`: added, removed, modified, unchanged.
    public var documents: [String: Int] = [:]
    public var introduced = 0
    public var resolved = 0
    public var unchanged = 0
    /// Introduced findings by severity.
    public var introducedBySeverity: [String: Int] = [:]
    /// Introduced findings at or above the fail-on severity; resolved and unchanged ones never fail a run.
    public var failing = 0
    /// Every input that was not compared, with its reason.
    public var skipped: [SkippedInput] = []

    public init() {}

    /// Counts one compared article.
    public mutating func add(_ diff: DocumentDiff, failOn: Severity?) {
        documentsCompared += 1
        documents[diff.status.rawValue, default: 0] += 1
        introduced += diff.findings.introduced.count
        resolved += diff.findings.resolved.count
        unchanged += diff.findings.unchanged.count
        for finding in diff.findings.introduced {
            introducedBySeverity[finding.severity.rawValue, default: 0] += 1
            if let failOn, finding.severity >= failOn { failing += 1 }
        }
    }

    /// Counts one input that could not be compared.
    public mutating func add(_ skipped: SkippedInput) {
        documentsSkipped += 1
        self.skipped.append(skipped)
    }

    /// The one-line verdict of a run: whether it fails, and why.
    public func verdict(failOn: Severity?) -> String {
        let threshold = failOn.map { "at or above \($0.rawValue)" } ?? "(no fail-on severity)"
        let counts = "\(introduced) introduced, \(resolved) resolved, \(unchanged) unchanged"
        return failing > 0
            ? "FAIL: \(failing) introduced finding(s) \(threshold) (\(counts))."
            : "PASS: no introduced finding \(threshold) (\(counts))."
    }
}

/// A diff report format: `DiffRun` pushes each compared article in as it is done, like
/// `ReportSink` for scans. Sinks stream and hold no run-wide list of articles unless their
/// format demands it (and then say so).
public protocol DiffReportSink: AnyObject {
    func begin(_ run: RunInfo) throws
    func document(_ diff: DocumentDiff) throws
    /// Writes the closing part (the summary, skipped inputs) and commits the output.
    func end(_ summary: DiffSummary) throws
}
