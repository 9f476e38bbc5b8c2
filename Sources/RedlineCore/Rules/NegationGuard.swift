/// Cancels a hit when a negation or hedge occurs in the same sentence: `before` patterns
/// must start between the sentence start and the hit, `after` patterns between the hit
/// and the sentence end ("it is not true that ...", "... is a myth").
struct NegationGuard: Sendable {
    var before: [Regex]
    var after: [Regex]

    var regexes: [Regex] { before + after }

    /// Whether the hit at `range` of `context`'s text for `target` is negated. With `parts`
    /// (a near rule's part matches), a `before` guard inside the range counts too, where it
    /// lies between the parts rather than on their own words ("X is not clinically proven").
    func cancels(_ range: Range<Int>, target: MatchTarget, in context: RuleContext, rule: String, parts: [Range<Int>] = []) -> Bool {
        if before.isEmpty && after.isEmpty { return false }
        let sentence = context.sentence(containing: range.lowerBound, target: target)
        let sentenceStart = sentence.isEmpty ? range.lowerBound : sentence.lowerBound
        let sentenceEnd = max(sentence.upperBound, range.upperBound)
        for regex in before {
            var from = sentenceStart
            while from < range.upperBound, let match = context.firstMatch(regex, target: target, in: from..<range.upperBound, rule: rule) {
                if match.lowerBound < range.lowerBound { return true }
                guard !parts.isEmpty else { break }
                if !parts.contains(where: { $0.overlaps(match) }) { return true }
                from = max(match.upperBound, match.lowerBound + 1)
            }
        }
        for regex in after where context.firstMatch(regex, target: target, in: range.upperBound..<sentenceEnd, rule: rule) != nil {
            return true
        }
        return false
    }
}
