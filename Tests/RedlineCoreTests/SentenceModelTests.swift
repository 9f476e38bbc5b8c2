import XCTest
@testable import RedlineCore

final class SentenceModelTests: XCTestCase {
    private func examples(_ lines: [(String, Bool)]) -> [SentenceModel.Example] {
        lines.map { SentenceModel.Example(features: SentenceModel.features(of: $0.0, classes: [], scratch: MatchScratch()), positive: $0.1) }
    }

    private let training: [(String, Bool)] = [
        ("this tea cures cancer fast", true), ("the drops cure diabetes for good", true), ("our oil cures arthritis", true),
        ("it cures anxiety overnight", true), ("the tonic cures asthma", true), ("garlic cures high blood pressure", true),
        ("no tea cures cancer", false), ("nothing cures diabetes yet", false), ("doctors treat arthritis with care", false),
        ("anxiety is common in winter", false), ("asthma inhalers need a prescription", false), ("blood pressure rises with age", false),
    ]

    func testFeaturesAreWordsPairsAndMatchingClasses() throws {
        let regex = try Regex("\\bcancer\\b")
        let features = SentenceModel.features(of: "This Tea cures cancer.", classes: [("disease", regex)], scratch: MatchScratch())
        XCTAssertEqual(features, ["b:cures_cancer", "b:tea_cures", "b:this_tea", "c:disease", "w:cancer", "w:cures", "w:tea", "w:this"])
    }

    func testTrainingSeparatesTheLabelsAndTheThresholdHoldsThePrecision() {
        let model = SentenceModel.train(examples(training), classes: [], minimumCount: 1)
        XCTAssertGreaterThan(model.weights["w:cures"] ?? 0, 0.5)
        XCTAssertLessThan(model.weights["w:no"] ?? 0, model.weights["w:cures"] ?? 0)
        let heldout = examples([("the syrup cures gout", true), ("this salt cures acne", true), ("no syrup cures gout", false), ("gout hurts", false)])
        let cut = try? XCTUnwrap(model.threshold(forPrecision: 0.99, on: heldout))
        XCTAssertEqual(cut?.precision, 1)
        XCTAssertEqual(cut?.recall, 1)
        let scored = heldout.map { model.score($0.features).probability >= cut!.threshold }
        XCTAssertEqual(scored, [true, true, false, false])
    }

    func testAClassifierRuleFlagsScoredSentencesSaysWhyAndIsOffUntilEnabled() throws {
        let directory = try makeTemporaryDirectory(self)
        var model = SentenceModel.train(examples(training), classes: [], minimumCount: 1)
        // The cut just below the claim's own score, and above a careful sentence's.
        let claim = model.score(examples([("The balm cures eczema.", true)])[0].features).probability
        let careful = model.score(examples([("Doctors treat eczema with care.", false)])[0].features).probability
        XCTAssertGreaterThan(claim, careful)
        model.threshold = claim - 0.001
        try JSONEncoder().encode(model).write(to: directory.appendingPathComponent("model.json"))
        let pack = directory.appendingPathComponent("pack.yaml")
        try """
        name: t
        version: 1
        description: d
        rules:
          - id: t/claim
            kind: classifier
            enabled: false
            category: unsafe-claim
            severity: warning
            score: 1
            message: A claim.
            model: model.json
            gate: ['\\bcures?\\b']
            unless: ['\\bmyth\\b']
            examples: {match: ["[[The balm cures eczema.]]"], no_match: ["No balm cures eczema."]}
        """.write(to: pack, atomically: true, encoding: .utf8)
        XCTAssertEqual(try RuleSet.load(files: [pack.path]).specs.count, 0)
        let set = try RuleSet.load(files: [pack.path], keepingRulesOffByDefault: true)
        XCTAssertEqual(RuleExamples.run(set).failures.map(\.description), [])
        let finding = try XCTUnwrap(scan("Hello there. The balm cures eczema. It is a myth that the balm cures eczema.", with: set).findings.first)
        XCTAssertEqual(finding.match, "The balm cures eczema.")
        XCTAssertTrue(finding.message.hasPrefix("A claim. Sentence model 0."), finding.message)
        XCTAssertTrue(finding.message.contains("decided by: cures +"), finding.message)
        XCTAssertEqual(scan("It is a myth that the balm cures eczema.", with: set).findings.count, 0)
        XCTAssertEqual(scan("Doctors treat eczema with care, and it cures nothing.", with: set).findings.count, 0)
        XCTAssertEqual(set.enabling([]).specs.count, 0)
        XCTAssertEqual(set.enabling(["t"]).specs.map(\.id), ["t/claim"])
    }
}
