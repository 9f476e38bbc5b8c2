import XCTest

final class RuleSelectionCommandTests: XCTestCase {
    func testAConfigurationProblemIsReportedTogetherWithThePacksProblems() throws {
        let root = try makeTemporaryDirectory(self)
        try "fail_on: warning\n".write(to: root.appendingPathComponent(".redline.yml"), atomically: true, encoding: .utf8)
        try "name: p\nversion: 1\ndescription: d\nrules:\n  - id: p/x\n    kind: patern\n".write(to: root.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        try "text\n".write(to: root.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let outcome = try redline(["scan", "a.txt", "--no-default-rules", "--rules", "p.yaml"], in: root)
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.stderr.contains("unknown key 'fail_on' in the configuration (did you mean 'fail-on'?)"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("p.yaml:6:11: error: unknown rule kind 'patern'"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("(did you mean 'pattern'?)"), outcome.stderr)
    }

    func testARuleOffByDefaultRunsOnlyWhenEnabledAndAnUnknownNameIsAnError() throws {
        let root = try makeTemporaryDirectory(self)
        try "My naturopath says the herbal drops are totally safe for newborns, give them freely.\n"
            .write(to: root.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let off = try redline(["scan", "a.txt", "--format", "json", "--fail-on", "none"], in: root)
        XCTAssertFalse(off.stdout.contains("claim-sentences/"), off.stdout)
        let on = try redline(["scan", "a.txt", "--enable", "claim-sentences", "--format", "json", "--fail-on", "none"], in: root)
        XCTAssertTrue(on.stdout.contains("claim-sentences/unsafe-claim-sentence"), on.stdout)
        let only = try redline(["scan", "a.txt", "--only-rules", "claim-sentences", "--format", "json", "--fail-on", "none"], in: root)
        XCTAssertTrue(only.stdout.contains("\"rule\":\"claim-sentences/unsafe-claim-sentence\""), only.stdout)
        XCTAssertTrue(only.stdout.contains("Sentence model 0."), only.stdout)
        let typo = try redline(["scan", "a.txt", "--enable", "claim-sentence"], in: root)
        XCTAssertEqual(typo.status, 2, typo.stderr)
        XCTAssertTrue(typo.stderr.contains("unknown rule or pack in --enable: claim-sentence (did you mean 'claim-sentences'?)"), typo.stderr)
    }
}
