import XCTest
@testable import RedlineCore

final class TextDiffTests: XCTestCase {
    private func sentences(_ text: String, format: DocumentFormat = .plain) -> [TextDiff.Sentence] {
        TextDiff.sentences(of: extract(text, format: format), source: Array(text.utf8))
    }

    private func changes(_ sentences: [TextDiff.Sentence]) -> [String] {
        sentences.map { "\($0.change.rawValue): \($0.text)" }
    }

    func testSentencesCarryOriginalSpansAndCollapsedText() {
        let source = "<p>First   <b>one</b>.\nSecond one.</p>"
        let found = sentences(source, format: .html)
        XCTAssertEqual(found.map(\.text), ["First one.", "Second one."])
        let second = found[1].span
        XCTAssertEqual(String(decoding: Array(source.utf8)[second.range], as: UTF8.self), "Second one.")
        XCTAssertEqual(second.line, 2)
    }

    func testMovedParagraphIsMovedNotRemovedAndAdded() {
        let diff = TextDiff(old: sentences("Alpha one.\n\nBeta two.\n\nGamma three."),
                            new: sentences("Gamma three.\n\nAlpha one.\n\nBeta two."))
        XCTAssertFalse(diff.old.contains { $0.change == .removed || $0.change == .added })
        XCTAssertFalse(diff.new.contains { $0.change == .removed || $0.change == .added })
        XCTAssertEqual(diff.new.filter { $0.change == .moved }.map(\.text), ["Gamma three."])
        XCTAssertEqual(diff.new[0].counterpart, 2)
    }

    func testEditedSentenceIsRemovedAndAddedAndTheRestUnchanged() {
        let diff = TextDiff(old: sentences("Keep this. Change that. Keep the end."),
                            new: sentences("Keep this. Changed that! Keep the end. A new line."))
        XCTAssertEqual(changes(diff.old), ["unchanged: Keep this.", "removed: Change that.", "unchanged: Keep the end."])
        XCTAssertEqual(changes(diff.new), ["unchanged: Keep this.", "added: Changed that!", "unchanged: Keep the end.", "added: A new line."])
        XCTAssertEqual(diff.old[2].counterpart, 2)
    }

    func testLinesReadLikeAUnifiedDiff() {
        let diff = TextDiff(old: sentences("A one. B two. C three."), new: sentences("A one. B2 two. C three."))
        XCTAssertEqual(diff.lines, [TextDiff.Line(old: 0, new: 0), TextDiff.Line(old: 1, new: nil),
                                    TextDiff.Line(old: nil, new: 1), TextDiff.Line(old: 2, new: 2)])
    }

    func testAnAddedArticleHasOnlyAddedSentences() {
        let diff = TextDiff(old: [], new: sentences("One. Two."))
        XCTAssertEqual(diff.new.map(\.change), [.added, .added])
        XCTAssertEqual(diff.lines.count, 2)
    }

    func testSentenceIndexFindsTheSentenceHoldingAnOffset() {
        let found = sentences("One here. Two there.")
        XCTAssertEqual(TextDiff.sentenceIndex(containing: 0, in: found), 0)
        XCTAssertEqual(TextDiff.sentenceIndex(containing: 12, in: found), 1)
        XCTAssertNil(TextDiff.sentenceIndex(containing: 0, in: []))
    }
}
