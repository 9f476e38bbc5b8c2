/// Writes a baseline (see `Baseline`) of every finding of the run, for
/// `redline scan --write-baseline FILE`. It keeps one small entry per finding until the end,
/// then writes the file atomically.
public final class BaselineReport: ReportSink {
    private let output: ReportOutput
    private var baseline = Baseline()

    public init(output: ReportOutput) {
        self.output = output
    }

    public func begin(_ run: RunInfo) throws {}

    public func document(_ result: DocumentResult) throws { baseline.add(result) }

    public func skipped(_ input: SkippedInput) throws {}

    public func end(_ summary: RunSummary) throws {
        output.write(bytes: try baseline.encoded())
        try output.commit()
    }
}
