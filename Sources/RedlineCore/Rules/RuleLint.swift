/// Flags risky rules before they reach an editor: patterns without word boundaries at word
/// edges, nested quantifiers that can backtrack catastrophically, alternations that let a
/// pattern match almost anything, the same pattern in two rules, two rules that report the
/// same text of an example under two ids, a guard that cancels its rule's own example, and
/// vocabulary classes no rule uses.
public enum RuleLint {
    /// One lint warning, at the pattern or example it concerns.
    public struct Warning: Sendable, CustomStringConvertible, Equatable {
        public var location: SourceLocation
        public var rule: String
        public var message: String
        public var description: String { "\(location): warning: [\(rule)] \(message)" }
    }

    /// Neutral health prose: a pattern matching many places here matches almost anything.
    static let neutralSample = """
    The study followed adults who took the medicine for twelve weeks. Some reported headaches, \
    others felt no change at all. Doctors reviewed every dose and asked each patient about sleep, \
    mood and appetite. The results were mixed, and the authors say more research is needed before \
    anyone can draw firm conclusions about who benefits and who does not.
    """

    /// Lints every rule of `ruleSet`.
    public static func run(_ ruleSet: RuleSet) -> [Warning] {
        var warnings: [Warning] = []
        var firstUse: [String: String] = [:]
        let scratch = MatchScratch()
        let sample = Array(neutralSample.utf8)
        for rule in ruleSet.rules {
            let spec = rule.spec
            // Contact references (`@url|@link`) are token kinds, not regexes: nothing to lint in them.
            for source in hitPatterns(of: spec) where source.contactKinds == nil {
                let text = source.text
                if let edge = missingWordBoundary(text) {
                    warnings.append(Warning(location: source.location, rule: spec.id,
                                            message: "no \\b at the \(edge) word edge: the pattern also matches inside longer words"))
                }
                if let reason = slowReason(text, caseless: !spec.caseSensitive) {
                    warnings.append(Warning(location: source.location, rule: spec.id,
                                            message: "slow: the prefilter cannot handle this pattern (\(reason)), so it runs over the whole text of every document"))
                }
                if hasNestedQuantifier(text) {
                    warnings.append(Warning(location: source.location, rule: spec.id,
                                            message: "nested unbounded quantifiers can backtrack catastrophically; bound the inner or outer repetition"))
                }
                // A classifier's gate marks the sentences its model scores: broad on purpose.
                let broadOnPurpose = spec.body.kindName == "classifier"
                if !broadOnPurpose, hasEmptyOrWildcardAlternative(text) || matchesNeutralText(text, caseless: !spec.caseSensitive, sample: sample, scratch: scratch) {
                    warnings.append(Warning(location: source.location, rule: spec.id,
                                            message: "matches almost anything (an empty or catch-all alternative, or several hits in neutral prose)"))
                }
            }
            for (key, location) in duplicateKeys(of: spec) {
                if let other = firstUse[key], other != spec.id {
                    warnings.append(Warning(location: location, rule: spec.id, message: "same pattern as rule \(other)"))
                } else {
                    firstUse[key] = spec.id
                }
            }
            warnings += cancellingGuards(rule, ruleSet: ruleSet, scratch: scratch)
        }
        warnings += sameTextUnderTwoIDs(ruleSet, scratch: scratch)
        warnings += unusedClasses(ruleSet)
        return warnings
    }

    /// Classes that no rule of the load uses, directly or through a class that extends them
    /// (the lint of a user's vocabulary: a class nobody uses is dead weight or a typo).
    static func unusedClasses(_ ruleSet: RuleSet) -> [Warning] {
        var used: Set<String> = []
        for spec in ruleSet.specs {
            for source in spec.allPatterns { used.formUnion(source.classes) }
        }
        var frontier = Array(used)
        let lexicons = ruleSet.packs.map(\.lexicon)
        while let name = frontier.popLast() {
            for lexicon in lexicons {
                for parent in lexicon.classes[name]?.definition.extends ?? [] where used.insert(parent).inserted { frontier.append(parent) }
            }
        }
        var warnings: [Warning] = []
        for file in ruleSet.vocabulary.files.values.sorted(by: { $0.file < $1.file }) {
            for definition in file.classes where !used.contains(definition.name) {
                warnings.append(Warning(location: definition.location, rule: "vocabulary/\(file.name)",
                                        message: "class {\(definition.name)} is used by no rule"))
            }
        }
        for pack in ruleSet.packs {
            for resolved in pack.lexicon.classes.values where resolved.definition.location.file == pack.file && !used.contains(resolved.definition.name) {
                warnings.append(Warning(location: resolved.definition.location, rule: pack.name, message: "class {\(resolved.definition.name)} is used by no rule"))
            }
        }
        return warnings.sorted { ($0.location.file, $0.location.line) < ($1.location.file, $1.location.line) }
    }

    /// `match` examples that the rule misses because one of its own guards cancels them:
    /// the guard (or guard set) is too broad for the rule.
    static func cancellingGuards(_ rule: any CompiledRule, ruleSet: RuleSet, scratch: MatchScratch) -> [Warning] {
        let spec = rule.spec
        // A classifier's guards apply to its model's verdict, not to patterns a variant could drop.
        if case .classifier = spec.body { return [] }
        let guards = spec.body.guards.before + spec.body.guards.after
        guard !guards.isEmpty else { return [] }
        let missed = spec.matchExamples.filter { !RuleExamples.fires(rule, on: $0.text, ruleSet: ruleSet, scratch: scratch) }
        guard !missed.isEmpty, let unguarded = variant(of: spec, keepingOnly: nil) else { return [] }
        // Only examples the rule matches without its guards are the guards' doing.
        let cancelled = missed.filter { RuleExamples.fires(unguarded, on: $0.text, ruleSet: ruleSet, scratch: scratch) }
        var warnings: [Warning] = []
        for guardSource in guards {
            guard let alone = variant(of: spec, keepingOnly: guardSource) else { continue }
            for example in cancelled where !RuleExamples.fires(alone, on: example.text, ruleSet: ruleSet, scratch: scratch) {
                let via = guardSource.guardReference.flatMap { $0 == guardSource.guardSet ? nil : " (in $\($0))" } ?? ""
                let name = guardSource.guardSet.map { "guard set $\($0)\(via)" } ?? "guard /\(guardSource.text)/"
                warnings.append(Warning(location: example.location, rule: spec.id, message: "\(name) cancels the rule's own match example \(example.text.debugDescription)"))
            }
        }
        return warnings
    }

    /// `spec` compiled with `kept` as its only guard (no guard at all when nil).
    private static func variant(of spec: RuleSpec, keepingOnly kept: PatternSource?) -> (any CompiledRule)? {
        var copy = spec
        let isBefore = { (before: [PatternSource]) in kept.map(before.contains) ?? true }
        let only = kept.map { [$0] } ?? []
        switch spec.body {
        case .pattern(let patterns, let before, _):
            copy.body = .pattern(patterns: patterns, unless: isBefore(before) ? only : [], unlessAfter: isBefore(before) ? [] : only)
        case .near(let parts, let within, let scope, let before, _):
            copy.body = .near(parts: parts, within: within, scope: scope, unless: isBefore(before) ? only : [], unlessAfter: isBefore(before) ? [] : only)
        case .required, .classifier: return nil
        }
        var compiled: [RegexKey: Regex] = [:]
        return try? RuleCompiler.compile(copy, sharing: &compiled).get()
    }

    /// Two rules of one category that report exactly the same text of a `match` example:
    /// one problem under two ids (the merge folds them, but one of the rules is redundant there).
    static func sameTextUnderTwoIDs(_ ruleSet: RuleSet, scratch: MatchScratch) -> [Warning] {
        let scanner = RuleExamples.scanner(for: ruleSet)
        var warnings: [Warning] = []
        var reported: Set<[String]> = []
        // Required rules anchor on their trigger by design: two of them name different missing caveats.
        for spec in ruleSet.specs where spec.body.kindName != "required" {
            for example in spec.matchExamples {
                let document = Document(id: "example", path: "example", bytes: Array(example.text.utf8), format: spec.examplesFormat)
                let findings = scanner.scan(document, scratch: scratch).findings
                guard let own = findings.first(where: { $0.rule == spec.id }) else { continue }
                for other in findings where other.rule != spec.id && other.category == own.category && other.span.range == own.span.range
                    && ruleSet.specs.first(where: { $0.id == other.rule })?.inHidden == spec.inHidden {
                    let pair = [spec.id, other.rule].sorted()
                    guard reported.insert(pair).inserted else { continue }
                    warnings.append(Warning(location: example.location, rule: spec.id,
                                            message: "reports the same text as rule \(other.rule) on its match example \(example.text.debugDescription)"))
                }
            }
        }
        return warnings
    }

    /// Why the prefilter cannot handle `pattern` (nil when it can).
    static func slowReason(_ pattern: String, caseless: Bool) -> String? {
        if case .direct(let reason) = RegexSet.classify(pattern, caseless: caseless).mode { return reason }
        return nil
    }

    /// The patterns whose matches become findings (not guards or caveat groups).
    static func hitPatterns(of spec: RuleSpec) -> [PatternSource] {
        switch spec.body {
        case .pattern(let patterns, _, _): patterns
        case .near(let parts, _, _, _, _): parts
        case .required(let triggers, _, _): triggers
        case .classifier(_, _, let gate, _, _, _): gate
        }
    }

    /// What makes two rules duplicates: the same pattern in two pattern rules, or the same
    /// set of parts in two near rules (near rules share parts such as a drug list on purpose;
    /// required rules share triggers on purpose).
    static func duplicateKeys(of spec: RuleSpec) -> [(String, SourceLocation)] {
        switch spec.body {
        case .pattern(let patterns, _, _): patterns.map { ("pattern " + $0.text, $0.location) }
        case .near(let parts, _, _, _, _): [("near " + parts.map(\.text).joined(separator: " & "), spec.location)]
        case .required, .classifier: []
        }
    }

    /// "leading" or "trailing" when that end of the pattern is a bare letter without `\b`.
    static func missingWordBoundary(_ pattern: String) -> String? {
        let scalars = Array(pattern.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return nil }
        if first.properties.isAlphabetic { return "leading" }
        let endsWithLetter = last.properties.isAlphabetic && (scalars.count < 2 || scalars[scalars.count - 2] != "\\")
        if endsWithLetter { return "trailing" }
        return nil
    }

    /// Whether a group that repeats without bound holds an unbounded repetition itself, like `(a+)+`.
    static func hasNestedQuantifier(_ pattern: String) -> Bool {
        let chars = Array(pattern)
        var stack: [Bool] = []   // per open group: does it contain an unbounded quantifier?
        var i = 0
        var inClass = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\" { i += 2; continue }
            if inClass { if c == "]" { inClass = false }; i += 1; continue }
            switch c {
            case "[": inClass = true
            case "(": stack.append(false)
            case ")":
                let innerUnbounded = stack.popLast() ?? false
                let next = i + 1 < chars.count ? chars[i + 1] : " "
                let outerUnbounded = next == "+" || next == "*" || (next == "{" && unboundedBrace(chars, at: i + 1))
                if innerUnbounded && outerUnbounded { return true }
                if innerUnbounded || outerUnbounded, !stack.isEmpty { stack[stack.count - 1] = true }
            case "+", "*":
                if !stack.isEmpty { stack[stack.count - 1] = true }
            case "{":
                if unboundedBrace(chars, at: i), !stack.isEmpty { stack[stack.count - 1] = true }
            default: break
            }
            i += 1
        }
        return false
    }

    private static func unboundedBrace(_ chars: [Character], at index: Int) -> Bool {
        guard let close = chars[index...].firstIndex(of: "}") else { return false }
        let body = String(chars[(index + 1)..<close])
        return body.hasSuffix(",")
    }

    /// An empty alternative (`a|`, `(?:|b)`) or one that is only a wildcard run (`.+`, `\w*`).
    static func hasEmptyOrWildcardAlternative(_ pattern: String) -> Bool {
        func catchAll(_ alternative: String) -> Bool {
            let body = alternative.hasPrefix("?:") ? String(alternative.dropFirst(2)) : alternative
            return body.isEmpty || [".*", ".+", "\\w+", "\\w*", "\\S+", "\\S*", "[^ ]+"].contains(body)
        }
        var outer: [(text: String, hasBar: Bool)] = []
        var current = ""
        var hasBar = false
        var escaped = false
        for c in pattern {
            if escaped { current.append(c); escaped = false; continue }
            switch c {
            case "\\":
                current.append(c)
                escaped = true
            case "(":
                outer.append((current, hasBar))
                current = ""
                hasBar = false
            case "|":
                if catchAll(current) { return true }
                hasBar = true
                current = ""
            case ")":
                if hasBar && catchAll(current) { return true }
                let enclosing = outer.popLast() ?? ("", false)
                current = enclosing.text + "(group)"
                hasBar = enclosing.hasBar
            default:
                current.append(c)
            }
        }
        return hasBar && catchAll(current)
    }

    private static func matchesNeutralText(_ pattern: String, caseless: Bool, sample: [UInt8], scratch: MatchScratch) -> Bool {
        guard let regex = try? Regex(pattern, caseless: caseless) else { return false }
        let count = sample.withUnsafeBufferPointer { regex.allMatches(in: $0, scratch: scratch) { _, _ in }.count }
        return count >= 3
    }
}
