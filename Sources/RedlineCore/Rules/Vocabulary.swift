import Yams

/// One entry of a vocabulary class as a regex: a literal word or phrase, one regex piece per
/// character (a space matches white space or a hyphen, a hyphen an optional one), or a
/// `pattern:` fragment.
public enum ClassEntry: Sendable, Hashable {
    case literal([String])
    case pattern(String)

    /// The entry alone as a regex.
    public var regex: String {
        switch self {
        case .literal(let pieces): pieces.joined()
        case .pattern(let fragment): "(?:" + fragment + ")"
        }
    }
}

/// A named class of words and phrases with their forms (`{medication}`, `{stop-verb}`),
/// used by name inside any pattern of a pack that imports its vocabulary.
public struct VocabularyClass: Sendable {
    public var name: String
    public var description: String?
    /// Classes whose entries this one includes.
    public var extends: [String]
    /// The entries, each declared form an entry of its own.
    public var alternatives: [ClassEntry]
    /// The entries as written, forms included, for `rules explain`.
    public var words: [String]
    public var location: SourceLocation
}

/// A named set of guards (negation, hedging, refutation, reported speech, quotation):
/// `before` patterns cancel a hit when they occur earlier in its sentence, `after`
/// patterns when they occur later. A rule names it in `unless: [$refutation]`.
public struct GuardSet: Sendable {
    public var name: String
    public var description: String?
    /// Guard sets whose patterns this one includes.
    public var includes: [String]
    public var before: [PatternSource]
    public var after: [PatternSource]
    public var location: SourceLocation
}

/// One vocabulary file: classes and guard sets under a name that packs import.
public struct VocabularyFile: Sendable {
    public var name: String
    public var description: String
    /// Where the words come from.
    public var source: String?
    public var file: String
    /// Other vocabularies whose classes and guard sets this one uses.
    public var imports: [String]
    public var classes: [VocabularyClass]
    public var guards: [GuardSet]
}

/// Everything one pack (or vocabulary) may name: classes resolved to regex fragments and
/// guard sets resolved to their patterns, each with where it was defined.
public struct Lexicon: Sendable {
    /// A class ready to insert into patterns.
    public struct ResolvedClass: Sendable {
        public var definition: VocabularyClass
        /// Every entry, the extended classes' ones included, distinct.
        public var alternatives: [ClassEntry]
        /// What `{name}` stands for in a pattern: the `pattern:` entries, longest first, then
        /// the literal entries as a trie (`c(?:ialis|odeine)`), so that PCRE2 tries one branch
        /// per character instead of every word at every position, and a longer word wins.
        public let fragment: String

        init(definition: VocabularyClass, alternatives: [ClassEntry]) {
            self.definition = definition
            self.alternatives = alternatives
            self.fragment = ClassTrie.fragment(alternatives)
        }
    }

    /// A guard set with its included sets' patterns folded in.
    public struct ResolvedGuardSet: Sendable {
        public var definition: GuardSet
        public var before: [PatternSource]
        public var after: [PatternSource]
    }

    public var classes: [String: ResolvedClass] = [:]
    public var guards: [String: ResolvedGuardSet] = [:]
    /// Classes and guard sets of vocabularies the file does not import, by the vocabulary
    /// defining them: for "add it to 'import'" hints.
    var notImported: [String: String] = [:]

    /// Adds `other`'s classes and guard sets; names already here keep their first definition.
    mutating func merge(_ other: Lexicon) {
        classes.merge(other.classes) { first, _ in first }
        guards.merge(other.guards) { first, _ in first }
    }

    /// What to say about a class or guard set (`$name`) that this lexicon does not have.
    func unknownHint(_ name: String, guardSet: Bool) -> String {
        let key = guardSet ? "$" + name : name
        if let vocabulary = notImported[key] { return " (it is defined in vocabulary '\(vocabulary)': add '\(vocabulary)' to the pack's 'import')" }
        return DidYouMean.hint(name, in: guardSet ? Array(guards.keys) : Array(classes.keys))
    }
}

/// Every vocabulary file of a load, and the resolution of imports, `extends` and `include`.
public struct VocabularyLibrary: Sendable {
    /// By name; a later file of the same name replaced an earlier one.
    public private(set) var files: [String: VocabularyFile] = [:]
    /// The resolved scope of each vocabulary (its own names and its imports').
    private var scopes: [String: Lexicon] = [:]

    init() {}

    /// Resolves `vocabularies` (later ones replace earlier ones of the same name), recording
    /// every problem: unknown imports, classes and guard sets, cycles.
    init(_ vocabularies: [VocabularyFile], errors: inout [RuleLoadError]) {
        for vocabulary in vocabularies { files[vocabulary.name] = vocabulary }
        for name in files.keys.sorted() {
            var visiting: [String] = []
            _ = scope(of: name, visiting: &visiting, errors: &errors)
        }
    }

    /// The lexicon seen through `imports` (written at `location`), plus `local` classes and
    /// guard sets defined in the importing file itself.
    func lexicon(imports: [(String, SourceLocation)], localClasses: [VocabularyClass] = [], localGuards: [GuardSet] = [],
                 errors: inout [RuleLoadError]) -> Lexicon {
        var lexicon = Lexicon()
        for (name, location) in imports {
            guard let imported = scopes[name] else {
                if files[name] == nil {
                    errors.append(RuleLoadError(location, "unknown vocabulary '\(name)' in 'import'\(DidYouMean.hint(name, in: files.keys))"))
                }
                continue
            }
            lexicon.merge(imported)
        }
        for file in files.values where !imports.contains(where: { $0.0 == file.name }) {
            for definition in file.classes where lexicon.classes[definition.name] == nil { lexicon.notImported[definition.name] = file.name }
            for set in file.guards where lexicon.guards[set.name] == nil { lexicon.notImported["$" + set.name] = file.name }
        }
        resolveLocal(classes: localClasses, guards: localGuards, into: &lexicon, errors: &errors)
        return lexicon
    }

    private mutating func scope(of name: String, visiting: inout [String], errors: inout [RuleLoadError]) -> Lexicon? {
        if let done = scopes[name] { return done }
        guard let file = files[name] else { return nil }
        if visiting.contains(name) {
            errors.append(RuleLoadError(SourceLocation(file: file.file, line: 1, column: 1),
                                        "vocabularies import each other in a cycle: \((visiting + [name]).joined(separator: " -> "))"))
            return nil
        }
        visiting.append(name)
        defer { visiting.removeLast() }
        var lexicon = Lexicon()
        for imported in file.imports {
            guard let other = scope(of: imported, visiting: &visiting, errors: &errors) else {
                if files[imported] == nil {
                    errors.append(RuleLoadError(SourceLocation(file: file.file, line: 1, column: 1),
                                                "vocabulary '\(name)' imports unknown vocabulary '\(imported)'\(DidYouMean.hint(imported, in: files.keys))"))
                }
                continue
            }
            lexicon.merge(other)
        }
        resolveLocal(classes: file.classes, guards: file.guards, into: &lexicon, errors: &errors)
        scopes[name] = lexicon
        return lexicon
    }

    /// Adds `classes` and `guards` (defined in one file) to `lexicon`, resolving `extends`,
    /// `include` and the `{class}` references inside guard patterns.
    private func resolveLocal(classes: [VocabularyClass], guards: [GuardSet], into lexicon: inout Lexicon, errors: inout [RuleLoadError]) {
        let byName = Dictionary(classes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var resolvedClasses: [String: Lexicon.ResolvedClass] = [:]
        func resolve(_ definition: VocabularyClass, chain: [String]) -> Lexicon.ResolvedClass? {
            if let done = resolvedClasses[definition.name] { return done }
            var alternatives = definition.alternatives
            for parent in definition.extends {
                if chain.contains(parent) || parent == definition.name {
                    errors.append(RuleLoadError(definition.location, "class '\(definition.name)' extends itself through \((chain + [definition.name, parent]).joined(separator: " -> "))"))
                    continue
                }
                let resolved = byName[parent].flatMap { resolve($0, chain: chain + [definition.name]) } ?? lexicon.classes[parent]
                guard let resolved else {
                    errors.append(RuleLoadError(definition.location, "class '\(definition.name)' extends unknown class '\(parent)'"
                        + DidYouMean.hint(parent, in: Array(byName.keys) + Array(lexicon.classes.keys))))
                    continue
                }
                alternatives += resolved.alternatives
            }
            var seen: Set<ClassEntry> = []
            let resolved = Lexicon.ResolvedClass(definition: definition, alternatives: alternatives.filter { seen.insert($0).inserted })
            resolvedClasses[definition.name] = resolved
            lexicon.classes[definition.name] = resolved
            return resolved
        }
        for definition in classes { _ = resolve(definition, chain: []) }
        var resolvedGuards: [String: Lexicon.ResolvedGuardSet] = [:]
        func resolveGuard(_ set: GuardSet, chain: [String]) -> Lexicon.ResolvedGuardSet? {
            if let done = resolvedGuards[set.name] { return done }
            var before: [PatternSource] = []
            var after: [PatternSource] = []
            for included in set.includes {
                if chain.contains(included) || included == set.name {
                    errors.append(RuleLoadError(set.location, "guard set '$\(set.name)' includes itself through \((chain + [set.name, included]).map { "$" + $0 }.joined(separator: " -> "))"))
                    continue
                }
                let resolved = guards.first { $0.name == included }.flatMap { resolveGuard($0, chain: chain + [set.name]) } ?? lexicon.guards[included]
                guard let resolved else {
                    errors.append(RuleLoadError(set.location, "guard set '$\(set.name)' includes unknown guard set '$\(included)'"
                        + DidYouMean.hint(included, in: guards.map(\.name) + Array(lexicon.guards.keys))))
                    continue
                }
                before += resolved.before
                after += resolved.after
            }
            let expand = { (source: PatternSource) -> PatternSource? in
                switch PatternExpansion.expand(source.text, defines: [:], lexicon: lexicon) {
                case .success(let expanded):
                    var result = source
                    result.text = expanded.text
                    result.classes = expanded.classes
                    result.guardSet = set.name
                    return result
                case .failure(let problem):
                    errors.append(RuleLoadError(source.location, problem.message))
                    return nil
                }
            }
            let resolved = Lexicon.ResolvedGuardSet(definition: set, before: before + set.before.compactMap(expand), after: after + set.after.compactMap(expand))
            resolvedGuards[set.name] = resolved
            return resolved
        }
        for set in guards { _ = resolveGuard(set, chain: []) }
        lexicon.guards.merge(resolvedGuards) { _, new in new }
    }

    /// The regex of one literal word or phrase: metacharacters escaped, a space matching a
    /// run of white space or hyphens, a hyphen an optional hyphen or space; with
    /// `lookalikes`, an `i` or `l` matching either (or `1`, `!`, `|`). (Doubled letters,
    /// "viagraa", would double every position of a several-hundred-word class: too long for
    /// Hyperscan, which then cannot prefilter the pattern.)
    static func literalAlternative(_ phrase: String, lookalikes: Bool = false) -> ClassEntry {
        .literal(phrase.map { character -> String in
            switch character {
            case "i" where lookalikes, "l" where lookalikes: "[il1!|]"
            case " ": "[\\s-]+"
            case "-": "[\\s-]?"
            case "\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}": "\\" + String(character)
            default: String(character)
            }
        })
    }
}

/// Expanding the names inside a pattern: `%{name}` fragments of the pack's `define`, then
/// `{class}` vocabulary classes.
enum PatternExpansion {
    /// A pattern with its names replaced, and the classes it used.
    struct Expanded {
        var text: String
        var classes: [String]
    }

    /// Why a pattern's names cannot be expanded.
    struct Problem: Error {
        var message: String
    }

    /// `text` with `%{name}` replaced from `defines` and `{class}` from `lexicon`.
    static func expand(_ text: String, defines: [String: String], lexicon: Lexicon) -> Result<Expanded, Problem> {
        let defined: String
        switch expandingDefines(text, defines: defines) {
        case .success(let value): defined = value
        case .failure(let problem): return .failure(problem)
        }
        return expandingClasses(defined, lexicon: lexicon)
    }

    /// `text` with every `%{name}` replaced by its fragment from `defines`. Works on the
    /// UTF-8 view: every pack pattern passes through here at start-up.
    static func expandingDefines(_ text: String, defines: [String: String]) -> Result<String, Problem> {
        let utf8 = text.utf8
        var result = ""
        var copiedUpTo = utf8.startIndex
        var searchFrom = utf8.startIndex
        while let percent = utf8[searchFrom...].firstIndex(of: UInt8(ascii: "%")) {
            let brace = utf8.index(after: percent)
            guard brace < utf8.endIndex, utf8[brace] == UInt8(ascii: "{") else { searchFrom = brace; continue }
            let nameStart = utf8.index(after: brace)
            guard let close = utf8[nameStart...].firstIndex(of: UInt8(ascii: "}")) else {
                return .failure(Problem(message: "unterminated '%{' in pattern \(text)"))
            }
            let name = String(text[nameStart..<close])
            guard let fragment = defines[name] else {
                return .failure(Problem(message: "pattern uses %{\(name)}, which the pack's 'define' does not define"
                    + DidYouMean.hint(name, in: defines.keys)))
            }
            result += text[copiedUpTo..<percent]
            result += fragment
            copiedUpTo = utf8.index(after: close)
            searchFrom = copiedUpTo
        }
        result += text[copiedUpTo...]
        return .success(result)
    }

    /// The class names referenced in `text` as `{name}`, with their byte ranges: a brace
    /// not escaped and not part of `\p{..}`, `\x{..}` and the like, holding a lower-case
    /// name (`stop-verb`). Quantifiers (`{2,5}`) start with a digit and are left alone.
    static func classReferences(in text: String) -> [(name: String, range: Range<Int>)] {
        let bytes = Array(text.utf8)
        var references: [(String, Range<Int>)] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") { index += 2; continue }
            guard byte == UInt8(ascii: "{"), index + 1 < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index + 1]) else { index += 1; continue }
            var end = index + 1
            while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: "}") {
                references.append((String(decoding: bytes[(index + 1)..<end], as: UTF8.self), index..<(end + 1)))
                index = end + 1
            } else {
                index = end
            }
        }
        return references
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    static func expandingClasses(_ text: String, lexicon: Lexicon) -> Result<Expanded, Problem> {
        let references = classReferences(in: text)
        guard !references.isEmpty else { return .success(Expanded(text: text, classes: [])) }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var copied = 0
        var used: [String] = []
        for (name, range) in references {
            guard let resolved = lexicon.classes[name] else {
                return .failure(Problem(message: "pattern uses {\(name)}, which is no class this pack can see"
                    + lexicon.unknownHint(name, guardSet: false)))
            }
            result += bytes[copied..<range.lowerBound]
            result += Array(resolved.fragment.utf8)
            copied = range.upperBound
            if !used.contains(name) { used.append(name) }
        }
        result += bytes[copied...]
        return .success(Expanded(text: String(decoding: result, as: UTF8.self), classes: used))
    }
}

/// The regex of a class's entries: `pattern:` fragments, longest first, then a trie of the
/// literal words with shared prefixes factored out; a word that is a prefix of another ends
/// in an optional, greedy continuation, so the longer word wins where both match.
enum ClassTrie {
    private final class Node {
        var children: [(piece: String, node: Node)] = []
        var isEnd = false

        func child(_ piece: String) -> Node {
            if let existing = children.first(where: { $0.piece == piece }) { return existing.node }
            let node = Node()
            children.append((piece, node))
            return node
        }
    }

    static func fragment(_ entries: [ClassEntry]) -> String {
        var patterns: [String] = []
        let root = Node()
        for entry in entries {
            switch entry {
            case .pattern: patterns.append(entry.regex)
            case .literal(let pieces):
                guard !pieces.isEmpty else { continue }
                var node = root
                for piece in pieces { node = node.child(piece) }
                node.isEnd = true
            }
        }
        let sortedPatterns = patterns.enumerated().sorted { ($1.element.utf8.count, $0.offset) < ($0.element.utf8.count, $1.offset) }.map(\.element)
        let trie = root.children.isEmpty ? [] : [regex(of: root)]
        return "(?:" + (sortedPatterns + trie).joined(separator: "|") + ")"
    }

    /// The alternatives below `node`, as one regex.
    private static func regex(of node: Node) -> String {
        let branches = node.children.sorted { $0.piece < $1.piece }.map { branch -> String in
            let rest = branch.node.children.isEmpty ? "" : regex(of: branch.node)
            guard !rest.isEmpty else { return branch.piece }
            return branch.piece + (branch.node.isEnd ? "(?:" + rest + ")?" : rest)
        }
        return branches.count == 1 ? branches[0] : "(?:" + branches.joined(separator: "|") + ")"
    }
}
