import Foundation
import XCTest
@testable import RedlineCore

final class DiffHTMLReportTests: XCTestCase {
    private let hostileOld = "<script>alert(1)</script> <p>It cures depression.</p>\n<p>Post Comment</p>"
    private let hostileNew = "<p>Post Comment</p>\n<p>\"><img src=x onerror=alert(1)> Buy pills online!</p>"

    private func html(_ pairs: [DocumentPair]) throws -> String {
        try renderDiff(pairs, test: self) { try DiffHTMLReport(output: $0) }
    }

    func testBothVersionsSideBySideWithChangesAndFindingsMarked() throws {
        let output = try html([diffPair()])
        XCTAssertTrue(output.contains("<p class=\"run-verdict fail\">FAIL: 1 introduced finding(s) at or above warning"), output)
        XCTAssertTrue(output.contains("<section class=\"side\"><h3>Old: a.txt</h3>"), output)
        XCTAssertTrue(output.contains("<section class=\"side\"><h3>New: a.txt</h3>"), output)
        XCTAssertTrue(output.contains("<span class=\"s-removed\">It </span><span class=\"s-removed\"><mark class=\"f-resolved\" id=\"doc-1-resolved-1\" title=\"resolved: t/cure (unsafe-claim, error): Promises a cure. Say what the evidence shows.\">cures depression</mark></span>"), output)
        XCTAssertTrue(output.contains("<span class=\"s-added\"><mark class=\"f-introduced\" id=\"doc-1-introduced-1\" title=\"introduced: t/buy (illicit-sale, warning): Offers a drug for sale.\">Buy pills online</mark></span>"), output)
        XCTAssertTrue(output.contains("<mark class=\"f-unchanged\" title=\"unchanged: t/residue"), output)
        XCTAssertTrue(output.contains("<li class=\"introduced\"><a href=\"#doc-1-introduced-1\">introduced, line 5</a>"), output)
        XCTAssertTrue(output.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
    }

    func testAnAddedArticleHasNoOldSide() throws {
        let output = try html([DocumentPair(old: nil, new: Document(id: "n.txt", path: "n.txt", bytes: Array("Buy pills online".utf8), format: .plain))])
        XCTAssertTrue(output.contains("<p class=\"absent\">Not in the old version.</p>"), output)
        XCTAssertTrue(output.contains("<td>added</td>"), output)
    }

    func testChromiumShowsTheMarksAndRunsNothingFromTheArticles() throws {
        let dom = try chromiumDOM(of: try html([diffPair("evil\"><script>.html", old: hostileOld, new: hostileNew, format: .html)]), test: self)
        XCTAssertTrue(dom.contains("<mark class=\"f-introduced\" id=\"doc-1-introduced-1\""), dom)
        XCTAssertTrue(dom.contains("<mark class=\"f-resolved\" id=\"doc-1-resolved-1\""), dom)
        XCTAssertTrue(dom.contains("<span class=\"s-added\">"), dom)
        XCTAssertTrue(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the script shows as text")
        XCTAssertTrue(dom.contains("evil\"&gt;&lt;script&gt;.html"), dom)
        XCTAssertFalse(dom.contains("<script"), "no script element in the DOM")
        XCTAssertFalse(dom.contains("<img"), "no image element in the DOM")
    }
}
