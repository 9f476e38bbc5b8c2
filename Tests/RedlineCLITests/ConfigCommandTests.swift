import Foundation
import XCTest

final class ConfigCommandTests: XCTestCase {
    /// A project with the diff test pack, a configuration and articles in several folders.
    private func project(configuration: String) throws -> URL {
        let directory = try makeTemporaryDirectory(self)
        let files = [
            "packs/t.yaml": DiffCommandTests.pack,
            ".redline.yml": configuration,
            "articles/a.md": "It is 100% safe. Buy ketamine online.\n",
            "articles/archive/old.md": "It is 100% safe. Buy ketamine online.\n",
            "drafts/wip.md": "Buy ketamine online.\n",
            "notes.txt": "Patients report no side effects.\n",
        ]
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory
    }

    private let configuration = """
        rules: [packs]
        severity: {t/buy: warning}
        fail-on: warning
        ignore: ["drafts/"]
        overrides:
          - paths: ["articles/archive/**"]
            disable: [illicit-sale]
            fail-on: none
          - paths: ["*.txt"]
            disable: [t/no-side-effects]
        """

    /// Rule ids per document path from a JSON report.
    private func findings(_ json: String) throws -> [String: [String]] {
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], json)
        var result: [String: [String]] = [:]
        for document in report["documents"] as? [[String: Any]] ?? [] {
            result[document["path"] as? String ?? ""] = (document["findings"] as? [[String: Any]] ?? []).compactMap { "\($0["rule"]!):\($0["severity"]!)" }
        }
        return result
    }

    func testTheConfigurationAboveTheScannedPathIsFoundAndApplied() throws {
        let root = try project(configuration: configuration)
        let outcome = try redline(["scan", root.path, "--no-default-rules", "--format", "json"], in: FileManager.default.temporaryDirectory)
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        XCTAssertEqual(try findings(outcome.stdout), [
            "\(root.path)/articles/a.md": ["t/safe:error", "t/buy:warning"],
            "\(root.path)/articles/archive/old.md": ["t/safe:error"],
            "\(root.path)/notes.txt": [],
        ])
        let archiveOnly = try redline(["scan", "articles/archive", "--no-default-rules"], in: root)
        XCTAssertEqual(archiveOnly.status, 0, "fail-on none under articles/archive: \(archiveOnly.stdout)")
        let flag = try redline(["scan", "articles/archive", "--no-default-rules", "--fail-on", "error"], in: root)
        XCTAssertEqual(flag.status, 1, "--fail-on wins over the per-path override")
    }

    func testDiffUsesTheConfigurationToo() throws {
        let root = try project(configuration: configuration)
        try "It is 100% safe. Buy ketamine online now.\n".write(to: root.appendingPathComponent("new.md"), atomically: true, encoding: .utf8)
        try "It is safe.\n".write(to: root.appendingPathComponent("old.md"), atomically: true, encoding: .utf8)
        let outcome = try redline(["diff", "old.md", "new.md", "--no-default-rules", "--format", "json"], in: root)
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("\"rule\":\"t/buy\",\"score\":10,\"severity\":\"warning\""), outcome.stdout)
    }

    func testAnUnknownKeyIsAnErrorWithFileLineAndColumn() throws {
        let root = try project(configuration: "fail-on: warning\noverrides:\n  - paths: [a]\n    disabled: [t/buy]\n")
        let outcome = try redline(["scan", "articles", "--no-default-rules", "--rules", "packs"], in: root)
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.stderr.contains(".redline.yml:4:5: error: unknown key 'disabled' in an override (did you mean 'disable'?) (allowed: disable, fail-on, paths, severity)"), outcome.stderr)
        let selector = try project(configuration: "disable: [t/typo]\n")
        let unknown = try redline(["scan", "articles", "--no-default-rules", "--rules", "packs"], in: selector)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains(".redline.yml:1:11: error: 't/typo' names no rule, pack or category"), unknown.stderr)
    }

    func testConfigShowPrintsEachValueWithItsOrigin() throws {
        let root = try project(configuration: configuration)
        let outcome = try redline(["config", "--show", "--no-default-rules", "--disable", "t/safe"], in: root)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.hasPrefix("# Effective Redline configuration; file: .redline.yml\n"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("fail-on: warning  # .redline.yml:3:10\n"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("  - \"t/safe\"  # --disable\n"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("thresholds: {review: 1, reject: 10}  # default\n"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("  - paths: [\"articles/archive/**\"]  # .redline.yml:6:5\n    disable: [\"illicit-sale\"]\n    fail-on: none\n"), outcome.stdout)
        let explicit = try redline(["config", "--show", "--config", "elsewhere.yml"], in: root)
        XCTAssertEqual(explicit.status, 2)
        XCTAssertTrue(explicit.stderr.contains("elsewhere.yml:1:1: error: cannot read the configuration file"), explicit.stderr)
    }
}
