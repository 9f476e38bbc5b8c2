import Foundation
import XCTest
@testable import RedlineCore

final class ReportOutputTests: XCTestCase {
    private func files(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    func testFileAppearsWholeOnlyOnCommit() throws {
        let directory = try makeTemporaryDirectory(self)
        let target = directory.appendingPathComponent("out/report.txt")
        let output = try ReportOutput.file(target.path)
        output.write("hello ")
        output.flush()
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))
        output.write("world\n")
        try output.commit()
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "hello world\n")
        XCTAssertEqual(try files(in: target.deletingLastPathComponent()), ["report.txt"])
    }

    func testAnUncommittedReportLeavesNothingBehind() throws {
        let directory = try makeTemporaryDirectory(self)
        do {
            let output = try ReportOutput.file(directory.appendingPathComponent("report.txt").path)
            output.write("partial")
            output.flush()
        }
        XCTAssertEqual(try files(in: directory), [])
    }

    func testAFailedRenameRemovesTheTemporaryFileAndKeepsWhatWasThere() throws {
        let directory = try makeTemporaryDirectory(self)
        let target = directory.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let output = try ReportOutput.file(target.path)
        output.write("report")
        XCTAssertThrowsError(try output.commit())
        XCTAssertEqual(try files(in: directory), ["taken"])
        XCTAssertEqual(try files(in: target), ["inside"])
    }
}
