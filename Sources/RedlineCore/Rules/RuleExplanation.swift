/// What `redline rules explain` prints: a rule with its patterns as written and as PCRE2
/// runs them, every vocabulary class and guard set it uses with where each is defined
/// (`builtin:` for the packs shipped inside Redline), its wording and its examples.
public enum RuleExplanation {
    /// The explanation of `spec`, a rule of `ruleSet`.
    public static func text(of spec: RuleSpec, in ruleSet: RuleSet) -> String {
        let lexicon = ruleSet.packs.first { pack in pack.rules.contains { $0.id == spec.id } }?.lexicon ?? Lexicon()
        var lines = ["\(spec.id) (\(spec.body.kindName), \(spec.category), \(spec.severity), score \(spec.score))",
                     "defined at \(place(spec.location, in: ruleSet))", "", "Message: \(spec.message)"]
        if let suggestion = spec.suggestion { lines.append("Suggestion: \(suggestion)") }
        if let rationale = spec.rationale { lines += ["", "Why: \(rationale)"] }
        if !spec.references.isEmpty { lines += ["", "References:"] + spec.references.map { "  - \($0)" } }
        var classes: [String] = []
        let patternLines = { (title: String, sources: [PatternSource]) -> [String] in
            guard !sources.isEmpty else { return [] }
            return ["", title + ":"] + sources.flatMap { source -> [String] in
                for name in source.classes where !classes.contains(name) { classes.append(name) }
                let written = source.written.isEmpty ? source.text : source.written
                return written == source.text ? ["  \(written)"] : ["  \(written)", "    = \(source.text)"]
            }
        }
        switch spec.body {
        case .pattern(let patterns, let before, let after):
            lines += patternLines("Patterns", patterns) + guardLines(before: before, after: after, lexicon: lexicon, ruleSet: ruleSet)
        case .near(let parts, let within, let scope, let before, let after):
            lines += patternLines("All of, in one \(scope.rawValue)" + (within.map { " within \($0) tokens" } ?? ""), parts)
                + guardLines(before: before, after: after, lexicon: lexicon, ruleSet: ruleSet)
        case .classifier(let model, let threshold, let gate, _, let before, let after):
            lines += patternLines("Scores the sentences marked by", gate)
            lines += ["", String(format: "Sentence model: %d weights, bias %.2f, threshold %.2f", model.weights.count, model.bias, threshold)
                      + (model.training.map { String(format: "; trained on %d sentences, held-out precision %.3f, recall %.3f on %d", $0.sentences, $0.heldoutPrecision, $0.heldoutRecall, $0.heldoutSentences) } ?? "")]
            lines.append("  strongest features: " + model.weights.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(12)
                .map { "\(ClassifierRule.readable($0.key)) \(String(format: "%+.2f", $0.value))" }.joined(separator: ", "))
            for name in model.classes where !classes.contains(name) { classes.append(name) }
            lines += guardLines(before: before, after: after, lexicon: lexicon, ruleSet: ruleSet)
        case .required(let triggers, let groups, let scope):
            lines += patternLines("Trigger", triggers) + patternLines("A trigger counts only with one of these in its paragraph", spec.triggerContext)
            for group in groups { lines += patternLines("Requires in the \(scope.rawValue): \(group.name)", group.patterns) }
        }
        for source in spec.body.guards.before + spec.body.guards.after + spec.triggerContext {
            for name in source.classes where !classes.contains(name) { classes.append(name) }
        }
        if !classes.isEmpty {
            lines += ["", "Classes:"]
            for name in classes {
                guard let resolved = lexicon.classes[name] else { continue }
                let words = resolved.definition.words
                let shown = words.prefix(12).joined(separator: ", ") + (words.count > 12 ? ", ... (\(words.count) written)" : "")
                lines.append("  {\(name)} \(resolved.alternatives.count) alternatives, defined at \(place(resolved.definition.location, in: ruleSet))"
                    + (resolved.definition.extends.isEmpty ? "" : ", extends " + resolved.definition.extends.map { "{\($0)}" }.joined(separator: ", ")))
                if !words.isEmpty { lines.append("    \(shown)") }
            }
        }
        lines += ["", "Flags, for example:"] + spec.matchExamples.map { "  + \($0.markedText)" }
        lines += ["Does not flag:"] + spec.noMatchExamples.map { "  - \($0.text)" }
        return lines.joined(separator: "\n")
    }

    /// The guard lines: each guard set used, where it is defined, its patterns; then the rule's own.
    private static func guardLines(before: [PatternSource], after: [PatternSource], lexicon: Lexicon, ruleSet: RuleSet) -> [String] {
        guard !before.isEmpty || !after.isEmpty else { return [] }
        var lines = ["", "Unless (guards):"]
        func ordered(_ names: [String?]) -> [String] {
            var seen: [String] = []
            for case let name? in names where !seen.contains(name) { seen.append(name) }
            return seen
        }
        func header(_ name: String, indent: String) -> String {
            let definition = lexicon.guards[name]?.definition
            return indent + "$\(name)" + (definition.map { ", defined at \(place($0.location, in: ruleSet))" } ?? "")
                + (definition?.description.map { ": \($0)" } ?? "")
        }
        for reference in ordered((before + after).map(\.guardReference)) {
            lines.append(header(reference, indent: "  "))
            let members = ordered((before + after).filter { $0.guardReference == reference }.map(\.guardSet))
            let nested = members != [reference]
            for member in members {
                if nested { lines.append(header(member, indent: "    ")) }
                let indent = nested ? "      " : "    "
                lines += before.filter { $0.guardReference == reference && $0.guardSet == member }.map { indent + "before: \($0.text)" }
                lines += after.filter { $0.guardReference == reference && $0.guardSet == member }.map { indent + "after:  \($0.text)" }
            }
        }
        let own = before.filter { $0.guardSet == nil }.map { "  before: \($0.text)" } + after.filter { $0.guardSet == nil }.map { "  after:  \($0.text)" }
        if !own.isEmpty { lines += ["  the rule's own:"] + own.map { "  " + $0 } }
        return lines
    }

    /// `location`, prefixed `builtin:` when it is in a pack or vocabulary shipped with Redline.
    static func place(_ location: SourceLocation, in ruleSet: RuleSet) -> String {
        RuleSet.isDefaultPackFile(location.file) ? "builtin:\(location)" : location.description
    }
}
