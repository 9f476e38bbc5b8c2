/// A place in a rule-pack file, for error messages and `rules test` output.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A regex as written in a pack (after `%{name}` expansion), with where it was written.
/// In `patterns` and `all`, an entry made only of contact kinds (`@url`, `@phone|@handle`,
/// `@contact`) stands for contact tokens instead of a regex.
public struct PatternSource: Sendable, Hashable {
    /// The regex PCRE2 compiles: every `%{name}` and `{class}` expanded.
    public var text: String
    public var location: SourceLocation
    /// The entry as written in the pack, names unexpanded (empty when it is `text`).
    public var written = ""
    /// The vocabulary classes the entry names, in order of first use.
    public var classes: [String] = []
    /// The guard set the pattern comes from, for a guard taken from `unless: [$name]`.
    public var guardSet: String?
    /// The set the rule named that brought the pattern in: `guardSet` itself, or a set that includes it.
    public var guardReference: String?

    /// The contact kinds the entry names, when it is a contact reference (`@email|@phone`);
    /// nil when it is a regex. An unknown `@name` makes the whole entry a regex.
    public var contactKinds: Set<ContactKind>? {
        // Most entries are regexes: rule them out before splitting on `|`.
        guard text.utf8.first == UInt8(ascii: "@") else { return nil }
        let names = text.split(separator: "|", omittingEmptySubsequences: false)
        var kinds: Set<ContactKind> = []
        for name in names {
            guard name.hasPrefix("@") else { return nil }
            let kind = name.dropFirst()
            if kind == "contact" {
                kinds.formUnion(ContactKind.writtenContacts)
            } else if let known = ContactKind(rawValue: String(kind)) {
                kinds.insert(known)
            } else {
                return nil
            }
        }
        return kinds
    }

    /// Whether the entry has the shape of a contact reference (`@word|@word`), known kinds or not.
    var looksLikeContactReference: Bool {
        guard text.utf8.first == UInt8(ascii: "@") else { return false }
        return text.split(separator: "|", omittingEmptySubsequences: false).allSatisfy { name in
            name.count > 1 && name.hasPrefix("@") && name.dropFirst().allSatisfy { $0.isLetter && $0.isASCII }
        }
    }
}

/// An example string from a rule's `examples`, with where it was written. A `match`
/// example may mark the span it expects with `[[` and `]]` ("It is [[100% safe]] for
/// everyone."); `text` is the example without the marks.
public struct ExampleSource: Sendable, Hashable {
    public var text: String
    public var location: SourceLocation
    /// The byte range of `text` the rule's finding must cover exactly, when the example marks one.
    public var expectedSpan: Range<Int>?

    public init(text: String, location: SourceLocation, expectedSpan: Range<Int>? = nil) {
        self.text = text
        self.location = location
        self.expectedSpan = expectedSpan
    }

    /// Why an example's span marks cannot be read.
    struct MarkProblem: Error {
        var message: String
    }

    /// An example with its `[[...]]` span marks read and removed: at most one pair, opened before it is closed.
    static func marked(_ written: String, location: SourceLocation) -> Result<ExampleSource, MarkProblem> {
        let bytes = Array(written.utf8)
        func occurrences(of mark: String) -> [Int] {
            let needle = Array(mark.utf8)
            var found: [Int] = []
            var index = 0
            while index + needle.count <= bytes.count {
                if Array(bytes[index..<(index + needle.count)]) == needle { found.append(index); index += needle.count } else { index += 1 }
            }
            return found
        }
        let opens = occurrences(of: "[["), closes = occurrences(of: "]]")
        if opens.isEmpty && closes.isEmpty { return .success(ExampleSource(text: written, location: location)) }
        guard opens.count == 1, closes.count == 1, opens[0] + 2 <= closes[0] else {
            return .failure(MarkProblem(message: "an example marks its expected span with one '[[' and one ']]' after it, as in \"It is [[100% safe]].\""))
        }
        let start = opens[0], end = closes[0] - 2
        var text = bytes
        text.removeSubrange(closes[0]..<(closes[0] + 2))
        text.removeSubrange(start..<(start + 2))
        return .success(ExampleSource(text: String(decoding: text, as: UTF8.self), location: location, expectedSpan: start..<end))
    }

    /// The example as written, with its span marks.
    public var markedText: String {
        guard let span = expectedSpan else { return text }
        let bytes = Array(text.utf8)
        return String(decoding: bytes[..<span.lowerBound] + Array("[[".utf8) + bytes[span] + Array("]]".utf8) + bytes[span.upperBound...], as: UTF8.self)
    }
}

/// Which text a rule's patterns run on.
public enum MatchTarget: String, Sendable, Codable, CaseIterable {
    /// The text after de-obfuscation (the default).
    case normalized
    /// The extracted text as written.
    case original
}

/// One value for each text layer, read without hashing. (A `MatchTarget` hashes as its raw
/// string: as a dictionary key on the scan's per-hit paths it cost 4% of a scan.)
struct PerTarget<Value> {
    var normalized: Value
    var original: Value

    subscript(target: MatchTarget) -> Value {
        get {
            switch target {
            case .normalized: normalized
            case .original: original
            }
        }
        set {
            switch target {
            case .normalized: normalized = newValue
            case .original: original = newValue
            }
        }
    }
}

extension PerTarget: Sendable where Value: Sendable {}

extension PerTarget {
    /// No value for either layer.
    init<Wrapped>() where Value == Wrapped? {
        self.init(normalized: nil, original: nil)
    }
}

/// The unit inside which the parts of a `near` rule must occur, or in which a `required`
/// rule looks for its caveats.
public enum RuleScope: String, Sendable, Codable {
    /// A sentence; `clause` is a part of one between commas, semicolons, colons, dashes and
    /// conjunctions that turn the sentence ("but", "however", "although").
    case sentence, clause, paragraph, section, document
}

/// One caveat a `required` rule asks for: a name for messages, and the patterns that satisfy it.
public struct RequireGroup: Sendable {
    public var name: String
    public var patterns: [PatternSource]
}

/// The kind of a rule and what that kind needs.
public enum RuleBody: Sendable {
    /// Any of `patterns` is a hit, unless a negation / hedge occurs in the same sentence.
    case pattern(patterns: [PatternSource], unless: [PatternSource], unlessAfter: [PatternSource])
    /// Every one of `parts` inside one `scope` unit, within `within` tokens of each other
    /// when it is given.
    case near(parts: [PatternSource], within: Int?, scope: RuleScope, unless: [PatternSource], unlessAfter: [PatternSource])
    /// When a `trigger` occurs, every group must match in the `scope` (document or section).
    case required(triggers: [PatternSource], groups: [RequireGroup], scope: RuleScope)
    /// A sentence model scores each sentence a `gate` pattern marks; `classFeatures` are the
    /// model's vocabulary classes, expanded; guards apply anywhere in the sentence.
    case classifier(model: SentenceModel, threshold: Double, gate: [PatternSource], classFeatures: [PatternSource],
                    unless: [PatternSource], unlessAfter: [PatternSource])

    /// The kind's name as written in YAML.
    public var kindName: String {
        switch self {
        case .pattern: "pattern"
        case .near: "near"
        case .required: "required"
        case .classifier: "classifier"
        }
    }
}

/// `min_matches: N` on a pattern rule: a hit needs N different matches in one `scope`
/// unit (a list of drug names), and spans from the first to the last.
public struct RuleListing: Sendable {
    public var count: Int
    public var scope: RuleScope
}

/// One rule as a pack declares it: validated, not yet compiled.
public struct RuleSpec: Sendable {
    /// `pack/name`.
    public var id: String
    public var category: Category
    public var severity: Severity
    public var score: Double
    /// What is wrong and what to do.
    public var message: String
    public var suggestion: String?
    /// Why the rule exists, for `redline rules explain`.
    public var rationale: String?
    public var references: [String]
    public var caseSensitive: Bool
    public var matchOn: MatchTarget
    /// `in_hidden: true`: only matches lying wholly in text readers do not see count.
    public var inHidden = false
    /// How the rule's examples are read (`examples_format`): plain text, Markdown or HTML.
    public var examplesFormat = DocumentFormat.plain
    public var body: RuleBody
    /// Snippets that must produce a finding from this rule.
    public var matchExamples: [ExampleSource]
    /// Snippets that must not.
    public var noMatchExamples: [ExampleSource]
    /// Where the rule starts in its pack.
    public var location: SourceLocation
    /// `enabled: false`: the rule runs only when `--enable` (or `--only-rules`) names its id or pack.
    public var enabledByDefault = true
    /// For a required rule: patterns one of which must match in a trigger's paragraph for the
    /// trigger to count (`context:`, e.g. a health word beside "effective").
    public var triggerContext: [PatternSource] = []
    /// For a pattern rule with `min_matches`: how many different matches a hit needs, and where.
    public var listing: RuleListing?
    /// `message` and `suggestion` with the vocabulary classes they name (`{drug}`), when they name any.
    public var messageTemplate: MessageTemplate?
    public var suggestionTemplate: MessageTemplate?

    /// The message and suggestion of a finding whose match reads `matched` (normalized text).
    func wording(forMatch matched: @autoclosure () -> String, scratch: MatchScratch) -> (message: String, suggestion: String?) {
        guard messageTemplate != nil || suggestionTemplate != nil else { return (message, suggestion) }
        let text = matched()
        return (messageTemplate?.render(matched: text, scratch: scratch) ?? message,
                suggestionTemplate?.render(matched: text, scratch: scratch) ?? suggestion)
    }
}

/// A rule pack: a named, versioned set of rules from one YAML file.
public struct RulePack: Sendable {
    public var name: String
    public var version: String
    public var description: String
    public var file: String
    /// The vocabularies the pack imports.
    public var imports: [String] = []
    /// The classes and guard sets the pack's patterns may name (imported and its own).
    public var lexicon = Lexicon()
    public var rules: [RuleSpec]
}

extension RuleBody {
    /// The guards of a pattern, near or classifier rule (none for a required rule).
    var guards: (before: [PatternSource], after: [PatternSource]) {
        switch self {
        case .pattern(_, let before, let after), .near(_, _, _, let before, let after), .classifier(_, _, _, _, let before, let after): (before, after)
        case .required: ([], [])
        }
    }
}

extension RuleSpec {
    /// Every pattern of the rule: hits, guards, caveat groups, a required rule's context, a
    /// classifier's gate and class features.
    var allPatterns: [PatternSource] {
        let guards = body.guards
        switch body {
        case .pattern(let patterns, _, _): return patterns + guards.before + guards.after
        case .near(let parts, _, _, _, _): return parts + guards.before + guards.after
        case .required(let triggers, let groups, _): return triggers + triggerContext + groups.flatMap(\.patterns)
        case .classifier(_, _, let gate, let classFeatures, _, _): return gate + classFeatures + guards.before + guards.after
        }
    }
}
