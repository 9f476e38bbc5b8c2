import XCTest
@testable import RedlineCore

final class BaselineTests: XCTestCase {
    private func rules() throws -> RuleSet {
        try ruleSet(yaml: pack(reportRules), test: self)
    }

    private func result(_ text: String, path: String = "a.txt") throws -> DocumentResult {
        Scanner(ruleSet: try rules()).scan(Document(id: path, path: path, bytes: Array(text.utf8), format: .plain), scratch: MatchScratch())
    }

    private func roundTrip(_ baseline: Baseline) throws -> Baseline {
        let path = try temporaryFile("baseline.json", String(decoding: try baseline.encoded(), as: UTF8.self), test: self)
        return try Baseline.load(path: path)
    }

    func testKnownFindingsAreRemovedAndNewOnesKeptWithoutTheOldArticle() throws {
        var baseline = Baseline()
        baseline.add(try result("Intro.\n\nIt cures depression.\n\nPost Comment"))
        let loaded = try roundTrip(baseline)
        XCTAssertEqual(loaded, baseline)
        var edited = try result("Post Comment\n\nBuy pills online.\n\nIntro, longer now.\n\nIt cures depression.")
        XCTAssertEqual(loaded.removeKnown(from: &edited), 2)
        XCTAssertEqual(edited.findings.map(\.rule), ["t/buy"])
    }

    func testEntriesRecordRuleMatchAndContextPerDocument() throws {
        var baseline = Baseline()
        baseline.add(try result("It cures depression, they say.", path: "./b.txt"))
        let entry = try XCTUnwrap(baseline.entries.first)
        XCTAssertEqual(entry.document, "b.txt", "a leading ./ is not part of the key")
        XCTAssertEqual(entry.rule, "t/cure")
        XCTAssertEqual(entry.match, "cures depression")
        XCTAssertEqual(entry.context, "It cures depression, they say.")
        var other = try result("It cures depression, they say.", path: "c.txt")
        XCTAssertEqual(baseline.removeKnown(from: &other), 0, "a baseline entry belongs to its document")
        XCTAssertEqual(other.findings.count, 1)
    }

    func testAFindingKnownAsMergedIntoAnotherIsNotNew() throws {
        let overlapping = try ruleSet(yaml: pack(FindingDiffTests.overlappingRules), test: self)
        let before = scan("It cures depression forever.", with: overlapping)
        XCTAssertEqual(before.findings.map(\.rule), ["t/strong"])
        XCTAssertEqual(before.findings.first?.alsoMatched, ["t/weak"])
        var baseline = Baseline()
        baseline.add(before)
        var after = scan("It cures depression, for now.", with: overlapping)
        XCTAssertEqual(after.findings.map(\.rule), ["t/weak"])
        XCTAssertEqual(baseline.removeKnown(from: &after), 1)
    }

    func testAFileThatIsNotABaselineIsAnErrorNamingIt() throws {
        let path = try temporaryFile("b.json", "{\"version\": 1}", test: self)
        XCTAssertThrowsError(try Baseline.load(path: path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(path) is not a Redline baseline"), "\(error)")
        }
    }
}
