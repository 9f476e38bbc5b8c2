import Foundation
import XCTest
@testable import RedlineCore

final class ScannerTests: XCTestCase {
    private func rules(_ body: String, id: String = "t/r") throws -> RuleSet {
        try ruleSet(yaml: pack("""
          - id: \(id)
            category: illicit-sale
            severity: error
            score: 3
            message: m
            examples:
              match: ["x"]
              no_match: ["y"]
        \(body)
        """), test: self)
    }

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
}
