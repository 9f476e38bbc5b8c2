import XCTest
@testable import RedlineCore

final class TokenizerTests: XCTestCase {
    private func sentences(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return Tokenizer.segment(bytes).sentences.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    func testSentencesSurviveAbbreviationsDecimalsAndInitials() {
        XCTAssertEqual(sentences("Dr. Smith gave 2.5 mg at 3 p.m. on Monday. It helped, e.g. with sleep. J. Doe agreed."),
                       ["Dr. Smith gave 2.5 mg at 3 p.m. on Monday.", "It helped, e.g. with sleep.", "J. Doe agreed."])
        XCTAssertEqual(sentences("Approved in the U.S. in 2019. Not elsewhere."), ["Approved in the U.S. in 2019.", "Not elsewhere."])
    }

    func testSentencesEndAfterClosingQuotesAndHandleEllipses() {
        XCTAssertEqual(sentences("She said, “It works.” Then she left… and came back... Later it failed!"),
                       ["She said, “It works.”", "Then she left… and came back...", "Later it failed!"])
    }

    func testParagraphsSplitAtBlankLinesAndNewLinesBeforeCapitals() {
        let text = "Heading\nFirst line wraps\nonto the next. Second.\n\nNew paragraph.\n- bullet"
        let bytes = Array(text.utf8)
        let segmentation = Tokenizer.segment(bytes)
        XCTAssertEqual(segmentation.paragraphs.map { String(decoding: bytes[$0], as: UTF8.self) },
                       ["Heading", "First line wraps\nonto the next. Second.", "New paragraph.", "- bullet"])
        XCTAssertEqual(segmentation.sentences.count, 5)
    }

    func testShortUnpunctuatedLinesStartSections() {
        let text = "Benefits\nIt helps a lot.\nRisks and side effects\nIt can cause nausea."
        let bytes = Array(text.utf8)
        let sections = Tokenizer.segment(bytes).sections
        XCTAssertEqual(sections.count, 2)
        XCTAssertEqual(String(decoding: bytes[sections[1]], as: UTF8.self), "Risks and side effects\nIt can cause nausea.")
    }

    func testWordTokensKeepApostrophesAndUnicodeLetters() {
        let bytes = Array("Don’t buy ketamine—ever; café 2.5mg".utf8)
        let tokens = Tokenizer.wordTokens(bytes, in: 0..<bytes.count).map { String(decoding: bytes[$0], as: UTF8.self) }
        XCTAssertEqual(tokens, ["Don’t", "buy", "ketamine", "ever", "café", "2", "5mg"])
    }
}
