/// Folds overlapping findings of one category into one: an editor never sees the same
/// words flagged twice. The most severe finding (then the highest score, then the
/// longest, then the earliest, then the smallest rule id) is kept, and every finding of its category that
/// overlaps it is folded into it (their rules go into `alsoMatched`, their fingerprints into
/// `alsoMatchedFingerprints`); the rest is merged
/// the same way. A finding that overlaps a folded one but not the kept one stays: it is
/// a problem of its own. A `spam-residue` finding overlapping an `illicit-sale` one is
/// folded into it the same way, and the sale's span grows to cover both. Finally, all
/// `illicit-sale` findings of one sentence become one (see `oneFindingPerSentence`).
enum FindingMerger {
    /// Categories whose findings fold into an overlapping finding of another category: a
    /// contact or link line that is part of a drug sale is reported once, as the sale.
    static let foldsInto: [Category: Category] = [.spamResidue: .illicitSale]

    /// Categories in which all findings of one sentence are one problem: a spam line that
    /// trips several sale rules ("buy X online without prescription, discreet shipping") is
    /// one injected sale, reported once with a span over all of it.
    static let oneFindingPerSentence: Set<Category> = [.illicitSale]

    /// Merges `findings`; `respan` turns a byte range into its span and matched text, for
    /// a finding whose span grows to cover what it absorbed; `sentence` gives the original
    /// byte range of the sentence holding an original offset.
    static func merge(_ findings: [Finding], respan: (Range<Int>) -> (Span, String),
                      sentence: (Int) -> Range<Int>) -> [Finding] {
        var merged = mergeWithinCategories(findings)
        for (lesser, greater) in foldsInto {
            var folded: Set<Int> = []
            let targets = merged.indices.filter { merged[$0].category == greater }
            for index in merged.indices where merged[index].category == lesser {
                guard let target = targets.first(where: { merged[$0].span.overlaps(merged[index].span) }) else { continue }
                let absorbed = merged[index]
                merged[target].alsoMatched = Set(merged[target].alsoMatched + [absorbed.rule] + absorbed.alsoMatched).sorted()
                merged[target].alsoMatchedFingerprints = Set(merged[target].alsoMatchedFingerprints + [absorbed.fingerprint]
                                                             + absorbed.alsoMatchedFingerprints).sorted()
                let union = min(merged[target].span.start, absorbed.span.start)..<max(merged[target].span.end, absorbed.span.end)
                (merged[target].span, merged[target].match) = respan(union)
                folded.insert(index)
            }
            merged = merged.indices.filter { !folded.contains($0) }.map { merged[$0] }
        }
        return joinSentences(merged, respan: respan, sentence: sentence)
    }

    /// One finding per sentence for the categories in `oneFindingPerSentence`.
    private static func joinSentences(_ findings: [Finding], respan: (Range<Int>) -> (Span, String),
                                      sentence: (Int) -> Range<Int>) -> [Finding] {
        var result: [Finding] = []
        var bySentence: [Range<Int>: [Finding]] = [:]
        for finding in findings {
            if oneFindingPerSentence.contains(finding.category) {
                bySentence[sentence(finding.span.start), default: []].append(finding)
            } else {
                result.append(finding)
            }
        }
        for (_, group) in bySentence {
            var kept = group.sorted(by: outranks)[0]
            if group.count > 1 {
                let others = group.filter { $0 != kept }
                kept.alsoMatched = Set(others.flatMap { [$0.rule] + $0.alsoMatched } + kept.alsoMatched).subtracting([kept.rule]).sorted()
                kept.alsoMatchedFingerprints = Set(others.flatMap { [$0.fingerprint] + $0.alsoMatchedFingerprints }
                                                   + kept.alsoMatchedFingerprints).subtracting([kept.fingerprint]).sorted()
                (kept.span, kept.match) = respan(group.map(\.span.start).min()!..<group.map(\.span.end).max()!)
            }
            result.append(kept)
        }
        return result.sorted(by: Finding.inReportOrder)
    }

    private static func mergeWithinCategories(_ findings: [Finding]) -> [Finding] {
        var merged: [Finding] = []
        for (_, group) in Dictionary(grouping: findings, by: \.category) {
            let ranked = group.sorted(by: outranks)
            // The findings that overlap a span start before its end and after its start minus
            // the longest span: look them up by start instead of comparing every pair.
            let byStart = ranked.indices.sorted { ranked[$0].span.start < ranked[$1].span.start }
            let longest = ranked.map(\.span.range.count).max() ?? 0
            var taken = [Bool](repeating: false, count: ranked.count)
            for index in ranked.indices where !taken[index] {
                var kept = ranked[index]
                taken[index] = true
                let first = byStart.partitioningIndex { ranked[$0].span.start > kept.span.start - longest }
                let past = byStart.partitioningIndex { ranked[$0].span.start >= kept.span.end }
                var folded: [Finding] = []
                for other in byStart[first..<max(first, past)] where !taken[other] && ranked[other].span.overlaps(kept.span) {
                    taken[other] = true
                    folded.append(ranked[other])
                }
                let others = Set(folded.flatMap { [$0.rule] + $0.alsoMatched } + kept.alsoMatched).subtracting([kept.rule])
                kept.alsoMatched = others.sorted()
                let covered = Set(folded.flatMap { [$0.fingerprint] + $0.alsoMatchedFingerprints } + kept.alsoMatchedFingerprints)
                kept.alsoMatchedFingerprints = covered.subtracting([kept.fingerprint]).sorted()
                merged.append(kept)
            }
        }
        return merged.sorted(by: Finding.inReportOrder)
    }

    /// Whether `a` is kept over `b` when they overlap.
    private static func outranks(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.score != b.score { return a.score > b.score }
        if a.span.range.count != b.span.range.count { return a.span.range.count > b.span.range.count }
        if a.span.start != b.span.start { return a.span.start < b.span.start }
        return a.rule < b.rule
    }
}
