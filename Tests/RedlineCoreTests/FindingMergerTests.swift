import XCTest
@testable import RedlineCore

final class FindingMergerTests: XCTestCase {
    private func saleRules() throws -> RuleSet {
        try ruleSet(yaml: pack("""
          - id: t/buy
            kind: pattern
            category: illicit-sale
            severity: error
            score: 10
            message: m
            patterns: ['\\bbuy ketamine online\\b']
            examples: {match: ["buy ketamine online"], no_match: ["sell"]}
          - id: t/discreet
            kind: pattern
            category: illicit-sale
            severity: error
            score: 10
            message: m
            patterns: ['\\bdiscreet shipping\\b']
            examples: {match: ["discreet shipping"], no_match: ["sell"]}
        """), test: self)
    }

    func testSaleFindingsInOneSentenceBecomeOneFindingSpanningThemAll() throws {
        let text = "Intro. Buy ketamine online, discreet shipping. Done."
        let result = scan(text, with: try saleRules())
        XCTAssertEqual(result.findings.map(\.match), ["Buy ketamine online, discreet shipping"])
        XCTAssertEqual(result.findings.first?.alsoMatched, ["t/discreet"])
        XCTAssertEqual(result.findings.first?.alsoMatchedFingerprints.count, 1)
    }

    func testSaleFindingsInDifferentSentencesStaySeparate() throws {
        let result = scan("Buy ketamine online. Discreet shipping.", with: try saleRules())
        XCTAssertEqual(result.findings.map(\.match), ["Buy ketamine online", "Discreet shipping"])
    }

    func testAContactLineOverlappingASaleIsFoldedIntoTheSale() throws {
        let set = try ruleSet(yaml: pack("""
          - id: t/sale
            kind: pattern
            category: illicit-sale
            severity: error
            score: 10
            message: m
            patterns: ['\\bketamine on whatsapp\\b']
            examples: {match: ["ketamine on WhatsApp"], no_match: ["sell"]}
          - id: t/contact
            kind: pattern
            category: spam-residue
            severity: warning
            score: 1
            message: m
            patterns: ['\\bwhatsapp \\+1 555 0100\\b']
            examples: {match: ["WhatsApp +1 555 0100"], no_match: ["sell"]}
        """), test: self)
        let result = scan("Get ketamine on WhatsApp +1 555 0100 today.", with: set)
        XCTAssertEqual(result.findings.map(\.rule), ["t/sale"])
        XCTAssertEqual(result.findings.first?.match, "ketamine on WhatsApp +1 555 0100")
        XCTAssertEqual(result.findings.first?.alsoMatched, ["t/contact"])
    }
}
