import Foundation
import XCTest
@testable import RedlineCore

final class DiffJSONReportTests: XCTestCase {
    private func contract(_ pairs: [DocumentPair]) throws -> (DiffJSONReport.Contract, String) {
        let text = try renderDiff(pairs, test: self) { DiffJSONReport(output: $0) }
        return (try JSONDecoder().decode(DiffJSONReport.Contract.self, from: Data(text.utf8)), text)
    }

    func testDocumentsCarryTheThreeFindingListsAndTheChangedSentences() throws {
        let (report, text) = try contract([diffPair()])
        XCTAssertEqual(report.version, 1)
        let document = try XCTUnwrap(report.documents.first)
        XCTAssertEqual(document.status, .modified)
        XCTAssertEqual(document.introduced.map(\.rule), ["t/buy"])
        XCTAssertEqual(document.resolved.map(\.rule), ["t/cure"])
        XCTAssertEqual(document.unchanged.map(\.rule), ["t/residue"])
        XCTAssertEqual(document.old?.verdict, .review)
        XCTAssertEqual(document.sentences.map(\.change), [.removed, .added, .added])
        XCTAssertEqual(document.sentences[0].resolved, [document.resolved[0].fingerprint])
        XCTAssertEqual(document.sentences[2].introduced, [document.introduced[0].fingerprint])
        XCTAssertEqual(document.sentences[0].old?.line, 3)
        XCTAssertNil(document.sentences[0].new)
        XCTAssertEqual(report.summary.introduced, 1)
        XCTAssertEqual(report.summary.failing, 1)
        XCTAssertEqual(report.summary.documents, ["modified": 1])
        XCTAssertTrue(text.hasPrefix("{\"version\":1,\"documents\":[\n{\"diagnostics\":[],\"introduced\":[{"), text)
    }

    func testOutputIsByteStable() throws {
        XCTAssertEqual(try contract([diffPair()]).1, try contract([diffPair()]).1)
    }
}
