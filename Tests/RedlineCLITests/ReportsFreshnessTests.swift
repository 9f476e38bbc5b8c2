import Foundation
import XCTest

/// `Reports/` holds the reports of the shipped corpus so that every rule change shows its
/// effect in their diff; this test fails when they are stale.
final class ReportsFreshnessTests: XCTestCase {
    /// The `--format` flags of `make reports`, read from the Makefile's `REPORT_FORMATS`
    /// with the reports directory replaced by `directory`.
    private func reportFlags(writingInto directory: URL) throws -> [String] {
        let makefile = try String(contentsOf: packageRoot.appendingPathComponent("Makefile"), encoding: .utf8)
        let joined = makefile.replacingOccurrences(of: "\\\n", with: " ")
        let line = try XCTUnwrap(joined.split(separator: "\n").first { $0.hasPrefix("REPORT_FORMATS :=") },
                                 "the Makefile defines REPORT_FORMATS")
        return line.dropFirst("REPORT_FORMATS :=".count)
            .replacingOccurrences(of: "$(REPORTS)", with: directory.path)
            .split(separator: " ").map(String.init)
    }

    func testCommittedReportsMatchAFreshScanOfTheCorpus() throws {
        let fresh = try makeTemporaryDirectory(self)
        let outcome = try redline(["scan", "Corpus"] + reportFlags(writingInto: fresh) + ["--fail-on", "none"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: fresh.path).sorted()
        XCTAssertEqual(names.count, 6, "one report per format")
        for name in names {
            let committed = packageRoot.appendingPathComponent("Reports").appendingPathComponent(name)
            guard let expected = FileManager.default.contents(atPath: committed.path) else {
                XCTFail("Reports/\(name) is missing: run `make reports` and commit Reports/")
                continue
            }
            XCTAssertTrue(expected == FileManager.default.contents(atPath: fresh.appendingPathComponent(name).path),
                          "Reports/\(name) is stale: run `make reports` and commit Reports/")
        }
    }
}
