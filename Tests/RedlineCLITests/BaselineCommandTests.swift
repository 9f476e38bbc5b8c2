import Foundation
import XCTest

final class BaselineCommandTests: XCTestCase {
    func testBaselineRoundTripReportsOnlyNewFindingsAndCountsTheKnownOnes() throws {
        let directory = try makeTemporaryDirectory(self)
        try DiffCommandTests.pack.write(to: directory.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
        let archive = directory.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        let article = archive.appendingPathComponent("ketamine.md")
        try DiffCommandTests.oldArticle.write(to: article, atomically: true, encoding: .utf8)
        let rules = ["--no-default-rules", "--rules", "pack.yaml"]
        let written = try redline(["scan", "archive", "--write-baseline", "baseline.json", "--format", "json"] + rules, in: directory)
        XCTAssertEqual(written.status, 1, "the archive has errors: \(written.stderr)")
        let baseline = try String(contentsOf: directory.appendingPathComponent("baseline.json"), encoding: .utf8)
        XCTAssertTrue(baseline.contains("\"match\" : \"100% safe\""), baseline)
        XCTAssertTrue(baseline.contains("\"document\" : \"archive/ketamine.md\""), baseline)

        let unchanged = try redline(["scan", "archive", "--baseline", "baseline.json"] + rules, in: directory)
        XCTAssertEqual(unchanged.status, 0, unchanged.stdout + unchanged.stderr)
        XCTAssertTrue(unchanged.stdout.contains("Findings: 0 (0 error, 0 warning, 0 info)\nKnown from the baseline, not shown: 2\n"), unchanged.stdout)

        try DiffCommandTests.newArticle.write(to: article, atomically: true, encoding: .utf8)
        let edited = try redline(["scan", "./archive", "--baseline", "baseline.json", "--format", "json"] + rules, in: directory)
        XCTAssertEqual(edited.status, 1, edited.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(edited.stdout.utf8)) as? [String: Any])
        let findings = (report["documents"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]
        XCTAssertEqual(findings?.compactMap { $0["rule"] as? String }, ["t/buy"])
        XCTAssertEqual((report["summary"] as? [String: Any])?["baselined"] as? Int, 1)
    }

    func testBaselineAndWriteBaselineTogetherAreAUsageError() throws {
        let outcome = try redline(["scan", "x.txt", "--baseline", "a.json", "--write-baseline", "b.json"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.stderr.contains("--baseline and --write-baseline do not go together"), outcome.stderr)
    }

    func testAMissingBaselineExitsTwo() throws {
        let directory = try makeTemporaryDirectory(self)
        try "text".write(to: directory.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let outcome = try redline(["scan", "a.txt", "--baseline", "missing.json"], in: directory)
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.stderr.contains("cannot read the baseline missing.json"), outcome.stderr)
    }
}
