import XCTest
@testable import RedlineCore

final class JSONRecordDecoderTests: XCTestCase {
    private func decode(_ line: String, decoder: JSONRecordDecoder = JSONRecordDecoder()) throws -> JSONRecordDecoder.Record {
        let bytes = Array(line.utf8)
        return try bytes.withUnsafeBufferPointer { try decoder.decode($0) }
    }

    func testDecodesEscapesAndSurrogatePairs() throws {
        let record = try decode(#"{"meta":{"a":[1,2,{"b":null}]},"id":"a-1","text":"Line\none \"q\" \u00e9 \ud83d\ude00 \/ end"}"#)
        XCTAssertEqual(record.id, "a-1")
        XCTAssertEqual(String(decoding: record.text, as: UTF8.self), "Line\none \"q\" é 😀 / end")
        XCTAssertFalse(record.hadLoneSurrogate)
    }

    func testNumericIdAndConfigurableFields() throws {
        let record = try decode(#"{"doc": 42, "body": "hi"}"#, decoder: JSONRecordDecoder(idField: "doc", textField: "body"))
        XCTAssertEqual(record.id, "42")
        XCTAssertEqual(record.text, Array("hi".utf8))
    }

    func testLoneSurrogateBecomesReplacementCharacter() throws {
        let record = try decode(#"{"text":"a\ud800b"}"#)
        XCTAssertEqual(String(decoding: record.text, as: UTF8.self), "a\u{FFFD}b")
        XCTAssertTrue(record.hadLoneSurrogate)
    }

    func testErrorsNameTheColumn() {
        XCTAssertThrowsError(try decode(#"{"text":"abc\q"}"#)) { error in
            XCTAssertEqual((error as? JSONRecordDecoder.DecodeError)?.column, 14)
        }
        XCTAssertThrowsError(try decode(#"{"id":"x"}"#)) { error in
            XCTAssertEqual((error as? JSONRecordDecoder.DecodeError)?.message, #"record has no "text" field"#)
        }
        XCTAssertThrowsError(try decode(#"{"text":"abc""#))
        XCTAssertThrowsError(try decode(#"[1,2]"#))
    }
}
