import Dispatch
import Synchronization
import XCTest
@testable import RedlineCore

final class RegexTests: XCTestCase {
    func testMatchesCaselessWithUnicodeWordBoundaries() throws {
        let regex = try Regex(#"\bketamine\b"#)
        let scratch = MatchScratch()
        XCTAssertTrue(regex.matches("BUY KETAMINE NOW", scratch: scratch))
        XCTAssertFalse(regex.matches("éketamine", scratch: scratch), "é is a word character under UCP")
        XCTAssertTrue(regex.isJITCompiled)
    }

    func testThreadsMatchingAFreshRegexAtOnceAllSeeItsJITCode() throws {
        let regex = try Regex(#"\bketamine\b"#)
        let text = Array("an article about ketamine clinics".utf8)
        let found = Mutex([Range<Int>]())
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let range = text.withUnsafeBufferPointer { regex.allMatches(in: $0, scratch: MatchScratch()) { _, _ in } }
            found.withLock { $0 += range }
        }
        XCTAssertEqual(found.withLock { $0 }, Array(repeating: 17..<25, count: 8))
        XCTAssertTrue(regex.isJITCompiled)
    }

    func testCaseSensitiveRegexRespectsCase() throws {
        let regex = try Regex("BUY", caseless: false)
        XCTAssertFalse(regex.matches("buy", scratch: MatchScratch()))
    }

    func testBadPatternReportsMessageAndOffset() {
        XCTAssertThrowsError(try Regex("abc(def")) { error in
            let regexError = error as? RegexError
            XCTAssertEqual(regexError?.offset, 7)
            XCTAssertTrue(regexError?.message.contains("missing closing parenthesis") ?? false, "\(error)")
        }
    }

    func testAllMatchesReturnsByteRangesInOrder() throws {
        let regex = try Regex(#"\bsafe\b"#)
        let text = Array("safe, not safe, unsafe, SAFE".utf8)
        let ranges = text.withUnsafeBufferPointer { regex.allMatches(in: $0, scratch: MatchScratch()) { _, _ in XCTFail() } }
        XCTAssertEqual(ranges, [0..<4, 10..<14, 24..<28])
    }

    func testCatastrophicPatternHitsTheMatchLimitInsteadOfHanging() throws {
        let regex = try Regex(#"(a+)+$"#)
        let text = Array((String(repeating: "a", count: 40) + "!").utf8)
        var limits: [(Int, String)] = []
        let ranges = text.withUnsafeBufferPointer { regex.allMatches(in: $0, scratch: MatchScratch()) { limits.append(($0, $1)) } }
        XCTAssertEqual(ranges, [])
        XCTAssertEqual(limits.count, 1)
        XCTAssertTrue(limits[0].1.contains("limit"), limits[0].1)
    }

    func testSubjectEndBoundsTheMatch() throws {
        let regex = try Regex(#"\bsafe\b"#)
        let text = Array("it is safe".utf8)
        let outcome = text.withUnsafeBufferPointer { regex.firstMatch(in: $0, from: 0, to: 8, scratch: MatchScratch()) }
        XCTAssertEqual(outcome, .noMatch)
    }
}
