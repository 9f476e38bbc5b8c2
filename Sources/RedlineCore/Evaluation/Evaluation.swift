import Foundation

/// Precision and recall of the rules on a labelled corpus, per category and per rule,
/// verdict accuracy, and every false positive and false negative with its place.
public struct Evaluation: Sendable, Codable {
    /// Counts for one category or one rule.
    public struct Score: Sendable, Codable, Equatable {
        /// Labelled phrases (or documents, for missing-caveat).
        public var labels = 0
        /// Labels covered by a finding.
        public var labelsFound = 0
        public var findings = 0
        public var truePositives = 0
        public var falsePositives = 0

        public var precision: Double { findings == 0 ? 1 : Double(truePositives) / Double(findings) }
        public var recall: Double { labels == 0 ? 1 : Double(labelsFound) / Double(labels) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

        enum CodingKeys: String, CodingKey { case labels, labelsFound, findings, truePositives, falsePositives, precision, recall, f1 }

        public init() {}

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            labels = try c.decode(Int.self, forKey: .labels)
            labelsFound = try c.decode(Int.self, forKey: .labelsFound)
            findings = try c.decode(Int.self, forKey: .findings)
            truePositives = try c.decode(Int.self, forKey: .truePositives)
            falsePositives = try c.decode(Int.self, forKey: .falsePositives)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(labels, forKey: .labels)
            try c.encode(labelsFound, forKey: .labelsFound)
            try c.encode(findings, forKey: .findings)
            try c.encode(truePositives, forKey: .truePositives)
            try c.encode(falsePositives, forKey: .falsePositives)
            try c.encode((precision * 1000).rounded() / 1000, forKey: .precision)
            try c.encode((recall * 1000).rounded() / 1000, forKey: .recall)
            try c.encode((f1 * 1000).rounded() / 1000, forKey: .f1)
        }
    }

    /// A false positive or false negative, located in its article.
    public struct Miss: Sendable, Codable, Equatable {
        public var path: String
        public var line: Int
        public var column: Int
        public var category: Category
        /// The rule of a false positive; nil for a false negative.
        public var rule: String?
        /// The flagged text (false positive) or the labelled phrase (false negative).
        public var text: String
    }

    public var documents = 0
    /// Articles without a sidecar: scanned, not scored.
    public var unlabelled: [String] = []
    /// Sidecars that could not be used.
    public var labelErrors: [String] = []
    public var skipped: [SkippedInput] = []
    public var categories: [String: Score] = [:]
    public var rules: [String: Score] = [:]
    public var verdictsCorrect = 0
    public var verdictsTotal = 0
    /// expected verdict -> actual verdict -> count.
    public var verdictConfusion: [String: [String: Int]] = [:]
    public var falsePositives: [Miss] = []
    public var falseNegatives: [Miss] = []

    public var verdictAccuracy: Double { verdictsTotal == 0 ? 1 : Double(verdictsCorrect) / Double(verdictsTotal) }

    public init() {}

    /// Scans every article under `paths` (except what the scanner's configuration ignores)
    /// and scores the findings against the sidecars.
    public static func run(paths: [String], scanner: Scanner) -> Evaluation {
        var evaluation = Evaluation()
        let scratch = MatchScratch()
        for rule in scanner.ruleSet.specs { evaluation.rules[rule.id] = Score() }
        for category in Category.builtIn { evaluation.categories[category.rawValue] = Score() }
        evaluation.register(scanner.ruleSet.specs)
        var options = InputOptions()
        options.isIgnored = { [configuration = scanner.configuration] in configuration.isIgnored($0) }
        for item in DocumentSource(paths: paths, options: options) {
            switch item {
            case .skipped(let input):
                evaluation.skipped.append(input)
            case .document(let document):
                let sidecar = ArticleLabels.sidecarPath(for: document.path)
                guard document.recordLine == nil, FileManager.default.fileExists(atPath: sidecar) else {
                    evaluation.unlabelled.append(document.id)
                    continue
                }
                do throws(LabelError) {
                    let labels = try ArticleLabels.load(sidecar: sidecar)
                    let ranges = try labels.ranges(in: document.bytes, sidecar: sidecar)
                    evaluation.add(scanner.scan(document, scratch: scratch), labels: labels, labelled: ranges)
                } catch {
                    evaluation.labelErrors.append(error.description)
                }
            }
        }
        return evaluation
    }

    /// Scores one document's findings against its labels.
    mutating func add(_ result: DocumentResult, labels: ArticleLabels, labelled: [(label: ArticleLabels.SpanLabel, range: Range<Int>)]) {
        documents += 1
        let lines = LineIndex(result.source)
        func miss(_ range: Range<Int>, _ category: Category, _ rule: String?, _ text: String) -> Miss {
            let place = lines.location(of: range.lowerBound)
            return Miss(path: result.path, line: place.line, column: place.column, category: category, rule: rule, text: text)
        }
        // Span-level categories.
        for (label, range) in labelled {
            let key = label.category.rawValue
            categories[key, default: Score()].labels += 1
            // A finding covers a label of its own category, or of a category one of the rules
            // folded into it belongs to (a contact line reported as part of a sale).
            let covering = result.findings.filter { finding in
                finding.span.range.overlaps(range)
                    && (finding.category == label.category || finding.alsoMatched.contains { ruleCategories[$0] == label.category })
            }
            if covering.isEmpty {
                falseNegatives.append(miss(range, label.category, nil, label.phrase))
            } else {
                categories[key, default: Score()].labelsFound += 1
                for rule in Set(covering.flatMap { [$0.rule] + $0.alsoMatched }) {
                    rules[rule, default: Score()].labelsFound += 1
                }
            }
        }
        for finding in result.findings where finding.category != .missingCaveat {
            let key = finding.category.rawValue
            let correct = labelled.contains { $0.label.category == finding.category && $0.range.overlaps(finding.span.range) }
            record(finding, correct: correct, category: key)
            if !correct { falsePositives.append(miss(finding.span.range, finding.category, finding.rule, finding.match)) }
        }
        // Rule labels counted per rule: the labels of the rule's category.
        for (label, _) in labelled {
            for spec in ruleSpecs(in: label.category) { rules[spec, default: Score()].labels += 1 }
        }
        // Document-level: missing caveat.
        let caveatKey = Category.missingCaveat.rawValue
        let caveatFindings = result.findings.filter { $0.category == .missingCaveat }
        if labels.missingCaveat {
            categories[caveatKey, default: Score()].labels += 1
            for spec in ruleSpecs(in: .missingCaveat) { rules[spec, default: Score()].labels += 1 }
            if caveatFindings.isEmpty {
                falseNegatives.append(miss(0..<0, .missingCaveat, nil, "(the article must be flagged as missing caveats)"))
            } else {
                categories[caveatKey, default: Score()].labelsFound += 1
                for rule in Set(caveatFindings.map(\.rule)) { rules[rule, default: Score()].labelsFound += 1 }
            }
        }
        for finding in caveatFindings {
            record(finding, correct: labels.missingCaveat, category: caveatKey)
            if !labels.missingCaveat { falsePositives.append(miss(finding.span.range, .missingCaveat, finding.rule, finding.match)) }
        }
        // Verdict.
        verdictsTotal += 1
        if result.verdict == labels.verdict { verdictsCorrect += 1 }
        verdictConfusion[labels.verdict.rawValue, default: [:]][result.verdict.rawValue, default: 0] += 1
    }

    private var ruleCategories: [String: Category] = [:]

    /// Tells the evaluation which category each rule belongs to (for per-rule recall).
    mutating func register(_ specs: [RuleSpec]) {
        for spec in specs { ruleCategories[spec.id] = spec.category }
    }

    private func ruleSpecs(in category: Category) -> [String] {
        ruleCategories.filter { $0.value == category }.map(\.key)
    }

    private mutating func record(_ finding: Finding, correct: Bool, category: String) {
        categories[category, default: Score()].findings += 1
        rules[finding.rule, default: Score()].findings += 1
        if correct {
            categories[category, default: Score()].truePositives += 1
            rules[finding.rule, default: Score()].truePositives += 1
        } else {
            categories[category, default: Score()].falsePositives += 1
            rules[finding.rule, default: Score()].falsePositives += 1
        }
    }

    enum CodingKeys: String, CodingKey {
        case documents, unlabelled, labelErrors, skipped, categories, rules, verdictsCorrect, verdictsTotal
        case verdictConfusion, falsePositives, falseNegatives
    }

    /// The categories whose precision or recall is below the floors, each with the articles
    /// responsible; empty when the corpus holds the floors (and every sidecar was usable).
    public func floorViolations(precision: Double, recall: Double) -> [String] {
        var violations = labelErrors
        for (category, score) in categories.sorted(by: { $0.key < $1.key }) {
            if score.precision < precision {
                let articles = Set(falsePositives.filter { $0.category.rawValue == category }.map(\.path)).sorted()
                violations.append("\(category): precision \(Evaluation.format(score.precision)) < \(Evaluation.format(precision)); false positives in \(articles.joined(separator: ", "))")
            }
            if score.recall < recall {
                let articles = Set(falseNegatives.filter { $0.category.rawValue == category }.map(\.path)).sorted()
                violations.append("\(category): recall \(Evaluation.format(score.recall)) < \(Evaluation.format(recall)); missed in \(articles.joined(separator: ", "))")
            }
        }
        return violations
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
