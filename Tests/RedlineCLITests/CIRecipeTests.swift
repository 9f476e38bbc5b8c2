import Foundation
import XCTest

/// Runs the `redline` commands of the README's CI recipe, as written there, on a temporary
/// repository whose pull-request branch moves paragraphs, fixes a claim and adds spam.
final class CIRecipeTests: XCTestCase {
    /// The shell commands of the README's workflow that run Redline or list the changed articles.
    private func recipeCommands() throws -> [String] {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try XCTUnwrap(readme.components(separatedBy: "## CI recipe").last)
        let commands = section.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("redline ") || $0.hasPrefix("git diff --name-only") }
        XCTAssertEqual(commands.count, 2, "the README's CI recipe changed: \(commands)")
        return commands
    }

    private func shell(_ command: String, in directory: URL) throws -> RunOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = packageRoot.appendingPathComponent(".build/debug").path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["BASE_REF"] = "main"
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunOutcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    private func run(_ command: String, in directory: URL) throws {
        let outcome = try shell(command, in: directory)
        XCTAssertEqual(outcome.status, 0, "\(command): \(outcome.stderr)")
    }

    func testTheRecipeReportsWhatThePullRequestIntroducesAndResolves() throws {
        let repository = try makeTemporaryDirectory(self)
        let git = "git -c user.name=CI -c user.email=ci@example.org -c commit.gpgsign=false"
        try FileManager.default.createDirectory(at: repository.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try "rules: [pack.yaml]\n".write(to: repository.appendingPathComponent(".redline.yml"), atomically: true, encoding: .utf8)
        try DiffCommandTests.pack.write(to: repository.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
        try DiffCommandTests.oldArticle.write(to: repository.appendingPathComponent("articles/ketamine.md"), atomically: true, encoding: .utf8)
        try "Nothing to see.\n".write(to: repository.appendingPathComponent("articles/other.txt"), atomically: true, encoding: .utf8)
        try run("git init -q -b main && \(git) add . && \(git) commit -q -m base && git update-ref refs/remotes/origin/main main", in: repository)
        try DiffCommandTests.newArticle.write(to: repository.appendingPathComponent("articles/ketamine.md"), atomically: true, encoding: .utf8)
        try run("git checkout -q -b change && \(git) commit -q -am change", in: repository)

        let commands = try recipeCommands()
        let diff = try shell(commands[0] + " --no-default-rules", in: repository)
        XCTAssertEqual(diff.status, 1, diff.stdout + diff.stderr)
        XCTAssertTrue(diff.stdout.contains("FAIL: 1 introduced finding(s) at or above error (1 introduced, 1 resolved, 1 unchanged)."), diff.stdout)
        let json = try Data(contentsOf: repository.appendingPathComponent("redline-diff.json"))
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: json) as? [String: Any])
        let documents = try XCTUnwrap(report["documents"] as? [[String: Any]])
        XCTAssertEqual(documents.compactMap { $0["path"] as? String }, ["articles/ketamine.md"])
        let rules = { (key: String) in (documents[0][key] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String } }
        XCTAssertEqual(rules("introduced"), ["t/buy"])
        XCTAssertEqual(rules("resolved"), ["t/safe"])
        XCTAssertEqual(rules("unchanged"), ["t/no-side-effects"])
        let comment = try String(contentsOf: repository.appendingPathComponent("redline-diff.md"), encoding: .utf8)
        XCTAssertTrue(comment.contains("### Introduced (1)") && comment.contains("### Resolved (1)"), comment)

        let sarif = try shell(commands[1].replacingOccurrences(of: "redline scan", with: "redline scan --no-default-rules"), in: repository)
        XCTAssertEqual(sarif.status, 0, sarif.stderr)
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: repository.appendingPathComponent("redline.sarif"))) as? [String: Any])
        let results = try XCTUnwrap(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        XCTAssertEqual(Set(results.compactMap { $0["ruleId"] as? String }), ["t/buy", "t/no-side-effects"])
        XCTAssertTrue(results.allSatisfy { (($0["partialFingerprints"] as? [String: String])?["redline/v1"]?.contains(":")) == true })
    }
}
