import Foundation
import XCTest

final class DiffCommandTests: XCTestCase {
    /// A small pack, so that the tests do not move with the default packs.
    static let pack = """
    name: t
    version: 1
    description: diff test pack
    rules:
      - id: t/safe
        kind: pattern
        category: unsafe-claim
        severity: error
        score: 4
        message: Calls the treatment completely safe.
        patterns: ['\\b100% safe\\b']
        examples: {match: ["it is 100% safe"], no_match: ["it is safe for most"]}
      - id: t/no-side-effects
        kind: pattern
        category: unsafe-claim
        severity: warning
        score: 2
        message: Claims no side effects.
        patterns: ['\\bno side effects\\b']
        examples: {match: ["no side effects"], no_match: ["few side effects"]}
      - id: t/buy
        kind: pattern
        category: illicit-sale
        severity: error
        score: 10
        message: Offers a drug for sale.
        patterns: ['\\bbuy \\w+ online\\b']
        examples: {match: ["buy ketamine online"], no_match: ["buy bread"]}
    """

    static let oldArticle = """
    # Ketamine clinics

    Ketamine is used for depression that did not respond to other treatment.

    Our clinic says the infusion is 100% safe for everyone.

    Patients report no side effects after the first week.

    ## Costs

    A course of six infusions costs about as much as a used car.
    """

    /// The old article with its paragraphs moved, the "100% safe" claim fixed and a spam line added.
    static let newArticle = """
    # Ketamine clinics

    ## Costs

    A course of six infusions costs about as much as a used car.

    Patients report no side effects after the first week.

    Ketamine is used for depression that did not respond to other treatment.

    Our clinic says the infusion is safe for most adults, though nausea and dizziness are common.

    Buy ketamine online today with fast delivery.
    """

    private func workspace() throws -> URL {
        let directory = try makeTemporaryDirectory(self)
        try Self.pack.write(to: directory.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    private func write(_ text: String, to path: String, in directory: URL) throws {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    private func git(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Redline Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "git \(arguments.joined(separator: " "))")
    }

    /// A repository whose first commit holds the old article and whose second the new one.
    private func repository() throws -> URL {
        let directory = try workspace()
        try git(["init", "-q", "-b", "main"], in: directory)
        try write(Self.oldArticle, to: "articles/ketamine.md", in: directory)
        try write("Unrelated notes.\n", to: "articles/notes.txt", in: directory)
        try git(["add", "."], in: directory)
        try git(["commit", "-q", "-m", "old"], in: directory)
        try write(Self.newArticle, to: "articles/ketamine.md", in: directory)
        try git(["commit", "-q", "-am", "new"], in: directory)
        return directory
    }

    /// Introduced, resolved and unchanged rule ids per document path, from the diff JSON.
    private func sets(_ json: String) throws -> [String: [String: [String]]] {
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], json)
        var result: [String: [String: [String]]] = [:]
        for document in report["documents"] as? [[String: Any]] ?? [] {
            let path = document["path"] as? String ?? ""
            for key in ["introduced", "resolved", "unchanged"] {
                result[path, default: [:]][key] = (document[key] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
            }
        }
        return result
    }

    private let expected = ["introduced": ["t/buy"], "resolved": ["t/safe"], "unchanged": ["t/no-side-effects"]]

    func testGitRangeReportsOneIntroducedOneResolvedAndExitsOne() throws {
        let repository = try repository()
        let outcome = try redline(["diff", "--git", "HEAD~1..HEAD", "--no-default-rules", "--rules", "pack.yaml", "--format", "json"], in: repository)
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        XCTAssertEqual(try sets(outcome.stdout), ["articles/ketamine.md": expected])
    }

    func testTwoPlainFilesOutsideAnyRepositoryGiveTheSameResult() throws {
        let directory = try workspace()
        try write(Self.oldArticle, to: "old.md", in: directory)
        try write(Self.newArticle, to: "new.md", in: directory)
        let outcome = try redline(["diff", "old.md", "new.md", "--no-default-rules", "--rules", "pack.yaml", "--format", "json"], in: directory)
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        XCTAssertEqual(try sets(outcome.stdout), ["new.md": expected])
        let text = try redline(["diff", "old.md", "new.md", "--no-default-rules", "--rules", "pack.yaml"], in: directory)
        XCTAssertTrue(text.stdout.contains("old.md → new.md: modified: 1 introduced, 1 resolved, 1 unchanged"), text.stdout)
        XCTAssertTrue(text.stdout.contains("+ new.md:13:1: error [t/buy] Offers a drug for sale."), text.stdout)
        XCTAssertTrue(text.stdout.contains("- old.md:5:33: error [t/safe]"), text.stdout)
    }

    func testWithoutIntroducedFindingsAtTheThresholdTheRunPasses() throws {
        let directory = try workspace()
        try write(Self.oldArticle, to: "old.md", in: directory)
        try write(Self.oldArticle.replacingOccurrences(of: "100% safe", with: "safe"), to: "new.md", in: directory)
        let outcome = try redline(["diff", "old.md", "new.md", "--no-default-rules", "--rules", "pack.yaml"], in: directory)
        XCTAssertEqual(outcome.status, 0, outcome.stdout + outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("PASS: no introduced finding at or above error (0 introduced, 1 resolved, 1 unchanged)."), outcome.stdout)
    }

    func testWorkingTreeAgainstARevisionIncludesUntrackedArticles() throws {
        let repository = try repository()
        try write("Buy pills online, cheap.\n", to: "articles/new-one.txt", in: repository)
        try write(Self.oldArticle, to: "articles/ketamine.md", in: repository)
        let outcome = try redline(["diff", "--git", "HEAD", "--no-default-rules", "--rules", "../pack.yaml", "--format", "json"],
                                  in: repository.appendingPathComponent("articles"))
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        XCTAssertEqual(try sets(outcome.stdout), [
            "ketamine.md": ["introduced": ["t/safe"], "resolved": ["t/buy"], "unchanged": ["t/no-side-effects"]],
            "new-one.txt": ["introduced": ["t/buy"], "resolved": [], "unchanged": []],
        ])
    }

    func testDirectoriesArePairedByRelativePath() throws {
        let directory = try workspace()
        try write(Self.oldArticle, to: "v1/ketamine.md", in: directory)
        try write("It is 100% safe.", to: "v1/gone.txt", in: directory)
        try write(Self.newArticle, to: "v2/ketamine.md", in: directory)
        try write("Buy pills online.", to: "v2/sub/added.txt", in: directory)
        let outcome = try redline(["diff", "v1", "v2", "--no-default-rules", "--rules", "pack.yaml", "--format", "json", "--fail-on", "none"], in: directory)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(try sets(outcome.stdout), [
            "v1/gone.txt": ["introduced": [], "resolved": ["t/safe"], "unchanged": []],
            "v2/ketamine.md": expected,
            "v2/sub/added.txt": ["introduced": ["t/buy"], "resolved": [], "unchanged": []],
        ])
        let summary = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])?["summary"] as? [String: Any])
        XCTAssertEqual(summary["documents"] as? [String: Int], ["added": 1, "removed": 1, "modified": 1])
    }

    func testUsageErrorsExitTwo() throws {
        let directory = try workspace()
        try write("x", to: "a.txt", in: directory)
        XCTAssertEqual(try redline(["diff", "a.txt"], in: directory).status, 2)
        let mixed = try redline(["diff", "a.txt", "."], in: directory)
        XCTAssertEqual(mixed.status, 2)
        XCTAssertTrue(mixed.stderr.contains("cannot compare a.txt with .: give two files or two directories"), mixed.stderr)
        let notRepository = try redline(["diff", "--git", "HEAD~1..HEAD"], in: directory)
        XCTAssertEqual(notRepository.status, 2)
        XCTAssertTrue(notRepository.stderr.contains("git rev-parse --show-prefix failed"), notRepository.stderr)
    }

    func testEveryFormatIsWrittenFromOneRun() throws {
        let repository = try repository()
        let outcome = try redline(["diff", "--git", "HEAD~1..HEAD", "--no-default-rules", "--rules", "pack.yaml",
                                   "--format", "markdown=out/diff.md", "--format", "html=out/diff.html", "--format", "text"], in: repository)
        XCTAssertEqual(outcome.status, 1, outcome.stderr)
        let markdown = try String(contentsOf: repository.appendingPathComponent("out/diff.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("### Introduced (1)\n\n#### articles/ketamine.md\n\n- **error** `t/buy`"), markdown)
        let html = try String(contentsOf: repository.appendingPathComponent("out/diff.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<mark class=\"f-introduced\""), html)
        XCTAssertTrue(outcome.stdout.contains("FAIL: 1 introduced finding(s) at or above error"), outcome.stdout)
    }
}
