import Foundation
import XCTest

final class ReportFormatTests: XCTestCase {
    private let pack = """
    name: t
    version: 1
    description: report formats
    rules:
      - id: t/cure
        kind: pattern
        category: unsafe-claim
        severity: error
        score: 5
        message: Promises a cure.
        patterns: ['\\bcures depression\\b']
        examples: {match: ["it cures depression"], no_match: ["it treats depression"]}
    """

    /// A rules directory and two articles, one with a finding and one without.
    private func workspace() throws -> (directory: URL, arguments: [String]) {
        let directory = try makeTemporaryDirectory(self)
        let rules = directory.appendingPathComponent("rules")
        let articles = directory.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        try pack.write(to: rules.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
        try "Our pill cures depression.\n".write(to: articles.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "Nothing here.\n".write(to: articles.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
        return (directory, ["scan", "--no-default-rules", "--rules", "rules", "articles"])
    }

    private let fileFormats = ["text": "out.txt", "json": "out.json", "sarif": "out.sarif", "junit": "out.xml",
                               "markdown": "out.md", "html": "out.html", "github": "out.github"]

    private func formatArguments(into folder: String) -> [String] {
        fileFormats.sorted { $0.key < $1.key }.flatMap { ["--format", "\($0.key)=\(folder)/\($0.value)"] }
    }

    private func contents(of folder: URL) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
    }

    func testOneScanWritesEveryFormatToItsOwnFile() throws {
        let (directory, scan) = try workspace()
        let outcome = try redline(scan + formatArguments(into: "out") + ["--format", "github"], in: directory)
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        XCTAssertEqual(outcome.stdout, "::error file=articles/a.txt,line=1,col=10,endLine=1,endColumn=26,title=t/cure (unsafe-claim)::Promises a cure.\n")
        let files = try contents(of: directory.appendingPathComponent("out"))
        XCTAssertEqual(Set(files.keys), Set(fileFormats.values), "every report, and no temporary file")
        let text = { (name: String) in String(decoding: files[name] ?? Data(), as: UTF8.self) }
        XCTAssertTrue(text("out.sarif").contains("\"ruleId\":\"t/cure\""))
        XCTAssertTrue(text("out.xml").contains("<testsuite name=\"articles/a.txt\" tests=\"1\" failures=\"1\""))
        XCTAssertTrue(text("out.md").contains("| articles/a.txt | 1 | 0 | 0 | 0 | 5 | review |"))
        XCTAssertTrue(text("out.html").contains("<mark class=\"cat-unsafe-claim\""))
        XCTAssertEqual(text("out.github"), outcome.stdout)
    }

    func testSameInputGivesTheSameBytesAndTimeOnlyWithTimestamp() throws {
        let (directory, scan) = try workspace()
        _ = try redline(scan + formatArguments(into: "first"), in: directory)
        _ = try redline(scan + formatArguments(into: "second"), in: directory)
        let first = try contents(of: directory.appendingPathComponent("first"))
        XCTAssertEqual(first, try contents(of: directory.appendingPathComponent("second")))
        _ = try redline(scan + formatArguments(into: "stamped") + ["--timestamp"], in: directory)
        let stamped = try contents(of: directory.appendingPathComponent("stamped"))
        let changed = Set(stamped.filter { first[$0.key] != $0.value }.keys)
        XCTAssertEqual(changed, ["out.sarif", "out.xml", "out.html"], "only SARIF, JUnit and HTML carry a time")
    }

    func testAFailedReportWriteLeavesNoPartialOrTemporaryFile() throws {
        let (directory, scan) = try workspace()
        let taken = directory.appendingPathComponent("out/taken.sarif")
        try FileManager.default.createDirectory(at: taken.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let outcome = try redline(scan + ["--format", "html=out/report.html", "--format", "sarif=out/taken.sarif"], in: directory)
        XCTAssertEqual(outcome.status, 2, outcome.stdout)
        XCTAssertTrue(outcome.stderr.contains("cannot write the report to out/taken.sarif: Is a directory"), outcome.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: taken.deletingLastPathComponent().path).sorted(),
                       ["report.html", "taken.sarif"], "the finished report is there, no temporary file")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: taken.path), ["inside"])
    }

    func testNoProgressLineWithoutATerminal() throws {
        let (directory, scan) = try workspace()
        let outcome = try redline(scan, in: directory)
        XCTAssertEqual(outcome.stderr, "")
        XCTAssertTrue(outcome.stdout.contains("  category          findings\n  unsafe-claim      1\n"), outcome.stdout)
    }

    func testUnknownFormatIsAUsageError() throws {
        let (directory, scan) = try workspace()
        let outcome = try redline(scan + ["--format", "pdf"], in: directory)
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.stderr.contains("unknown format 'pdf' (expected text, json, sarif, junit, github, markdown or html)"), outcome.stderr)
    }
}
