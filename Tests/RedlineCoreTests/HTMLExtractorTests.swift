import XCTest
@testable import RedlineCore

final class HTMLExtractorTests: XCTestCase {
    private func html(_ source: String) -> ExtractedText { extract(source, format: .html) }

    func testInlineTagsVanishWithoutBreakingWordsAndMapToTheWholeMarkup() {
        let source = "<p>Buy ke<b>tam</b>ine now</p>"
        let extracted = html(source)
        XCTAssertEqual(extracted.text, "Buy ketamine now")
        XCTAssertEqual(extracted.source(of: "ketamine", in: source), "ke<b>tam</b>ine")
        XCTAssertEqual(extracted.source(of: "now", in: source), "now")
    }

    func testEntityReferencesDecodeAndMapToTheWholeReference() {
        let source = "<p>Fish &amp; chips &ndash; don&rsquo;t &#8220;stop&#x201D; &copy 5&nbsp;mg AT&T &bogus;</p>"
        let extracted = html(source)
        XCTAssertEqual(extracted.text, "Fish & chips \u{2013} don\u{2019}t \u{201C}stop\u{201D} &copy 5\u{00A0}mg AT&T &bogus;")
        XCTAssertEqual(extracted.source(of: "&", in: source), "&amp;")
        XCTAssertEqual(extracted.source(of: "don\u{2019}t", in: source), "don&rsquo;t")
        XCTAssertEqual(extracted.source(of: "\u{201C}stop\u{201D}", in: source), "&#8220;stop&#x201D;")
    }

    func testNumericReferencesFollowTheHTMLRules() {
        XCTAssertEqual(html("a&#146;b &#0; &#xD800; &#1114112; &#65").text, "a\u{2019}b \u{FFFD} \u{FFFD} \u{FFFD} A")
    }

    func testInlineQuotationsReadAsQuoteMarksMappedToTheirTags() {
        let source = "<p>Spam such as <q>buy pills</q> floods blogs.</p>"
        let extracted = html(source)
        XCTAssertEqual(extracted.text, "Spam such as \"buy pills\" floods blogs.")
        XCTAssertEqual(extracted.source(of: "\"buy pills\"", in: source), "<q>buy pills</q>")
    }

    func testBlocksBecomeParagraphsAndBrALineBreak() {
        let extracted = html("<div>First<p>Second</p><ul><li>One<li>Two</ul>Line<br>Next</div>")
        XCTAssertEqual(extracted.text, "First\n\nSecond\n\nOne\n\nTwo\n\nLine\nNext")
        let segmentation = Tokenizer.segment(extracted.layer.bytes, headingStarts: extracted.headingStarts)
        XCTAssertEqual(segmentation.paragraphs.count, 6)
    }

    func testWhiteSpaceCollapsesAsRenderedButNotInsidePreAndWideGapsBetweenWordsStay() {
        // Runs of plain spaces between words are kept: letter-spaced spam ("B U Y  X A N A X")
        // marks its word boundaries with them. Line breaks and tabs collapse as a browser shows them.
        let source = "<p>  Our   program\n   Is run\tby doctors. </p><pre>a  b\n  c</pre>"
        let extracted = html(source)
        XCTAssertEqual(extracted.text, "Our   program Is run by doctors.\n\na  b\n  c")
        XCTAssertEqual(extracted.source(of: "program Is", in: source), "program\n   Is")
    }

    func testScriptStyleCommentsAndDoctypeAreSkippedAndCommentsRecorded() {
        let source = "<!DOCTYPE html><html><head><title>T &amp; C</title><style>p{color:red}</style>" +
            "<script>var s = \"</div><p>not text</p>\"; if (a < b) {}</script></head>" +
            "<body><!-- redline-disable spam/x -->Visible<?php echo 1 ?> text</body></html>"
        let extracted = html(source)
        XCTAssertEqual(extracted.text, "T & C\n\nVisible text")
        XCTAssertEqual(extracted.comments.map(\.text), [" redline-disable spam/x "])
        let comment = extracted.comments[0]
        XCTAssertEqual(String(decoding: Array(source.utf8)[comment.originalRange], as: UTF8.self), "<!-- redline-disable spam/x -->")
        XCTAssertEqual(comment.offset, "T & C".utf8.count)
        XCTAssertTrue(extracted.diagnostics.isEmpty)
    }

    func testTitleAndHeadingsStartSections() {
        let extracted = html("<title>Clinic</title><p>Intro</p><h2>Risks</h2><p>Nausea.</p><h3>Dose</h3><p>Low.</p>")
        XCTAssertEqual(extracted.text, "Clinic\n\nIntro\n\nRisks\n\nNausea.\n\nDose\n\nLow.")
        let starts = extracted.headingStarts ?? []
        let bytes = extracted.layer.bytes
        XCTAssertEqual(starts.map { String(decoding: bytes[$0..<($0 + 4)], as: UTF8.self) }, ["Clin", "Risk", "Dose"])
    }

    func testAttributesWithQuotedUnquotedAndMissingValuesAndAngleBracketsInside() {
        let source = "<a title='a > b' href=\"https://x.example/?a=1&amp;b=2\" data-x=1<2 checked>link</a> after <img alt=\"buy ketamine\" src=x.png>"
        let extracted = html(source)
        XCTAssertEqual(extracted.text, "link after")
        XCTAssertEqual(extracted.links, [ExtractedText.Link(range: 0..<4, url: "https://x.example/?a=1&b=2")])
    }

    func testMalformedMarkupIsReadLeniently() {
        // Unclosed tags, a stray `<`, a stray `</p>`, uppercase tags, `</>`, an end tag with attributes.
        let source = "<P CLASS=x>Dose < 5 mg <3 and a<b>bold</P></p><DIV>Next</>line</div class=\"y\"><span>open"
        let extracted = html(source)
        XCTAssertEqual(extracted.text, "Dose < 5 mg <3 and abold\n\nNextline\n\nopen")
        XCTAssertEqual(extracted.source(of: "< 5", in: source), "< 5")
        XCTAssertTrue(extracted.diagnostics.isEmpty)
    }

    func testUnterminatedCommentTagAndScriptAreReported() {
        let comment = html("<p>Before</p><!-- never closed <p>lost</p>")
        XCTAssertEqual(comment.text, "Before")
        XCTAssertEqual(comment.diagnostics.map(\.code), [.malformedMarkup])
        XCTAssertEqual(comment.diagnostics.first?.column, 14)
        let tag = html("<p>Before</p>\n<a href=\"x>lost")
        XCTAssertEqual(tag.text, "Before")
        XCTAssertEqual(tag.diagnostics.first?.line, 2)
        let script = html("<p>Before</p><script>var x = 1;")
        XCTAssertEqual(script.text, "Before")
        XCTAssertEqual(script.diagnostics.count, 1)
    }

    func testHiddenContentIsExtractedAndItsRangesRecorded() {
        let source = """
            <p>Visible one.</p>
            <div style="display: none !important"><p>Buy pills.</p><p>More.</p></div>
            <p>Visible <span hidden>secret</span> two <span aria-hidden="TRUE">aria</span>
            <span aria-hidden="false">shown</span> <b style="font-size:0px">zero</b> <i style="visibility:hidden">vis</i>
            <span style="opacity: 0.0">faded</span> <span style="position:absolute;left:-9999px">away</span>
            <span style="font-size:0.8em">small</span> <span style="left:-20px">near</span></p>
            """
        let extracted = html(source)
        XCTAssertEqual(extracted.hiddenTexts, ["Buy pills.\n\nMore.", "secret", "aria", "zero", "vis", "faded", "away"])
        XCTAssertTrue(extracted.text.contains("shown"))
        XCTAssertTrue(extracted.text.contains("small"))
    }

    func testNestedHiddenElementsMakeOneRangeUntilTheOuterEndTag() {
        let extracted = html("<div hidden>a <span style=display:none>b</span> c <div>d</div> e</div> f <p hidden>g<div>h</div>")
        XCTAssertEqual(extracted.hiddenTexts, ["a b c\n\nd\n\ne", "g"])
        XCTAssertTrue(extracted.text.hasSuffix("f\n\ng\n\nh"), extracted.text)
    }

    func testAnUnclosedHiddenElementHidesToTheEnd() {
        XCTAssertEqual(html("<p>shown</p><div style='display:none'>rest <b>of it").hiddenTexts, ["rest of it"])
    }

    func testLinksRecordTheirTextAndTarget() {
        let extracted = html("<p>See <a href=\"https://shop.example/buy\">cheap <b>pills</b></a> and <a href='#top'>top</a> <a>none</a></p>")
        XCTAssertEqual(extracted.links.map(\.url), ["https://shop.example/buy", "#top"])
        XCTAssertEqual(extracted.links.map { String(decoding: extracted.layer.bytes[$0.range], as: UTF8.self) }, ["cheap pills", "top"])
    }

    func testEveryExtractedWordMapsBackToItsSourceBytes() throws {
        let url = packageRoot.appendingPathComponent("Corpus/marketing/wegovy-weight-clinic-hidden-spam.html")
        let source = try String(contentsOf: url, encoding: .utf8)
        let extracted = html(source)
        assertEveryWordMapsToItsSource(extracted, source)
        XCTAssertEqual(extracted.hiddenTexts.count, 1)
        XCTAssertTrue(extracted.hiddenTexts[0].hasPrefix("buy sema"))
        XCTAssertFalse(extracted.text.contains("<"))
    }

    func testUTF8RepairComesFirstAndMapsChainToTheOriginal() {
        var bytes = Array("<p>ke<b>ta".utf8)
        bytes.append(0xFF)
        bytes += Array("mine</b></p>".utf8)
        let extracted = Extractor.extract(Document(id: "t", path: "t", bytes: bytes, format: .html))
        XCTAssertEqual(extracted.text, "keta\u{FFFD}mine")
        XCTAssertEqual(extracted.layer.originalRange(of: 0..<extracted.layer.bytes.count), 3..<bytes.count - 8)
        XCTAssertEqual(extracted.diagnostics.map(\.code), [.invalidUTF8])
    }
}
