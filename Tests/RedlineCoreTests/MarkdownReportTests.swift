import XCTest
@testable import RedlineCore

final class MarkdownReportTests: XCTestCase {
    private func markdown(_ items: [InputItem], maxRows: Int = 50, maxFindings: Int = 100, showSuppressed: Bool = false) throws -> String {
        try render(items, showSuppressed: showSuppressed, test: self) { try MarkdownReport(output: $0, maxRows: maxRows, maxFindings: maxFindings) }
    }

    func testSummaryTableComesBeforeTheFindings() throws {
        let output = try markdown([
            article("a.txt", "This pill cures depression. Buy xanax online."),
            article("clean.txt", "Nothing here."),
            .skipped(SkippedInput(path: "gone.txt", reason: Diagnostic(code: .unreadable, message: "no such file or directory"))),
        ])
        XCTAssertTrue(output.hasPrefix("""
            ## Redline report

            2 document(s) scanned, 1 skipped; 2 finding(s) (1 error, 1 warning, 0 info); verdicts: 1 pass, 0 review, 1 reject.

            | Document | unsafe-claim | illicit-sale | missing-caveat | spam-residue | Score | Verdict |
            |---|---:|---:|---:|---:|---:|---|
            | a.txt | 1 | 1 | 0 | 0 | 10 | reject |
            | **All 2 documents** | **1** | **1** | **0** | **0** | | |

            1 document(s) without findings.

            ### Findings

            #### a.txt: reject (score 10)

            - **error** `t/cure` (unsafe-claim) at line 1, column 11

              > This pill **cures depression**. Buy xanax online.

              Promises a cure. Say what the evidence shows.

              *Suggestion:* Say "may help some people with depression".

            """), output)
        XCTAssertTrue(output.hasSuffix("### Skipped inputs\n\n- gone.txt: no such file or directory\n\n"), output)
    }

    func testLongRunsAreCutWithACountOfWhatWasLeftOut() throws {
        let items = (1...5).map { article("doc\($0).txt", "It cures depression. Post Comment. Buy pills online.") }
        let output = try markdown(items, maxRows: 2, maxFindings: 4)
        XCTAssertEqual(output.components(separatedBy: "\n- **").count - 1, 4, "four findings detailed")
        XCTAssertTrue(output.contains("_3 more document(s) with findings not listed in the table._"), output)
        XCTAssertTrue(output.contains("_11 more finding(s) in 4 document(s) left out (limit 4);"), output)
        XCTAssertTrue(output.contains("| **All 5 documents** | **5** | **5** | **0** | **5** | | |"), output)
    }

    func testArticleTextCannotTurnIntoMarkdownOrHTML() throws {
        let output = try markdown([article("x|y.txt", "# <script>alert(1)</script> | @team it cures depression")])
        XCTAssertTrue(output.contains("| x\\|y.txt | 1 |"), output)
        XCTAssertTrue(output.contains("> \\# \\<script\\>alert(1)\\</script\\> \\| \\@team it **cures depression**"), output)
        XCTAssertEqual(MarkdownReport.escape("1. - *a*_b_"), "1\\. - \\*a\\*\\_b\\_")
        XCTAssertEqual(MarkdownReport.escape("- item\nnext"), "\\- item next")
    }

    func testSuppressedFindingsAreListedApartWithTheirReasonOnRequest() throws {
        let output = try markdown([suppressedArticle], showSuppressed: true)
        XCTAssertTrue(output.contains("1 finding(s) (0 error, 1 warning, 0 info); verdicts: 0 pass, 1 review, 0 reject; 1 finding(s) suppressed by comments.\n"), output)
        XCTAssertTrue(output.contains("| notes/quoted.md | 0 | 1 | 0 | 0 | 3 | review |"), "the suppressed claim is not in the table")
        XCTAssertTrue(output.hasSuffix("""
            - **warning** `t/buy` (illicit-sale) at line 4, column 1

              > **Buy xanax online**.

              Offers a drug for sale.

            **Suppressed by comments** (not counted as findings):

            - `t/cure` at line 2, column 26: cures depression

              *Reason (comment on line 1):* we quote the \\<b\\>advert\\</b\\> to refute it


            """), output)
    }

    func testSuppressedFindingsAreOnlyCountedWithoutShowSuppressed() throws {
        let items = [article("only.md", "<!-- redline-disable t/cure -->\nIt cures depression.", format: .markdown)]
        let counted = try markdown(items)
        XCTAssertTrue(counted.contains("; 1 finding(s) suppressed by comments (list them with --show-suppressed).\n"), counted)
        XCTAssertTrue(counted.contains("1 document(s) without findings."), counted)
        XCTAssertFalse(counted.contains("Suppressed by comments"), counted)
        XCTAssertFalse(counted.contains("### Findings"), counted)

        let listed = try markdown(items, showSuppressed: true)
        XCTAssertTrue(listed.contains("""
            ### Findings

            #### only.md: pass (score 0)

            **Suppressed by comments** (not counted as findings):

            - `t/cure` at line 2, column 4: cures depression

              *Reason (comment on line 1):* no reason given
            """), listed)
    }

    func testSuppressedFindingsShareTheListLimit() throws {
        let output = try markdown([suppressedArticle, suppressedArticle], maxFindings: 3, showSuppressed: true)
        XCTAssertEqual(output.components(separatedBy: "\n- ").count - 1, 3, "three items listed")
        XCTAssertTrue(output.contains("_1 suppressed finding(s) in 1 document(s) left out (limit 3);"), output)
    }
}
