/// `kind: classifier`: a sentence model (`SentenceModel`) scores every sentence that one of
/// the `gate` patterns marks as health-related (the prefilter finds them); a sentence scoring
/// at least the threshold is a hit, unless a guard matches anywhere in it. The finding says
/// which features decided it. Pattern rules stay the first line; this catches paraphrases.
struct ClassifierRule: CompiledRule {
    let spec: RuleSpec
    let model: SentenceModel
    let threshold: Double
    let gate: [Regex]
    let classFeatures: [(name: String, regex: Regex)]
    let negation: NegationGuard

    var regexes: [Regex] { gate + classFeatures.map(\.regex) + negation.regexes }
    var hitRegexes: [Regex] { gate }

    func evaluate(in context: RuleContext) -> [RuleHit] {
        var scored: Set<Int> = []
        var hits: [RuleHit] = []
        let gated = gate.flatMap { context.allMatches($0, target: spec.matchOn, rule: spec.id) }.sorted { $0.lowerBound < $1.lowerBound }
        for match in gated {
            let sentence = context.sentence(containing: match.lowerBound, target: spec.matchOn)
            guard !sentence.isEmpty, scored.insert(sentence.lowerBound).inserted else { continue }
            let features = SentenceModel.features(of: context.normalizedText(of: sentence, target: spec.matchOn), classes: classFeatures, scratch: context.scratch)
            let (probability, top) = model.score(features)
            guard probability >= threshold else { continue }
            // Guards look at the whole sentence: the compiled guard holds every pattern as a `before`
            // one, searched up to the sentence's last byte.
            let last = (sentence.upperBound - 1)..<(sentence.upperBound - 1)
            guard !negation.cancels(last, target: spec.matchOn, in: context, rule: spec.id) else { continue }
            let decided = top.filter { $0.weight > 0 }.map { "\(Self.readable($0.feature)) \(String(format: "%+.2f", $0.weight))" }
            hits.append(RuleHit(range: sentence, detail: String(format: "Sentence model %.2f (threshold %.2f)", probability, threshold)
                + (decided.isEmpty ? "." : ", decided by: " + decided.joined(separator: ", ") + ".")))
        }
        return hits
    }

    /// A feature as an editor reads it: `cures`, `"no side"`, `{condition}`.
    static func readable(_ feature: String) -> String {
        switch feature.prefix(2) {
        case "w:": String(feature.dropFirst(2))
        case "b:": "\"" + feature.dropFirst(2).replacingOccurrences(of: "_", with: " ") + "\""
        case "c:": "{" + feature.dropFirst(2) + "}"
        default: feature
        }
    }
}
