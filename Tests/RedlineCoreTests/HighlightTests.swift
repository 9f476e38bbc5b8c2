import XCTest
@testable import RedlineCore

final class HighlightTests: XCTestCase {
    func testOverlappingRangesCutTheTextIntoFlatPieces() {
        let pieces = Highlight.pieces(count: 10, ranges: [2..<6, 4..<8, 5..<5, 9..<20])
        XCTAssertEqual(pieces.map(\.range), [0..<2, 2..<4, 4..<5, 5..<6, 6..<8, 8..<9, 9..<10])
        XCTAssertEqual(pieces.map(\.covering), [[], [0], [0, 1], [0, 1], [1], [], [3]])
    }

    func testNoRangesIsOnePiece() {
        XCTAssertEqual(Highlight.pieces(count: 3, ranges: []).map(\.range), [0..<3])
        XCTAssertTrue(Highlight.pieces(count: 0, ranges: []).isEmpty)
    }
}
