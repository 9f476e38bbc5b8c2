/// `kind: pattern`: any pattern (or contact token) matching is a hit, unless the negation
/// guard cancels it.
struct PatternRule: CompiledRule {
    let spec: RuleSpec
    let patterns: [RulePart]
    let negation: NegationGuard

    var regexes: [Regex] { patterns.compactMap(\.regex) + negation.regexes }
    var hitRegexes: [Regex] { patterns.compactMap(\.regex) }

    func evaluate(in context: RuleContext) -> [RuleHit] {
        var hits: [RuleHit] = []
        for part in patterns {
            for range in context.matches(part, rule: spec)
            where !negation.cancels(range, target: spec.matchOn, in: context, rule: spec.id) {
                hits.append(RuleHit(range: range))
            }
        }
        return hits
    }
}
