import XCTest
@testable import RedlineCore

final class GitHubAnnotationsTests: XCTestCase {
    private func annotations(_ items: [InputItem]) throws -> String {
        try render(items, test: self) { GitHubAnnotations(output: $0) }
    }

    func testPropertiesAndDataAreEscapedAsTheRunnerRequires() {
        XCTAssertEqual(GitHubAnnotations.escapeData("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad")
        XCTAssertEqual(GitHubAnnotations.escapeProperty("100% a:b,c\r\nd"), "100%25 a%3Ab%2Cc%0D%0Ad")
    }

    func testEachFindingBecomesACommandWithItsSpanTitleAndSuggestion() throws {
        let output = try annotations([article("dir/a, b:c.txt", "Intro.\nThis pill cures depression. Post Comment")])
        XCTAssertEqual(output, """
            ::error file=dir/a%2C b%3Ac.txt,line=2,col=11,endLine=2,endColumn=27,title=t/cure (unsafe-claim)::\
            Promises a cure. Say what the evidence shows.%0ASuggestion: Say "may help some people with depression".
            ::notice file=dir/a%2C b%3Ac.txt,line=2,col=29,endLine=2,endColumn=41,title=t/residue (spam-residue)::Comment-form residue.

            """)
    }

    func testSpansOverSeveralLinesGiveNoColumns() throws {
        let output = try annotations([article("a.txt", "It cures\ndepression.")])
        XCTAssertTrue(output.hasPrefix("::error file=a.txt,line=1,endLine=2,title=t/cure"), output)
    }

    func testJSONLRecordIsAnnotatedOnItsLineOfTheFile() throws {
        let output = try annotations([record("r9", line: 4, in: "batch.jsonl", "Hi.\nIt cures depression.")])
        XCTAssertTrue(output.hasPrefix("::error file=batch.jsonl,line=4,title=t/cure (unsafe-claim)::record r9, line 2, column 4 of its text: Promises"), output)
    }

    func testSkippedInputBecomesAWarning() throws {
        let output = try annotations([.skipped(SkippedInput(path: "b.txt", reason: Diagnostic(code: .unreadable, message: "cannot read the file")))])
        XCTAssertEqual(output, "::warning file=b.txt,title=redline skipped input::unreadable: cannot read the file\n")
    }
}
