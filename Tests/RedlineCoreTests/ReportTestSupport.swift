import Foundation
import XCTest
@testable import RedlineCore

/// Three rules of three categories and severities for the report tests; `t/cure` and
/// `t/buy` can overlap ("buy the pill that cures depression online").
let reportRules = """
  - id: t/cure
    kind: pattern
    category: unsafe-claim
    severity: error
    score: 7
    message: Promises a cure. Say what the evidence shows.
    suggestion: Say "may help some people with depression".
    rationale: Cure claims need competent and reliable evidence.
    references: [https://example.org/cure-guidance, "javascript:alert(1)"]
    patterns: ['\\bcures?\\s+depression\\b']
    examples: {match: ["it cures depression"], no_match: ["it treats depression"]}
  - id: t/buy
    kind: pattern
    category: illicit-sale
    severity: warning
    score: 3
    message: Offers a drug for sale.
    patterns: ['\\bbuy the pill that cures depression online\\b', '\\bbuy \\w+ online\\b']
    examples: {match: ["buy pills online"], no_match: ["buy bread"]}
  - id: t/residue
    kind: pattern
    category: spam-residue
    severity: info
    score: 1
    message: Comment-form residue.
    patterns: ['\\bpost comment\\b']
    examples: {match: ["Post Comment"], no_match: ["post office"]}
"""

/// Feeds `items` through `sink` as a scan run with the report rules (or `rules`) and
/// returns what the sink wrote to its file; `showSuppressed` as `--show-suppressed`.
func render(_ items: [InputItem], failOn: Severity? = .error, rules: RuleSet? = nil, showSuppressed: Bool = false,
            test: XCTestCase, sink makeSink: (ReportOutput) throws -> any ReportSink) throws -> String {
    let directory = try makeTemporaryDirectory(test)
    let path = directory.appendingPathComponent("report").path
    let ruleSet = try rules ?? ruleSet(yaml: pack(reportRules), test: test)
    _ = try ScanRun.run(source: items, scanner: Scanner(ruleSet: ruleSet), sinks: [try makeSink(try .file(path))], failOn: failOn,
                        showSuppressed: showSuppressed)
    return try String(contentsOfFile: path, encoding: .utf8)
}

/// A document to scan, read from `path` as scanned.
func article(_ path: String, _ text: String, format: DocumentFormat = .plain) -> InputItem {
    .document(Document(id: path, path: path, bytes: Array(text.utf8), format: format))
}

/// A Markdown article whose comment suppresses its cure claim (with a reason that holds
/// markup) and leaves its sale offer open.
let suppressedArticle = article("notes/quoted.md", """
    <!-- redline-disable-next-line t/cure -- we quote the <b>advert</b> to refute it -->
    The advert said the pill cures depression.

    Buy xanax online.
    """, format: .markdown)

/// A JSONL record with `id` on `line` of `path`.
func record(_ id: String, line: Int, in path: String, _ text: String) -> InputItem {
    .document(Document(id: id, path: path, recordLine: line, bytes: Array(text.utf8), format: .plain))
}

/// Writes `text` to a file in a temporary directory and returns its path.
func temporaryFile(_ name: String, _ text: String, test: XCTestCase) throws -> String {
    let url = try makeTemporaryDirectory(test).appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

/// Runs an installed tool (python3, chromium) and returns its exit status and output
/// (standard output, then standard error). A missing tool fails the test instead of skipping
/// it: `make test` installs every tool the suite needs.
func runTool(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    if process.terminationStatus == 127 { XCTFail("\(tool) is not installed; `make test` installs it (make deps)") }
    return (process.terminationStatus, text)
}

/// The DOM headless Chromium builds from the page `html` (written to a temporary file),
/// after any script it would run; fails the test when Chromium fails.
func chromiumDOM(of html: String, test: XCTestCase) throws -> String {
    let page = try temporaryFile("page.html", html, test: test)
    let result = try runTool("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", URL(fileURLWithPath: page).absoluteString])
    XCTAssertEqual(result.status, 0, result.output)
    return result.output
}

/// Runs a Python program with `arguments` in `sys.argv[1:]`; fails the test when Python
/// or a module the program imports is missing.
func runPython(_ program: String, _ arguments: [String]) throws -> String {
    let result = try runTool("python3", ["-c", program] + arguments)
    XCTAssertFalse(result.output.contains("ModuleNotFoundError"), "a Python package is missing; `make test` installs it:\n\(result.output)")
    XCTAssertEqual(result.status, 0, result.output)
    return result.output
}

/// An old and a new version for the diff report tests: the cure claim is fixed, a sale
/// offer is added, the comment-form residue moves to the top and is unchanged.
let diffVersions = (
    old: "Our clinic opened in May.\n\nIt cures depression, we say.\n\nPost Comment",
    new: "Post Comment\n\nOur clinic opened in May.\n\nIt may help with depression, we say. Buy pills online!"
)

/// Feeds pairs through `sink` as a diff run with the report rules and returns what the
/// sink wrote to its file.
func renderDiff(_ pairs: [DocumentPair], failOn: Severity? = .warning, test: XCTestCase,
                sink makeSink: (ReportOutput) throws -> any DiffReportSink) throws -> String {
    let directory = try makeTemporaryDirectory(test)
    let path = directory.appendingPathComponent("report").path
    let rules = try ruleSet(yaml: pack(reportRules), test: test)
    _ = try DiffRun.run(pairs: pairs.map(DiffItem.pair), scanner: Scanner(ruleSet: rules), sinks: [try makeSink(try .file(path))], failOn: failOn)
    return try String(contentsOfFile: path, encoding: .utf8)
}

/// The two versions of `diffVersions` as one pair of `name`, optionally of markup `format`.
func diffPair(_ name: String = "a.txt", old: String = diffVersions.old, new: String = diffVersions.new,
              format: DocumentFormat = .plain) -> DocumentPair {
    DocumentPair(old: Document(id: name, path: name, bytes: Array(old.utf8), format: format),
                 new: Document(id: name, path: name, bytes: Array(new.utf8), format: format))
}
