import XCTest
@testable import RedlineCore

final class RuleContextTests: XCTestCase {
    func testContactTokensAreFoundAsWrittenAndMappedIntoADerivedLayer() {
        // A stand-in for normalization: drop the zero-width space and fold the `@` of the address into `a`.
        let source = "k\u{200B}et: mail rx@pills.example or <a href=\"https://t.me/rxplug\">chat</a>"
        let extracted = extract(source, format: .html)
        let text = extracted.layer.bytes
        let zeroWidth = 1..<4
        let at = text.firstIndex(of: UInt8(ascii: "@"))!
        var map = OffsetMap()
        map.appendIdentity(sourceStart: 0, length: zeroWidth.lowerBound)
        map.appendReplacement(source: zeroWidth, derivedLength: 0)
        map.appendIdentity(sourceStart: zeroWidth.upperBound, length: at - zeroWidth.upperBound)
        map.appendReplacement(source: at..<(at + 1), derivedLength: 1)
        map.appendIdentity(sourceStart: at + 1, length: text.count - at - 1)
        var derivedBytes = Array(text[..<zeroWidth.lowerBound]) + Array(text[zeroWidth.upperBound..<at])
        derivedBytes += [UInt8(ascii: "a")] + Array(text[(at + 1)...])
        let normalized = extracted.layer.deriving(bytes: derivedBytes, map: map)
        let context = RuleContext(documentID: "t", extracted: extracted, normalized: normalized,
                                  normalizedHeadingStarts: nil, scratch: MatchScratch())
        let found = context.contacts(.normalized).map { "\($0.kind.rawValue): \(String(decoding: derivedBytes[$0.range], as: UTF8.self))" }
        XCTAssertEqual(found, ["email: rxapills.example", "handle: chat"])
        XCTAssertEqual(context.contacts(.original).map(\.kind), [.email, .handle])
    }

    /// `originalSentence(atOrAfter:)` splits only the paragraphs it needs, and finds for every
    /// original offset what the whole segmentation finds (every document of the corpus, every offset).
    func testOriginalSentenceAgreesWithTheWholeSegmentation() {
        var checked = 0
        for case .document(let document) in DocumentSource(paths: [packageRoot.appendingPathComponent("Corpus").path]) {
            let (extracted, normalized) = Scanner.textLayers(of: document)
            let context = RuleContext(documentID: document.id, extracted: extracted, normalized: normalized,
                                      normalizedHeadingStarts: nil, scratch: MatchScratch())
            let whole = Tokenizer.segment(extracted.layer.bytes, headingStarts: extracted.headingStarts).sentences
                .map { extracted.layer.originalRange(of: $0) }
            // Offsets in a shuffled order, so the paragraph cache is filled out of order too.
            var offsets = Array(0...document.bytes.count)
            offsets.shuffle()
            for offset in offsets {
                let expected = whole.first { $0.contains(offset) || $0.lowerBound > offset } ?? offset..<offset
                XCTAssertEqual(context.originalSentence(atOrAfter: offset), expected, "\(document.path) at \(offset)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 100_000)
    }
}
