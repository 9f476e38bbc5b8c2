/// A place a rule fired, in the coordinates of the text layer the rule matched on.
struct RuleHit {
    var range: Range<Int>
    /// Extra text for the message (a `required` rule names the missing caveats).
    var detail: String?
}

/// A rule ready to run: its spec plus compiled regexes. One type per rule kind.
protocol CompiledRule: Sendable {
    var spec: RuleSpec { get }
    /// Every pattern the rule compiled, for tools (export, lint).
    var regexes: [Regex] { get }
    /// The patterns whose matches make hits (not negation guards), for the prefilter.
    var hitRegexes: [Regex] { get }
    /// The rule's hits in one document.
    func evaluate(in context: RuleContext) -> [RuleHit]
    /// Whether a hit depends on the whole document rather than on the sentence or paragraph
    /// around it: such a rule runs once on the whole text when a document is split (`SplitScan`).
    var readsWholeDocument: Bool { get }
}

extension CompiledRule {
    var readsWholeDocument: Bool { false }

    /// Whether some part of the rule is made of contact tokens.
    var usesContacts: Bool {
        switch spec.body {
        case .pattern(let patterns, _, _): patterns.contains { $0.contactKinds != nil }
        case .near(let parts, _, _, _, _): parts.contains { $0.contactKinds != nil }
        case .required, .classifier: false
        }
    }
}

/// One entry of a `pattern` rule's `patterns` or a `near` rule's `all`: a regex, or the
/// contact tokens of some kinds (`@url`, `@phone|@handle`, ...).
enum RulePart: Sendable {
    case regex(Regex)
    case contacts(Set<ContactKind>)

    var regex: Regex? {
        if case .regex(let regex) = self { return regex }
        return nil
    }
}

/// A pattern as PCRE2 compiles it: its text and case mode.
struct RegexKey: Hashable {
    var pattern: String
    var caseless: Bool
}

/// Compiles the patterns of one rule, collecting every compile error with its location.
/// A pattern already compiled for an earlier rule of the same load is shared, not compiled
/// again: the default packs write 935 regex entries but only 432 distinct ones (most
/// negation guards recur from rule to rule).
struct PatternCompiler {
    let ruleID: String
    let caseless: Bool
    var errors: [RuleLoadError] = []
    /// Every regex compiled so far in this load.
    var compiled: [RegexKey: Regex]

    /// Compiles `sources`, turning contact references into contact parts.
    mutating func compileParts(_ sources: [PatternSource]) -> [RulePart] {
        sources.compactMap { source in
            if let kinds = source.contactKinds { return .contacts(kinds) }
            return compile([source]).first.map(RulePart.regex)
        }
    }

    mutating func compile(_ sources: [PatternSource]) -> [Regex] {
        sources.compactMap { source in
            let key = RegexKey(pattern: source.text, caseless: caseless)
            if let regex = compiled[key] { return regex }
            switch Result(catching: { () throws(RegexError) in try Regex(source.text, caseless: caseless) }) {
            case .success(let regex):
                compiled[key] = regex
                return regex
            case .failure(let error):
                errors.append(RuleLoadError(source.location,
                    "rule '\(ruleID)': pattern does not compile: \(error.message) at offset \(error.offset) in /\(source.text)/"))
                return nil
            }
        }
    }
}

/// Builds the compiled rule for a spec, or reports why its patterns do not compile.
enum RuleCompiler {
    /// Compiles `spec`, reusing and adding to `compiled` (the regexes of the load's earlier rules).
    static func compile(_ spec: RuleSpec, sharing compiled: inout [RegexKey: Regex]) -> Result<any CompiledRule, RuleLoadErrors> {
        var compiler = PatternCompiler(ruleID: spec.id, caseless: !spec.caseSensitive, compiled: consume compiled)
        defer { compiled = compiler.compiled }
        let rule: any CompiledRule
        switch spec.body {
        case .pattern(let patterns, let unless, let unlessAfter):
            rule = PatternRule(spec: spec, patterns: compiler.compileParts(patterns),
                               negation: NegationGuard(before: compiler.compile(unless), after: compiler.compile(unlessAfter)))
        case .near(let parts, let within, let scope, let unless, let unlessAfter):
            rule = NearRule(spec: spec, parts: compiler.compileParts(parts), within: within, scope: scope,
                            negation: NegationGuard(before: compiler.compile(unless), after: compiler.compile(unlessAfter)))
        case .classifier(let model, let threshold, let gate, let classFeatures, let unless, let unlessAfter):
            let features = zip(classFeatures.map { $0.classes.first ?? "" }, compiler.compile(classFeatures)).map { (name: $0, regex: $1) }
            rule = ClassifierRule(spec: spec, model: model, threshold: threshold, gate: compiler.compile(gate), classFeatures: features,
                                  negation: NegationGuard(before: compiler.compile(unless + unlessAfter), after: []))
        case .required(let triggers, let groups, let scope):
            rule = RequiredCaveatRule(spec: spec, triggers: compiler.compile(triggers), context: compiler.compile(spec.triggerContext),
                                      groups: groups.map { (name: $0.name, patterns: compiler.compile($0.patterns)) }, scope: scope)
        }
        return compiler.errors.isEmpty ? .success(rule) : .failure(RuleLoadErrors(errors: compiler.errors))
    }
}
