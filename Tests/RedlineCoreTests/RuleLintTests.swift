import XCTest
@testable import RedlineCore

final class RuleLintTests: XCTestCase {
    func testPatternsWithoutWordBoundariesAtWordEdgesAreFlagged() {
        XCTAssertEqual(RuleLint.missingWordBoundary("cure"), "leading")
        XCTAssertEqual(RuleLint.missingWordBoundary(#"\bcure"#), "trailing")
        XCTAssertNil(RuleLint.missingWordBoundary(#"\bcures?\b"#))
        XCTAssertNil(RuleLint.missingWordBoundary(#"\b100 ?%"#))
    }

    func testNestedUnboundedQuantifiersAreFlagged() {
        XCTAssertTrue(RuleLint.hasNestedQuantifier("(a+)+$"))
        XCTAssertTrue(RuleLint.hasNestedQuantifier(#"(?:\w+\s?)*end"#))
        XCTAssertTrue(RuleLint.hasNestedQuantifier("(?:x(?:ab)*){2,}"))
        XCTAssertFalse(RuleLint.hasNestedQuantifier(#"\b(?:very )?safe\b"#))
        XCTAssertFalse(RuleLint.hasNestedQuantifier(#"(?:\w+ ){0,3}side effects"#))
        XCTAssertFalse(RuleLint.hasNestedQuantifier(#"[(+]+\d"#))
    }

    func testEmptyOrCatchAllAlternativesAreFlagged() {
        XCTAssertTrue(RuleLint.hasEmptyOrWildcardAlternative(#"\b(?:safe|)\b"#))
        XCTAssertTrue(RuleLint.hasEmptyOrWildcardAlternative(#"buy|.*"#))
        XCTAssertFalse(RuleLint.hasEmptyOrWildcardAlternative(#"\bguarantee (?:results|that you(?:'ll| will))\b"#))
        XCTAssertFalse(RuleLint.hasEmptyOrWildcardAlternative(#"\b(?:a|b)(?:c|d)\b"#))
    }

    func testDuplicatePatternsAndTwoRulesReportingTheSameTextAreFlagged() throws {
        let set = try ruleSet(yaml: pack("""
          - id: t/strong
            kind: pattern
            category: unsafe-claim
            severity: error
            score: 3
            message: m
            patterns: ['\\bcompletely safe\\b']
            examples: {match: ["It is completely safe."], no_match: ["No."]}
          - id: t/weak
            kind: pattern
            category: unsafe-claim
            severity: warning
            score: 1
            message: m
            patterns: ['\\bsafe\\b', '\\bcompletely safe\\b']
            examples: {match: ["It is completely safe."], no_match: ["No."]}
        """), test: self)
        let warnings = RuleLint.run(set).map(\.message)
        XCTAssertTrue(warnings.contains("same pattern as rule t/strong"), "\(warnings)")
        XCTAssertTrue(warnings.contains(#"reports the same text as rule t/weak on its match example "It is completely safe.""#), "\(warnings)")
    }

    func testAGuardThatCancelsItsRulesOwnExampleIsNamedAndAnUnmatchedExampleIsNotBlamedOnGuards() throws {
        let set = try ruleSet(yaml: pack("""
          - id: t/safe
            kind: pattern
            category: unsafe-claim
            severity: error
            score: 1
            message: m
            patterns: ['\\bcompletely safe\\b']
            unless: ['\\bour\\b', '\\bnever\\b']
            examples: {match: ["Our pills are completely safe.", "Totally harmless."], no_match: ["No."]}
        """), test: self)
        let warnings = RuleLint.run(set).map(\.message).filter { $0.contains("cancels") }
        XCTAssertEqual(warnings, [#"guard /\bour\b/ cancels the rule's own match example "Our pills are completely safe.""#])
    }
}
