import XCTest
@testable import RedlineCore

final class ConfusablesTests: XCTestCase {
    func testKnownLookAlikesHaveTheirLatinSkeleton() {
        XCTAssertEqual(Confusables.skeleton(of: "\u{043E}"), "o", "Cyrillic о")
        XCTAssertEqual(Confusables.skeleton(of: "\u{03BF}"), "o", "Greek ο")
        XCTAssertEqual(Confusables.skeleton(of: "\u{0435}"), "e", "Cyrillic е")
        XCTAssertEqual(Confusables.skeleton(of: "\u{0410}"), "A", "Cyrillic А")
        XCTAssertEqual(Confusables.skeleton(of: "\u{043A}"), "k", "Cyrillic к, whose TR39 skeleton is ĸ (kra)")
        XCTAssertEqual(Confusables.skeleton(of: "\u{043D}"), "h", "Cyrillic н, whose TR39 skeleton is ʜ (small capital H)")
        XCTAssertEqual(Confusables.skeleton(of: "\u{0399}"), "I", "Greek Ι, whose TR39 skeleton is l")
        XCTAssertEqual(Confusables.skeleton(of: "\u{0456}"), "i", "Cyrillic і")
    }

    func testLatinLettersDigitsAndUnlikeLettersAreNotInTheTable() {
        for scalar: Unicode.Scalar in ["o", "0", "\u{00F6}", "\u{0131}", "\u{0438}", "\u{0417}", "\u{FF4F}"] {
            XCTAssertNil(Confusables.skeleton(of: scalar), "U+\(String(scalar.value, radix: 16))")
        }
    }

    func testTheTableIsSortedAndItsSkeletonsAreASCIILetters() {
        XCTAssertEqual(Confusables.scalars.count, Confusables.skeletons.count)
        XCTAssertTrue(zip(Confusables.scalars, Confusables.scalars.dropFirst()).allSatisfy { $0 < $1 })
        XCTAssertTrue(Confusables.skeletons.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic } })
    }
}
