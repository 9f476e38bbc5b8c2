import ArgumentParser
import Foundation
import RedlineCore

/// `redline eval [CORPUS]`: precision, recall and verdict accuracy on a labelled corpus.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the rules on a labelled corpus (articles with NAME.expect.yml sidecars), or on labelled JSONL batches with --labels-field.")

    @Argument(help: "Corpus directories or files.") var paths: [String] = ["Corpus"]
    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("format"), help: "text or json.") var format = "text"
    @Option(name: .customLong("min-precision"), help: "Exit 1 when a category's precision is below this.") var minPrecision = 0.0
    @Option(name: .customLong("min-recall"), help: "Exit 1 when a category's recall is below this.") var minRecall = 0.0
    @Option(name: .customLong("labels-field"), help: "Score JSONL records instead: the record field naming the categories each should be flagged for (a name, a list, or none).")
    var labelsField: String?

    func run() throws {
        guard format == "text" || format == "json" else { throw ValidationError("--format must be text or json") }
        let configuration = try rules.configuration(near: paths.first)
        if let labelsField {
            let evaluation = RecordEvaluation.run(paths: paths, field: labelsField,
                                                  scanner: Scanner(ruleSet: try rules.loadRuleSet(configuration), configuration: configuration))
            try show(evaluation, text: evaluation.renderText())
            if !evaluation.labelErrors.isEmpty { throw ExitCode(2) }
            return
        }
        let evaluation = Evaluation.run(paths: paths, scanner: Scanner(ruleSet: try rules.loadRuleSet(configuration), configuration: configuration))
        try show(evaluation, text: evaluation.renderText())
        let violations = evaluation.floorViolations(precision: minPrecision, recall: minRecall)
        if !violations.isEmpty {
            Console.error("Floors not held:\n" + violations.map { "  " + $0 }.joined(separator: "\n"))
            throw ExitCode(1)
        }
    }

    /// Prints `evaluation` as sorted, indented JSON with `--format json`, else as `text`.
    private func show<Value: Encodable>(_ evaluation: Value, text: String) throws {
        guard format == "json" else { print(text); return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(evaluation), as: UTF8.self))
    }
}
