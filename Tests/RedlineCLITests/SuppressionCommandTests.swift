import Foundation
import XCTest

final class SuppressionCommandTests: XCTestCase {
    private func workspace(_ files: [String: String]) throws -> URL {
        let directory = try makeTemporaryDirectory(self)
        try DiffCommandTests.pack.write(to: directory.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return directory
    }

    private let rules = ["--no-default-rules", "--rules", "pack.yaml"]

    func testCommentsInMarkdownAndHTMLSuppressAndAreCountedAndListedOnRequest() throws {
        let directory = try workspace([
            "a.md": """
                <!-- redline-disable t/safe -- quoted from the clinic's ad, refuted below -->
                The clinic says the infusion is 100% safe.
                <!-- redline-enable t/safe -->

                <!-- redline-disable-next-line unsafe-claim -->
                Patients report no side effects.
                """,
            "b.html": "<p><!-- redline-disable-next-line t/buy -->\nBuy pills online.</p>\n<p><!-- redline-disable-next-line t/safe --></p>\n<p>Nothing.</p>",
        ])
        let text = try redline(["scan", "a.md", "b.html"] + rules, in: directory)
        XCTAssertEqual(text.status, 0, text.stdout + text.stderr)
        XCTAssertTrue(text.stdout.contains("b.html:3:4: info [redline/unused-suppression] redline-disable-next-line t/safe suppresses nothing here."), text.stdout)
        XCTAssertTrue(text.stdout.contains("Suppressed by comments: 3 (list them with --show-suppressed)"), text.stdout)
        XCTAssertFalse(text.stdout.contains(": suppressed ["), text.stdout)

        let listed = try redline(["scan", "a.md", "b.html", "--show-suppressed"] + rules, in: directory)
        XCTAssertTrue(listed.stdout.contains("a.md:2:33: suppressed [t/safe] 100% safe (line 1: quoted from the clinic's ad, refuted below)"), listed.stdout)

        let json = try redline(["scan", "a.md", "b.html", "--show-suppressed", "--format", "json"] + rules, in: directory)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let documents = try XCTUnwrap(report["documents"] as? [[String: Any]])
        let suppressed = try XCTUnwrap(documents[0]["suppressed"] as? [[String: Any]])
        XCTAssertEqual(suppressed.compactMap { ($0["finding"] as? [String: Any])?["rule"] as? String }, ["t/safe", "t/no-side-effects"])
        XCTAssertEqual(suppressed.first?["reason"] as? String, "quoted from the clinic's ad, refuted below")
        XCTAssertEqual((report["summary"] as? [String: Any])?["suppressed"] as? Int, 3)

        let unlisted = try redline(["scan", "a.md", "--format", "json"] + rules, in: directory)
        XCTAssertFalse(unlisted.stdout.contains("\"suppressed\":["), unlisted.stdout)
        XCTAssertTrue(unlisted.stdout.contains("\"suppressed\":2"), unlisted.stdout)
    }

    func testSARIFAlwaysMarksSuppressedFindingsAndMarkdownAndHTMLListThemOnRequest() throws {
        let directory = try workspace([
            "a.md": "<!-- redline-disable-next-line t/safe -- quoted to refute it -->\nThe clinic says the infusion is 100% safe.\n",
        ])
        let sarif = try redline(["scan", "a.md", "--format", "sarif"] + rules, in: directory)
        XCTAssertEqual(sarif.status, 0, sarif.stderr)
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let results = try XCTUnwrap(((log["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
        let suppression = try XCTUnwrap((results.first { $0["ruleId"] as? String == "t/safe" }?["suppressions"] as? [[String: Any]])?.first)
        XCTAssertEqual(suppression["kind"] as? String, "inSource", "without --show-suppressed too")
        XCTAssertEqual(suppression["justification"] as? String, "quoted to refute it")

        let markdown = try redline(["scan", "a.md", "--format", "markdown", "--show-suppressed"] + rules, in: directory)
        XCTAssertTrue(markdown.stdout.contains("- `t/safe` at line 2, column 33: 100% safe\n\n  *Reason (comment on line 1):* quoted to refute it"), markdown.stdout)
        let html = try redline(["scan", "a.md", "--format", "html", "--show-suppressed"] + rules, in: directory)
        XCTAssertTrue(html.stdout.contains("<td>quoted to refute it <span class=\"hint\">(comment on line 1)</span></td>"), html.stdout)
        let counted = try redline(["scan", "a.md", "--format", "html"] + rules, in: directory)
        XCTAssertFalse(counted.stdout.contains("<section class=\"suppressed\""), counted.stdout)
        XCTAssertTrue(counted.stdout.contains("1 finding(s) suppressed by comments (list them with --show-suppressed)"), counted.stdout)
    }
}
