import Foundation
import XCTest
@testable import RedlineCore

final class ScannerTests: XCTestCase {
    private func rules(_ body: String) throws -> RuleSet { try singleRule(body, category: "illicit-sale", test: self) }

    func testFindingsInHiddenHTMLSayHiddenInJSONAndOthersOmitTheKey() throws {
        let set = try rules("""
            kind: pattern
            patterns: ['\\bbuy ketamine\\b']
        """)
        let source = "<p>Do not buy ketamine online.</p><div style=\"display:none\">buy ke<b>tam</b>ine now</div>"
        let result = scan(source, with: set, format: .html)
        XCTAssertEqual(result.findings.map(\.match), ["buy ketamine", "buy ke<b>tam</b>ine"])
        XCTAssertEqual(result.findings.map(\.hidden), [nil, true])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(JSONReport.record(result)), as: UTF8.self)
        XCTAssertEqual(json.components(separatedBy: "\"hidden\":true").count, 2, json)
        XCTAssertFalse(json.contains("\"hidden\":false"))
        let decoded = try JSONDecoder().decode(JSONReport.DocumentRecord.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.findings.map(\.hidden), [nil, true])
    }

    func testFindingSpansInHTMLCoverTheExactOriginalBytes() throws {
        let set = try rules("""
            kind: pattern
            patterns: ['\\bwithout\\s+prescription\\b']
        """)
        let source = "<p>Order <em>without</em>&nbsp;prescription &amp; more</p>"
        let finding = try XCTUnwrap(scan(source, with: set, format: .html).findings.first)
        XCTAssertEqual(finding.match, "without</em>&nbsp;prescription")
        XCTAssertEqual(Array(source.utf8)[finding.span.range].count, finding.match.utf8.count)
    }

    func testNearRuleFindsASalePhraseNearAContactToken() throws {
        let set = try rules("""
            kind: near
            all: ['\\b(?:prices|menu|for sale)\\b', '@phone|@handle']
            within: 6
            scope: sentence
        """)
        XCTAssertEqual(scan("WhatsApp +44 7700 900123 for wholesale prices.", with: set).findings.map(\.match),
                       ["WhatsApp +44 7700 900123 for wholesale prices"])
        XCTAssertEqual(scan("Telegram @medsplug for the menu, all brands in stock", with: set).findings.map(\.match),
                       ["Telegram @medsplug for the menu"])
        XCTAssertEqual(scan("Call us at 555-013-4567 to book a consultation with our psychiatrist.", with: set).findings.count, 0)
        XCTAssertEqual(scan("Our prices changed in 2024 and again on 2024-05-01.", with: set).findings.count, 0)
    }

    func testLinkTextIsALinkTokenInHTMLAndMarkdown() throws {
        let set = try rules("""
            kind: near
            all: ['\\bcheap\\b', '@link']
            within: 3
        """)
        let html = scan("<p>Find <a href=\"https://shop.example/k\">cheap ketamine</a> here. <a href=\"/about\">cheap tips</a></p>", with: set, format: .html)
        XCTAssertEqual(html.findings.map(\.match), ["cheap ketamine"])
        let markdown = scan("Find [cheap ketamine](https://shop.example/k) and [cheap tips](/tips).", with: set, format: .markdown)
        XCTAssertEqual(markdown.findings.map(\.match), ["cheap ketamine"])
        XCTAssertEqual(scan("Find cheap ketamine at the clinic.", with: set).findings.count, 0)
    }

    func testInHiddenRulesCountOnlyMatchesInsideHiddenText() throws {
        let set = try rules("""
            kind: pattern
            patterns: ['@url']
            in_hidden: true
        """)
        let result = scan("<p>See www.fda.gov for details.</p><div hidden>cheap pills at rx-meds.shop</div>", with: set, format: .html)
        XCTAssertEqual(result.findings.map(\.match), ["rx-meds.shop"])
        XCTAssertEqual(result.findings.map(\.hidden), [true])
        XCTAssertEqual(scan("cheap pills at rx-meds.shop", with: set).findings.count, 0)
    }

    func testExamplesAreScannedInTheRulesExamplesFormat() throws {
        let set = try ruleSet(yaml: pack("""
          - id: t/hidden-link
            kind: pattern
            category: spam-residue
            severity: warning
            score: 1
            message: m
            patterns: ['@url']
            in_hidden: true
            examples_format: html
            examples:
              match: ['<div style="display:none">pills at rx-meds.shop</div>']
              no_match: ['<p>pills at rx-meds.shop</p>']
        """), test: self)
        let report = RuleExamples.run(set)
        XCTAssertEqual(report.examplesRun, 2)
        XCTAssertEqual(report.failures.map(\.description), [])
    }
}
