import XCTest
@testable import RedlineCore

/// The default packs measured on `Corpus/`: the floors CI holds, the seed articles'
/// required findings, and offsets that point at the exact original bytes.
final class CorpusEvaluationTests: XCTestCase {
    private let corpus = packageRoot.appendingPathComponent("Corpus").path

    func testCorpusHoldsThePrecisionAndRecallFloorsPerCategory() throws {
        let configuration = try Configuration.load(path: corpus + "/.redline.yml")
        let evaluation = Evaluation.run(paths: [corpus], scanner: Scanner(ruleSet: defaultRuleSet, configuration: configuration))
        XCTAssertGreaterThanOrEqual(evaluation.documents, 85)
        XCTAssertEqual(evaluation.unlabelled, [], "every article has a sidecar")
        let violations = evaluation.floorViolations(precision: 0.95, recall: 0.90)
        XCTAssertEqual(violations, [], "\n" + violations.joined(separator: "\n") + "\n\n" + evaluation.renderText())
    }

    private func scanSeed(_ name: String) throws -> DocumentResult {
        let path = packageRoot.appendingPathComponent("Corpus/seeds/\(name).txt").path
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        return Scanner(ruleSet: defaultRuleSet).scan(Document(id: name, path: path, bytes: Array(bytes), format: .plain), scratch: MatchScratch())
    }

    func testSeedOneFlagsEveryLowRiskClaimAndTheMissingCaveats() throws {
        let result = try scanSeed("001_d0a7059902e11863")
        let claims = result.findings.filter { $0.category == .unsafeClaim }.map { $0.match.lowercased() }
        XCTAssertEqual(claims.filter { $0.contains("low risk of") }.count, 6, "\(claims)")
        XCTAssertEqual(result.findings.filter { $0.category == .missingCaveat }.count, 1)
    }

    func testSeedThreeFlagsTheSaleInjectionAndTheCommentFormResidue() throws {
        let result = try scanSeed("003_453cddbf4f9d5479")
        XCTAssertEqual(result.findings.filter { $0.category == .illicitSale }.map(\.match), ["BUY KETAMINE ONLINE WITHOUT PRESCRIPTION"])
        let residue = result.findings.filter { $0.category == .spamResidue }.map(\.match).joined(separator: " | ")
        XCTAssertTrue(residue.contains("Leave a Reply"), residue)
        XCTAssertTrue(residue.contains("Your email address will not be published"), residue)
        XCTAssertEqual(result.verdict, .reject)
    }

    func testCarefulSeedsCarryNoMissingCaveatAndNoSale() throws {
        for name in ["000_bb0aeada6ae8501b", "002_782562d5e1dbe9c7", "004_13de2e7085c0027a"] {
            let result = try scanSeed(name)
            XCTAssertEqual(result.findings.map(\.rule), [], name)
        }
        XCTAssertEqual(try scanSeed("001_d0a7059902e11863").findings.filter { $0.category == .illicitSale }.count, 0)
    }

    func testEveryFindingSpanHoldsExactlyTheMatchedOriginalBytes() {
        let scanner = Scanner(ruleSet: defaultRuleSet)
        let scratch = MatchScratch()
        var checked = 0
        for case .document(let document) in DocumentSource(paths: [corpus]) {
            for finding in scanner.scan(document, scratch: scratch).findings {
                XCTAssertEqual(String(decoding: document.bytes[finding.span.range], as: UTF8.self), finding.match, document.path)
                XCTAssertLessThan(finding.span.start, finding.span.end, "\(document.path): \(finding.rule)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }
}
