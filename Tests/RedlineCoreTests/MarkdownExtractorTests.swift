import XCTest
@testable import RedlineCore

final class MarkdownExtractorTests: XCTestCase {
    private func markdown(_ source: String) -> ExtractedText { extract(source, format: .markdown) }

    func testEmphasisMarkersVanishWithoutBreakingWords() {
        let source = "Buy ke**tam**ine, *now* and __fast__ ~~cheap~~ today."
        let extracted = markdown(source)
        XCTAssertEqual(extracted.text, "Buy ketamine, now and fast cheap today.")
        XCTAssertEqual(extracted.source(of: "ketamine", in: source), "ke**tam**ine")
    }

    func testUnpairedAndIntrawordMarkersStayText() {
        XCTAssertEqual(markdown("2 * 3 = 6, 2*3, snake_case_name, marked *").text, "2 * 3 = 6, 2*3, snake_case_name, marked *")
        XCTAssertEqual(markdown("~5 mg and \\*literal\\*").text, "~5 mg and *literal*")
    }

    func testCodeIsSkippedAndKeepsWordsApart() {
        let source = """
            Use `rm -rf` carefully.

            ```bash
            buy ketamine online
            ```

            ~~~
            order now
            ~~~
            After code.

                indented buy pills
            Last.
            """
        let extracted = markdown(source)
        XCTAssertEqual(extracted.text, "Use carefully.\n\nAfter code.\n\nLast.")
        XCTAssertFalse(extracted.text.contains("buy"))
    }

    func testHardWrappedLinesFormOneParagraphAndHardBreaksBreak() {
        let source = "Ketamine is given\nUnder supervision\nin a clinic.  \nNext line\\\nand more."
        let extracted = markdown(source)
        XCTAssertEqual(extracted.text, "Ketamine is given Under supervision in a clinic.\nNext line\nand more.")
        XCTAssertEqual(extracted.source(of: "given Under", in: source), "given\nUnder")
    }

    func testHeadingsStartSectionsAndTheirMarkersAreDropped() {
        let source = "# Title #\n\nIntro text.\n\nRisks\n-----\nNausea.\n\n## Dose\nLow dose.\n"
        let extracted = markdown(source)
        XCTAssertEqual(extracted.text, "Title\n\nIntro text.\n\nRisks\n\nNausea.\n\nDose\n\nLow dose.")
        let bytes = extracted.layer.bytes
        XCTAssertEqual(extracted.headingStarts?.map { String(decoding: bytes[$0..<($0 + 4)], as: UTF8.self) }, ["Titl", "Risk", "Dose"])
    }

    func testListMarkersAndBlockquotesAreDroppedAndEachItemIsAParagraph() {
        let source = "Side effects:\n\n- nausea\n- dizziness that\n  lasts a day\n1. First\n2) Second\n\n> Quoted text\n> continues here.\n\n---\n\nEnd."
        let extracted = markdown(source)
        XCTAssertEqual(extracted.text, "Side effects:\n\nnausea\n\ndizziness that lasts a day\n\nFirst\n\nSecond\n\nQuoted text continues here.\n\nEnd.")
    }

    func testLinksKeepTheirTextAndRecordTheirURL() {
        let source = """
            See [cheap **pills**](https://shop.example/x "Shop") and [the guide][g] or [G].
            ![buy ketamine](img.png) <https://auto.example/path> [not a link] [x](<https://a.example/b c>)

            [g]: https://guide.example/
            """
        let extracted = markdown(source)
        XCTAssertEqual(extracted.text, "See cheap pills and the guide or G. https://auto.example/path [not a link] x")
        XCTAssertEqual(extracted.links.map(\.url), ["https://shop.example/x", "https://guide.example/", "https://guide.example/", "https://a.example/b c"])
        XCTAssertEqual(extracted.links.map { String(decoding: extracted.layer.bytes[$0.range], as: UTF8.self) }, ["cheap pills", "the guide", "G", "x"])
        XCTAssertEqual(extracted.source(of: "cheap pills", in: source), "cheap **pills")
    }

    func testLinksDoNotNestAndUnclosedMarkupStaysText() {
        let extracted = markdown("[outer [inner](https://i.example)] a] `open <!-- open [x](y")
        XCTAssertEqual(extracted.text, "[outer inner] a] `open <!-- open [x](y")
        XCTAssertEqual(extracted.links.map(\.url), ["https://i.example"])
    }

    func testCommentsAndInlineHTMLAreDroppedAndCommentsRecorded() {
        let source = "<!-- redline-disable spam/x -->\nText with <span class=\"x\">inline</span> html<br> and <!-- note --> more.\n\n<!--\nmulti\nline\n-->\nAfter."
        let extracted = markdown(source)
        XCTAssertEqual(extracted.text, "Text with inline html and more.\n\nAfter.")
        XCTAssertEqual(extracted.comments.map(\.text), [" redline-disable spam/x ", " note ", "\nmulti\nline\n"])
        XCTAssertEqual(String(decoding: Array(source.utf8)[extracted.comments[0].originalRange], as: UTF8.self), "<!-- redline-disable spam/x -->")
    }

    func testEntitiesAreDecodedAndTablesSplitIntoRows() {
        let source = "Fish &amp; chips\n\n| Drug | Price |\n|---|:--:|\n| Ketamine | $25 |\n| Other | $5 |\n"
        let extracted = markdown(source)
        XCTAssertEqual(extracted.text, "Fish & chips\n\n| Drug | Price |\n\n| Ketamine | $25 |\n\n| Other | $5 |")
        XCTAssertEqual(extracted.source(of: "&", in: source), "&amp;")
    }

    func testEveryExtractedWordMapsBackToItsSourceBytes() throws {
        for file in ["Corpus/forums/forum-esketamine-vs-ketamine-fda.md", "Corpus/marketing/neuropeak-brain-booster-shop.md"] {
            let source = try String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8)
            let extracted = markdown(source)
            assertEveryWordMapsToItsSource(extracted, source)
            XCTAssertFalse(extracted.text.contains("**"), file)
        }
    }

    func testSectionScopedRequiredRuleFollowsMarkdownHeadings() throws {
        let set = try ruleSet(yaml: pack("""
          - id: t/caveat
            kind: required
            category: missing-caveat
            severity: warning
            score: 2
            message: m
            trigger: ['\\bketamine therapy\\b']
            require:
              - name: risks
                patterns: ['\\bnausea\\b']
            scope: section
            examples:
              match: ["x"]
              no_match: ["y"]
        """), test: self)
        let covered = "# Ketamine therapy\nKetamine therapy can\ncause nausea.\n\n# Other\nNothing here.\n"
        XCTAssertEqual(scan(covered, with: set, format: .markdown).findings.count, 0)
        let split = "# Ketamine\nKetamine therapy helps.\n\n## Side effects\nNausea is common.\n"
        XCTAssertEqual(scan(split, with: set, format: .markdown).findings.map(\.match), ["Ketamine therapy"])
    }
}
