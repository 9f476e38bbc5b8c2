/// Runs every rule's `examples`: each `match` string must yield a finding from its rule,
/// each `no_match` string must not. Used by `redline rules test` and the test suite.
public enum RuleExamples {
    /// One example that did not behave as declared.
    public struct Failure: Sendable, CustomStringConvertible {
        public var rule: String
        public var example: ExampleSource
        /// true: a `match` example that did not match; false: a `no_match` example that did.
        public var expectedMatch: Bool

        public var description: String {
            let what = expectedMatch ? "match example not matched" : "no_match example matched"
            return "\(example.location): \(rule): \(what): \(example.text.debugDescription)"
        }
    }

    /// The outcome of running a rule set's examples.
    public struct Report: Sendable {
        public var examplesRun = 0
        public var failures: [Failure] = []
    }

    /// Whether `text`, scanned by `rule` alone as a small document in the rule's
    /// `examples_format` (plain text unless it says otherwise), yields a finding.
    static func fires(_ rule: any CompiledRule, on text: String, ruleSet: RuleSet, scratch: MatchScratch) -> Bool {
        let document = Document(id: "example", path: "example", bytes: Array(text.utf8), format: rule.spec.examplesFormat)
        return !Scanner(ruleSet: ruleSet.only(rule), prefilter: false).scan(document, scratch: scratch).findings.isEmpty
    }

    /// Runs the examples of every rule in `ruleSet`.
    public static func run(_ ruleSet: RuleSet) -> Report {
        var report = Report()
        let scratch = MatchScratch()
        for rule in ruleSet.rules {
            for example in rule.spec.matchExamples {
                report.examplesRun += 1
                if !fires(rule, on: example.text, ruleSet: ruleSet, scratch: scratch) {
                    report.failures.append(Failure(rule: rule.spec.id, example: example, expectedMatch: true))
                }
            }
            for example in rule.spec.noMatchExamples {
                report.examplesRun += 1
                if fires(rule, on: example.text, ruleSet: ruleSet, scratch: scratch) {
                    report.failures.append(Failure(rule: rule.spec.id, example: example, expectedMatch: false))
                }
            }
        }
        return report
    }
}
