/// Runs every rule's `examples` through the real scanner (prefilter on, every rule of the
/// packs under test running, findings not merged): each `match` string must yield a finding
/// from its rule, on exactly the span it marks with `[[...]]` when it marks one; each
/// `no_match` string must not. Used by `redline rules test` and the test suite.
public enum RuleExamples {
    /// One example that did not behave as declared.
    public struct Failure: Sendable, CustomStringConvertible {
        /// How an example failed.
        public enum Kind: Sendable, Equatable {
            /// A `match` example on which the rule did not fire.
            case notMatched
            /// A `match` example on which the rule fired elsewhere than the marked span: the spans it found, marked.
            case wrongSpan(found: [String])
            /// A `no_match` example on which the rule fired: where, marked.
            case unexpectedMatch(found: [String])
        }

        public var rule: String
        public var example: ExampleSource
        public var kind: Kind

        /// true for a `match` example.
        public var expectedMatch: Bool {
            if case .unexpectedMatch = kind { return false }
            return true
        }

        public var description: String {
            let head = "\(example.location): \(rule):"
            switch kind {
            case .notMatched: return "\(head) match example not matched: \(example.markedText.debugDescription)"
            case .wrongSpan(let found):
                return "\(head) match example matched elsewhere: expected \(example.markedText.debugDescription), found "
                    + found.map(\.debugDescription).joined(separator: ", ")
            case .unexpectedMatch(let found):
                return "\(head) no_match example matched: " + found.map(\.debugDescription).joined(separator: ", ")
            }
        }
    }

    /// The outcome of running a rule set's examples.
    public struct Report {
        public var examplesRun = 0
        public var failures: [Failure] = []
        /// `match` examples that mark no span (they only check that the rule fires), each with
        /// the spans its rule found, marked: what the author can paste in.
        public var unmarked: [(example: ExampleSource, rule: String, found: [String])] = []
    }

    /// The spans of `ruleID`'s findings on `text`, scanned by `scanner` as a small document
    /// of `format`, in the example's own bytes.
    static func spans(of ruleID: String, on text: String, format: DocumentFormat, scanner: Scanner, scratch: MatchScratch) -> [Range<Int>] {
        let document = Document(id: "example", path: "example", bytes: Array(text.utf8), format: format)
        return scanner.scan(document, scratch: scratch).findings.filter { $0.rule == ruleID }.map(\.span.range)
    }

    /// Whether `rule` alone yields a finding on `text` (a document in the rule's
    /// `examples_format`): for lint checks that compile variants of a rule.
    static func fires(_ rule: any CompiledRule, on text: String, ruleSet: RuleSet, scratch: MatchScratch) -> Bool {
        let document = Document(id: "example", path: "example", bytes: Array(text.utf8), format: rule.spec.examplesFormat)
        return !Scanner(ruleSet: ruleSet.only(rule), prefilter: false).scan(document, scratch: scratch).findings.isEmpty
    }

    /// The scanner examples run through: every rule of `ruleSet`, prefilter on, no merging.
    static func scanner(for ruleSet: RuleSet) -> Scanner {
        var scanner = Scanner(ruleSet: ruleSet)
        scanner.mergesOverlaps = false
        return scanner
    }

    /// Runs the examples of the rules of `ruleSet` (of the packs loaded from `packFiles`
    /// only, when given: `rules test --rules FILE`).
    public static func run(_ ruleSet: RuleSet, packFiles: Set<String>? = nil) -> Report {
        let tested = packFiles.map { files in ruleSet.restricted { files.contains($0.file) } } ?? ruleSet
        let scanner = scanner(for: tested)
        var report = Report()
        let scratch = MatchScratch()
        for rule in tested.rules {
            let spec = rule.spec
            for example in spec.matchExamples {
                report.examplesRun += 1
                let found = spans(of: spec.id, on: example.text, format: spec.examplesFormat, scanner: scanner, scratch: scratch)
                if found.isEmpty {
                    report.failures.append(Failure(rule: spec.id, example: example, kind: .notMatched))
                } else if let expected = example.expectedSpan {
                    if !found.contains(expected) {
                        report.failures.append(Failure(rule: spec.id, example: example, kind: .wrongSpan(found: found.map { marked(example.text, $0) })))
                    }
                } else {
                    report.unmarked.append((example, spec.id, found.map { marked(example.text, $0) }))
                }
            }
            for example in spec.noMatchExamples {
                report.examplesRun += 1
                let found = spans(of: spec.id, on: example.text, format: spec.examplesFormat, scanner: scanner, scratch: scratch)
                if !found.isEmpty {
                    report.failures.append(Failure(rule: spec.id, example: example, kind: .unexpectedMatch(found: found.map { marked(example.text, $0) })))
                }
            }
        }
        return report
    }

    /// `text` with `span` marked `[[...]]`.
    static func marked(_ text: String, _ span: Range<Int>) -> String {
        ExampleSource(text: text, location: SourceLocation(file: "", line: 0, column: 0), expectedSpan: span).markedText
    }
}
