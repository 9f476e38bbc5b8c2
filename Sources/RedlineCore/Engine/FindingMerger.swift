/// Folds overlapping findings of one category into one: an editor never sees the same
/// words flagged twice. The most severe finding (then the highest score, then the
/// earliest, then the smallest rule id) stays; the others' rule ids go into `alsoMatched`,
/// their fingerprints into `alsoMatchedFingerprints`.
enum FindingMerger {
    static func merge(_ findings: [Finding]) -> [Finding] {
        var merged: [Finding] = []
        let byCategory = Dictionary(grouping: findings, by: \.category)
        for (_, group) in byCategory {
            let sorted = group.sorted(by: Finding.inReportOrder)
            var cluster: [Finding] = []
            var clusterEnd = Int.min
            for finding in sorted {
                if !cluster.isEmpty, finding.span.start >= clusterEnd {
                    merged.append(representative(of: cluster))
                    cluster = []
                }
                cluster.append(finding)
                clusterEnd = max(clusterEnd, finding.span.end)
                if cluster.count == 1 { clusterEnd = finding.span.end }
            }
            if !cluster.isEmpty { merged.append(representative(of: cluster)) }
        }
        return merged.sorted(by: Finding.inReportOrder)
    }

    private static func representative(of cluster: [Finding]) -> Finding {
        var best = cluster.max { a, b in
            (a.severity, a.score, -a.span.start) < (b.severity, b.score, -b.span.start)
                || ((a.severity, a.score, -a.span.start) == (b.severity, b.score, -b.span.start) && a.rule > b.rule)
        }!
        let others = Set(cluster.map(\.rule)).subtracting([best.rule]).union(cluster.flatMap(\.alsoMatched))
        best.alsoMatched = others.sorted()
        let covered = Set(cluster.map(\.fingerprint) + cluster.flatMap(\.alsoMatchedFingerprints)).subtracting([best.fingerprint])
        best.alsoMatchedFingerprints = covered.sorted()
        return best
    }
}
