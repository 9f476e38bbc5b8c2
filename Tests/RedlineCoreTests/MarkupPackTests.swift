import XCTest
@testable import RedlineCore

/// The packs that depend on extraction and contact tokens: their examples pass, and they
/// behave on the corpus pages they were written for.
final class MarkupPackTests: XCTestCase {
    private func packs() throws -> RuleSet {
        try RuleSet.load(files: ["vocabulary/health.yaml", "vocabulary/guards.yaml", "hidden-content.yaml", "contact-spam.yaml"].map { packageRoot.appendingPathComponent("Rules/\($0)").path })
    }

    func testExamplesOfTheHiddenContentAndContactSpamPacksPass() throws {
        let report = RuleExamples.run(try packs())
        XCTAssertGreaterThanOrEqual(report.examplesRun, 30)
        XCTAssertEqual(report.failures.map(\.description), [])
    }

    func testHiddenSpamInACorpusPageIsFlaggedAsHidden() throws {
        let url = packageRoot.appendingPathComponent("Corpus/marketing/wegovy-weight-clinic-hidden-spam.html")
        let document = Document(id: "w", path: url.path, bytes: Array(try Data(contentsOf: url)), format: .html)
        let result = Scanner(ruleSet: try packs()).scan(document, scratch: MatchScratch())
        let hidden = result.findings.filter { $0.hidden == true }.flatMap { [$0.rule] + $0.alsoMatched }
        XCTAssertTrue(hidden.contains("hidden-content/hidden-contact"), "\(result.findings)")
        XCTAssertTrue(hidden.contains("hidden-content/hidden-sale-pitch"), "\(result.findings)")
        // The clinic's own visible "call (970) 555-0123 to register" is not flagged.
        XCTAssertFalse(result.findings.contains { $0.match.contains("970") }, "\(result.findings)")
    }
}
