/// `kind: near`: every part (a regex or contact tokens) matches inside one sentence (or
/// clause, or paragraph), with at most `within` word tokens between them besides the parts'
/// own words when `within` is given. The hit spans from the first part to the last; windows
/// never overlap. Guards look around the whole stretch: a `before` guard anywhere from the
/// sentence start to the last part (outside the parts' own words) cancels it.
struct NearRule: CompiledRule {
    let spec: RuleSpec
    let parts: [RulePart]
    /// No limit when nil: the scope unit alone bounds the stretch.
    let within: Int?
    let scope: RuleScope
    let negation: NegationGuard

    var regexes: [Regex] { parts.compactMap(\.regex) + negation.regexes }
    var hitRegexes: [Regex] { parts.compactMap(\.regex) }

    private struct PartHit {
        var part: Int
        var range: Range<Int>
    }

    func evaluate(in context: RuleContext) -> [RuleHit] {
        // The rarest part first, by the prefilter's candidates, so that a part without a match
        // ends the rule before the common ones ("may", a drug name) are confirmed; contact
        // tokens last, as finding them scans the whole text.
        let costs = parts.map { confirmCost(of: $0, in: context) }
        let order = parts.indices.sorted { (costs[$0], $0) < (costs[$1], $1) }
        var hitsByPart: [[Range<Int>]] = Array(repeating: [], count: parts.count)
        // The units the parts found so far share: later parts are searched only there.
        var shared: [Range<Int>]?
        for index in order {
            hitsByPart[index] = shared.map { context.matches(parts[index], rule: spec, within: $0) } ?? context.matches(parts[index], rule: spec)
            if hitsByPart[index].isEmpty { return [] }
            let units = Set(hitsByPart[index].map { unit(containing: $0.lowerBound, in: context) })
            shared = (shared.map { $0.filter(units.contains) } ?? Array(units)).sorted { $0.lowerBound < $1.lowerBound }
            if shared!.isEmpty { return [] }
        }
        // Group the part hits by the scope unit that holds them.
        var units: [Range<Int>: [PartHit]] = [:]
        for (part, ranges) in hitsByPart.enumerated() {
            for range in ranges {
                let unit = self.unit(containing: range.lowerBound, in: context)
                units[unit, default: []].append(PartHit(part: part, range: range))
            }
        }
        var hits: [RuleHit] = []
        for (_, unitHits) in units.sorted(by: { $0.key.lowerBound < $1.key.lowerBound }) {
            hits += windows(in: unitHits.sorted { ($0.range.lowerBound, $0.part) < ($1.range.lowerBound, $1.part) }, context: context)
        }
        return hits
    }

    /// What confirming `part` costs, for ordering: the prefilter's candidate count for a regex
    /// (0: no match, nothing to confirm), then regexes the prefilter does not know, then contact tokens.
    private func confirmCost(of part: RulePart, in context: RuleContext) -> Int {
        guard let regex = part.regex else { return Int.max }
        return context.candidateCount(regex, target: spec.matchOn) ?? Int.max - 1
    }

    /// Smallest non-overlapping windows holding one hit of every part, within the token budget.
    private func windows(in sorted: [PartHit], context: RuleContext) -> [RuleHit] {
        var present = [Bool](repeating: false, count: parts.count)
        for hit in sorted { present[hit.part] = true }
        guard !present.contains(false) else { return [] }
        var results: [RuleHit] = []
        var startIndex = 0
        var consumedUpTo = Int.min
        while startIndex < sorted.count {
            if sorted[startIndex].range.lowerBound < consumedUpTo { startIndex += 1; continue }
            var best: [PartHit?] = Array(repeating: nil, count: parts.count)
            var covered = 0
            var end = startIndex
            while end < sorted.count, covered < parts.count {
                let hit = sorted[end]
                if best[hit.part] == nil { best[hit.part] = hit; covered += 1 }
                end += 1
            }
            guard covered == parts.count else { break }
            let chosen = best.compactMap { $0 }
            let window = chosen.map(\.range.lowerBound).min()!..<chosen.map(\.range.upperBound).max()!
            if within.map({ gapTokens(window, parts: chosen.map(\.range), context: context) <= $0 }) ?? true,
               !negation.cancels(window, target: spec.matchOn, in: context, rule: spec.id, parts: chosen.map(\.range)) {
                results.append(RuleHit(range: window))
                consumedUpTo = window.upperBound
            }
            startIndex += 1
        }
        return results
    }

    private func unit(containing offset: Int, in context: RuleContext) -> Range<Int> {
        context.unit(scope, containing: offset, target: spec.matchOn)
    }

    /// Word tokens inside `window` that belong to none of the parts' matches.
    private func gapTokens(_ window: Range<Int>, parts: [Range<Int>], context: RuleContext) -> Int {
        let tokens = Tokenizer.wordTokens(context.text(spec.matchOn).bytes, in: window)
        return tokens.filter { token in !parts.contains { $0.overlaps(token) } }.count
    }
}
