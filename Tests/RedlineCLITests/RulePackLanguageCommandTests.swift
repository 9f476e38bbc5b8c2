import XCTest

final class RulePackLanguageCommandTests: XCTestCase {
    /// A user's pack that reuses the built-in drug lexicon and sale guards, one line each.
    private let userPack = """
    name: vitaboost
    version: 1
    description: A fictional product's shop pages.
    import: [drugs, guards]
    categories: [{name: product-claim, description: Claims about VitaBoost.}]
    rules:
      - id: vitaboost/drug-with-vitaboost
        kind: near
        category: illicit-sale
        severity: error
        score: 10
        message: Sells {sold-drug|a drug} next to VitaBoost.
        all: ['\\b{sold-drug}\\b', '\\bvitaboost\\b']
        scope: sentence
        unless: [$reported-sale]
        examples:
          match: ["Order [[tramadol with your VitaBoost]] today."]
          no_match: ["Police warn about sites that sell tramadol with VitaBoost."]
    """

    func testAUserPackReusesTheBuiltInDrugListAndGuardsAndTestsOnlyItself() throws {
        let root = try makeTemporaryDirectory(self)
        try userPack.write(to: root.appendingPathComponent("vitaboost.yaml"), atomically: true, encoding: .utf8)
        let test = try redline(["rules", "test", "--rules", "vitaboost.yaml"], in: root)
        XCTAssertEqual(test.status, 0, test.stdout + test.stderr)
        XCTAssertEqual(test.stdout.split(separator: "\n").last, "2 passed, 0 failed")
        try "Get cheap x a n a x with VitaBoost.\n".write(to: root.appendingPathComponent("page.txt"), atomically: true, encoding: .utf8)
        let scan = try redline(["scan", "page.txt", "--rules", "vitaboost.yaml", "--only-rules", "vitaboost", "--format", "json"], in: root)
        XCTAssertEqual(scan.status, 1, scan.stderr)
        XCTAssertTrue(scan.stdout.contains("\"message\":\"Sells xanax next to VitaBoost.\""), scan.stdout)
        let explain = try redline(["rules", "explain", "vitaboost/drug-with-vitaboost", "--rules", "vitaboost.yaml"], in: root)
        XCTAssertTrue(explain.stdout.contains("{sold-drug}"), explain.stdout)
        XCTAssertTrue(explain.stdout.contains("builtin:Rules/vocabulary/drugs.yaml:"), explain.stdout)
        XCTAssertTrue(explain.stdout.contains("  $reported-sale, defined at builtin:Rules/vocabulary/guards.yaml:"), explain.stdout)
        XCTAssertTrue(explain.stdout.contains("    $inside-quotes, defined at builtin:Rules/vocabulary/guards.yaml:"), explain.stdout)
    }

    func testEveryMistakeInAPackIsReportedAtOnceWithADidYouMean() throws {
        let root = try makeTemporaryDirectory(self)
        let broken = userPack.replacingOccurrences(of: "message:", with: "mesage:")
            .replacingOccurrences(of: "scope: sentence", with: "scope: sentense")
            .replacingOccurrences(of: "[$reported-sale]", with: "[$reported-sales]")
            .replacingOccurrences(of: "import: [drugs, guards]", with: "import: [drug, guards]")
        try broken.write(to: root.appendingPathComponent("vitaboost.yaml"), atomically: true, encoding: .utf8)
        let outcome = try redline(["rules", "test", "--rules", "vitaboost.yaml"], in: root)
        XCTAssertEqual(outcome.status, 2)
        for expected in ["unknown vocabulary 'drug' in 'import' (did you mean 'drugs'?)", "unknown key 'mesage' in rule 'vitaboost/drug-with-vitaboost' (did you mean 'message'?)",
                         "not 'sentense' (did you mean 'sentence'?)", "unknown guard set $reported-sales (did you mean 'reported-sale'?)",
                         "it is defined in vocabulary 'drugs': add 'drugs' to the pack's 'import'"] {
            XCTAssertTrue(outcome.stderr.contains(expected), "\(expected)\n\(outcome.stderr)")
        }
    }
}
