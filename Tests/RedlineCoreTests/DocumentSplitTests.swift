import Foundation
import XCTest
@testable import RedlineCore

/// A huge document matched in chunks (`SplitScan`) has the findings of an unsplit scan.
final class DocumentSplitTests: XCTestCase {
    /// `scanner` splitting every document into chunks of about `chunkBytes`, on two threads.
    private func splitting(_ scanner: RedlineCore.Scanner, chunkBytes: Int) -> RedlineCore.Scanner {
        var split = scanner
        split.splitting = DocumentSplitting(minimumBytes: 1, chunkBytes: chunkBytes, jobs: 2)
        return split
    }

    /// The JSON report of scanning `items` with `scanner` on `jobs` threads.
    private func json(_ items: some Sequence<InputItem>, scanner: RedlineCore.Scanner, jobs: Int) throws -> String {
        let path = try makeTemporaryDirectory(self).appendingPathComponent("report.json").path
        _ = try ScanRun.run(source: items, scanner: scanner, sinks: [JSONReport(output: try .file(path))], failOn: nil, jobs: jobs)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Scans `text` unsplit and split into chunks of about `chunkBytes`, asserts the results
    /// agree, and returns the unsplit one.
    @discardableResult
    private func assertSplitAgrees(_ text: String, rules: RuleSet, chunkBytes: Int,
                                   file: StaticString = #filePath, line: UInt = #line) -> DocumentResult {
        let document = Document(id: "t", path: "t", bytes: Array(text.utf8), format: .plain)
        let scanner = Scanner(ruleSet: rules)
        let whole = scanner.scan(document, scratch: MatchScratch())
        let split = splitting(scanner, chunkBytes: chunkBytes).scan(document, scratch: MatchScratch())
        XCTAssertEqual(split.findings, whole.findings, "chunks of \(chunkBytes) bytes", file: file, line: line)
        XCTAssertEqual(split.diagnostics.map(\.message), whole.diagnostics.map(\.message), file: file, line: line)
        XCTAssertEqual(split.score, whole.score, file: file, line: line)
        XCTAssertEqual(Set(whole.findings.map(\.fingerprint)).count, whole.findings.count, "no duplicates", file: file, line: line)
        return whole
    }

    private var corpus: DocumentSource { DocumentSource(paths: [packageRoot.appendingPathComponent("Corpus").path]) }

    func testCorpusReportIsTheSameWhenEveryArticleIsSplit() throws {
        let chunkBytes = 256
        let split = try json(corpus, scanner: splitting(Scanner(ruleSet: defaultRuleSet), chunkBytes: chunkBytes), jobs: 2)
        let whole = try json(corpus, scanner: Scanner(ruleSet: defaultRuleSet), jobs: 1)
        XCTAssertGreaterThan(whole.count, 10_000)
        XCTAssertEqual(split, whole)
        // Most articles are cut into several chunks.
        let cut = corpus.filter { item in
            guard case .document(let document) = item else { return false }
            let text = Scanner.textLayers(of: document).normalized.bytes
            return SplitScan.ownedRanges(text, count: text.count / chunkBytes, stride: chunkBytes).filter { !$0.isEmpty }.count > 1
        }
        XCTAssertGreaterThan(cut.count, 100)
    }

    func testTheWholeCorpusAsOneDocumentHasTheSameFindingsSplit() throws {
        var articles: [String] = []
        for case .document(let document) in corpus where document.format == .plain {
            articles.append(String(decoding: document.bytes, as: UTF8.self))
        }
        let text = articles.joined(separator: "\n\n")
        for chunkBytes in [997, 4096] {
            let whole = assertSplitAgrees(text, rules: defaultRuleSet, chunkBytes: chunkBytes)
            XCTAssertGreaterThan(whole.findings.count, 100)
            XCTAssertEqual(Set(whole.findings.map(\.category)), [.unsafeClaim, .illicitSale, .spamResidue])
        }
    }

    /// Rules of every kind whose hits the tests below place at chunk edges.
    private func edgeRules() throws -> RuleSet {
        try ruleSet(yaml: pack("""
          - id: t/sale
            kind: pattern
            category: illicit-sale
            severity: error
            score: 10
            message: m
            patterns: ['\\bbuy ketamine online\\b']
            unless: ['\\bnot true\\b']
            examples: {match: ["buy ketamine online"], no_match: ["x"]}
          - id: t/across-lines
            kind: pattern
            category: spam-residue
            severity: warning
            score: 1
            message: m
            patterns: ['\\bfor\\s+sale\\b']
            examples: {match: ["for sale"], no_match: ["x"]}
          - id: t/near
            kind: near
            category: unsafe-claim
            severity: error
            score: 1
            message: m
            all: ['\\bcures\\b', '\\bdepression\\b']
            within: 4
            examples: {match: ["it cures depression"], no_match: ["x"]}
          - id: t/near-paragraph
            kind: near
            category: unsafe-claim
            severity: warning
            score: 1
            message: m
            all: ['\\bmiracle\\b', '\\bguaranteed\\b']
            within: 30
            scope: paragraph
            examples: {match: ["A miracle. Guaranteed."], no_match: ["x"]}
          - id: t/contact
            kind: near
            category: illicit-sale
            severity: error
            score: 10
            message: m
            all: ['\\bxanax\\b', '@contact']
            within: 6
            examples: {match: ["xanax at rx-meds.shop"], no_match: ["x"]}
        """), test: self)
    }

    /// A paragraph of `length` bytes (then a blank line), so the next one starts `length + 2` bytes later.
    private func filler(_ length: Int) -> String {
        String(String(repeating: "Plain words here. ", count: length / 18 + 1).prefix(length - 1)) + ".\n\n"
    }

    func testHitsAtChunkEdgesAreFoundOnceAsUnsplit() throws {
        let rules = try edgeRules()
        // With chunks of 64 bytes, chunk 1 starts at byte 64, chunk 2 at byte 128, ...
        let text = "buy ketamine online, it said.\n\n" + filler(31)             // a sale at the first byte
            + "Buy ketamine online now.\n\n" + filler(36)                       // a sale at the first byte of chunk 1
            + filler(40) + "It cures depression. Offer for\n\nsale here.\n\n"  // a near pair ending chunk 2; a match across its edge
            + filler(62)
            + "A miracle? Yes. It is\nguaranteed, xanax at rx-meds.shop.\n\n"   // a paragraph pair and a contact pair in chunk 4
            + "It is not true that you can buy ketamine online.\n\n"
            + "Depression? It cures\n\ndepression.\n\n"                      // a pair split by a paragraph break: no hit
            + "Last: buy ketamine online"                                       // a sale at the last byte
        let owned = SplitScan.ownedRanges(Array(text.utf8), count: text.utf8.count / 64, stride: 64)
        XCTAssertEqual(owned.prefix(3).map(\.lowerBound), [0, 64, 128])
        XCTAssertTrue(text.utf8.dropFirst(64).starts(with: "Buy ketamine".utf8))
        let whole = assertSplitAgrees(text, rules: rules, chunkBytes: 64)
        XCTAssertEqual(whole.findings.map(\.rule), ["t/sale", "t/sale", "t/near", "t/across-lines", "t/near-paragraph", "t/contact", "t/sale"])
        XCTAssertEqual(whole.findings.first?.span.start, 0)
        XCTAssertEqual(whole.findings.last?.span.end, text.utf8.count)
        XCTAssertEqual(whole.findings[3].match, "for\n\nsale")
        // Every chunk size moves the edges through every byte of the text.
        for chunkBytes in 8...90 { assertSplitAgrees(text, rules: rules, chunkBytes: chunkBytes) }
    }

    func testARequiredCaveatInAnotherChunkThanThePromotionStillCounts() throws {
        let rules = try ruleSet(yaml: pack("""
          - id: t/caveat
            kind: required
            category: missing-caveat
            severity: warning
            score: 1
            message: m
            trigger: ['\\bbreakthrough treatment\\b']
            require:
              - name: risks
                patterns: ['\\bside effects\\b']
            examples: {match: ["a breakthrough treatment"], no_match: ["a breakthrough treatment; side effects: nausea"]}
        """), test: self)
        let promotion = "Ketamine is a breakthrough treatment for depression.\n\n" + (0..<20).map { _ in filler(50) }.joined()
        let withCaveat = assertSplitAgrees(promotion + "Common side effects include nausea.", rules: rules, chunkBytes: 64)
        XCTAssertEqual(withCaveat.findings.count, 0)
        let without = assertSplitAgrees(promotion + "Ask your clinic.", rules: rules, chunkBytes: 64)
        XCTAssertEqual(without.findings.map(\.match), ["breakthrough treatment"])
        XCTAssertEqual(without.findings.first?.message, "m Missing: risks.")
    }

    func testParagraphBoundariesFollowABlankLine() {
        let text = Array("One.\nTwo.\n\nThree.\n \t\nFour.".utf8)
        XCTAssertEqual(SplitScan.ownedRanges(text, count: 3, stride: 8), [0..<11, 11..<21, 21..<text.count])
        XCTAssertEqual(SplitScan.ownedRanges(text, count: 3, stride: 1), [0..<11, 11..<11, 11..<text.count])
        // No blank line: one chunk holds everything.
        XCTAssertEqual(SplitScan.ownedRanges(Array("a\nb\nc".utf8), count: 2, stride: 1).filter { !$0.isEmpty }, [0..<5])
    }
}
