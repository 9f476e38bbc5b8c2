/// Suggestions for misspelt names: the known name closest to what was written, by edit
/// distance, when it is close enough to be the likely intent ("mesage" -> "message").
enum DidYouMean {
    /// The closest of `candidates` to `written` within a distance that grows with the
    /// word's length (1 for short names, a third of the length for long ones); nil when none is that close.
    static func closest<S: Sequence>(to written: String, in candidates: S) -> String? where S.Element == String {
        let target = Array(written.lowercased().utf8)
        let budget = max(1, min(4, target.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != written {
            let distance = editDistance(target, Array(candidate.lowercased().utf8), limit: budget)
            if distance <= budget, distance < (best?.distance ?? Int.max) || (distance == best?.distance && candidate < best!.name) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// `" (did you mean 'x'?)"`, or nothing when no candidate is close.
    static func hint<S: Sequence>(_ written: String, in candidates: S) -> String where S.Element == String {
        closest(to: written, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit; stops early
    /// (returning more than `limit`) when every path is already longer.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}

extension RuleSet {
    /// `" (did you mean 'x'?)"` for a misspelt rule id, pack or category among `names`, or nothing.
    public static func didYouMean(_ written: String, in names: [String]) -> String {
        DidYouMean.hint(written, in: names)
    }
}
