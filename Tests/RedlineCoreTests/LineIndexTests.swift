import XCTest
@testable import RedlineCore

final class LineIndexTests: XCTestCase {
    func testLinesAndColumnsAreOneBasedAndCountScalars() {
        let text = Array("first\nsé cond ☃x\nthird".utf8)
        let index = LineIndex(text)
        XCTAssertEqual(index.location(of: 0), .init(line: 1, column: 1))
        XCTAssertEqual(index.location(of: 6), .init(line: 2, column: 1))
        let snowman = text.firstIndex(of: 0xE2)!
        XCTAssertEqual(index.location(of: snowman), .init(line: 2, column: 9))
        XCTAssertEqual(index.location(of: snowman + 3), .init(line: 2, column: 10))
        XCTAssertEqual(index.location(of: text.count), .init(line: 3, column: 6))
    }

    func testLineRangeExcludesTheTerminator() {
        let text = Array("one\r\ntwo".utf8)
        XCTAssertEqual(LineIndex(text).lineRange(containing: 1), 0..<3)
        XCTAssertEqual(LineIndex(text).lineRange(containing: 6), 5..<8)
    }
}
