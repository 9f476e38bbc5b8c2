/// `kind: pattern`: any pattern matching is a hit, unless the negation guard cancels it.
struct PatternRule: CompiledRule {
    let spec: RuleSpec
    let patterns: [Regex]
    let negation: NegationGuard

    var regexes: [Regex] { patterns + negation.regexes }

    func evaluate(in context: RuleContext) -> [RuleHit] {
        var hits: [RuleHit] = []
        for regex in patterns {
            for range in context.allMatches(regex, target: spec.matchOn, rule: spec.id)
            where !negation.cancels(range, target: spec.matchOn, in: context, rule: spec.id) {
                hits.append(RuleHit(range: range))
            }
        }
        return hits
    }
}
