import Foundation
import XCTest
@testable import RedlineCore

/// The JSON report writes document records by hand: the bytes must be those `JSONEncoder`
/// (`.sortedKeys`, `.withoutEscapingSlashes`) writes for the same record.
final class JSONRecordWriterTests: XCTestCase {
    private func assertSameBytes(_ record: JSONReport.DocumentRecord, file: StaticString = #filePath, line: UInt = #line) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var writer = JSONRecordWriter()
        writer.write(record)
        let expected = Array(try encoder.encode(record))
        XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), String(decoding: expected, as: UTF8.self), file: file, line: line)
        XCTAssertEqual(writer.bytes, expected, file: file, line: line)
    }

    private func finding(_ match: String, score: Double, hidden: Bool = false, suggestion: String? = nil, also: [String] = []) -> Finding {
        var finding = Finding(rule: "pack/rule-\(match.count)", category: .illicitSale, severity: .warning, score: score,
                              message: "Message with \"quotes\", a / slash and a \\ backslash.", suggestion: suggestion,
                              span: Span(start: 12, end: 345, line: 1, column: 10, endLine: 22, endColumn: 7),
                              match: match, alsoMatched: also, hidden: hidden, fingerprint: "0123456789abcdef:2")
        finding.alsoMatchedFingerprints = also.map { "\($0):1" }
        return finding
    }

    func testEveryFieldAndEscapeAsJSONEncoderWritesThem() throws {
        let controls = String(decoding: (1..<0x20).map { UInt8($0) } + [0x7F], as: UTF8.self)
        let texts = ["plain", "", "nul\u{0}byte", "tab\there\nnew\r\u{08}\u{0C}", controls, "http://x.example/a/b", "é ü 日本 🚀 \u{2028}\u{200B}",
                     "\"quoted\" \\ back", "&lt;tag&gt; <b>"]
        let scores: [Double] = [0, 1, 1.5, 0.1 + 0.2, 2.75, 10, 100.125, 1234567.5, 3.3333333333333335, 1e-7]
        var findings: [Finding] = []
        for (index, text) in texts.enumerated() {
            findings.append(finding(text, score: scores[index % scores.count], hidden: index % 2 == 0,
                                    suggestion: index % 3 == 0 ? nil : "Say \(text)", also: index % 2 == 1 ? ["a/b", text] : []))
        }
        for score in scores {
            findings.append(finding("s", score: score))
        }
        let diagnostics = [
            Diagnostic(code: .invalidUTF8, message: "bad \u{01} bytes \"here\""),
            Diagnostic(code: .regexLimit, message: "limit", line: 3, column: 9, rule: "pack/x"),
            Diagnostic(code: .malformedMarkup, message: "m", line: 4),
        ]
        let suppressed = [
            SuppressedFinding(finding: finding("sup", score: 1), line: 7, directive: "redline-disable x -- why", reason: "why"),
            SuppressedFinding(finding: finding("sup2", score: 2.5), line: 8, directive: "redline-disable-next-line", reason: nil),
        ]
        for score in scores {
            for recordLine in [nil, 1, 123456] as [Int?] {
                try assertSameBytes(JSONReport.DocumentRecord(
                    id: "doc/\(score)\t\"id\"", path: "a/b/c.jsonl", recordLine: recordLine, format: .markdown, score: score,
                    verdict: .review, findings: findings, suppressed: recordLine == 1 ? suppressed : (recordLine == nil ? nil : []),
                    diagnostics: recordLine == nil ? [] : diagnostics))
            }
        }
        try assertSameBytes(JSONReport.DocumentRecord(id: "", path: "", recordLine: nil, format: .plain, score: 0, verdict: .pass,
                                                      findings: [], suppressed: nil, diagnostics: []))
    }

    /// Every document of the corpus, with suppressed findings shown.
    func testCorpusRecordsAsJSONEncoderWritesThem() throws {
        let scanner = Scanner(ruleSet: defaultRuleSet)
        let scratch = MatchScratch()
        var count = 0
        for case .document(let document) in DocumentSource(paths: [packageRoot.appendingPathComponent("Corpus").path]) {
            let result = scanner.scan(document, scratch: scratch)
            try assertSameBytes(JSONReport.record(result, showSuppressed: true))
            count += 1
        }
        XCTAssertGreaterThan(count, 10)
    }
}
