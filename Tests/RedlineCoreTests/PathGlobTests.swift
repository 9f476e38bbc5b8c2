import XCTest
@testable import RedlineCore

final class PathGlobTests: XCTestCase {
    private func check(_ pattern: String, matches: [String], misses: [String], file: StaticString = #filePath, line: UInt = #line) {
        let glob = PathGlob(pattern)
        for path in matches { XCTAssertTrue(glob.matches(path), "\(pattern) should match \(path)", file: file, line: line) }
        for path in misses { XCTAssertFalse(glob.matches(path), "\(pattern) should not match \(path)", file: file, line: line) }
    }

    func testStarStaysInOneComponentAndDoubleStarCrossesThem() {
        check("drafts/*.md", matches: ["drafts/a.md"], misses: ["drafts/x/a.md", "a.md", "drafts/a.txt"])
        check("drafts/**", matches: ["drafts/a.md", "drafts/x/y/a.md"], misses: ["other/drafts/a.md"])
        check("**/faq/*.md", matches: ["faq/a.md", "x/y/faq/b.md"], misses: ["faq.md", "x/faq/y/b.md"])
        check("news/**/old-*.html", matches: ["news/old-1.html", "news/2024/05/old-x.html"], misses: ["news/new-1.html"])
    }

    func testPatternWithoutSlashMatchesTheNameAnywhere() {
        check("*.txt", matches: ["a.txt", "x/y/b.txt"], misses: ["a.md", "txt/a.md"])
        check("README.md", matches: ["README.md", "docs/README.md"], misses: ["README.markdown"])
    }

    func testTrailingSlashAndLeadingDotSlashAndQuestionMark() {
        check("archive/", matches: ["archive/a.md", "archive/x/b.txt"], misses: ["archive.md"])
        check("./news/a?.md", matches: ["news/a1.md"], misses: ["news/a12.md"])
    }
}
