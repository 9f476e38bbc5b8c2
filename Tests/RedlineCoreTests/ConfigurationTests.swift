import Foundation
import XCTest
@testable import RedlineCore

final class ConfigurationTests: XCTestCase {
    private let full = """
        packs: [t]
        rules: [more-packs]
        disable: [t/residue]
        severity:
          illicit-sale: info
          t/buy: error
        fail-on: warning
        thresholds: {review: 2, reject: 9}
        ignore: ["drafts/**", "*.tmp.md"]
        overrides:
          - paths: ["archive/**"]
            disable: [unsafe-claim]
            severity: {t: info}
            fail-on: none
        """

    /// Writes `yaml` as `.redline.yml` in a new directory and loads it.
    private func load(_ yaml: String) throws -> (Configuration, URL) {
        let directory = try makeTemporaryDirectory(self)
        let file = directory.appendingPathComponent(Configuration.fileName)
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return (try Configuration.load(path: file.path), directory)
    }

    private func loadErrors(_ yaml: String) throws -> [String] {
        let directory = try makeTemporaryDirectory(self)
        let file = directory.appendingPathComponent("bad.yml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try Configuration.load(path: file.path)
            XCTFail("\(yaml) loaded")
            return []
        } catch {
            return error.errors.map { $0.description.replacingOccurrences(of: file.path, with: "bad.yml") }
        }
    }

    func testEveryKeyIsReadWithTheLineAndColumnItCameFrom() throws {
        let (configuration, directory) = try load(full)
        XCTAssertEqual(configuration.packs?.value, ["t"])
        XCTAssertEqual(configuration.ruleDirectories.map(\.value), [directory.appendingPathComponent("more-packs").path])
        XCTAssertEqual(configuration.disable.map(\.value), ["t/residue"])
        XCTAssertEqual(configuration.severity.map(\.value), [.init(selector: "illicit-sale", severity: .info), .init(selector: "t/buy", severity: .error)])
        XCTAssertEqual(configuration.failOn.value, .warning)
        XCTAssertEqual(configuration.failOn.origin.description, "\(directory.path)/.redline.yml:7:10")
        XCTAssertEqual(configuration.thresholds.value, ScoreThresholds(review: 2, reject: 9))
        XCTAssertEqual(configuration.ignore.map(\.value.pattern), ["drafts/**", "*.tmp.md"])
        XCTAssertEqual(configuration.overrides.first?.failOn, .some(nil))
        XCTAssertEqual(configuration.overrides.first?.origin.line, 11)
    }

    func testUnknownKeysAndBadValuesAreErrorsWithFileLineAndColumn() throws {
        XCTAssertEqual(try loadErrors("""
            fail-on: sometimes
            colour: red
            thresholds: {review: high}
            overrides:
              - disable: [x]
                path: ["a/**"]
            """), [
            "bad.yml:1:10: error: fail-on must be error, warning, info or none, not 'sometimes'",
            "bad.yml:2:1: error: unknown key 'colour' in the configuration (allowed: disable, fail-on, ignore, overrides, packs, rules, severity, thresholds)",
            "bad.yml:3:22: error: 'review' must be a number >= 0",
            "bad.yml:5:5: error: an override needs 'paths': the globs of the documents it applies to",
            "bad.yml:6:5: error: unknown key 'path' in an override (did you mean 'paths'?) (allowed: disable, fail-on, paths, severity)",
        ])
        XCTAssertEqual(try loadErrors("severity: [a, b]\n"), ["bad.yml:1:11: error: 'severity' (rule, pack or category: error, warning or info) must be a mapping"])
    }

    func testSelectorsThatNameNoRulePackOrCategoryAreErrorsAtTheirPlace() throws {
        let rules = try ruleSet(yaml: pack(reportRules), test: self)
        let (configuration, directory) = try load("packs: [t, nope]\ndisable: [t/typo]\noverrides:\n  - paths: [a]\n    severity: {spam: info}\n")
        XCTAssertThrowsError(try configuration.select(rules)) { error in
            let messages = (error as? RuleLoadErrors)?.errors.map { $0.description.replacingOccurrences(of: directory.path + "/", with: "") }
            XCTAssertEqual(messages, [
                ".redline.yml:1:8: error: no pack named 'nope' (packs: t)",
                ".redline.yml:2:11: error: 't/typo' names no rule, pack or category (see redline rules list)",
                ".redline.yml:5:16: error: 'spam' names no rule, pack or category (see redline rules list)",
            ])
        }
    }

    func testPacksAndDisableNarrowTheRuleSet() throws {
        let rules = try ruleSet(yaml: pack(reportRules), test: self)
        let (configuration, _) = try load("packs: [t]\ndisable: [t/residue, illicit-sale]\n")
        XCTAssertEqual(try configuration.select(rules).specs.map(\.id), ["t/cure"])
    }

    func testOverridesApplyToMatchingPathsAndTheMostSpecificSeverityWins() throws {
        let (configuration, directory) = try load(full)
        let inside = directory.appendingPathComponent("archive/2019/a.md").path
        let outside = directory.appendingPathComponent("news/a.md").path
        let rules = try ruleSet(yaml: pack(reportRules), test: self)
        let cure = try XCTUnwrap(rules.specs.first { $0.id == "t/cure" })
        let buy = try XCTUnwrap(rules.specs.first { $0.id == "t/buy" })
        XCTAssertFalse(configuration.policy(forPath: inside).runs(cure))
        XCTAssertTrue(configuration.policy(forPath: outside).runs(cure))
        XCTAssertEqual(configuration.policy(forPath: outside).severity(of: buy), .error, "the rule id beats its category")
        XCTAssertEqual(configuration.policy(forPath: inside).severity(of: buy), .error, "the rule id beats the override's pack")
        XCTAssertEqual(configuration.policy(forPath: inside).severity(of: cure), .info)
        XCTAssertEqual(configuration.failOn(forPath: inside, fallback: .warning), nil)
        XCTAssertEqual(configuration.failOn(forPath: outside, fallback: .warning), .warning)
    }

    func testScannerAppliesThePolicyOfEachDocumentsPath() throws {
        let (configuration, directory) = try load("overrides:\n  - paths: [\"archive/**\"]\n    disable: [t/buy]\n    severity: {t/cure: info}\n")
        let scanner = Scanner(ruleSet: try ruleSet(yaml: pack(reportRules), test: self), configuration: configuration)
        let text = Array("It cures depression. Buy pills online.".utf8)
        let scan = { (path: String) in scanner.scan(Document(id: path, path: path, bytes: text, format: .plain), scratch: MatchScratch()) }
        let archived = scan(directory.appendingPathComponent("archive/a.txt").path)
        XCTAssertEqual(archived.findings.map(\.rule), ["t/cure"])
        XCTAssertEqual(archived.findings.map(\.severity), [.info])
        XCTAssertEqual(scan(directory.appendingPathComponent("a.txt").path).findings.map(\.rule), ["t/cure", "t/buy"])
    }

    func testIgnoreGlobsAreRelativeToTheConfigurationFile() throws {
        let (configuration, directory) = try load(full)
        XCTAssertTrue(configuration.isIgnored(directory.appendingPathComponent("drafts/x/a.md").path))
        XCTAssertTrue(configuration.isIgnored(directory.appendingPathComponent("news/b.tmp.md").path))
        XCTAssertFalse(configuration.isIgnored(directory.appendingPathComponent("news/b.md").path))
        XCTAssertFalse(configuration.isIgnored("/elsewhere/drafts/a.md"))
    }

    func testDiscoveryWalksUpFromTheScannedPath() throws {
        let (_, directory) = try load("fail-on: info\n")
        let nested = directory.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let article = nested.appendingPathComponent("x.md")
        try "text".write(to: article, atomically: true, encoding: .utf8)
        XCTAssertEqual(Configuration.discover(from: article.path), directory.appendingPathComponent(".redline.yml").path)
        XCTAssertEqual(Configuration.discover(from: nested.path), directory.appendingPathComponent(".redline.yml").path)
    }

    func testAFailOnFlagWinsOverTheFileAndItsOverridesAndShowsItsOrigin() throws {
        var (configuration, directory) = try load(full)
        configuration.setFailOn(.error)
        XCTAssertEqual(configuration.failOn(forPath: directory.appendingPathComponent("archive/a.md").path, fallback: .error), .error)
        let shown = configuration.effectiveYAML
        XCTAssertTrue(shown.contains("fail-on: error  # --fail-on\n"), shown)
        XCTAssertTrue(shown.contains("thresholds: {review: 2, reject: 9}  # \(directory.path)/.redline.yml:8:13\n"), shown)
        XCTAssertTrue(shown.contains("rules: []") == false && shown.contains("more-packs\"  # \(directory.path)/.redline.yml:2:9"), shown)
        XCTAssertTrue(Configuration().effectiveYAML.contains("packs: all  # default\n"))
    }
}
