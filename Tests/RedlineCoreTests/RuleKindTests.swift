import XCTest
@testable import RedlineCore

final class RuleKindTests: XCTestCase {
    private func rules(_ body: String) throws -> RuleSet { try singleRule(body, test: self) }

    func testPatternRuleHonoursNegationBeforeAndAfterInTheSameSentence() throws {
        let set = try rules("""
            kind: pattern
            patterns: ['\\bno side effects\\b']
            unless: ['\\bnot true\\b', '\\bno evidence\\b']
            unless_after: ['\\bis (?:false|a myth)\\b']
        """)
        XCTAssertEqual(scan("Our infusions have no side effects.", with: set).findings.count, 1)
        XCTAssertEqual(scan("It is not true that it has no side effects.", with: set).findings.count, 0)
        XCTAssertEqual(scan("The claim that it has no side effects is false.", with: set).findings.count, 0)
        // A negation in the previous sentence does not cancel.
        XCTAssertEqual(scan("That is not true. It has no side effects.", with: set).findings.count, 1)
        // A negation after the hit only counts with unless_after.
        XCTAssertEqual(scan("It has no side effects, no evidence needed.", with: set).findings.count, 1)
    }

    func testNearRuleIgnoresMatchesInDifferentSentences() throws {
        let set = try rules("""
            kind: near
            all: ['\\bbuy\\b', '\\bketamine\\b', '\\bwithout prescription\\b']
            within: 3
            scope: sentence
        """)
        let hit = scan("You can BUY KETAMINE ONLINE WITHOUT PRESCRIPTION today.", with: set)
        XCTAssertEqual(hit.findings.map(\.match), ["BUY KETAMINE ONLINE WITHOUT PRESCRIPTION"])
        XCTAssertEqual(scan("Buy ketamine? No. It is sold only with a prescription, never without prescription.", with: set).findings.count, 0)
        XCTAssertEqual(scan("Buy it from a licensed clinic and not from a stranger selling ketamine without prescription.", with: set).findings.count, 0,
                       "too many tokens between the parts")
    }

    func testNearRuleWithParagraphScopeSpansSentences() throws {
        let set = try rules("""
            kind: near
            all: ['\\bketamine\\b', '\\bwhatsapp\\b']
            within: 8
            scope: paragraph
        """)
        XCTAssertEqual(scan("Ketamine in stock. Message on WhatsApp.", with: set).findings.count, 1)
        XCTAssertEqual(scan("Ketamine in stock.\n\nMessage on WhatsApp.", with: set).findings.count, 0)
    }

    func testRequiredRuleAnchorsOnTheFirstTriggerAndNamesWhatIsMissing() throws {
        let set = try rules("""
            kind: required
            trigger: ['\\bketamine therapy\\b']
            require:
              - name: risks or side effects
                patterns: ['\\bnausea\\b']
              - name: medical supervision
                patterns: ['\\bsupervision\\b']
        """)
        let result = scan("Intro.\nKetamine therapy changes lives. Ketamine therapy is here. Given under supervision.", with: set)
        XCTAssertEqual(result.findings.count, 1)
        XCTAssertEqual(result.findings[0].span.start, 7)
        XCTAssertEqual(result.findings[0].match, "Ketamine therapy")
        XCTAssertTrue(result.findings[0].message.hasSuffix("Missing: risks or side effects."), result.findings[0].message)
        XCTAssertEqual(scan("Ketamine therapy can cause nausea, so it is given under supervision.", with: set).findings.count, 0)
        XCTAssertEqual(scan("Nothing promoted here.", with: set).findings.count, 0)
    }

    func testRequiredRuleWithSectionScopeLooksOnlyInTheTriggersSection() throws {
        let set = try rules("""
            kind: required
            scope: section
            trigger: ['\\bbook now\\b']
            require:
              - name: risks
                patterns: ['\\bnausea\\b']
        """)
        let text = "Offer\nBook now for relief.\nSafety\nIt can cause nausea."
        XCTAssertEqual(scan(text, with: set).findings.count, 1)
        XCTAssertEqual(scan("Offer\nBook now. It can cause nausea.", with: set).findings.count, 0)
    }

    func testOverlappingFindingsOfOneCategoryMergeIntoTheMostSevere() throws {
        let set = try ruleSet(yaml: pack("""
          - id: t/a
            kind: pattern
            category: unsafe-claim
            severity: warning
            score: 1
            message: a
            patterns: ['\\bcompletely safe\\b']
            examples: {match: ["x"], no_match: ["y"]}
          - id: t/b
            kind: pattern
            category: unsafe-claim
            severity: error
            score: 2
            message: b
            patterns: ['\\bsafe and effective\\b']
            examples: {match: ["x"], no_match: ["y"]}
          - id: t/c
            kind: pattern
            category: spam-residue
            severity: info
            score: 1
            message: c
            patterns: ['\\bsafe\\b']
            examples: {match: ["x"], no_match: ["y"]}
        """), test: self)
        let result = scan("It is completely safe and effective.", with: set)
        let unsafe = result.findings.filter { $0.category == .unsafeClaim }
        XCTAssertEqual(unsafe.count, 1)
        XCTAssertEqual(unsafe[0].rule, "t/b")
        XCTAssertEqual(unsafe[0].alsoMatched, ["t/a"])
        XCTAssertEqual(result.findings.filter { $0.category == .spamResidue }.count, 1, "other categories are not merged")
        XCTAssertEqual(result.score, 3, "each rule that stays counts once")
    }
}
