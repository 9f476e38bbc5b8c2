import Foundation

/// The diff's JSON contract, version 1 (see README, "Diff JSON contract"):
/// `{"version":1,"documents":[...],"summary":{...}}`, one compared article per line inside
/// the array; keys sorted, so output is byte-stable. Findings are written as in the scan
/// contract, fingerprint included.
public final class DiffJSONReport: DiffReportSink {
    /// One side of an article: its path, score and verdict.
    public struct Version: Codable, Equatable, Sendable {
        public var path: String
        public var score: Double
        public var verdict: Verdict
    }

    /// A sentence the diff shows (see `DocumentDiff.shownLines`), with the fingerprints of
    /// the findings introduced or resolved on it.
    public struct SentenceRecord: Codable, Equatable, Sendable {
        public var change: TextDiff.Change
        /// The sentence in the old version (absent for an added sentence).
        public var old: Span?
        /// The sentence in the new version (absent for a removed sentence).
        public var new: Span?
        public var text: String
        public var introduced: [String]
        public var resolved: [String]
    }

    /// One compared article as the contract writes it.
    public struct DocumentRecord: Codable, Equatable, Sendable {
        public var path: String
        public var status: DocumentDiff.Status
        public var old: Version?
        public var new: Version?
        /// Spans in the new version.
        public var introduced: [Finding]
        /// Spans in the old version.
        public var resolved: [Finding]
        /// Spans in the new version.
        public var unchanged: [Finding]
        public var sentences: [SentenceRecord]
        /// Diagnostics of the new version (of the old one for a removed article).
        public var diagnostics: [Diagnostic]
    }

    /// The whole report, for readers of the contract.
    public struct Contract: Codable, Sendable {
        public var version: Int
        public var documents: [DocumentRecord]
        public var summary: DiffSummary
    }

    private let output: ReportOutput
    private let encoder: JSONEncoder
    private var first = true

    public init(output: ReportOutput) {
        self.output = output
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    static func record(_ diff: DocumentDiff) -> DocumentRecord {
        let version = { (result: DocumentResult?) in result.map { Version(path: $0.path, score: $0.score, verdict: $0.verdict) } }
        let sentences = diff.shownLines.map { line in
            let sentence = diff.sentence(line)
            return SentenceRecord(change: sentence.change, old: line.old.map { diff.text.old[$0].span },
                                  new: line.new.map { diff.text.new[$0].span }, text: sentence.text,
                                  introduced: diff.findings(onNew: line.new).map(\.fingerprint),
                                  resolved: diff.findings(onOld: line.old).map(\.fingerprint))
        }
        return DocumentRecord(path: diff.path, status: diff.status, old: version(diff.old), new: version(diff.new),
                              introduced: diff.findings.introduced, resolved: diff.findings.resolved,
                              unchanged: diff.findings.unchanged, sentences: sentences,
                              diagnostics: (diff.new ?? diff.old)?.diagnostics ?? [])
    }

    public func begin(_ run: RunInfo) throws { output.write("{\"version\":1,\"documents\":[") }

    public func document(_ diff: DocumentDiff) throws {
        output.write(first ? "\n" : ",\n")
        first = false
        output.write(bytes: Array(try encoder.encode(Self.record(diff))))
    }

    public func end(_ summary: DiffSummary) throws {
        output.write("\n],\"summary\":")
        output.write(bytes: Array(try encoder.encode(summary)))
        output.write("}\n")
        try output.commit()
    }
}
