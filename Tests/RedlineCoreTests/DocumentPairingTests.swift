import XCTest
@testable import RedlineCore

final class DocumentPairingTests: XCTestCase {
    private func write(_ files: [String: String], in directory: URL) throws {
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    private func describe(_ items: DocumentPairs) -> [String] {
        items.map { item in
            switch item {
            case .pair(let pair): "\(pair.old?.path ?? "-") | \(pair.new?.path ?? "-")"
            case .skipped(let input): "skipped \(input.path): \(input.reason.code.rawValue)"
            }
        }
    }

    func testDirectoriesArePairedByRelativePathWithAddedAndRemovedArticles() throws {
        let root = try makeTemporaryDirectory(self)
        try write(["old/a.md": "A", "old/sub/b.txt": "B", "old/gone.html": "G", "old/batch.jsonl": "{}", "old/notes.pdf": "x",
                   "new/a.md": "A2", "new/sub/b.txt": "B", "new/sub/c.txt": "C", "new/.hidden.txt": "H"], in: root)
        let old = root.appendingPathComponent("old").path
        let new = root.appendingPathComponent("new").path
        XCTAssertEqual(describe(try DocumentPairs.paths(old: old, new: new)), [
            "skipped \(old)/batch.jsonl: unsupported-type",
            "\(old)/a.md | \(new)/a.md",
            "\(old)/gone.html | -",
            "\(old)/sub/b.txt | \(new)/sub/b.txt",
            "- | \(new)/sub/c.txt",
        ])
    }

    func testTwoFilesAreOnePairAndAFileAndADirectoryAreAnError() throws {
        let root = try makeTemporaryDirectory(self)
        try write(["one.md": "x", "two.txt": "y", "dir/a.txt": "z"], in: root)
        let one = root.appendingPathComponent("one.md").path
        XCTAssertEqual(describe(try DocumentPairs.paths(old: one, new: root.appendingPathComponent("two.txt").path)),
                       ["\(one) | \(root.appendingPathComponent("two.txt").path)"])
        XCTAssertThrowsError(try DocumentPairs.paths(old: one, new: root.appendingPathComponent("dir").path))
        XCTAssertThrowsError(try DocumentPairs.paths(old: one, new: root.appendingPathComponent("missing").path)) { error in
            XCTAssertTrue("\(error)".contains("missing: no such file or directory"), "\(error)")
        }
    }

    func testGitPathsAreShownRelativeToTheCurrentDirectory() {
        XCTAssertEqual(DocumentPairs.relative("articles/a.md", toPrefix: ""), "articles/a.md")
        XCTAssertEqual(DocumentPairs.relative("articles/a.md", toPrefix: "articles/"), "a.md")
        XCTAssertEqual(DocumentPairs.relative("news/b.md", toPrefix: "articles/2026/"), "../../news/b.md")
    }
}
