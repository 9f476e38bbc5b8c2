import Foundation

/// Labelled JSONL batches for `redline eval FILE.jsonl --labels-field NAME`: each record's
/// field names the categories it should be flagged for (a string, a list, or none for a
/// clean record). Scores recall and false alarms per category at the document level, and
/// per rule how often it fires on the positives and the negatives of its category (the
/// hit frequencies of SpamAssassin's rule tuning).
public struct RecordEvaluation: Sendable, Codable {
    /// Per category: labelled and unlabelled records, and how many of each it flagged.
    public struct CategoryScore: Sendable, Codable, Equatable {
        public var positives = 0
        public var negatives = 0
        public var flaggedPositives = 0
        public var flaggedNegatives = 0
        public var recall: Double { positives == 0 ? 1 : Double(flaggedPositives) / Double(positives) }
        public var falseAlarmRate: Double { negatives == 0 ? 0 : Double(flaggedNegatives) / Double(negatives) }
    }

    /// Per rule: the records of its category's positives and negatives it fired on.
    public struct RuleFrequency: Sendable, Codable, Equatable {
        public var category: String
        public var onPositives = 0
        public var onNegatives = 0
    }

    public var records = 0
    public var categories: [String: CategoryScore] = [:]
    public var rules: [String: RuleFrequency] = [:]
    /// Records whose labels could not be read, as `path:line: problem`.
    public var labelErrors: [String] = []

    public init() {}

    /// Adds one record's result, expected to be flagged for `expected` categories only.
    mutating func add(_ result: DocumentResult, expected: Set<String>) {
        records += 1
        let flagged = Set(result.findings.map(\.category.rawValue))
        for category in categories.keys {
            if expected.contains(category) {
                categories[category]!.positives += 1
                if flagged.contains(category) { categories[category]!.flaggedPositives += 1 }
            } else {
                categories[category]!.negatives += 1
                if flagged.contains(category) { categories[category]!.flaggedNegatives += 1 }
            }
        }
        let fired = Set(result.findings.flatMap { [$0.rule] + $0.alsoMatched })
        for rule in fired {
            guard let category = rules[rule]?.category else { continue }
            if expected.contains(category) { rules[rule]!.onPositives += 1 } else { rules[rule]!.onNegatives += 1 }
        }
    }

    /// The evaluation as tables for people: per category, then per rule that fired, most hits first.
    public func renderText() -> String {
        func pad(_ text: String, _ n: Int) -> String { text.padding(toLength: n, withPad: " ", startingAt: 0) }
        func right(_ text: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - text.count)) + text }
        func percent(_ part: Int, _ whole: Int) -> String { whole == 0 ? "-" : String(format: "%.1f%%", 100 * Double(part) / Double(whole)) }
        var out = "Records: \(records) labelled record(s) scored\n\n"
        out += pad("category", 18) + right("positives", 10) + right("flagged", 9) + right("recall", 8)
            + right("negatives", 11) + right("flagged", 9) + right("false alarms", 14) + "\n"
        for (name, score) in categories.sorted(by: { $0.key < $1.key }) {
            out += pad(name, 18) + right("\(score.positives)", 10) + right("\(score.flaggedPositives)", 9) + right(percent(score.flaggedPositives, score.positives), 8)
                + right("\(score.negatives)", 11) + right("\(score.flaggedNegatives)", 9) + right(percent(score.flaggedNegatives, score.negatives), 14) + "\n"
        }
        out += "\nHit frequencies (rules that fired): ON-POSITIVES% ON-NEGATIVES% RULE\n"
        let fired = rules.filter { $0.value.onPositives + $0.value.onNegatives > 0 }
            .sorted { ($1.value.onPositives, $0.key) < ($0.value.onPositives, $1.key) }
        for (name, frequency) in fired {
            let score = categories[frequency.category] ?? CategoryScore()
            out += right(percent(frequency.onPositives, score.positives), 8) + right(percent(frequency.onNegatives, score.negatives), 8)
                + "  \(name) (\(frequency.onPositives)/\(score.positives), \(frequency.onNegatives)/\(score.negatives))\n"
        }
        for error in labelErrors { out += "\n\(error)" }
        return out
    }

    /// Scans every JSONL record under `paths` and scores it against its `field`.
    public static func run(paths: [String], field: String, scanner: Scanner) -> RecordEvaluation {
        var evaluation = RecordEvaluation()
        for category in Set(Category.builtIn + scanner.ruleSet.specs.map(\.category)) { evaluation.categories[category.rawValue] = CategoryScore() }
        for spec in scanner.ruleSet.specs { evaluation.rules[spec.id] = RuleFrequency(category: spec.category.rawValue) }
        var labelsByFile: [String: [Int: Set<String>]] = [:]
        let scratch = MatchScratch()
        var options = InputOptions()
        options.isIgnored = { [configuration = scanner.configuration] in configuration.isIgnored($0) }
        for item in DocumentSource(paths: paths, options: options) {
            guard case .document(let document) = item, let line = document.recordLine else { continue }
            if labelsByFile[document.path] == nil {
                labelsByFile[document.path] = labels(inFile: document.path, field: field, known: Set(evaluation.categories.keys), errors: &evaluation.labelErrors)
            }
            guard let expected = labelsByFile[document.path]?[line] else { continue }
            evaluation.add(scanner.scan(document, scratch: scratch), expected: expected)
        }
        return evaluation
    }

    /// The expected categories of every record of a JSONL file, by line; a record whose
    /// field is not a category name or a list of them is reported and left out.
    static func labels(inFile path: String, field: String, known: Set<String>, errors: inout [String]) -> [Int: Set<String>] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var result: [Int: Set<String>] = [:]
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
            let value = object[field]
            let names: [String]?
            switch value {
            case nil, is NSNull: names = []
            case let name as String: names = name.isEmpty ? [] : [name]
            case let list as [Any]: names = list as? [String]
            default: names = nil
            }
            guard let names else {
                errors.append("\(path):\(index + 1): \"\(field)\" must be a category name or a list of them")
                continue
            }
            let unknown = names.filter { !known.contains($0) }
            if !unknown.isEmpty {
                errors.append("\(path):\(index + 1): unknown categor\(unknown.count == 1 ? "y" : "ies") " + unknown.map { "'\($0)'" + DidYouMean.hint($0, in: known) }.joined(separator: ", "))
                continue
            }
            result[index + 1] = Set(names)
        }
        return result
    }
}
