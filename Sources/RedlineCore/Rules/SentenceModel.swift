import Foundation

/// A linear model over one sentence (logistic regression, as SpamAssassin's Bayes is to its
/// rules): word unigrams and bigrams of the lower-cased sentence, plus one feature per
/// vocabulary class that matches in it. Stored as JSON beside the pack that uses it,
/// trained by `redline rules train` from labelled sentences the project writes.
public struct SentenceModel: Sendable, Codable {
    /// Held-out figures recorded when the model was trained.
    public struct Training: Sendable, Codable {
        public var sentences: Int
        public var heldoutSentences: Int
        public var heldoutPrecision: Double
        public var heldoutRecall: Double
    }

    public var version = 1
    /// The vocabulary classes whose matches are features (`c:NAME`).
    public var classes: [String]
    public var bias: Double
    /// A sentence scoring at least this (0...1) is a hit.
    public var threshold: Double
    public var weights: [String: Double]
    public var training: Training?

    /// Reads a model written by `redline rules train`, through JSONSerialization: the Codable
    /// decoder takes about 4 ms for seven thousand weights, a fifth of loading the default packs.
    static func read(_ data: Data) throws -> SentenceModel {
        struct NotAModel: Error, CustomStringConvertible { var description: String }
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw NotAModel(description: "not a JSON object") }
        guard let classes = object["classes"] as? [String], let bias = (object["bias"] as? NSNumber)?.doubleValue,
              let threshold = (object["threshold"] as? NSNumber)?.doubleValue, let raw = object["weights"] as? [String: Any] else {
            throw NotAModel(description: "needs classes, bias, threshold and weights")
        }
        var weights: [String: Double] = [:]
        weights.reserveCapacity(raw.count)
        for (feature, value) in raw {
            guard let weight = (value as? NSNumber)?.doubleValue else { throw NotAModel(description: "weight of \(feature) is not a number") }
            weights[feature] = weight
        }
        var model = SentenceModel(classes: classes, bias: bias, threshold: threshold, weights: weights)
        if let training = object["training"] as? [String: Any], let sentences = (training["sentences"] as? NSNumber)?.intValue,
           let heldout = (training["heldoutSentences"] as? NSNumber)?.intValue,
           let precision = (training["heldoutPrecision"] as? NSNumber)?.doubleValue, let recall = (training["heldoutRecall"] as? NSNumber)?.doubleValue {
            model.training = Training(sentences: sentences, heldoutSentences: heldout, heldoutPrecision: precision, heldoutRecall: recall)
        }
        return model
    }

    /// One feature's part in a sentence's score, for explaining a finding.
    public struct Contribution: Sendable, Equatable {
        public var feature: String
        public var weight: Double
    }

    /// The features of `sentence` (normalized text): `w:` unigrams, `b:` bigrams, `c:` classes.
    static func features(of sentence: String, classes: [(name: String, regex: Regex)], scratch: MatchScratch) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in sentence.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "'" {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var features = Set(words.map { "w:" + $0 })
        for (first, second) in zip(words, words.dropFirst()) { features.insert("b:\(first)_\(second)") }
        let bytes = Array(sentence.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            for (name, regex) in classes {
                if case .match = regex.firstMatch(in: buffer, from: 0, to: buffer.count, scratch: scratch) { features.insert("c:" + name) }
            }
        }
        return features.sorted()
    }

    /// The probability that a sentence with `features` is a positive, and the features that
    /// pushed it most, strongest first.
    func score(_ features: [String]) -> (probability: Double, top: [Contribution]) {
        var sum = bias
        var contributions: [Contribution] = []
        for feature in features {
            guard let weight = weights[feature] else { continue }
            sum += weight
            contributions.append(Contribution(feature: feature, weight: weight))
        }
        contributions.sort { ($0.weight, $1.feature) > ($1.weight, $0.feature) }
        return (1 / (1 + exp(-sum)), Array(contributions.prefix(4)))
    }

    /// One labelled sentence for training.
    public struct Example: Sendable {
        public var features: [String]
        public var positive: Bool

        public init(features: [String], positive: Bool) {
            self.features = features
            self.positive = positive
        }
    }

    /// Fits the weights to `examples` by batch gradient descent on the L2-regularised log
    /// loss; features seen in fewer than `minimumCount` examples are left out.
    public static func train(_ examples: [Example], classes: [String], epochs: Int = 400, learningRate: Double = 0.5,
                             l2: Double = 0.001, minimumCount: Int = 2) -> SentenceModel {
        var counts: [String: Int] = [:]
        for example in examples { for feature in example.features { counts[feature, default: 0] += 1 } }
        let vocabulary = counts.filter { $0.value >= minimumCount }.map(\.key).sorted()
        let index = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        let rows = examples.map { example in example.features.compactMap { index[$0] } }
        var weights = [Double](repeating: 0, count: vocabulary.count)
        var bias = 0.0
        let n = Double(max(examples.count, 1))
        for _ in 0..<epochs {
            var gradient = [Double](repeating: 0, count: vocabulary.count)
            var biasGradient = 0.0
            for (row, example) in zip(rows, examples) {
                let sum = row.reduce(bias) { $0 + weights[$1] }
                let error = 1 / (1 + exp(-sum)) - (example.positive ? 1 : 0)
                biasGradient += error
                for feature in row { gradient[feature] += error }
            }
            bias -= learningRate * biasGradient / n
            for feature in weights.indices {
                weights[feature] -= learningRate * (gradient[feature] / n + l2 * weights[feature])
            }
        }
        var kept: [String: Double] = [:]
        for (feature, weight) in zip(vocabulary, weights) where abs(weight) >= 0.01 {
            kept[feature] = (weight * 10_000).rounded() / 10_000
        }
        return SentenceModel(classes: classes, bias: (bias * 10_000).rounded() / 10_000, threshold: 0.5, weights: kept)
    }

    /// The lowest threshold at which the model's precision on `heldout` is at least
    /// `precision` (and the recall there), or nil when no threshold reaches it.
    public func threshold(forPrecision precision: Double, on heldout: [Example]) -> (threshold: Double, precision: Double, recall: Double)? {
        let scored = heldout.map { (score($0.features).probability, $0.positive) }.sorted { $0.0 > $1.0 }
        let positives = scored.filter(\.1).count
        guard positives > 0 else { return nil }
        var best: (Double, Double, Double)?
        var truePositives = 0
        for (rank, entry) in scored.enumerated() {
            if entry.1 { truePositives += 1 }
            // A cut between this score and the next lower one.
            if rank + 1 < scored.count, scored[rank + 1].0 == entry.0 { continue }
            let p = Double(truePositives) / Double(rank + 1)
            if p >= precision { best = (entry.0, p, Double(truePositives) / Double(positives)) }
        }
        return best
    }
}

/// `redline rules train`: reads labelled sentences (JSONL `{"text", "label"}`), fits a
/// `SentenceModel` with the vocabulary classes of the loaded packs as features, and picks
/// the threshold that holds a precision on held-out sentences.
public enum SentenceModelTraining {
    /// Why training could not run.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// What training produced and measured.
    public struct Outcome: Sendable {
        public var model: SentenceModel
        /// Precision and recall on the training sentences at the chosen threshold.
        public var trainingPrecision: Double
        public var trainingRecall: Double
    }

    /// Trains on `data` and sets the threshold on `heldout` for `precision`; `positive` is the
    /// label of the sentences to flag, `classes` the vocabulary classes to use as features.
    public static func run(data: [String], heldout: [String], positive: String, classes: [String], precision: Double,
                           ruleSet: RuleSet) throws(Problem) -> Outcome {
        let scratch = MatchScratch()
        var regexes: [(name: String, regex: Regex)] = []
        for name in classes {
            guard let resolved = ruleSet.packs.lazy.compactMap({ $0.lexicon.classes[name] }).first,
                  let regex = try? Regex("\\b" + resolved.fragment + "\\b") else {
                throw Problem(description: "no loaded pack can see class {\(name)}")
            }
            regexes.append((name, regex))
        }
        var train: [SentenceModel.Example] = []
        for path in data { train += try examples(in: path, positive: positive, classes: regexes, scratch: scratch) }
        var test: [SentenceModel.Example] = []
        for path in heldout { test += try examples(in: path, positive: positive, classes: regexes, scratch: scratch) }
        var model = SentenceModel.train(train, classes: classes)
        guard let cut = model.threshold(forPrecision: precision, on: test) else {
            throw Problem(description: "no threshold reaches precision \(precision) on \(heldout.joined(separator: ", "))")
        }
        model.threshold = (cut.threshold * 10_000).rounded(.down) / 10_000
        model.training = .init(sentences: train.count, heldoutSentences: test.count, heldoutPrecision: cut.precision, heldoutRecall: cut.recall)
        let flagged = train.filter { model.score($0.features).probability >= model.threshold }
        let truePositives = flagged.filter(\.positive).count
        return Outcome(model: model, trainingPrecision: flagged.isEmpty ? 1 : Double(truePositives) / Double(flagged.count),
                       trainingRecall: Double(truePositives) / Double(max(train.filter(\.positive).count, 1)))
    }

    /// The examples of a JSONL file; a line that is not `{"text": ..., "label": ...}` is an error naming it.
    static func examples(in path: String, positive: String, classes: [(name: String, regex: Regex)], scratch: MatchScratch) throws(Problem) -> [SentenceModel.Example] {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(description: "cannot read \(path)") }
        var examples: [SentenceModel.Example] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let text = object["text"] as? String, let label = object["label"] as? String else {
                throw Problem(description: "\(path):\(index + 1): each line must be {\"text\": ..., \"label\": ...}")
            }
            let normalized = String(decoding: Normalizer().normalize(.original(Array(text.utf8))).bytes, as: UTF8.self)
            let features = SentenceModel.features(of: normalized, classes: classes, scratch: scratch)
            examples.append(SentenceModel.Example(features: features, positive: label == positive))
        }
        return examples
    }
}
