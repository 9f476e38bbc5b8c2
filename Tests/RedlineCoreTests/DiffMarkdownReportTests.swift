import XCTest
@testable import RedlineCore

final class DiffMarkdownReportTests: XCTestCase {
    private func markdown(_ pairs: [DocumentPair], maxFindings: Int = 100) throws -> String {
        try renderDiff(pairs, test: self) { try DiffMarkdownReport(output: $0, maxFindings: maxFindings) }
    }

    func testVerdictThenIntroducedThenResolvedThenTheFoldedSentenceDiff() throws {
        let output = try markdown([diffPair("evil_*name*.md")])
        XCTAssertTrue(output.hasPrefix("""
            ## Redline diff

            **FAIL: 1 introduced finding(s) at or above warning (1 introduced, 1 resolved, 1 unchanged).**

            """), output)
        let introduced = try XCTUnwrap(output.range(of: "### Introduced (1)\n\n#### evil\\_\\*name\\*.md\n\n- **warning** `t/buy`"))
        let resolved = try XCTUnwrap(output.range(of: "### Resolved (1)\n\n#### evil\\_\\*name\\*.md\n\n- **error** `t/cure`"))
        let sentences = try XCTUnwrap(output.range(of: "<details><summary>Sentence changes</summary>"))
        XCTAssertLessThan(introduced.lowerBound, resolved.lowerBound)
        XCTAssertLessThan(resolved.lowerBound, sentences.lowerBound)
        XCTAssertTrue(output.contains("  > It may help with depression, we say. **Buy pills online**!"), output)
        XCTAssertTrue(output.contains("""
            ```diff
            - 3: It cures depression, we say.  [resolved t/cure]
            + 5: It may help with depression, we say.
            + 5: Buy pills online!  [introduced t/buy]
            ```
            """), output)
    }

    func testBackticksInTheTextGetALongerFence() throws {
        let output = try markdown([diffPair(new: "Post Comment\n\nSay ``` now.")])
        XCTAssertTrue(output.contains("````diff\n"), output)
    }

    func testLongRunsAreCutWithACount() throws {
        let output = try markdown([diffPair("a.txt"), diffPair("b.txt")], maxFindings: 1)
        XCTAssertTrue(output.contains("_3 more finding(s) left out (limit 1)"), output)
        XCTAssertTrue(output.contains("### Resolved (2)\n\n_3 more"), output)
    }
}
