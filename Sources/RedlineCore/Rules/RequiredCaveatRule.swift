/// `kind: required`: when a trigger occurs (the article promotes a treatment), each
/// require group must match in the document (or in the trigger's section). Otherwise one
/// hit, anchored on the first trigger (per section with `scope: section`), naming what is missing.
/// With `context`, a trigger counts only where one of those patterns matches in its paragraph.
struct RequiredCaveatRule: CompiledRule {
    let spec: RuleSpec
    let triggers: [Regex]
    let context: [Regex]
    let groups: [(name: String, patterns: [Regex])]
    let scope: RuleScope

    var regexes: [Regex] { triggers + context + groups.flatMap(\.patterns) }
    var hitRegexes: [Regex] { regexes }
    /// A trigger without its caveats anywhere in the document (or section) is a hit.
    var readsWholeDocument: Bool { true }

    func evaluate(in context: RuleContext) -> [RuleHit] {
        let triggerHits = triggers.flatMap { context.allMatches($0, target: spec.matchOn, rule: spec.id) }
            .filter { hit in
                guard !self.context.isEmpty else { return true }
                let paragraph = context.paragraph(containing: hit.lowerBound, target: spec.matchOn)
                return self.context.contains { context.firstMatch($0, target: spec.matchOn, in: paragraph, rule: spec.id) != nil }
            }
            .sorted { $0.lowerBound < $1.lowerBound }
        guard !triggerHits.isEmpty else { return [] }
        let text = context.text(spec.matchOn)
        var regions: [(region: Range<Int>, anchor: Range<Int>)] = []
        if scope == .section {
            let segmentation = context.segmentation(spec.matchOn)
            for hit in triggerHits {
                let section = segmentation.section(containing: hit.lowerBound)
                if !regions.contains(where: { $0.region == section }) { regions.append((section, hit)) }
            }
        } else {
            regions = [(0..<text.bytes.count, triggerHits[0])]
        }
        return regions.compactMap { region, anchor in
            let missing = groups.filter { group in
                !group.patterns.contains { context.firstMatch($0, target: spec.matchOn, in: region, rule: spec.id) != nil }
            }.map(\.name)
            guard !missing.isEmpty else { return nil }
            return RuleHit(range: anchor, detail: "Missing: \(missing.joined(separator: "; ")).")
        }
    }
}
