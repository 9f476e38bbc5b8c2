import XCTest
@testable import RedlineCore

/// The shipped packs: sizes, examples, and the caveats the caveat pack must cover.
final class DefaultPacksTests: XCTestCase {
    private func rules(inPack name: String) -> [RuleSpec] {
        defaultRuleSet.specs.filter { $0.id.hasPrefix(name + "/") }
    }

    func testEachClaimSaleAndResiduePackHoldsAtLeastTwelveRules() {
        for name in ["unsafe-claims", "illicit-sale", "spam-residue"] {
            XCTAssertGreaterThanOrEqual(rules(inPack: name).count, 12, name)
        }
    }

    func testEveryRuleHasTwoMatchAndTwoNoMatchExamplesAndAMessage() {
        for spec in defaultRuleSet.specs {
            XCTAssertGreaterThanOrEqual(spec.matchExamples.count, 2, spec.id)
            XCTAssertGreaterThanOrEqual(spec.noMatchExamples.count, 2, spec.id)
            XCTAssertGreaterThan(spec.message.count, 30, "\(spec.id): a message says what is wrong and what to do")
        }
    }

    func testEveryRuleExampleBehavesAsDeclared() {
        let report = RuleExamples.run(defaultRuleSet)
        XCTAssertGreaterThan(report.examplesRun, 4 * defaultRuleSet.specs.count - 1)
        XCTAssertEqual(report.failures.map(\.description), [])
    }

    func testCaveatPackRequiresRisksSupervisionAndWhoShouldNotUseIt() {
        let groups = rules(inPack: "safety-caveats").flatMap { spec -> [String] in
            guard case .required(_, let groups, _) = spec.body else { return [] }
            return groups.map { $0.name.lowercased() }
        }
        XCTAssertTrue(groups.contains { $0.contains("risk") || $0.contains("side effect") }, "\(groups)")
        XCTAssertTrue(groups.contains { $0.contains("supervision") || $0.contains("professional") }, "\(groups)")
        XCTAssertTrue(groups.contains { $0.contains("should not") || $0.contains("contraindication") }, "\(groups)")
    }
}
