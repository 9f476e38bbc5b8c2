import Foundation
import XCTest

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The CLI tests need the built binary; `make test` builds it before running them.
struct MissingBinary: Error, CustomStringConvertible {
    var path: String
    var description: String { "build the binary first with `swift build`: \(path) is missing" }
}

/// What one run of the `redline` binary did.
struct RunOutcome {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `redline` binary with `arguments` (in `directory`, feeding `input` on stdin).
func redline(_ arguments: [String], input: Data? = nil, in directory: URL = packageRoot) throws -> RunOutcome {
    let binary = packageRoot.appendingPathComponent(".build/debug/redline")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        throw MissingBinary(path: binary.path)
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let out = Pipe(), err = Pipe(), stdin = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(input) }
    try stdin.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunOutcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
}

/// A temporary directory removed at the end of the test.
func makeTemporaryDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("redline-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// The parts of the JSON contract the tests read.
struct ContractReport: Decodable {
    struct Document: Decodable {
        var id: String
        var path: String
        var findings: [ContractFinding]
        var diagnostics: [ContractDiagnostic]
        var verdict: String
    }
    struct ContractFinding: Decodable {
        var rule: String
        var category: String
        var severity: String
        var match: String
        var span: ContractSpan
        var alsoMatched: [String]
    }
    struct ContractSpan: Decodable {
        var start: Int
        var end: Int
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int
    }
    struct ContractDiagnostic: Decodable {
        var code: String
        var message: String
        var line: Int?
        var column: Int?
        var rule: String?
    }
    struct Summary: Decodable {
        var documentsScanned: Int
        var documentsSkipped: Int
        var findings: Int
    }
    var version: Int
    var documents: [Document]
    var summary: Summary
}

func decodeContract(_ text: String) throws -> ContractReport {
    try JSONDecoder().decode(ContractReport.self, from: Data(text.utf8))
}
