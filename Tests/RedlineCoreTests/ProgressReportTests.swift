import XCTest
@testable import RedlineCore

final class ProgressReportTests: XCTestCase {
    private final class Terminal {
        var now: TimeInterval = 100
        var written: [String] = []
    }

    private func result(bytes: Int) -> DocumentResult {
        DocumentResult(id: "a", path: "a", recordLine: nil, format: .plain, byteCount: bytes, findings: [], diagnostics: [],
                       score: 0, verdict: .pass, source: [])
    }

    private func progress(_ terminal: Terminal, totalBytes: Int?) throws -> ProgressReport {
        let report = ProgressReport(totalBytes: totalBytes, write: { terminal.written.append($0) }, clock: { terminal.now })
        try report.begin(RunInfo(rules: [], failOn: nil, thresholds: .default))
        return report
    }

    func testShortRunsPrintNothing() throws {
        let terminal = Terminal()
        let report = try progress(terminal, totalBytes: 1000)
        terminal.now += 0.9
        try report.document(result(bytes: 500))
        try report.end(RunSummary())
        XCTAssertEqual(terminal.written, [])
    }

    func testLineShowsDocumentsRateElapsedAndTimeLeftThenErasesItself() throws {
        let terminal = Terminal()
        let report = try progress(terminal, totalBytes: 8_000_000)
        terminal.now += 2
        try report.document(result(bytes: 2_000_000))
        terminal.now += 0.05
        try report.document(result(bytes: 0))
        XCTAssertEqual(terminal.written, ["\r\u{1B}[K1 document(s), 1.0 MB/s, 0:02 elapsed, ETA 0:06"], "redrawn at most ten times a second")
        try report.end(RunSummary())
        XCTAssertEqual(terminal.written.last, "\r\u{1B}[K")
    }

    func testUnknownTotalGivesNoTimeLeft() {
        XCTAssertEqual(ProgressReport.line(documents: 3, bytes: 500_000, elapsed: 3725, totalBytes: nil),
                       "3 document(s), 0.0 MB/s, 1:02:05 elapsed")
        XCTAssertNil(ProgressReport.totalBytes(of: ["a.txt", "-"]))
    }

    func testTotalCountsOnlyTheFilesAScanReads() throws {
        let directory = try makeTemporaryDirectory(self)
        try "12345".write(to: directory.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "123".write(to: directory.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
        try "ignored".write(to: directory.appendingPathComponent("c.yml"), atomically: true, encoding: .utf8)
        XCTAssertEqual(ProgressReport.totalBytes(of: [directory.path]), 8)
    }
}
