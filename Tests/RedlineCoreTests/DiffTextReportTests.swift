import XCTest
@testable import RedlineCore

final class DiffTextReportTests: XCTestCase {
    private func text(_ pairs: [DocumentPair]) throws -> String {
        try renderDiff(pairs, test: self) { DiffTextReport(output: $0, color: false) }
    }

    func testIntroducedAndResolvedFindingsComeWithTheirSentences() throws {
        let output = try text([diffPair()])
        XCTAssertTrue(output.hasPrefix("a.txt: modified: 1 introduced, 1 resolved, 1 unchanged; verdict review → review (score 8 → 4)\n"), output)
        XCTAssertTrue(output.contains("+ a.txt:5:38: warning [t/buy] Offers a drug for sale.\n 5 | It may help with depression, we say. Buy pills online!\n   |                                      ^~~~~~~~~~~~~~~~\n"), output)
        XCTAssertTrue(output.contains("- a.txt:3:4: error [t/cure] Promises a cure."), output)
        XCTAssertTrue(output.contains("= unchanged: t/residue (line 1)\n"), output)
        XCTAssertTrue(output.contains("""
            Sentences:
            - 3: It cures depression, we say.
                  resolved [t/cure] cures depression
            + 5: It may help with depression, we say.
            + 5: Buy pills online!
                  introduced [t/buy] Buy pills online

            """), output)
        XCTAssertFalse(output.contains("Post Comment\n"), "a moved sentence is not a change")
    }

    func testSummaryCountsAndTheVerdictLineCloseTheReport() throws {
        let output = try text([diffPair(), DocumentPair(old: nil, new: Document(id: "b.txt", path: "b.txt", bytes: Array("Fine.".utf8), format: .plain))])
        XCTAssertTrue(output.hasSuffix("""
            Summary: 2 article(s) compared (1 added, 0 removed, 1 modified, 0 unchanged), 0 skipped
            Findings: 1 introduced (0 error, 1 warning, 0 info), 1 resolved, 1 unchanged
            FAIL: 1 introduced finding(s) at or above warning (1 introduced, 1 resolved, 1 unchanged).

            """), output)
        XCTAssertTrue(output.contains("b.txt: added: 0 introduced, 0 resolved, 0 unchanged; verdict none → pass (score - → 0)\n"), output)
    }

    func testAnUnchangedArticleWritesNothingButItsCount() throws {
        let output = try text([diffPair(old: diffVersions.old, new: diffVersions.old)])
        XCTAssertTrue(output.hasPrefix("Summary: 1 article(s) compared (0 added, 0 removed, 0 modified, 1 unchanged)"), output)
        XCTAssertTrue(output.contains("PASS: no introduced finding at or above warning (0 introduced, 0 resolved, 2 unchanged)."), output)
    }
}
