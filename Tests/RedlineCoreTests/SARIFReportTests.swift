import Foundation
import XCTest
@testable import RedlineCore

final class SARIFReportTests: XCTestCase {
    private func sarif(_ items: [InputItem], timestamp: Date? = nil) throws -> String {
        try render(items, test: self) { SARIFReport(output: $0, toolVersion: "9.9.9", timestamp: timestamp) }
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func run(_ text: String) throws -> [String: Any] {
        let runs = try XCTUnwrap(try json(text)["runs"] as? [[String: Any]])
        return try XCTUnwrap(runs.first)
    }

    private let items: [InputItem] = [
        article("articles/a.txt", "Intro.\nThis pill cures depression. Buy xanax online.\n"),
        article("articles/clean.md", "Nothing to see."),
        record("rec-7", line: 3, in: "batch.jsonl", "Line one.\nIt cures depression."),
        .skipped(SkippedInput(path: "articles/blob.txt", reason: Diagnostic(code: .binaryInput, message: "binary", line: 1, column: 4))),
    ]

    func testReportValidatesAgainstTheOfficialSARIF210Schema() throws {
        let schema = try XCTUnwrap(Bundle.module.url(forResource: "sarif-2.1.0", withExtension: "json", subdirectory: "Resources"))
        let report = try temporaryFile("report.sarif", try sarif(items + [suppressedArticle], timestamp: Date(timeIntervalSince1970: 0)), test: self)
        let output = try runPython("""
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            assert schema["$schema"].startswith("http://json-schema.org/draft-04/"), schema["$schema"]
            errors = list(jsonschema.Draft4Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
            for error in errors: print("/".join(map(str, error.absolute_path)), error.message)
            print("errors:", len(errors))
            """, [schema.path, report])
        XCTAssertTrue(output.hasSuffix("errors: 0\n"), output)
    }

    func testRulesCarryDescriptionsHelpReferencesAndDefaultLevel() throws {
        let driver = try XCTUnwrap((try run(try sarif(items))["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "Redline")
        XCTAssertEqual(driver["version"] as? String, "9.9.9")
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.map { $0["id"] as? String }, ["t/cure", "t/buy", "t/residue"])
        let cure = rules[0]
        XCTAssertEqual((cure["shortDescription"] as? [String: Any])?["text"] as? String, "Promises a cure.")
        XCTAssertEqual((cure["fullDescription"] as? [String: Any])?["text"] as? String,
                       "Promises a cure. Say what the evidence shows.\n\nCure claims need competent and reliable evidence.")
        let help = try XCTUnwrap(cure["help"] as? [String: String])
        XCTAssertTrue(help["text"]!.contains("Suggestion: Say \"may help some people with depression\"."), help["text"]!)
        XCTAssertTrue(help["markdown"]!.contains("- <https://example.org/cure-guidance>"), help["markdown"]!)
        XCTAssertEqual(cure["helpUri"] as? String, "https://example.org/cure-guidance")
        XCTAssertEqual((cure["defaultConfiguration"] as? [String: String])?["level"], "error")
        XCTAssertEqual((rules[2]["defaultConfiguration"] as? [String: String])?["level"], "note")
    }

    func testResultsCarryRegionSnippetLevelAndFingerprint() throws {
        let results = try XCTUnwrap(try run(try sarif(items))["results"] as? [[String: Any]])
        XCTAssertEqual(results.map { $0["ruleId"] as? String }, ["t/cure", "t/buy", "t/cure"])
        XCTAssertEqual(results.map { $0["level"] as? String }, ["error", "warning", "error"])
        let location = try XCTUnwrap((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        XCTAssertEqual((location["artifactLocation"] as? [String: String])?["uri"], "articles/a.txt")
        let region = try XCTUnwrap(location["region"] as? [String: Any])
        XCTAssertEqual(region["startLine"] as? Int, 2)
        XCTAssertEqual(region["startColumn"] as? Int, 11)
        XCTAssertEqual(region["endLine"] as? Int, 2)
        XCTAssertEqual(region["endColumn"] as? Int, 27)
        XCTAssertEqual(region["byteOffset"] as? Int, 17)
        XCTAssertEqual(region["byteLength"] as? Int, 16)
        XCTAssertEqual((region["snippet"] as? [String: String])?["text"], "cures depression")
        let fingerprint = try XCTUnwrap((results[0]["partialFingerprints"] as? [String: String])?["redline/v1"])
        XCTAssertEqual((results[2]["partialFingerprints"] as? [String: String])?["redline/v1"], fingerprint,
                       "same rule and text in another document: same fingerprint")
    }

    func testJSONLResultsPointAtTheFileAndNameTheRecord() throws {
        let results = try XCTUnwrap(try run(try sarif(items))["results"] as? [[String: Any]])
        let location = try XCTUnwrap((results[2]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        XCTAssertEqual((location["artifactLocation"] as? [String: String])?["uri"], "batch.jsonl")
        XCTAssertEqual((location["region"] as? [String: Any])?["startLine"] as? Int, 2, "the line inside the record's text")
        let properties = try XCTUnwrap(results[2]["properties"] as? [String: Any])
        XCTAssertEqual(properties["recordId"] as? String, "rec-7")
        XCTAssertEqual(properties["recordLine"] as? Int, 3)
        XCTAssertTrue((properties["regionScope"] as? String)?.contains("decoded text") == true)
        XCTAssertNil((results[0]["properties"] as? [String: Any])?["recordId"])
    }

    func testSkippedInputsAndTotalsFollowTheResults() throws {
        let run = try run(try sarif(items))
        let invocation = try XCTUnwrap((run["invocations"] as? [[String: Any]])?.first)
        XCTAssertEqual(invocation["executionSuccessful"] as? Bool, true)
        let notification = try XCTUnwrap((invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
        XCTAssertEqual((notification["descriptor"] as? [String: String])?["id"], "binary-input")
        let properties = try XCTUnwrap(run["properties"] as? [String: Any])
        XCTAssertEqual(properties["documentsScanned"] as? Int, 3)
        XCTAssertEqual(properties["documentsSkipped"] as? Int, 1)
        XCTAssertEqual((properties["verdicts"] as? [String: Int])?["reject"], 1)
        XCTAssertEqual((properties["skipped"] as? [[String: Any]])?.first?["path"] as? String, "articles/blob.txt")
    }

    func testTimeAppearsOnlyWhenAsked() throws {
        XCTAssertFalse(try sarif(items).contains("TimeUtc"))
        let stamped = try sarif(items, timestamp: Date(timeIntervalSince1970: 86_400))
        XCTAssertTrue(stamped.contains("\"startTimeUtc\":\"1970-01-02T00:00:00Z\""), stamped)
    }

    func testSuppressedFindingsAreResultsWithAnAcceptedInSourceSuppression() throws {
        let results = try XCTUnwrap(try run(try sarif([suppressedArticle]))["results"] as? [[String: Any]])
        XCTAssertEqual(results.map { $0["ruleId"] as? String }, ["t/buy", "t/cure"], "open findings, then the suppressed ones")
        XCTAssertEqual((results[0]["suppressions"] as? [Any])?.count, 0, "an open result says it is not suppressed")
        let suppressions = try XCTUnwrap(results[1]["suppressions"] as? [[String: Any]])
        XCTAssertEqual(suppressions.count, 1)
        XCTAssertEqual(suppressions[0]["kind"] as? String, "inSource")
        XCTAssertEqual(suppressions[0]["status"] as? String, "accepted")
        XCTAssertEqual(suppressions[0]["justification"] as? String, "we quote the <b>advert</b> to refute it")
        let location = try XCTUnwrap((suppressions[0]["location"] as? [String: Any])?["physicalLocation"] as? [String: Any])
        XCTAssertEqual((location["artifactLocation"] as? [String: String])?["uri"], "notes/quoted.md")
        XCTAssertEqual((location["region"] as? [String: Any])?["startLine"] as? Int, 1, "the comment's line")
        XCTAssertEqual((suppressions[0]["properties"] as? [String: String])?["directive"],
                       "redline-disable-next-line t/cure -- we quote the <b>advert</b> to refute it")
        let region = try XCTUnwrap(((results[1]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
        XCTAssertEqual(region["startLine"] as? Int, 2, "the result stays where the finding is")
        XCTAssertEqual((region["snippet"] as? [String: String])?["text"], "cures depression")
        XCTAssertEqual(results[1]["level"] as? String, "error")
    }

    func testEveryResultCarriesSuppressionsSoTheRunIsConsistent() throws {
        let results = try XCTUnwrap(try run(try sarif(items + [suppressedArticle]))["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 5)
        XCTAssertTrue(results.allSatisfy { $0["suppressions"] is [Any] }, "SARIF §3.27.23: all null or all non-null")
        XCTAssertEqual(results.filter { ($0["suppressions"] as? [Any])?.isEmpty == false }.count, 1)
    }

    func testRunWithoutFindingsIsStillValidJSON() throws {
        let run = try run(try sarif([article("a.txt", "Nothing here.")]))
        XCTAssertEqual((run["results"] as? [Any])?.count, 0)
    }
}
