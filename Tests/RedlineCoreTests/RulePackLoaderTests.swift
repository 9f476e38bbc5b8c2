import XCTest
@testable import RedlineCore

final class RulePackLoaderTests: XCTestCase {
    private let validRule = """
      - id: t/safe
        kind: pattern
        category: unsafe-claim
        severity: error
        score: 3
        message: Says it is safe. Name the risks.
        patterns: ['\\b100% safe\\b']
        examples:
          match: ["It is 100% safe."]
          no_match: ["It is not safe."]
    """

    func testValidPackLoadsWithLocations() throws {
        let (pack, errors) = RulePackLoader.parse(yaml: pack(validRule), file: "p.yaml")
        XCTAssertEqual(errors, [])
        XCTAssertEqual(pack?.rules.first?.id, "t/safe")
        XCTAssertEqual(pack?.rules.first?.location, SourceLocation(file: "p.yaml", line: 5, column: 5))
        XCTAssertEqual(pack?.rules.first?.matchExamples.first?.location.line, 13)
    }

    func testEveryProblemIsReportedAtOnceWithFileLineAndColumn() {
        let broken = pack("""
          - id: t/one
            kind: pattern
            category: unsafe-claim
            severity: fatal
            score: 3
            mesage: typo
            patterns: ['\\bx\\b']
            examples:
              match: ["x"]
          - id: other/two
            kind: sideways
            category: unsafe-claim
            severity: error
            score: -1
            message: m
            examples:
              match: ["x"]
              no_match: ["y"]
        """)
        let (_, errors) = RulePackLoader.parse(yaml: broken, file: "p.yaml")
        let rendered = errors.map(\.description)
        XCTAssertTrue(rendered.contains { $0.hasPrefix("p.yaml:8:15: error: severity must be error, warning or info") }, "\(rendered)")
        XCTAssertTrue(rendered.contains { $0.hasPrefix("p.yaml:10:5: error: unknown key 'mesage'") }, "\(rendered)")
        XCTAssertTrue(rendered.contains { $0.hasPrefix("p.yaml:5:5: error: missing required key 'message'") }, "\(rendered)")
        XCTAssertTrue(rendered.contains { $0.contains("needs examples") }, "\(rendered)")
        XCTAssertTrue(rendered.contains { $0.contains("must start with the pack name") }, "\(rendered)")
        XCTAssertTrue(rendered.contains { $0.contains("unknown rule kind 'sideways'") }, "\(rendered)")
        XCTAssertTrue(rendered.contains { $0.contains("score must be a number >= 0") }, "\(rendered)")
    }

    func testDuplicateIdsAndBadRegexesAreErrors() throws {
        let directory = try makeTemporaryDirectory(self)
        let first = directory.appendingPathComponent("a.yaml")
        let second = directory.appendingPathComponent("b.yaml")
        try pack(validRule).write(to: first, atomically: true, encoding: .utf8)
        try pack(validRule).replacingOccurrences(of: "name: t\n", with: "name: t\n").write(to: second, atomically: true, encoding: .utf8)
        // Same pack name: the second replaces the first, so no duplicate.
        XCTAssertNoThrow(try RuleSet.load(files: [first.path, second.path]))

        let twice = pack(validRule + "\n" + validRule)
        try twice.write(to: second, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RuleSet.load(files: [second.path])) { error in
            XCTAssertTrue("\(error)".contains("b.yaml:15:5: error: duplicate rule id 't/safe' (first defined at"), "\(error)")
        }

        try pack(validRule.replacingOccurrences(of: "100% safe", with: "(unclosed")).write(to: second, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RuleSet.load(files: [second.path])) { error in
            XCTAssertTrue("\(error)".contains("b.yaml:11:16: error: rule 't/safe': pattern does not compile: missing closing parenthesis"), "\(error)")
        }
    }

    func testDefinesExpandAndUnknownDefinesAreErrors() {
        let yaml = """
        name: t
        version: 1
        description: d
        define:
          drug: '(?:ketamine|xanax)'
        rules:
          - id: t/buy
            kind: pattern
            category: illicit-sale
            severity: error
            score: 8
            message: m
            patterns: ['\\bbuy %{drug}\\b', '%{nope}']
            examples:
              match: ["buy xanax"]
              no_match: ["buy bread"]
        """
        let (_, errors) = RulePackLoader.parse(yaml: yaml, file: "p.yaml")
        XCTAssertEqual(errors.map(\.description), ["p.yaml:13:35: error: pattern uses %{nope}, which the pack's 'define' does not define"])
    }

    func testInvalidYAMLIsReportedWithItsPosition() {
        let (pack, errors) = RulePackLoader.parse(yaml: "name: [unclosed\nrules: x", file: "p.yaml")
        XCTAssertNil(pack)
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].description.hasPrefix("p.yaml:2:"), errors[0].description)
    }

    func testContactReferencesInHiddenAndExamplesFormatAreValidated() {
        let broken = pack("""
          - id: t/one
            kind: near
            category: spam-residue
            severity: warning
            score: 1
            message: m
            all: ['\\bbuy\\b', '@phone|@fax']
            within: 5
            unless: ['@url']
            in_hidden: maybe
            examples_format: pdf
            examples:
              match: ["x"]
              no_match: ["y"]
          - id: t/two
            kind: required
            category: missing-caveat
            severity: warning
            score: 1
            message: m
            trigger: ['x']
            require:
              - name: n
                patterns: ['y']
            in_hidden: true
            examples:
              match: ["x"]
              no_match: ["y"]
        """)
        let (_, errors) = RulePackLoader.parse(yaml: broken, file: "p.yaml")
        let rendered = errors.map(\.description)
        XCTAssertTrue(rendered.contains { $0.contains("unknown contact kind in @phone|@fax") }, "\(rendered)")
        XCTAssertTrue(rendered.contains { $0.contains("contact reference @url is allowed only in 'patterns' and 'all'") }, "\(rendered)")
        XCTAssertTrue(rendered.contains { $0.contains("in_hidden must be true or false") }, "\(rendered)")
        XCTAssertTrue(rendered.contains { $0.contains("examples_format must be plain, markdown or html, not 'pdf'") }, "\(rendered)")
        XCTAssertTrue(rendered.contains { $0.contains("unknown key 'in_hidden' in rule 't/two'") }, "\(rendered)")
    }

    func testContactReferencesParseIntoKinds() {
        XCTAssertEqual(PatternSource(text: "@contact", location: SourceLocation(file: "f", line: 1, column: 1)).contactKinds,
                       [.url, .email, .phone, .handle])
        XCTAssertEqual(PatternSource(text: "@link|@phone", location: SourceLocation(file: "f", line: 1, column: 1)).contactKinds, [.link, .phone])
        XCTAssertNil(PatternSource(text: "@\\w+", location: SourceLocation(file: "f", line: 1, column: 1)).contactKinds)
    }
}
