import Foundation
import XCTest

final class ScanCommandTests: XCTestCase {
    private let catastrophicPack = """
    name: slow
    version: 1
    description: a rule written to backtrack catastrophically
    rules:
      - id: slow/backtrack
        kind: pattern
        category: spam-residue
        severity: warning
        score: 1
        message: Nested quantifiers.
        patterns: ['(?:a+)+$']
        examples:
          match: ["aaa"]
          no_match: ["b"]
    """

    /// A temporary directory holding one pack whose single rule flags the word "safe".
    private func directoryWithSafeWordPack() throws -> URL {
        let directory = try makeTemporaryDirectory(self)
        try catastrophicPack.replacingOccurrences(of: "(?:a+)+$", with: "\\bsafe\\b")
            .write(to: directory.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    func testBrokenPackExitsTwoNamingFileLineAndColumnForEveryProblem() throws {
        let directory = try makeTemporaryDirectory(self)
        let pack = """
        name: bad
        version: 1
        description: broken on purpose
        rules:
          - id: bad/regex
            kind: pattern
            category: unsafe-claim
            severity: error
            score: 1
            message: m
            patterns: ['(unclosed']
            examples: {match: ["x"], no_match: ["y"]}
          - id: bad/regex
            kind: pattern
            category: unsafe-claim
            severity: error
            score: 1
            message: m
            colour: red
            patterns: ['ok']
            examples: {match: ["x"], no_match: ["y"]}
        """
        try pack.write(to: directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        try "text".write(to: directory.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let outcome = try redline(["scan", "--no-default-rules", "--rules", directory.path, directory.appendingPathComponent("a.txt").path])
        XCTAssertEqual(outcome.status, 2)
        let file = directory.appendingPathComponent("bad.yaml").path
        XCTAssertTrue(outcome.stderr.contains("\(file):19:5: error: unknown key 'colour'"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("\(file):13:5: error: duplicate rule id 'bad/regex'"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("\(file):11:16: error: rule 'bad/regex': pattern does not compile: missing closing parenthesis"), outcome.stderr)
    }

    func testCatastrophicRuleFinishesWithADiagnosticInsteadOfHanging() throws {
        let directory = try makeTemporaryDirectory(self)
        try catastrophicPack.write(to: directory.appendingPathComponent("slow.yaml"), atomically: true, encoding: .utf8)
        let article = directory.appendingPathComponent("a.txt")
        // The final "a" gives the prefilter a candidate on the same line, so PCRE2 runs from
        // the line's start (the pattern's width is unbounded) and backtracks into its limit.
        try (String(repeating: "a", count: 5000) + "!a\n").write(to: article, atomically: true, encoding: .utf8)
        let outcome = try redline(["scan", "--no-default-rules", "--rules", directory.path, "--format", "json", article.path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let report = try decodeContract(outcome.stdout)
        let diagnostic = try XCTUnwrap(report.documents.first?.diagnostics.first)
        XCTAssertEqual(diagnostic.code, "regex-limit")
        XCTAssertEqual(diagnostic.rule, "slow/backtrack")
        XCTAssertTrue(diagnostic.message.contains(article.path), diagnostic.message)
        XCTAssertTrue(diagnostic.message.contains("at byte 0"), diagnostic.message)
    }

    func testJSONLRecordsAreScannedAndBadLinesAccountedFor() throws {
        let directory = try directoryWithSafeWordPack()
        let jsonl = directory.appendingPathComponent("batch.jsonl")
        try """
        {"id": "one", "text": "Caf\\u00e9 owners say it is safe."}
        {"id": "two", "text": broken}
        {"id": "three", "text": "Nothing here."}
        """.write(to: jsonl, atomically: true, encoding: .utf8)
        let outcome = try redline(["scan", "--no-default-rules", "--rules", directory.path, "--format", "json", jsonl.path])
        XCTAssertEqual(outcome.status, 0)
        let report = try decodeContract(outcome.stdout)
        XCTAssertEqual(report.documents.map(\.id), ["one", "three"])
        XCTAssertEqual(report.summary.documentsScanned, 2)
        XCTAssertEqual(report.summary.documentsSkipped, 1)
        let finding = try XCTUnwrap(report.documents.first?.findings.first)
        // Offsets index the decoded text: "Café owners say it is " is 23 bytes (é is 2).
        XCTAssertEqual(finding.span.start, 23)
        XCTAssertEqual(finding.span.column, 23)
        XCTAssertEqual(finding.match, "safe")
        let text = try redline(["scan", "--no-default-rules", "--rules", directory.path, jsonl.path])
        XCTAssertTrue(text.stdout.contains("\(jsonl.path):2:23: skipped: bad-record: field \"text\" must be a string"), text.stdout)
    }

    func testStandardInputInvalidUTF8AndBinaryFilesAreHandled() throws {
        let directory = try directoryWithSafeWordPack()
        var bytes = Data("Bad \u{FF} byte, but ".utf8)
        bytes[4] = 0xFF
        bytes.append(Data("safe.".utf8))
        let outcome = try redline(["scan", "--no-default-rules", "--rules", directory.path, "--format", "json", "-"], input: bytes)
        XCTAssertEqual(outcome.status, 0)
        let document = try XCTUnwrap(decodeContract(outcome.stdout).documents.first)
        XCTAssertEqual(document.id, "-")
        XCTAssertEqual(document.diagnostics.map(\.code), ["invalid-utf8"])
        let finding = try XCTUnwrap(document.findings.first)
        XCTAssertEqual(Array(bytes)[finding.span.start..<finding.span.end], Array("safe".utf8)[...])

        let binary = directory.appendingPathComponent("blob.txt")
        try Data([0x73, 0x61, 0x66, 0x65, 0x00]).write(to: binary)
        let skipped = try redline(["scan", "--no-default-rules", "--rules", directory.path, binary.path])
        XCTAssertEqual(skipped.status, 0)
        XCTAssertTrue(skipped.stdout.contains("\(binary.path):1:5: skipped: binary-input"), skipped.stdout)
        XCTAssertTrue(skipped.stdout.contains("0 document(s) scanned (0 MB), 1 skipped"), skipped.stdout)
    }

    func testFailOnDecidesTheExitCodeAndUsageErrorsExitTwo() throws {
        let directory = try directoryWithSafeWordPack()
        let article = directory.appendingPathComponent("a.md")
        try "It is safe.".write(to: article, atomically: true, encoding: .utf8)
        let base = ["scan", "--no-default-rules", "--rules", directory.path, article.path]
        XCTAssertEqual(try redline(base).status, 0, "a warning does not fail at the default --fail-on error")
        XCTAssertEqual(try redline(base + ["--fail-on", "warning"]).status, 1)
        XCTAssertEqual(try redline(base + ["--fail-on", "bogus"]).status, 2)
        XCTAssertEqual(try redline(base + ["--only-rules", "no/such-rule"]).status, 2)
        let text = try redline(base)
        XCTAssertTrue(text.stdout.contains("\(article.path):1:7: warning [slow/backtrack] Nested quantifiers."), text.stdout)
        XCTAssertTrue(text.stdout.contains(" 1 | It is safe.\n   |       ^~~~\n"), text.stdout)
    }
}
