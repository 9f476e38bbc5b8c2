import XCTest
@testable import RedlineCore

final class OffsetMapTests: XCTestCase {
    func testIdentityMapReturnsTheSameRange() {
        XCTAssertEqual(OffsetMap.identity(length: 10).sourceRange(of: 2..<5), 2..<5)
    }

    func testReplacementWidensToTheWholeReplacedSource() {
        // source "a&amp;b" (7 bytes) -> derived "a&b" (3 bytes)
        var map = OffsetMap()
        map.appendIdentity(sourceStart: 0, length: 1)
        map.appendReplacement(source: 1..<6, derivedLength: 1)
        map.appendIdentity(sourceStart: 6, length: 1)
        XCTAssertEqual(map.sourceRange(of: 0..<3), 0..<7)
        XCTAssertEqual(map.sourceRange(of: 1..<2), 1..<6)
        XCTAssertEqual(map.sourceRange(of: 2..<3), 6..<7)
    }

    func testDroppedBytesInsideARangeAreCovered() {
        // source "k\u{200B}et" -> derived "ket": the zero-width space (3 bytes) is dropped
        var map = OffsetMap()
        map.appendIdentity(sourceStart: 0, length: 1)
        map.appendReplacement(source: 1..<4, derivedLength: 0)
        map.appendIdentity(sourceStart: 4, length: 2)
        XCTAssertEqual(map.sourceRange(of: 0..<3), 0..<6)
        XCTAssertEqual(map.sourceRange(of: 1..<3), 4..<6)
    }

    func testTextLayerComposesMapsBackToTheOriginal() {
        var first = OffsetMap()
        first.appendReplacement(source: 0..<2, derivedLength: 1)
        first.appendIdentity(sourceStart: 2, length: 4)
        var second = OffsetMap()
        second.appendIdentity(sourceStart: 0, length: 3)
        second.appendReplacement(source: 3..<5, derivedLength: 1)
        let layer = TextLayer(bytes: [], maps: [first, second])
        XCTAssertEqual(layer.originalRange(of: 1..<4), 2..<6)
    }

    func testDerivedOffsetFollowsASourceOffsetForward() {
        // source "a&amp;b\u{200B}c" (10 bytes) -> derived "a&bc" (4 bytes)
        var map = OffsetMap()
        map.appendIdentity(sourceStart: 0, length: 1)
        map.appendReplacement(source: 1..<6, derivedLength: 1)
        map.appendIdentity(sourceStart: 6, length: 1)
        map.appendReplacement(source: 7..<10, derivedLength: 0)
        map.appendIdentity(sourceStart: 10, length: 1)
        XCTAssertEqual([0, 1, 3, 6, 7, 9, 10, 11].map { map.derivedOffset(ofSource: $0) }, [0, 1, 1, 2, 3, 3, 3, 4])
    }

    func testTextLayerMapsAnAncestorOffsetThroughTheMapsAddedSince() {
        var extraction = OffsetMap()
        extraction.appendReplacement(source: 0..<3, derivedLength: 0)
        extraction.appendIdentity(sourceStart: 3, length: 5)
        let extracted = TextLayer(bytes: Array("ab cd".utf8), maps: [extraction])
        var normalization = OffsetMap()
        normalization.appendIdentity(sourceStart: 0, length: 1)
        normalization.appendReplacement(source: 1..<3, derivedLength: 0)
        normalization.appendIdentity(sourceStart: 3, length: 2)
        let normalized = extracted.deriving(bytes: Array("acd".utf8), map: normalization)
        XCTAssertEqual(normalized.derivedOffset(of: 3, in: extracted), 1)
        XCTAssertEqual(normalized.derivedOffset(of: 5, in: extracted), 3)
        XCTAssertEqual(extracted.derivedOffset(of: 4, in: extracted), 4)
    }
}

final class OffsetMapDerivedRangeTests: XCTestCase {
    func testDerivedRangeInvertsSourceRangeAcrossReplacementsAndDrops() {
        // source "a&amp;b<i>cd</i>e" -> derived "a&bcde"
        var map = OffsetMap()
        map.appendIdentity(sourceStart: 0, length: 1)
        map.appendReplacement(source: 1..<6, derivedLength: 1)
        map.appendIdentity(sourceStart: 6, length: 1)
        map.appendReplacement(source: 7..<10, derivedLength: 0)
        map.appendIdentity(sourceStart: 10, length: 2)
        map.appendReplacement(source: 12..<16, derivedLength: 0)
        map.appendIdentity(sourceStart: 16, length: 1)
        XCTAssertEqual(map.derivedRange(of: 0..<17), 0..<6)
        XCTAssertEqual(map.derivedRange(of: 10..<12), 3..<5)
        XCTAssertEqual(map.derivedRange(of: 7..<16), 3..<5, "markup around text maps to the text")
        XCTAssertEqual(map.derivedRange(of: 2..<4), 1..<2, "inside a replacement: the whole replacement")
        XCTAssertEqual(map.sourceRange(of: map.derivedRange(of: 6..<12)), 6..<12)
    }
}
