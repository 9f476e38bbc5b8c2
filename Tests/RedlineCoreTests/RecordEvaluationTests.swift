import XCTest
@testable import RedlineCore

final class RecordEvaluationTests: XCTestCase {
    func testLabelledRecordsGiveRecallFalseAlarmsAndHitFrequenciesPerRule() throws {
        let set = try ruleSet(yaml: pack("""
          - id: t/sale
            kind: pattern
            category: illicit-sale
            severity: error
            score: 10
            message: m
            patterns: ['\\bbuy ketamine\\b']
            examples: {match: ["[[buy ketamine]]"], no_match: ["sell"]}
        """), test: self)
        let directory = try makeTemporaryDirectory(self)
        let file = directory.appendingPathComponent("batch.jsonl")
        try """
        {"id": "a", "text": "Buy ketamine here.", "expect": ["illicit-sale"]}
        {"id": "b", "text": "Nothing to sell.", "expect": "illicit-sale"}
        {"id": "c", "text": "Buy ketamine? Never.", "expect": []}
        {"id": "d", "text": "A plain note."}
        {"id": "e", "text": "x", "expect": ["ilicit-sale"]}
        """.write(to: file, atomically: true, encoding: .utf8)
        let evaluation = RecordEvaluation.run(paths: [file.path], field: "expect", scanner: Scanner(ruleSet: set))
        XCTAssertEqual(evaluation.records, 4)
        XCTAssertEqual(evaluation.categories["illicit-sale"], RecordEvaluation.CategoryScore(positives: 2, negatives: 2, flaggedPositives: 1, flaggedNegatives: 1))
        XCTAssertEqual(evaluation.rules["t/sale"], RecordEvaluation.RuleFrequency(category: "illicit-sale", onPositives: 1, onNegatives: 1))
        XCTAssertEqual(evaluation.labelErrors, ["\(file.path):5: unknown category 'ilicit-sale' (did you mean 'illicit-sale'?)"])
        XCTAssertTrue(evaluation.renderText().contains("50.0%   50.0%  t/sale (1/2, 1/2)"), evaluation.renderText())
    }
}
