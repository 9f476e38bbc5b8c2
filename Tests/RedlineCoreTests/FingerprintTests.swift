import XCTest
@testable import RedlineCore

final class FingerprintTests: XCTestCase {
    private func rules() throws -> RuleSet {
        try singleRule("""
            kind: pattern
            patterns: ['\\bcures?\\s+depression\\b', '\\bbuy\\s+ketamine\\b']
        """, test: self)
    }

    private func fingerprints(_ text: String, format: DocumentFormat = .plain) throws -> [String] {
        scan(text, with: try rules(), format: format).findings.map(\.fingerprint)
    }

    func testMovingAParagraphOrEditingAnotherKeepsEveryFingerprint() throws {
        let before = try fingerprints("""
            Ketamine cures depression, the clinic says.

            Our nurses are friendly.

            Buy ketamine here.
            """)
        let after = try fingerprints("""
            Buy ketamine here.

            Our nurses are very friendly and trained, and the waiting room is new.

            Ketamine cures depression, the clinic says.
            """)
        XCTAssertEqual(before.count, 2)
        XCTAssertEqual(Set(before), Set(after))
    }

    func testFingerprintIgnoresCaseAndWhiteSpaceOfTheMatchedText() throws {
        XCTAssertEqual(try fingerprints("It Cures\n  DEPRESSION."), try fingerprints("It cures depression."))
    }

    func testMarkupAroundTheMatchDoesNotChangeTheFingerprint() throws {
        XCTAssertEqual(try fingerprints("<p>It <b>cures</b> depression.</p>", format: .html), try fingerprints("It cures depression."))
    }

    func testRepeatedEqualFindingsAreNumberedByOccurrence() throws {
        let prints = try fingerprints("It cures depression. Buy ketamine. It cures depression.")
        XCTAssertEqual(prints.count, 3)
        XCTAssertTrue(prints[0].hasSuffix(":1"), prints[0])
        XCTAssertTrue(prints[2].hasSuffix(":2"), prints[2])
        XCTAssertEqual(prints[0].dropLast(2), prints[2].dropLast(2))
        XCTAssertNotEqual(prints[0].dropLast(2), prints[1].dropLast(2), "the matched text is part of the fingerprint")
    }

    func testTheRuleIdIsPartOfTheFingerprint() throws {
        let other = try singleRule("""
            kind: pattern
            patterns: ['\\bcures?\\s+depression\\b']
        """, test: self)
        let renamed = try ruleSet(yaml: pack("""
              - id: t/other
                kind: pattern
                category: unsafe-claim
                severity: error
                score: 3
                message: m
                patterns: ['\\bcures?\\s+depression\\b']
                examples: {match: ["x"], no_match: ["y"]}
            """), test: self)
        XCTAssertNotEqual(scan("It cures depression.", with: other).findings.map(\.fingerprint),
                          scan("It cures depression.", with: renamed).findings.map(\.fingerprint))
    }

    func testFingerprintIsASixteenDigitHashAndAnOccurrence() throws {
        let print = try XCTUnwrap(try fingerprints("It cures depression.").first)
        XCTAssertNotNil(print.wholeMatch(of: /[0-9a-f]{16}:1/), print)
    }

    /// "k3tamine" reads as "ketamine" in the normalized layer, so the rule fires on both
    /// spellings and the two findings share a fingerprint.
    func testObfuscatedAndPlainSpellingsShareAFingerprint() throws {
        let plain = try fingerprints("Buy ketamine here.")
        XCTAssertEqual(plain.count, 1)
        XCTAssertEqual(try fingerprints("Buy k3tamine here."), plain)
        XCTAssertEqual(try fingerprints("Buy k 3 t a m i n e here."), plain)
    }

    /// The ASCII fast path of `normalized` gives what the general path gives.
    func testASCIINormalizationMatchesTheGeneralPath() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", "Z", "q", "Q", "0", "9", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "-", "'", "\"", "@",
                                  "\u{0}", "\u{1F}", "\u{7F}", "é", "\u{85}", "\u{A0}", "İ", "ß", "\u{2028}"]
        for length in 0..<40 {
            for _ in 0..<50 {
                let text = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }.joined()
                XCTAssertEqual(Fingerprint.normalized(text), Fingerprint.generalNormalized(text), text.debugDescription)
            }
        }
        for text in ["", " ", "\r\n", " Buy  NOW\t\n", "ABC xyz", "a\r\nb", "  lead", "trail  "] {
            XCTAssertEqual(Fingerprint.normalized(text), Fingerprint.generalNormalized(text), text.debugDescription)
        }
    }
}
