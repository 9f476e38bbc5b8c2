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

/// A rule set holding one rule `t/r` of `category` whose kind and patterns are `body`
/// (YAML lines indented by four spaces).
func singleRule(_ body: String, category: String = "unsafe-claim", test: XCTestCase) throws -> RuleSet {
    try ruleSet(yaml: pack("""
      - id: t/r
        category: \(category)
        severity: error
        score: 3
        message: m
        examples:
          match: ["x"]
          no_match: ["y"]
    \(body)
    """), test: test)
}

/// Asserts that every word of the extracted text maps back to the same word in `source`.
func assertEveryWordMapsToItsSource(_ extracted: ExtractedText, _ source: String, file: StaticString = #filePath, line: UInt = #line) {
    let bytes = Array(source.utf8)
    let text = extracted.layer.bytes
    for token in Tokenizer.wordTokens(text, in: 0..<text.count) {
        let original = String(decoding: bytes[extracted.layer.originalRange(of: token)], as: UTF8.self)
        XCTAssertEqual(original, String(decoding: text[token], as: UTF8.self), file: file, line: line)
    }
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
func pack(_ rules: String, categories: [String] = []) -> String {
    """
    name: t
    version: 1
    description: test pack\(categories.isEmpty ? "" : "\ncategories: [\(categories.joined(separator: ", "))]")
    rules:
    \(rules)
    """
}

/// Extracts `source` as a document of `format`.
func extract(_ source: String, format: DocumentFormat) -> ExtractedText {
    Extractor.extract(Document(id: "t", path: "t", bytes: Array(source.utf8), format: format))
}

extension ExtractedText {
    /// The extracted text as a string.
    var text: String { String(decoding: layer.bytes, as: UTF8.self) }

    /// The original source bytes behind the first occurrence of `needle` in the extracted text.
    func source(of needle: String, in original: String) -> String? {
        guard let found = text.utf8.firstRange(of: needle.utf8) else { return nil }
        let start = text.utf8.distance(from: text.utf8.startIndex, to: found.lowerBound)
        let range = layer.originalRange(of: start..<(start + needle.utf8.count))
        return String(decoding: Array(original.utf8)[range], as: UTF8.self)
    }

    /// The texts of `hiddenRanges`.
    var hiddenTexts: [String] { hiddenRanges.map { String(decoding: layer.bytes[$0], as: UTF8.self) } }
}
