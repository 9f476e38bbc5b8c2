import Foundation

extension Evaluation {
    /// The evaluation as a table for people: per category, per rule, verdicts, then every
    /// false positive and false negative with its location and text.
    public func renderText() -> String {
        var out = "Corpus: \(documents) labelled article(s) scored"
        if !unlabelled.isEmpty { out += ", \(unlabelled.count) without a sidecar (not scored)" }
        if !skipped.isEmpty { out += ", \(skipped.count) skipped" }
        out += "\n\n"
        out += table(title: "category", rows: categories.sorted { $0.key < $1.key })
        out += "\n"
        out += table(title: "rule", rows: rules.sorted { $0.key < $1.key })
        out += "\nVerdicts: \(verdictsCorrect)/\(verdictsTotal) correct (accuracy \(Evaluation.format(verdictAccuracy)))\n"
        out += "  expected -> actual: "
        out += Verdict.allCases.flatMap { expected in
            Verdict.allCases.compactMap { actual in
                verdictConfusion[expected.rawValue]?[actual.rawValue].map { "\(expected.rawValue)->\(actual.rawValue) \($0)" }
            }
        }.joined(separator: ", ")
        out += "\n"
        for (title, misses) in [("False positives", falsePositives), ("False negatives", falseNegatives)] {
            out += "\n\(title) (\(misses.count)):\n"
            for miss in misses {
                let rule = miss.rule.map { " [\($0)]" } ?? ""
                out += "  \(miss.path):\(miss.line):\(miss.column): \(miss.category)\(rule) \(miss.text.debugDescription)\n"
            }
        }
        for error in labelErrors { out += "\n\(error)" }
        for input in skipped { out += "\nskipped \(input.path): \(input.reason.message)" }
        return out
    }

    private func table(title: String, rows: [(key: String, value: Score)]) -> String {
        let width = max(title.count, rows.map(\.key.count).max() ?? 0) + 2
        func pad(_ text: String, _ n: Int) -> String { text.padding(toLength: n, withPad: " ", startingAt: 0) }
        func right(_ text: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - text.count)) + text }
        var out = pad(title, width) + ["labels", "found", "findings", "TP", "FP", "precision", "recall", "F1"].map { right($0, 10) }.joined() + "\n"
        for (name, score) in rows {
            let cells = [String(score.labels), String(score.labelsFound), String(score.findings), String(score.truePositives),
                         String(score.falsePositives), Evaluation.format(score.precision), Evaluation.format(score.recall),
                         Evaluation.format(score.f1)]
            out += pad(name, width) + cells.map { right($0, 10) }.joined() + "\n"
        }
        return out
    }
}
