/// `kind: pattern`: any pattern (or contact token) matching is a hit, unless the negation
/// guard cancels it. With `min_matches: N`, a hit is a scope unit holding N different
/// matches (compared as lower-cased text), spanning the first to the last; guards then look
/// around and between them as in a near rule.
struct PatternRule: CompiledRule {
    let spec: RuleSpec
    let patterns: [RulePart]
    let negation: NegationGuard

    var regexes: [Regex] { patterns.compactMap(\.regex) + negation.regexes }
    var hitRegexes: [Regex] { patterns.compactMap(\.regex) }

    func evaluate(in context: RuleContext) -> [RuleHit] {
        if let listing = spec.listing { return lists(listing, in: context) }
        var hits: [RuleHit] = []
        for part in patterns {
            for range in context.matches(part, rule: spec)
            where !negation.cancels(range, target: spec.matchOn, in: context, rule: spec.id) {
                hits.append(RuleHit(range: range))
            }
        }
        return hits
    }

    /// The units holding `listing.count` different matches, each one hit from the first match to the last.
    private func lists(_ listing: RuleListing, in context: RuleContext) -> [RuleHit] {
        let matches = patterns.flatMap { context.matches($0, rule: spec) }.sorted { $0.lowerBound < $1.lowerBound }
        guard matches.count >= listing.count else { return [] }
        var byUnit: [Range<Int>: [Range<Int>]] = [:]
        for range in matches {
            byUnit[context.unit(listing.scope, containing: range.lowerBound, target: spec.matchOn), default: []].append(range)
        }
        return byUnit.sorted { $0.key.lowerBound < $1.key.lowerBound }.compactMap { _, ranges in
            let distinct = Set(ranges.map { context.normalizedText(of: $0, target: spec.matchOn).lowercased() })
            guard distinct.count >= listing.count else { return nil }
            let stretch = ranges.first!.lowerBound..<ranges.map(\.upperBound).max()!
            guard !negation.cancels(stretch, target: spec.matchOn, in: context, rule: spec.id, parts: ranges) else { return nil }
            return RuleHit(range: stretch)
        }
    }
}
