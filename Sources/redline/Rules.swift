import ArgumentParser
import Foundation
import RedlineCore

/// `redline rules ...`: tools for rule authors and editors.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Test, list and explain rules.",
        subcommands: [Test.self, Lint.self, List.self, Explain.self, Export.self, Train.self])

    /// `redline rules test`
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's match / no_match examples through the scanner; with --rules, only those packs' examples.")
        @OptionGroup var rules: RuleOptions
        @Flag(help: "List the match examples that mark no [[span]], each with the span its rule found marked.") var showUnmarked = false

        func run() throws {
            let ruleSet = try rules.loadRuleSet()
            let files = rules.ruleDirectories.isEmpty ? nil : RuleSet.packFileNames(in: rules.ruleDirectories)
            let report = RuleExamples.run(ruleSet, packFiles: files)
            for failure in report.failures { print(failure) }
            if showUnmarked {
                for entry in report.unmarked { print("\(entry.example.location): \(entry.rule): unmarked: \(entry.found.joined(separator: " | "))") }
            }
            if !report.unmarked.isEmpty {
                print("\(report.unmarked.count) match example(s) mark no [[span]]: they only check that the rule fires (--show-unmarked lists them)")
            }
            print("\(report.examplesRun - report.failures.count) passed, \(report.failures.count) failed")
            if !report.failures.isEmpty { throw ExitCode(1) }
        }
    }

    /// `redline rules lint`
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Flag risky rules: missing word boundaries, catastrophic backtracking, catch-all alternations, duplicate patterns, examples that pass for the wrong reason.")
        @OptionGroup var rules: RuleOptions
        @Flag(help: "Exit 1 when there is any warning.") var strict = false

        func run() throws {
            let warnings = RuleLint.run(try rules.loadRuleSet())
            for warning in warnings { print(warning) }
            print("\(warnings.count) warning(s)")
            if strict && !warnings.isEmpty { throw ExitCode(1) }
        }
    }

    /// `redline rules list`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the active rules.")
        @OptionGroup var rules: RuleOptions

        func run() throws {
            for spec in try rules.loadRuleSet().specs {
                print("\(spec.id)  \(spec.category)  \(spec.severity)  score \(spec.score)  \(spec.body.kindName)")
            }
        }
    }

    /// `redline rules export --regex-list`
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every pattern that makes a hit (pattern rules' patterns, near parts, required triggers and caveats), one a line, %{} expanded: the input of `rg -f` in `make bench`.")
        @OptionGroup var rules: RuleOptions
        @Flag(name: .customLong("regex-list"), help: "One regex a line (the only export format so far).") var regexList = false

        func run() throws {
            for pattern in try rules.loadRuleSet().hitPatterns() { print(pattern) }
        }
    }

    /// `redline rules explain RULE-ID`
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a rule with its patterns as written and expanded, the classes and guard sets it uses and where each is defined, its wording and examples.")
        @OptionGroup var rules: RuleOptions
        @Argument(help: "The rule id, pack/name.") var id: String

        func run() throws {
            let ruleSet = try rules.loadRuleSet()
            guard let spec = ruleSet.specs.first(where: { $0.id == id }) else {
                throw ValidationError("no rule with id '\(id)'\(RuleSet.didYouMean(id, in: ruleSet.specs.map(\.id))) (see `redline rules list`)")
            }
            print(RuleExplanation.text(of: spec, in: ruleSet))
        }
    }

    /// `redline rules train`
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a classifier rule's sentence model from labelled sentences (JSONL {\"text\", \"label\"}) and set its threshold for a precision on held-out sentences.")
        @OptionGroup var rules: RuleOptions
        @Option(help: "Training sentences (repeatable).") var data: [String]
        @Option(help: "Held-out sentences the threshold is chosen on (repeatable).") var heldout: [String]
        @Option(help: "Where to write the model (JSON).") var out: String
        @Option(help: "The label of the sentences to flag.") var positive = "unsafe"
        @Option(help: "Vocabulary classes to use as features (comma-separated).") var classes = ""
        @Option(help: "The held-out precision the threshold must hold.") var precision = 0.95

        func run() throws {
            let ruleSet = try rules.loadRuleSet()
            let names = classes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let outcome: SentenceModelTraining.Outcome
            do {
                outcome = try SentenceModelTraining.run(data: data, heldout: heldout, positive: positive, classes: names, precision: precision, ruleSet: ruleSet)
            } catch {
                Console.error("error: \(error.description)")
                throw ExitCode(2)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try encoder.encode(outcome.model).write(to: URL(fileURLWithPath: out), options: .atomic)
            let training = outcome.model.training!
            print(String(format: "%d weights, threshold %.4f; held-out (%d): precision %.3f, recall %.3f; training (%d): precision %.3f, recall %.3f",
                         outcome.model.weights.count, outcome.model.threshold, training.heldoutSentences, training.heldoutPrecision, training.heldoutRecall,
                         training.sentences, outcome.trainingPrecision, outcome.trainingRecall))
        }
    }
}
