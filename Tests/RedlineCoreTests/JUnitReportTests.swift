import Foundation
import XCTest
@testable import RedlineCore

final class JUnitReportTests: XCTestCase {
    private let items: [InputItem] = [
        article("articles/a.txt", "This pill cures depression. Buy xanax online. Post Comment\n"),
        article("articles/clean.md", "Nothing to see."),
        .skipped(SkippedInput(path: "articles/blob.txt", reason: Diagnostic(code: .binaryInput, message: "binary <data>"))),
    ]

    private func junit(_ items: [InputItem], failOn: Severity?, timestamp: Date? = nil) throws -> String {
        try render(items, failOn: failOn, test: self) { try JUnitReport(output: $0, timestamp: timestamp) }
    }

    /// Reads the report with junitparser and prints totals and one line per suite.
    private func parse(_ report: String) throws -> String {
        try runPython("""
            import sys
            from junitparser import JUnitXml, Failure, Skipped
            xml = JUnitXml.fromfile(sys.argv[1])
            print("total", xml.tests, xml.failures, xml.errors, xml.skipped)
            for suite in xml:
                failures = sum(1 for case in suite for r in case.result if isinstance(r, Failure))
                skipped = sum(1 for case in suite for r in case.result if isinstance(r, Skipped))
                print("suite", suite.name, suite.tests, suite.failures, suite.errors, suite.skipped, len(list(suite)), failures, skipped)
            """, [try temporaryFile("report.xml", report, test: self)])
    }

    func testMarkupEscapingDropsWhatXMLForbidsAndKeepsEverythingElse() {
        let text = "a<b>&\"c'\u{1}\u{1F}\té\u{FFFE}x\u{FFFF}\u{FFFD}\n😀\r"
        XCTAssertEqual(ReportText.escapeMarkup(text), "a&lt;b&gt;&amp;&quot;c&#39;\téx\u{FFFD}\n😀\r")
        XCTAssertEqual(ReportText.escapeMarkup("1\t2\n3\r", inAttribute: true), "1&#9;2&#10;3&#13;")
        XCTAssertEqual(ReportText.escapeMarkup("plain text, unchanged"), "plain text, unchanged")
    }

    func testJUnitParserCountsOneSuitePerDocumentAndOneFailurePerFindingAtOrAboveFailOn() throws {
        let output = try parse(try junit(items, failOn: .warning))
        XCTAssertEqual(output, """
            total 7 2 0 1
            suite articles/a.txt 3 2 0 0 3 2 0
            suite articles/clean.md 3 0 0 0 3 0 0
            suite articles/blob.txt 1 0 0 1 1 0 1

            """)
    }

    func testWithoutFailOnNothingFailsAndFindingsAreListedAsOutput() throws {
        let report = try junit(items, failOn: nil)
        XCTAssertTrue(try parse(report).hasPrefix("total 7 0 0 1\n"))
        XCTAssertFalse(report.contains("<failure"))
        XCTAssertTrue(report.contains("<system-out>articles/a.txt:1:11: error [t/cure] Promises a cure."), report)
    }

    func testFailureNamesLocationRuleAndSuggestion() throws {
        let report = try junit(items, failOn: .error)
        XCTAssertTrue(report.contains("""
            <failure message="line 1, column 11: Promises a cure. Say what the evidence shows." type="error">\
            articles/a.txt:1:11: error [t/cure] Promises a cure. Say what the evidence shows.
              1 | This pill cures depression. Buy xanax online. Post Comment
              matched: cures depression
              suggestion: Say &quot;may help some people with depression&quot;.</failure>
            """), report)
    }

    func testMarkupAndCharactersIllegalInXMLAreEscapedOrDropped() throws {
        let path = "odd/<b>&\"quote\"\u{1}.txt"
        let report = try junit([article(path, "It cures depression \u{0B}<script>")], failOn: .error)
        XCTAssertFalse(report.contains("\u{1}"))
        XCTAssertFalse(report.contains("\u{0B}"))
        XCTAssertTrue(report.contains("name=\"odd/&lt;b&gt;&amp;&quot;quote&quot;.txt\""), report)
        XCTAssertTrue(try parse(report).contains("suite odd/<b>&\"quote\".txt 3 1 0 0 3 1 0"))
    }

    func testTimeAppearsOnlyWhenAsked() throws {
        XCTAssertFalse(try junit(items, failOn: .error).contains("timestamp"))
        XCTAssertTrue(try junit(items, failOn: .error, timestamp: Date(timeIntervalSince1970: 0)).contains("timestamp=\"1970-01-01T00:00:00Z\""))
    }
}
