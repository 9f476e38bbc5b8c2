import XCTest
@testable import RedlineCore

final class DocumentSourceTests: XCTestCase {
    func testWalksDirectoriesInSortedOrderAndAccountsForEveryInput() throws {
        let root = try makeTemporaryDirectory(self)
        let sub = root.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try "two".write(to: sub.appendingPathComponent("two.md"), atomically: true, encoding: .utf8)
        try "one".write(to: root.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "ignored".write(to: root.appendingPathComponent("notes.yml"), atomically: true, encoding: .utf8)
        try Data([0x61, 0x00, 0x62]).write(to: root.appendingPathComponent("c.html"))
        try "{\"id\":\"r1\",\"text\":\"first\"}\nnot json\n\n{\"id\":\"r3\",\"text\":\"third\"}\n"
            .write(to: root.appendingPathComponent("d.jsonl"), atomically: true, encoding: .utf8)

        var scanned: [String] = []
        var skipped: [SkippedInput] = []
        for item in DocumentSource(paths: [root.path, root.appendingPathComponent("missing.txt").path]) {
            switch item {
            case .document(let document): scanned.append("\(document.id):\(document.format.rawValue):\(document.recordLine ?? 0)")
            case .skipped(let input): skipped.append(input)
            }
        }
        XCTAssertEqual(scanned, ["\(root.path)/a.txt:plain:0", "\(root.path)/b/two.md:markdown:0", "r1:plain:1", "r3:plain:4"])
        XCTAssertEqual(skipped.map(\.reason.code), [.binaryInput, .badRecord, .unreadable])
        XCTAssertEqual(skipped[0].reason.line, 1)
        XCTAssertEqual(skipped[0].reason.column, 2)
        XCTAssertEqual(skipped[1].line, 2)
        XCTAssertEqual(skipped[1].reason.column, 1)
    }

    func testDirectoryListingSortsNamesAsStringsDoAndKeepsOnlyWalkedEntries() throws {
        let root = try makeTemporaryDirectory(self)
        for name in ["b.txt", "Z.md", "\u{E9}a.txt", "e\u{301}b.txt", "e.HTML", ".hidden.txt", "notes.yml", "txt"] {
            try "x".write(to: root.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sub.d"), withIntermediateDirectories: true)
        let walked = ["b.txt", "Z.md", "\u{E9}a.txt", "e\u{301}b.txt", "e.HTML", "sub.d"].sorted()
        let listing = DirectoryListing(root.path + "/").map { "\($0.path):\($0.isDirectory)" }
        XCTAssertEqual(listing, walked.map { "\(root.path)/\($0):\($0 == "sub.d")" })
    }

    func testJSONLReaderHandlesLinesLongerThanOneChunk() throws {
        let root = try makeTemporaryDirectory(self)
        let long = String(repeating: "word ", count: 300_000)
        try "{\"text\":\"\(long)\"}\n{\"text\":\"short\"}".write(to: root.appendingPathComponent("big.jsonl"), atomically: true, encoding: .utf8)
        let sizes = DocumentSource(paths: [root.appendingPathComponent("big.jsonl").path]).compactMap { item -> Int? in
            if case .document(let document) = item { return document.bytes.count }
            return nil
        }
        XCTAssertEqual(sizes, [long.utf8.count, 5])
    }
}
