import XCTest
@testable import RedlineCore

final class FindingDiffTests: XCTestCase {
    /// Two rules of one category whose matches overlap: "cures depression forever" is one
    /// finding of `t/strong` with `t/weak` folded into it.
    static let overlappingRules = """
          - id: t/weak
            kind: pattern
            category: unsafe-claim
            severity: warning
            score: 1
            message: m
            patterns: ['\\bcures depression\\b']
            examples: {match: ["x"], no_match: ["y"]}
          - id: t/strong
            kind: pattern
            category: unsafe-claim
            severity: error
            score: 3
            message: m
            patterns: ['\\bcures depression forever\\b']
            examples: {match: ["x"], no_match: ["y"]}
        """

    private func rules() throws -> RuleSet {
        try singleRule("""
            kind: pattern
            patterns: ['\\bcures?\\s+\\w+\\b', '\\bbuy\\s+ketamine\\b']
        """, test: self)
    }

    func testFindingsAreComparedByFingerprintNotPosition() throws {
        let rules = try rules()
        let old = scan("It cures depression.\n\nBuy ketamine now.\n\nIt cures anxiety.", with: rules)
        let new = scan("Buy ketamine now.\n\nEditors added a paragraph here.\n\nIt cures insomnia.\n\nIt cures depression.", with: rules)
        let diff = FindingDiff(old: old.findings, new: new.findings)
        XCTAssertEqual(diff.introduced.map(\.match), ["cures insomnia"])
        XCTAssertEqual(diff.resolved.map(\.match), ["cures anxiety"])
        XCTAssertEqual(diff.unchanged.map(\.match), ["Buy ketamine", "cures depression"])
        XCTAssertEqual(diff.resolved.first?.span.line, 5, "resolved findings keep their old place")
    }

    func testARepeatedFindingRemovedOnceIsOneResolved() throws {
        let rules = try rules()
        let old = scan("It cures depression. It cures depression.", with: rules)
        let new = scan("It cures depression.", with: rules)
        let diff = FindingDiff(old: old.findings, new: new.findings)
        XCTAssertEqual(diff.resolved.count, 1)
        XCTAssertEqual(diff.unchanged.count, 1)
        XCTAssertTrue(diff.introduced.isEmpty)
    }

    func testFixingOneOfEqualFindingsResolvesTheOneThatWasFixed() throws {
        let rules = try rules()
        let oldText = "First: it cures depression.\n\nSecond: it cures depression.\n\nThird: it cures depression."
        let newText = "Third: it cures depression.\n\nFirst: it cures depression.\n\nSecond: it may ease depression."
        let diff = documentDiff(old: oldText, new: newText, rules: rules)
        XCTAssertEqual(diff.findings.resolved.map(\.span.line), [3], "the claim fixed in the second paragraph")
        XCTAssertEqual(diff.findings.unchanged.count, 2)
        XCTAssertTrue(diff.findings.introduced.isEmpty)
        XCTAssertEqual(diff.resolvedSentences, [1])
    }

    func testAFindingThatWasMergedIntoAnotherIsNotIntroducedWhenItStandsAlone() throws {
        let overlapping = try ruleSet(yaml: pack(Self.overlappingRules), test: self)
        let diff = FindingDiff(old: scan("It cures depression forever.", with: overlapping).findings,
                               new: scan("It cures depression, for now.", with: overlapping).findings)
        XCTAssertEqual(diff.resolved.map(\.rule), ["t/strong"])
        XCTAssertEqual(diff.unchanged.map(\.rule), ["t/weak"])
        XCTAssertTrue(diff.introduced.isEmpty)
    }

    private func documentDiff(old: String, new: String, rules: RuleSet) -> DocumentDiff {
        let sentences = { (text: String) in TextDiff.sentences(of: extract(text, format: .plain), source: Array(text.utf8)) }
        return DocumentDiff(old: scan(old, with: rules), new: scan(new, with: rules), oldSentences: sentences(old), newSentences: sentences(new))
    }

    func testAnAddedArticleShowsOnlyTheSentencesWithFindings() throws {
        let text = "Intro here. Buy ketamine now. The end."
        let diff = DocumentDiff(old: nil, new: scan(text, with: try rules()), oldSentences: [],
                                newSentences: TextDiff.sentences(of: extract(text, format: .plain), source: Array(text.utf8)))
        XCTAssertEqual(diff.status, .added)
        XCTAssertEqual(diff.findings.introduced.map(\.match), ["Buy ketamine"])
        XCTAssertEqual(diff.shownLines, [TextDiff.Line(old: nil, new: 1)])
    }

    func testDocumentDiffPlacesFindingsOnTheirSentences() throws {
        let rules = try rules()
        let oldText = "Intro here. It cures anxiety. The end."
        let newText = "Intro here. Buy ketamine now. The end."
        let diff = documentDiff(old: oldText, new: newText, rules: rules)
        XCTAssertEqual(diff.status, .modified)
        XCTAssertEqual(diff.introducedSentences, [1])
        XCTAssertEqual(diff.resolvedSentences, [1])
        XCTAssertEqual(diff.findings(onNew: 1).map(\.match), ["Buy ketamine"])
        XCTAssertEqual(diff.findings(onOld: 1).map(\.match), ["cures anxiety"])
        XCTAssertEqual(diff.shownLines, [TextDiff.Line(old: 1, new: nil), TextDiff.Line(old: nil, new: 1)])
    }
}
