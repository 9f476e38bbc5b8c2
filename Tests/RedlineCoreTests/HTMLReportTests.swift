import Foundation
import XCTest
@testable import RedlineCore

final class HTMLReportTests: XCTestCase {
    private let hostile = """
        <script>alert(1)</script> This pill cures depression.
        "><img src=x onerror=alert(1)> Buy the pill that cures depression online!
        <script>document.documentElement.setAttribute('data-pwned', '1')</script><b onmouseover=alert(1)>Post Comment</b>
        """

    private func html(_ items: [InputItem], timestamp: Date? = nil, showSuppressed: Bool = false) throws -> String {
        try render(items, showSuppressed: showSuppressed, test: self) { try HTMLReport(output: $0, timestamp: timestamp) }
    }

    /// The part of `html` from the first `start` to the next `end`, both included.
    private func part(of html: String, from start: String, to end: String) throws -> Substring {
        let lower = try XCTUnwrap(html.range(of: start), "no \(start) in \(html)")
        let upper = try XCTUnwrap(html.range(of: end, range: lower.upperBound..<html.endIndex))
        return html[lower.lowerBound..<upper.upperBound]
    }

    func testArticleMarkupIsEscapedIntoText() throws {
        let output = try html([article("evil\"><script>.html", hostile, format: .html)])
        XCTAssertTrue(output.contains("&lt;script&gt;alert(1)&lt;/script&gt; This pill "), output)
        XCTAssertTrue(output.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt; "), output)
        XCTAssertTrue(output.contains("evil&quot;&gt;&lt;script&gt;.html"), output)
        XCTAssertFalse(output.contains("<script"))
        XCTAssertFalse(output.contains("<img"))
        XCTAssertFalse(output.contains("<b onmouseover"))
        XCTAssertFalse(output.contains("href=\"javascript:"), "only http(s) references become links")
        XCTAssertTrue(output.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
    }

    func testOverlappingFindingsOfDifferentCategoriesAreSplitIntoFlatMarks() throws {
        let output = try html([article("a.txt", "Buy the pill that cures depression online!")])
        XCTAssertTrue(output.contains("""
            <mark class="cat-illicit-sale" id="doc-1-mark-1" title="t/buy (illicit-sale, warning): Offers a drug for sale.">Buy the pill that </mark>\
            <mark class="cat-illicit-sale cat-unsafe-claim overlap" id="doc-1-mark-2" title="t/buy (illicit-sale, warning): Offers a drug for sale.&#10;&#10;\
            t/cure (unsafe-claim, error): Promises a cure. Say what the evidence shows.&#10;Suggestion: Say &quot;may help some people with depression&quot;.&#10;\
            References: https://example.org/cure-guidance javascript:alert(1)">cures depression</mark>\
            <sup class="ref"><a href="#doc-1-note-2">2</a></sup>\
            <mark class="cat-illicit-sale" title="t/buy (illicit-sale, warning): Offers a drug for sale."> online</mark>\
            <sup class="ref"><a href="#doc-1-note-1">1</a></sup>!
            """), output)
    }

    func testMarginNotesCarryRuleMessageSuggestionAndReferences() throws {
        let output = try html([article("a.txt", "It cures depression.")])
        XCTAssertTrue(output.contains("""
            <li id="doc-1-note-1" class="note cat-unsafe-claim"><a class="back" href="#doc-1-mark-1">line 1, column 4</a> \
            <code>t/cure</code> <span class="severity error">error</span> <span class="category">unsafe-claim</span>\
            <p>Promises a cure. Say what the evidence shows.</p><p><b>Suggestion:</b> Say &quot;may help some people with depression&quot;.</p>\
            <p>References:</p><ul><li><a href="https://example.org/cure-guidance" rel="noreferrer">https://example.org/cure-guidance</a></li>\
            <li>javascript:alert(1)</li></ul></li>
            """), output)
    }

    func testSummaryComesFirstAndLinksIntoTheArticles() throws {
        let output = try html([
            article("low.txt", "Post Comment"),
            article("clean.txt", "Nothing."),
            article("high.txt", "It cures depression. Buy pills online."),
        ])
        let summary = try XCTUnwrap(output.range(of: "<h2>Documents × categories</h2>"))
        let articles = try XCTUnwrap(output.range(of: "<article id=\"doc-1\">"))
        XCTAssertLessThan(summary.lowerBound, articles.lowerBound)
        XCTAssertTrue(output.contains("<tr><td><a href=\"#doc-3\">high.txt</a></td><td class=\"n\">1</td><td class=\"n\">1</td>"), output)
        XCTAssertTrue(output.contains("<li><a href=\"#doc-3\">high.txt</a> score 10 <span class=\"verdict reject\">reject</span></li>\n<li><a href=\"#doc-1\">low.txt</a>"), output)
        XCTAssertTrue(output.contains("<tr><td><a href=\"#doc-3-mark-1\">t/cure</a></td>"), output)
        XCTAssertTrue(output.contains("<p>1 document(s) without findings are not listed.</p>"))
        XCTAssertFalse(output.contains("id=\"doc-2\""), "documents without findings have no article")
    }

    func testTimeAppearsOnlyWhenAsked() throws {
        let items = [article("a.txt", "It cures depression.")]
        XCTAssertFalse(try html(items).contains("Generated"))
        XCTAssertTrue(try html(items, timestamp: Date(timeIntervalSince1970: 0)).contains("Generated 1970-01-01T00:00:00Z"))
    }

    func testChromiumShowsTheHighlightsAndRunsNothingFromTheArticle() throws {
        let dom = try chromiumDOM(of: try html([article("evil.html", hostile, format: .html)]), test: self)
        XCTAssertTrue(dom.contains("<mark class=\"cat-unsafe-claim\" id=\"doc-1-mark-1\""), dom)
        XCTAssertTrue(dom.contains("<mark class=\"cat-illicit-sale cat-unsafe-claim overlap\""), dom)
        XCTAssertTrue(dom.contains("cat-spam-residue"), dom)
        XCTAssertTrue(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the script shows as text")
        XCTAssertFalse(dom.contains("<script"), "no script element in the DOM")
        XCTAssertFalse(dom.contains("<img"), "no image element in the DOM")
        XCTAssertFalse(dom.contains("<b onmouseover"), "no element with an event handler in the DOM")
        XCTAssertFalse(dom.contains("data-pwned=\"1\""), "no script ran")
    }

    func testChromiumShowsSuppressedFindingsApartWithoutCountingThem() throws {
        let dom = try chromiumDOM(of: try html([suppressedArticle], showSuppressed: true), test: self)
        let suppressed = try part(of: dom, from: "<section class=\"suppressed\" id=\"doc-1-suppressed\">", to: "</section>")
        XCTAssertTrue(suppressed.contains("<h3>Suppressed by comments (1) <span class=\"hint\">not counted as findings</span></h3>"), String(suppressed))
        XCTAssertTrue(suppressed.contains("""
            <tr><td><code>t/cure</code></td><td class="n">2:26</td><td><q>cures depression</q></td>\
            <td>we quote the &lt;b&gt;advert&lt;/b&gt; to refute it <span class="hint">(comment on line 1)</span></td></tr>
            """), String(suppressed))
        XCTAssertFalse(suppressed.contains("<mark"), "no highlight that looks like an open finding")
        XCTAssertFalse(dom.contains("<b>advert"), "the reason is text, not markup")
        let source = try part(of: dom, from: "<pre class=\"source\">", to: "</pre>")
        XCTAssertFalse(source.contains("cat-unsafe-claim"), "the suppressed claim is not highlighted: \(source)")
        XCTAssertTrue(source.contains("<mark class=\"cat-illicit-sale\""), String(source))
        XCTAssertTrue(dom.contains("1 finding(s) (0 error, 1 warning, 0 info); verdicts: 0 pass, 1 review, 0 reject; 1 finding(s) suppressed by comments."), dom)
        XCTAssertTrue(dom.contains("<tr><td><a href=\"#doc-1\">notes/quoted.md</a></td><td class=\"n\">0</td><td class=\"n\">1</td>"), dom)
        XCTAssertTrue(dom.contains("<li><a href=\"#doc-1-suppressed\">notes/quoted.md</a>: 1</li>"), dom)
        XCTAssertFalse(dom.contains("t/cure</a></td>"), "the suppressed rule is not among the top rules")
    }

    func testSuppressedFindingsAreOnlyCountedWithoutShowSuppressed() throws {
        let items = [article("only.md", "<!-- redline-disable t/cure -->\nIt cures depression.", format: .markdown)]
        let counted = try html(items)
        XCTAssertTrue(counted.contains("0 finding(s) (0 error, 0 warning, 0 info); verdicts: 1 pass, 0 review, 0 reject; 1 finding(s) suppressed by comments (list them with --show-suppressed)."), counted)
        XCTAssertFalse(counted.contains("class=\"suppressed\""), counted)
        XCTAssertFalse(counted.contains("<article"), "nothing to show for the document")

        let listed = try html(items, showSuppressed: true)
        XCTAssertTrue(listed.contains("<article id=\"doc-1\">"), "an article for its suppressed findings")
        XCTAssertTrue(listed.contains("<td>no reason given <span class=\"hint\">(comment on line 1)</span></td>"), listed)
    }
}
