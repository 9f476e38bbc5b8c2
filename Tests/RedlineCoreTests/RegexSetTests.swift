import Foundation
import XCTest
@testable import RedlineCore

final class RegexSetTests: XCTestCase {
    /// The JSON report of scanning `paths` (or `items`) with `scanner` on `jobs` threads.
    private func json(_ items: some Sequence<InputItem>, scanner: RedlineCore.Scanner, jobs: Int = 1) throws -> String {
        let path = try makeTemporaryDirectory(self).appendingPathComponent("report.json").path
        _ = try ScanRun.run(source: items, scanner: scanner, sinks: [JSONReport(output: try .file(path))], failOn: nil, jobs: jobs)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    private var corpus: DocumentSource { DocumentSource(paths: [packageRoot.appendingPathComponent("Corpus").path]) }

    func testRelaxedPatternsDropWordBoundariesAndWidenClasses() {
        XCTAssertEqual(PrefilterPattern.relax(#"\bcures?\b"#, unbounded: false), "cures?")
        XCTAssertEqual(PrefilterPattern.relax(#"a\w{0,3}b"#, unbounded: false), #"a[0-9A-Za-z_\x{80}-\x{10FFFF}]{0,3}b"#)
        XCTAssertEqual(PrefilterPattern.relax(#"[^\s@]{1,64}"#, unbounded: true), #"[^\t\n\x0B\f\r @]{1,}"#)
        XCTAssertEqual(PrefilterPattern.relax(#"x\{2,9}[{]"#, unbounded: true), #"x\{2,9}[{]"#)
        XCTAssertEqual(PrefilterPattern.relax(#"\S+\D"#, unbounded: false), #"[^\t\n\x0B\f\r ]+[^0-9]"#)
        XCTAssertEqual(PrefilterPattern.relax(#"(?<![@\w)(])ab(?=[)]|\))c(?-i:d)(?!x(?:y))"#, unbounded: false), "abc(?-i:d)")
    }

    func testPatternsWithALiteralHeadAndTailAroundAGapAreCutThere() throws {
        let relaxedGap = PrefilterPattern.relax(#"\b(?:buy|order) (?:\w+ ){0,2}?(?:pills|meds)(?: now)?\b"#, unbounded: true)
        let cut = try XCTUnwrap(PrefilterPattern.headAndTail(relaxedGap))
        XCTAssertEqual(cut.head, "(?:buy|order) ")
        XCTAssertEqual(cut.tail, "(?:pills|meds)(?: now)?")
        XCTAssertEqual(PrefilterPattern.headAndTail("(?:can|may)[^.!?]{0,}?nausea")?.tail, "nausea")
        // No cut: all literal, a gap at either end, a top-level alternation, an optional head, inline options.
        XCTAssertNil(PrefilterPattern.headAndTail("(?:buy|order) pills"))
        XCTAssertNil(PrefilterPattern.headAndTail("[^x]+ pills"))
        XCTAssertNil(PrefilterPattern.headAndTail("buy [^x]+"))
        XCTAssertNil(PrefilterPattern.headAndTail("buy [^x]+ pills|sell"))
        XCTAssertNil(PrefilterPattern.headAndTail("(?:buy )?[^x]+ pills"))
        XCTAssertNil(PrefilterPattern.headAndTail("(?m)^buy [^x]+ pills"))
    }

    /// A split pattern's candidates are the tail ends with a head end close enough before:
    /// every real match end is kept, a tail with no head in reach is not.
    func testASplitPatternKeepsTailEndsWithAHeadWithinReach() throws {
        let regex = try Regex(#"\b(?:buy|order) (?:\w+ ){0,2}?pills\b"#)
        let set = RegexSet([regex])
        let text = Array("pills. buy cheap blue pills\nbuy it\npills and more pills; order pills".utf8)
        let hits = text.withUnsafeBufferPointer { set.scan($0, scratch: MatchScratch()) }
        XCTAssertTrue(hits.complete)
        let matchEnds = text.withUnsafeBufferPointer { regex.allMatches(in: $0, scratch: MatchScratch()) { _, _ in } }.map(\.upperBound)
        XCTAssertEqual(matchEnds.count, 2)
        // "pills" at the start has no head, the one after "buy it" has it on the line before.
        XCTAssertEqual(Array(hits.ends(of: 0)), matchEnds)
        let bounded = RegexSet.endsAfterHead([10, 30, 50], heads: [5, 28], maxWidth: 8, singleLine: false,
                                             text: UnsafeBufferPointer(start: nil, count: 0))
        XCTAssertEqual(bounded, [10, 30])
    }

    func testCorpusFindingsAreTheSameWithAndWithoutThePrefilter() throws {
        let with = try json(corpus, scanner: Scanner(ruleSet: defaultRuleSet))
        let without = try json(corpus, scanner: Scanner(ruleSet: defaultRuleSet, prefilter: false))
        XCTAssertGreaterThan(with.count, 10_000)
        XCTAssertEqual(with, without)
    }

    func testParallelScansReportInInputOrder() throws {
        let scanner = Scanner(ruleSet: defaultRuleSet)
        var items = Array(corpus)
        items.insert(.skipped(SkippedInput(path: "gone.txt", reason: Diagnostic(code: .unreadable, message: "no such file"))), at: 3)
        let sequential = try json(items, scanner: scanner, jobs: 1)
        XCTAssertEqual(try json(items, scanner: scanner, jobs: 2), sequential)
        XCTAssertEqual(try json(items, scanner: scanner, jobs: 4), sequential)
    }

    /// Random texts full of adjacent, overlapping and multi-byte candidates: the windowed
    /// confirmation finds exactly what whole-text matching finds.
    func testWindowedConfirmationMatchesWholeTextMatching() throws {
        let rules = try ruleSet(yaml: pack("""
          - id: t/a
            kind: pattern
            category: unsafe-claim
            severity: error
            score: 1
            message: m
            patterns: ['\\bab\\w{0,3}\\b', 'b[^.]{0,6}?a', '\\bé+\\s*b', 'a{2,}', '(?:ab|ba) ?é?\\b']
            unless: ['\\bbb\\b', 'ba (?:\\w+ )?é']
            examples: {match: ["abab"], no_match: ["x"]}
          - id: t/n
            kind: near
            category: spam-residue
            severity: info
            score: 1
            message: m
            all: ['\\bbb\\b', '\\baa\\b']
            within: 2
            examples: {match: ["bb aa"], no_match: ["x"]}
          - id: t/q
            kind: required
            category: missing-caveat
            severity: warning
            score: 1
            message: m
            trigger: ['\\bba\\b']
            require:
              - name: caveat
                patterns: ['\\béé\\b']
            examples: {match: ["ba"], no_match: ["ba éé"]}
          - id: t/s
            kind: required
            category: missing-caveat
            severity: warning
            score: 1
            message: m
            scope: section
            trigger: ['\\bab\\b']
            require:
              - name: caveat
                patterns: ['\\bba (?:\\w+ )?é', 'a[^.\\n]*éé', 'b+a\\b']
            examples: {match: ["ab"], no_match: ["ab ba é"]}
        """), test: self)
        // Markdown headings cut the texts into sections, which the section-scoped rule searches one by one.
        let alphabet: [String] = ["a", "b", "a", "b", " ", " ", ".", "é", "\n", "ab", "ba", "aa bb", "\n# h\n", "ba b é"]
        var generator = SystemRandomNumberGenerator()
        var documents: [InputItem] = []
        for index in 0..<800 {
            let length = Int.random(in: 0..<120, using: &generator)
            let text = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            documents.append(.document(Document(id: "d\(index)", path: "d\(index)", bytes: Array(text.utf8), format: index % 2 == 0 ? .plain : .markdown)))
        }
        let with = try json(documents, scanner: Scanner(ruleSet: rules))
        let without = try json(documents, scanner: Scanner(ruleSet: rules, prefilter: false))
        XCTAssertEqual(with, without)
        for rule in ["t/a", "t/n", "t/q", "t/s"] { XCTAssertTrue(with.contains("\"rule\":\"\(rule)\""), "no finding of \(rule)") }
    }

    func testLintListsAPatternThePrefilterCannotHandleAsSlow() throws {
        let rules = try singleRule("""
            kind: pattern
            patterns: ['\\bcompletely \\Ksafe\\b', '\\bno side effects\\b']
        """, test: self)
        let slow = RuleLint.run(rules).filter { $0.message.hasPrefix("slow:") }
        XCTAssertEqual(slow.count, 1)
        XCTAssertTrue(slow.first?.message.contains("\\K") ?? false, "\(slow)")
        XCTAssertEqual(scan("It is completely safe.", with: rules).findings.map(\.match), ["safe"])
    }
}

final class LocalSegmentationTests: XCTestCase {
    /// The local paragraph and sentence lookups agree with the whole-text segmentation at
    /// every offset of every corpus article and of random texts.
    func testLocalLookupsAgreeWithWholeTextSegmentation() throws {
        var texts: [[UInt8]] = []
        for item in DocumentSource(paths: [packageRoot.appendingPathComponent("Corpus").path]) {
            if case .document(let document) = item { texts.append(Extractor.extract(document).layer.bytes) }
        }
        let pieces = ["a", "B", " ", "\n", "\n\n", ". ", "? ", "Dr. ", "é", "x.", "  \n", "\"", "U.S. ", "word"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            texts.append(Array((0..<Int.random(in: 0..<60, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined().utf8))
        }
        for bytes in texts {
            let whole = Tokenizer.segment(bytes)
            for offset in 0...bytes.count {
                XCTAssertEqual(Tokenizer.paragraph(bytes, containing: offset), whole.paragraph(containing: offset),
                               "paragraph at \(offset) of \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                XCTAssertEqual(Tokenizer.sentence(bytes, containing: offset), whole.sentence(containing: offset),
                               "sentence at \(offset) of \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
        }
    }
}
