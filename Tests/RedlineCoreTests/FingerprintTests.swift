import XCTest
@testable import RedlineCore

final class FingerprintTests: XCTestCase {
    private func finding(_ rule: String, _ match: String, at start: Int, line: Int) -> Finding {
        Finding(rule: rule, category: .unsafeClaim, severity: .error, score: 1, message: "m", suggestion: nil,
                span: Span(start: start, end: start + match.utf8.count, line: line, column: 1, endLine: line, endColumn: 1),
                match: match)
    }

    func testFingerprintIgnoresLinesAndOffsets() {
        let before = Fingerprint.of([finding("p/r", "cures depression", at: 10, line: 1)])
        let after = Fingerprint.of([finding("p/r", "cures depression", at: 500, line: 40)])
        XCTAssertEqual(before, after)
    }

    func testFingerprintIgnoresCaseAndWhiteSpaceOfTheMatchedText() {
        XCTAssertEqual(Fingerprint.of([finding("p/r", "Cures\n  DEPRESSION", at: 0, line: 1)]),
                       Fingerprint.of([finding("p/r", "cures depression", at: 0, line: 1)]))
    }

    func testRepeatedEqualFindingsAreNumberedByOccurrence() {
        let prints = Fingerprint.of([finding("p/r", "cures depression", at: 0, line: 1),
                                     finding("p/other", "cures depression", at: 30, line: 2),
                                     finding("p/r", "Cures depression", at: 60, line: 3)])
        XCTAssertTrue(prints[0].hasSuffix(":1"), prints[0])
        XCTAssertTrue(prints[2].hasSuffix(":2"), prints[2])
        XCTAssertEqual(prints[0].dropLast(2), prints[2].dropLast(2))
        XCTAssertNotEqual(prints[0].dropLast(2), prints[1].dropLast(2), "the rule id is part of the fingerprint")
    }

    func testFingerprintIsASixteenDigitHashAndAnOccurrence() {
        let print = Fingerprint.of([finding("p/r", "x", at: 0, line: 1)])[0]
        XCTAssertNotNil(print.wholeMatch(of: /[0-9a-f]{16}:1/), print)
    }
}
