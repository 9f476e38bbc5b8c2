import Foundation
import XCTest
@testable import RedlineCore

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A temporary directory removed at the end of the test.
func makeTemporaryDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("redline-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Builds a rule set from one pack's YAML text.
func ruleSet(yaml: String, test: XCTestCase) throws -> RuleSet {
    let directory = try makeTemporaryDirectory(test)
    let file = directory.appendingPathComponent("pack.yaml")
    try yaml.write(to: file, atomically: true, encoding: .utf8)
    return try RuleSet.load(files: [file.path])
}

/// Scans `text` as a plain-text document.
func scan(_ text: String, with rules: RuleSet, format: DocumentFormat = .plain) -> DocumentResult {
    Scanner(ruleSet: rules).scan(Document(id: "t", path: "t", bytes: Array(text.utf8), format: format), scratch: MatchScratch())
}

/// The default packs, loaded once.
let defaultRuleSet: RuleSet = {
    do { return try RuleSet.load(files: RuleSet.defaultPackFiles()) } catch { fatalError("default packs do not load: \(error)") }
}()

/// A minimal valid pack header plus `rules`.
func pack(_ rules: String) -> String {
    """
    name: t
    version: 1
    description: test pack
    rules:
    \(rules)
    """
}
