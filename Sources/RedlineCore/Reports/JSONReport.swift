import Foundation

/// The JSON contract, version 1 (see README): `{"version":1,"documents":[...],"summary":{...}}`.
/// Streams one document per line inside the array; keys sorted, so output is byte-stable.
public final class JSONReport: ReportSink {
    /// One document as the contract writes it.
    public struct DocumentRecord: Codable, Equatable, Sendable {
        public var id: String
        public var path: String
        public var recordLine: Int?
        public var format: DocumentFormat
        public var score: Double
        public var verdict: Verdict
        public var findings: [Finding]
        /// Only with `--show-suppressed` (the summary always counts them).
        public var suppressed: [SuppressedFinding]?
        public var diagnostics: [Diagnostic]
    }

    /// The whole report, for readers of the contract (tests, `redline eval`).
    public struct Contract: Codable, Sendable {
        public var version: Int
        public var documents: [DocumentRecord]
        public var summary: RunSummary
    }

    private let output: ReportOutput
    private let encoder: JSONEncoder
    private var first = true
    private var showSuppressed = false

    public init(output: ReportOutput) {
        self.output = output
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    static func record(_ result: DocumentResult, showSuppressed: Bool = false) -> DocumentRecord {
        DocumentRecord(id: result.id, path: result.path, recordLine: result.recordLine, format: result.format,
                       score: result.score, verdict: result.verdict, findings: result.findings,
                       suppressed: showSuppressed ? result.suppressed : nil, diagnostics: result.diagnostics)
    }

    public func begin(_ run: RunInfo) throws {
        showSuppressed = run.showSuppressed
        output.write("{\"version\":1,\"documents\":[")
    }

    public func document(_ result: DocumentResult) throws {
        output.write(first ? "\n" : ",\n")
        first = false
        var writer = JSONRecordWriter()
        writer.write(JSONReport.record(result, showSuppressed: showSuppressed))
        output.write(bytes: writer.bytes)
    }

    public func skipped(_ input: SkippedInput) throws {}

    public func end(_ summary: RunSummary) throws {
        output.write("\n],\"summary\":")
        output.write(bytes: Array(try encoder.encode(summary)))
        output.write("}\n")
        try output.commit()
    }
}
