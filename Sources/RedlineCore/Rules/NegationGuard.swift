/// Cancels a hit when a negation or hedge occurs in the same sentence: `before` patterns
/// must start between the sentence start and the hit, `after` patterns between the hit
/// and the sentence end ("it is not true that ...", "... is a myth").
struct NegationGuard: Sendable {
    var before: [Regex]
    var after: [Regex]

    var regexes: [Regex] { before + after }

    /// Whether the hit at `range` of `context`'s text for `target` is negated.
    func cancels(_ range: Range<Int>, target: MatchTarget, in context: RuleContext, rule: String) -> Bool {
        if before.isEmpty && after.isEmpty { return false }
        let sentence = context.sentence(containing: range.lowerBound, target: target)
        let sentenceStart = sentence.isEmpty ? range.lowerBound : sentence.lowerBound
        let sentenceEnd = max(sentence.upperBound, range.upperBound)
        for regex in before where context.firstMatch(regex, target: target, in: sentenceStart..<range.upperBound, rule: rule)
            .map({ $0.lowerBound < range.lowerBound }) ?? false {
            return true
        }
        for regex in after where context.firstMatch(regex, target: target, in: range.upperBound..<sentenceEnd, rule: rule) != nil {
            return true
        }
        return false
    }
}
