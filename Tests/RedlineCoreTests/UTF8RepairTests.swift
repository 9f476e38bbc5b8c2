import XCTest
@testable import RedlineCore

final class UTF8RepairTests: XCTestCase {
    func testValidTextIsUnchanged() {
        let bytes = Array("Ketamine’s ☃ effect".utf8)
        let result = UTF8Repair.repair(bytes)
        XCTAssertEqual(result.bytes, bytes)
        XCTAssertNil(result.firstInvalid)
    }

    func testInvalidBytesBecomeReplacementCharactersMappedToTheOriginalBytes() {
        let bytes: [UInt8] = Array("ab".utf8) + [0xFF] + Array("cd".utf8) + [0xE2, 0x82] + Array("e".utf8)
        let result = UTF8Repair.repair(bytes)
        XCTAssertEqual(String(decoding: result.bytes, as: UTF8.self), "ab\u{FFFD}cd\u{FFFD}e")
        XCTAssertEqual(result.firstInvalid, 2)
        XCTAssertEqual(result.invalidCount, 2)
        // "cd" sits at derived 5..<7 and original 3..<5; the truncated sequence maps to its two bytes.
        XCTAssertEqual(result.map.sourceRange(of: 5..<7), 3..<5)
        XCTAssertEqual(result.map.sourceRange(of: 7..<10), 5..<7)
    }

    func testSurrogateEncodingsAndOverlongFormsAreInvalid() {
        XCTAssertEqual(UTF8Repair.firstInvalidOffset([0x61, 0xED, 0xA0, 0x80]), 1)
        XCTAssertEqual(UTF8Repair.firstInvalidOffset([0xC0, 0xAF]), 0)
        XCTAssertNil(UTF8Repair.firstInvalidOffset(Array("𝒳".utf8)))
    }
}
