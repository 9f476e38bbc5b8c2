import XCTest
@testable import RedlineCore

final class SuppressionsTests: XCTestCase {
    private func result(_ text: String, format: DocumentFormat = .markdown) throws -> DocumentResult {
        scan(text, with: try ruleSet(yaml: pack(reportRules), test: self), format: format)
    }

    func testDisableAndEnableBlockSuppressesBetweenTheComments() throws {
        let scanned = try result("""
            It cures depression.

            <!-- redline-disable t/cure -- we quote the ad to refute it -->
            The ad said "it cures depression".
            <!-- redline-enable t/cure -->

            It cures depression again.
            """)
        XCTAssertEqual(scanned.findings.map(\.span.line), [1, 7])
        XCTAssertEqual(scanned.suppressed.count, 1)
        let suppressed = try XCTUnwrap(scanned.suppressed.first)
        XCTAssertEqual(suppressed.finding.span.line, 4)
        XCTAssertEqual(suppressed.line, 3)
        XCTAssertEqual(suppressed.reason, "we quote the ad to refute it")
        XCTAssertEqual(suppressed.directive, "redline-disable t/cure -- we quote the ad to refute it")
    }

    func testABlockWithoutEnableRunsToTheEndAndSelectorsNamePacksAndCategories() throws {
        let scanned = try result("""
            <!-- redline-disable illicit-sale, t -->
            Buy pills online. It cures depression. Post Comment
            """)
        XCTAssertTrue(scanned.findings.isEmpty, "\(scanned.findings)")
        XCTAssertEqual(scanned.suppressed.map(\.finding.rule), ["t/buy", "t/cure", "t/residue"])
        XCTAssertEqual(scanned.score, 0, "suppressed findings do not score")
    }

    func testDisableNextLineCoversTheNextLineThatIsNotBlank() throws {
        let scanned = try result("""
            <p><!-- redline-disable-next-line unsafe-claim --></p>

            <p>It cures depression.</p>
            <p>It cures depression.</p>
            """, format: .html)
        XCTAssertEqual(scanned.findings.map(\.span.line), [4])
        XCTAssertEqual(scanned.suppressed.map(\.finding.span.line), [3])
    }

    func testASuppressionThatSuppressesNothingIsAnInfoFinding() throws {
        let scanned = try result("""
            <!-- redline-disable-next-line t/cure, t/nope -->
            It cures depression.
            <!-- redline-disable-next-line t/buy -->
            Nothing to see.
            <!-- redline-disable -->
            """)
        XCTAssertEqual(scanned.suppressed.map(\.finding.rule), ["t/cure"])
        let unused = scanned.findings.filter { $0.rule == Suppressions.unusedRule }
        XCTAssertEqual(unused.map(\.message), [
            "redline-disable-next-line t/nope names no active rule, pack or category.",
            "redline-disable-next-line t/buy suppresses nothing here.",
            "redline-disable names no rule, pack or category.",
        ])
        XCTAssertEqual(unused.map(\.severity), [.info, .info, .info])
        XCTAssertEqual(unused.map(\.category.rawValue), ["suppression", "suppression", "suppression"])
        XCTAssertEqual(unused.first?.match, "redline-disable-next-line t/cure, t/nope")
        XCTAssertEqual(unused.map(\.span.line), [1, 3, 5])
    }

    func testPlainTextHasNoCommentSyntax() throws {
        let scanned = try result("<!-- redline-disable t/cure -->\nIt cures depression.", format: .plain)
        XCTAssertEqual(scanned.findings.map(\.rule), ["t/cure"])
        XCTAssertTrue(scanned.suppressed.isEmpty)
    }

    func testSummaryCountsSuppressedFindings() throws {
        var summary = RunSummary()
        summary.add(try result("<!-- redline-disable t/cure -->\nIt cures depression."), failOn: .error)
        XCTAssertEqual(summary.suppressed, 1)
        XCTAssertEqual(summary.failing, 0)
    }
}
