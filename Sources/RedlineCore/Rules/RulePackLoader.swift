import Foundation
import Yams

/// A problem in a rule pack or a configuration file, at a file, line and column.
public struct RuleLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): error: \(message)" }
}

/// Every problem found while loading packs or a configuration file; loading reports them all at once.
public struct RuleLoadErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [RuleLoadError]

    public init(errors: [RuleLoadError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Reads rule packs and vocabulary files from YAML and validates them: unknown keys, missing
/// fields, bad values, duplicate ids, undefined `%{name}` fragments, `{class}` names, `$guard`
/// sets, imports and categories are each reported with file:line:col, all in one pass, with
/// a did-you-mean where a known name is close.
public enum RulePackLoader {
    static let packKeys: Set<String> = ["name", "version", "description", "import", "categories", "define", "classes", "guards", "rules"]
    static let vocabularyKeys: Set<String> = ["vocabulary", "description", "source", "import", "classes", "guards"]
    static let commonRuleKeys: Set<String> = [
        "id", "kind", "category", "severity", "score", "message", "suggestion", "rationale", "references",
        "case_sensitive", "match_on", "examples", "examples_format", "enabled",
    ]
    static let kindKeys: [String: Set<String>] = [
        "pattern": ["patterns", "unless", "unless_after", "in_hidden", "min_matches", "scope"],
        "near": ["all", "within", "scope", "unless", "unless_after", "in_hidden"],
        "required": ["trigger", "require", "scope", "context"],
        "classifier": ["model", "gate", "threshold", "unless", "unless_after"],
    ]

    /// The `.yaml` / `.yml` files of a directory and of its `vocabulary/` folder, sorted, or the file itself.
    public static func packFiles(in path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [path] }
        guard isDirectory.boolValue else { return [path] }
        let yamlFiles = { (directory: String) -> [String] in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
        }
        return yamlFiles((path as NSString).appendingPathComponent("vocabulary")) + yamlFiles(path)
    }

    /// Loads and validates every pack in `files`; a pack named like an earlier one replaces it.
    /// Throws `RuleLoadErrors` holding every problem found.
    public static func load(files: [String]) throws(RuleLoadErrors) -> [RulePack] {
        let loaded = loadCollectingErrors(files: files)
        guard loaded.errors.isEmpty else { throw RuleLoadErrors(errors: loaded.errors) }
        return loaded.packs
    }

    /// What one load read: the packs, the vocabularies and every problem.
    struct Loaded {
        var packs: [RulePack] = []
        var vocabulary = VocabularyLibrary()
        var errors: [RuleLoadError] = []
    }

    /// Loads what can be loaded and returns it with every problem found, so that later
    /// checks (regex compilation) can still run on the usable rules. Vocabulary files (a
    /// top-level `vocabulary:` key) are read first, so packs may import them in any order.
    static func loadCollectingErrors(files: [String]) -> Loaded {
        var loaded = Loaded()
        var vocabularies: [VocabularyFile] = []
        var packRoots: [(file: String, root: Node, reader: NodeReader)] = []
        for path in files {
            let file = RuleSet.displayName(ofPack: path)
            guard let data = FileManager.default.contents(atPath: path) else {
                loaded.errors.append(RuleLoadError(SourceLocation(file: file, line: 1, column: 1), "cannot read the rule pack"))
                continue
            }
            var reader = NodeReader(file: file, directory: (path as NSString).deletingLastPathComponent)
            guard let root = reader.compose(String(decoding: data, as: UTF8.self)) else { loaded.errors += reader.errors; continue }
            if let mapping = root.mapping, mapping["vocabulary"] != nil {
                if let vocabulary = reader.vocabularyFile(mapping, root: root) { vocabularies.append(vocabulary) }
                loaded.errors += reader.errors
            } else {
                packRoots.append((file, root, reader))
            }
        }
        loaded.vocabulary = VocabularyLibrary(vocabularies, errors: &loaded.errors)
        let declared = packRoots.flatMap { NodeReader.declaredCategories(in: $0.root) }
        let categories = Set(Category.builtIn.map(\.rawValue) + declared)
        for (_, root, reader) in packRoots {
            let (pack, packErrors) = parse(root: root, reader: reader, vocabulary: loaded.vocabulary, categories: categories)
            loaded.errors += packErrors
            if let pack {
                loaded.packs.removeAll { $0.name == pack.name }
                loaded.packs.append(pack)
            }
        }
        var seen: [String: SourceLocation] = [:]
        for rule in loaded.packs.flatMap(\.rules) {
            if let first = seen[rule.id] {
                loaded.errors.append(RuleLoadError(rule.location, "duplicate rule id '\(rule.id)' (first defined at \(first))"))
            } else {
                seen[rule.id] = rule.location
            }
        }
        return loaded
    }

    /// Parses one pack's YAML text on its own (no vocabularies but those it defines itself).
    /// Returns the pack (nil when unusable) and every problem.
    public static func parse(yaml: String, file: String) -> (RulePack?, [RuleLoadError]) {
        var reader = NodeReader(file: file)
        guard let root = reader.compose(yaml) else { return (nil, reader.errors) }
        let categories = Set(Category.builtIn.map(\.rawValue) + NodeReader.declaredCategories(in: root))
        return parse(root: root, reader: reader, vocabulary: VocabularyLibrary(), categories: categories)
    }

    static func parse(root: Node, reader: NodeReader, vocabulary: VocabularyLibrary, categories: Set<String>) -> (RulePack?, [RuleLoadError]) {
        var reader = reader
        guard let mapping = reader.mapping(root, what: "a rule pack") else { return (nil, reader.errors) }
        reader.checkKeys(mapping, allowed: packKeys, what: "rule pack")
        let name = reader.requiredString(mapping, "name", in: root) ?? ""
        let version = reader.scalarString(mapping["version"]) ?? { reader.missing("version", in: root); return "" }()
        let description = reader.requiredString(mapping, "description", in: root) ?? ""
        let imports = reader.stringList(mapping["import"], what: "'import'").map { ($0.0, reader.location($0.1)) }
        if let list = mapping["categories"].flatMap({ reader.sequence($0, what: "'categories'") }) {
            for entry in list where entry.scalar == nil {
                guard let declared = reader.mapping(entry, what: "a category (a name, or {name, description})") else { continue }
                reader.checkKeys(declared, allowed: ["name", "description"], what: "a category")
                _ = reader.requiredString(declared, "name", in: entry)
            }
        }
        let localClasses = reader.vocabularyClasses(mapping["classes"])
        let localGuards = reader.guardSets(mapping["guards"])
        var lexiconErrors: [RuleLoadError] = []
        let lexicon = vocabulary.lexicon(imports: imports, localClasses: localClasses, localGuards: localGuards, errors: &lexiconErrors)
        reader.errors += lexiconErrors
        var defines: [String: String] = [:]
        if let defineNode = mapping["define"], let defineMapping = reader.mapping(defineNode, what: "'define'") {
            for (key, value) in defineMapping {
                if let k = key.string, let v = reader.string(value, what: "a pattern fragment") { defines[k] = v }
            }
        }
        let scope = PatternScope(defines: defines, lexicon: lexicon, categories: categories)
        var rules: [RuleSpec] = []
        if let rulesNode = mapping["rules"] {
            if let sequence = reader.sequence(rulesNode, what: "'rules'") {
                for ruleNode in sequence {
                    if let rule = reader.rule(ruleNode, pack: name, scope: scope) { rules.append(rule) }
                }
            }
        } else {
            reader.missing("rules", in: root)
        }
        let pack = RulePack(name: name, version: version, description: description, file: reader.file, imports: imports.map(\.0),
                            lexicon: lexicon, rules: rules)
        return (pack, reader.errors)
    }
}

/// What the patterns of one pack may name: its `define` fragments, the classes and guard
/// sets it imports or defines, and the categories of the load.
struct PatternScope {
    var defines: [String: String]
    var lexicon: Lexicon
    var categories: Set<String>
}

/// The rule-pack part of reading YAML: patterns with `%{name}` fragments, rules, rule bodies.
extension NodeReader {
    /// Expands `%{name}` fragments and `{class}` names; an unknown name is an error at the
    /// pattern. Contact references (`@url`, `@phone|@handle`) are allowed only where
    /// `contacts` says so, and must name known kinds. Returns the entries as written too, so
    /// that a count check does not blame a dropped entry on the rule.
    mutating func patterns(_ node: Node?, what: String, scope: PatternScope, contacts: Bool = false) -> (patterns: [PatternSource], written: Int) {
        patterns(entries: stringList(node, what: what), scope: scope, contacts: contacts)
    }

    /// `patterns(_:what:scope:contacts:)` over entries already read.
    mutating func patterns(entries: [(String, Node)], scope: PatternScope, contacts: Bool = false) -> (patterns: [PatternSource], written: Int) {
        let expanded = entries.compactMap { text, item -> PatternSource? in
            let reference = PatternSource(text: text, location: location(item))
            if reference.looksLikeContactReference {
                let kinds = ContactKind.allCases.map { "@\($0.rawValue)" } + ["@contact"]
                if !contacts {
                    fail(item, "contact reference \(text) is allowed only in 'patterns' and 'all'")
                } else if reference.contactKinds == nil {
                    fail(item, "unknown contact kind in \(text) (known: \(kinds.joined(separator: ", ")))\(DidYouMean.hint(text, in: kinds))")
                }
                return reference
            }
            if text.hasPrefix("$") {
                fail(item, "guard set \(text) is allowed only in 'unless'")
                return nil
            }
            if text.isEmpty {
                fail(item, "an empty pattern matches everywhere (an empty list is written [] or left out)")
                return nil
            }
            switch PatternExpansion.expand(text, defines: scope.defines, lexicon: scope.lexicon) {
            case .success(let result): return PatternSource(text: result.text, location: location(item), written: text, classes: result.classes)
            case .failure(let problem): fail(item, problem.message); return nil
            }
        }
        return (expanded, entries.count)
    }

    /// A rule's guards: `unless` entries are regexes (before the hit) or `$name` guard sets
    /// (their before and after parts); `unless_after` entries are regexes after the hit.
    mutating func guards(_ m: Node.Mapping, scope: PatternScope) -> (before: [PatternSource], after: [PatternSource]) {
        var before: [PatternSource] = []
        var after: [PatternSource] = []
        var ownBefore: [(String, Node)] = []
        for (text, item) in stringList(m["unless"], what: "'unless'") {
            guard text.hasPrefix("$") else { ownBefore.append((text, item)); continue }
            let name = String(text.dropFirst())
            guard let set = scope.lexicon.guards[name] else {
                fail(item, "unknown guard set \(text)\(scope.lexicon.unknownHint(name, guardSet: true))")
                continue
            }
            let referenced = { (source: PatternSource) -> PatternSource in
                var copy = source
                copy.guardReference = name
                return copy
            }
            before += set.before.map(referenced)
            after += set.after.map(referenced)
        }
        before += patterns(entries: ownBefore, scope: scope).patterns
        after += patterns(m["unless_after"], what: "'unless_after'", scope: scope).patterns
        return (before, after)
    }

    mutating func rule(_ node: Node, pack: String, scope: PatternScope) -> RuleSpec? {
        guard let m = mapping(node, what: "a rule") else { return nil }
        let id = requiredString(m, "id", in: node) ?? ""
        if !id.isEmpty, !id.hasPrefix(pack + "/") {
            fail(m["id"], "rule id '\(id)' must start with the pack name: '\(pack)/'")
        }
        let kind = requiredString(m, "kind", in: node) ?? ""
        var allowed = RulePackLoader.commonRuleKeys
        if let extra = RulePackLoader.kindKeys[kind] {
            allowed.formUnion(extra)
        } else if !kind.isEmpty {
            fail(m["kind"], "unknown rule kind '\(kind)' (expected pattern, near, required or classifier)\(DidYouMean.hint(kind, in: RulePackLoader.kindKeys.keys))")
        }
        checkKeys(m, allowed: allowed, what: "rule '\(id)'")
        var category = Category.unsafeClaim
        if let text = requiredString(m, "category", in: node) {
            if scope.categories.contains(text) {
                category = Category(rawValue: text)
            } else {
                fail(m["category"], "unknown category '\(text)'\(DidYouMean.hint(text, in: scope.categories)); the built-in ones are "
                    + Category.builtIn.map(\.rawValue).joined(separator: ", ") + ", and a pack declares its own under 'categories'")
            }
        }
        var severity = Severity.warning
        if let text = requiredString(m, "severity", in: node) {
            if let value = Severity(rawValue: text) { severity = value } else { fail(m["severity"], "severity must be error, warning or info, not '\(text)'\(DidYouMean.hint(text, in: ["error", "warning", "info"]))") }
        }
        var score = 0.0
        if let node = m["score"] {
            if let value = node.scalar.flatMap({ Double($0.string) }), value >= 0 { score = value } else { fail(node, "score must be a number >= 0") }
        } else {
            missing("score", in: node)
        }
        let message = requiredString(m, "message", in: node) ?? ""
        let suggestion = m["suggestion"].flatMap { string($0, what: "'suggestion'") }
        let rationale = m["rationale"].flatMap { string($0, what: "'rationale'") }
        let references = stringList(m["references"], what: "'references'").map(\.0)
        var caseSensitive = false
        if let node = m["case_sensitive"] {
            if let value = node.bool { caseSensitive = value } else { fail(node, "case_sensitive must be true or false") }
        }
        var matchOn = MatchTarget.normalized
        if let node = m["match_on"], let text = string(node, what: "'match_on'") {
            if let value = MatchTarget(rawValue: text) { matchOn = value } else { fail(node, "match_on must be normalized or original, not '\(text)'\(DidYouMean.hint(text, in: MatchTarget.allCases.map(\.rawValue)))") }
        }
        var inHidden = false
        if let node = m["in_hidden"] {
            if let value = node.bool { inHidden = value } else { fail(node, "in_hidden must be true or false") }
        }
        var examplesFormat = DocumentFormat.plain
        if let node = m["examples_format"], let text = string(node, what: "'examples_format'") {
            if let value = DocumentFormat(rawValue: text) { examplesFormat = value } else { fail(node, "examples_format must be plain, markdown or html, not '\(text)'\(DidYouMean.hint(text, in: ["plain", "markdown", "html"]))") }
        }
        let body = self.body(kind: kind, m, node: node, scope: scope)
        var matchExamples: [ExampleSource] = []
        var noMatchExamples: [ExampleSource] = []
        if let examplesNode = m["examples"], let examples = mapping(examplesNode, what: "'examples'") {
            checkKeys(examples, allowed: ["match", "no_match"], what: "examples of '\(id)'")
            matchExamples = stringList(examples["match"], what: "'match'").compactMap { text, item in
                switch ExampleSource.marked(text, location: location(item)) {
                case .success(let example): return example
                case .failure(let problem): fail(item, problem.message); return nil
                }
            }
            noMatchExamples = stringList(examples["no_match"], what: "'no_match'").map { ExampleSource(text: $0, location: location($1)) }
        }
        if matchExamples.isEmpty || noMatchExamples.isEmpty {
            fail(node, "rule '\(id)' needs examples: at least one 'match' and one 'no_match' string")
        }
        let templates = [("message", m["message"], message), ("suggestion", m["suggestion"], suggestion ?? "")].map { key, node, text in
            let (template, problems) = MessageTemplate.parse(text, lexicon: scope.lexicon)
            for problem in problems { fail(node, "'\(key)': \(problem)") }
            return template.isTemplate ? template : nil
        }
        var listing: RuleListing?
        if kind == "pattern" {
            if let node = m["min_matches"] {
                if let count = node.int, count >= 2 {
                    listing = RuleListing(count: count, scope: self.scope(m["scope"], allowed: [.sentence, .clause, .paragraph], default: .paragraph))
                } else {
                    fail(node, "min_matches must be a whole number >= 2 (different matches one hit needs)")
                }
            } else if m["scope"] != nil {
                fail(m["scope"], "a pattern rule takes 'scope' only with 'min_matches'")
            }
        }
        guard !id.isEmpty, let body else { return nil }
        var spec = RuleSpec(id: id, category: category, severity: severity, score: score, message: message,
                        suggestion: suggestion, rationale: rationale, references: references,
                        caseSensitive: caseSensitive, matchOn: matchOn, inHidden: inHidden, examplesFormat: examplesFormat, body: body,
                        matchExamples: matchExamples, noMatchExamples: noMatchExamples, location: location(node))
        spec.listing = listing
        if let node = m["enabled"] {
            if let value = node.bool { spec.enabledByDefault = value } else { fail(node, "enabled must be true or false") }
        }
        if kind == "required" { spec.triggerContext = patterns(m["context"], what: "'context'", scope: scope).patterns }
        spec.messageTemplate = templates[0]
        spec.suggestionTemplate = templates[1]
        return spec
    }

    mutating func body(kind: String, _ m: Node.Mapping, node: Node, scope: PatternScope) -> RuleBody? {
        switch kind {
        case "pattern":
            let (list, written) = patterns(m["patterns"], what: "'patterns'", scope: scope, contacts: true)
            let (unless, unlessAfter) = guards(m, scope: scope)
            if written == 0 { fail(m["patterns"] ?? node, "a pattern rule needs at least one entry in 'patterns'"); return nil }
            guard list.count == written else { return nil }
            return .pattern(patterns: list, unless: unless, unlessAfter: unlessAfter)
        case "near":
            let (parts, written) = patterns(m["all"], what: "'all'", scope: scope, contacts: true)
            let (unless, unlessAfter) = guards(m, scope: scope)
            if written < 2 { fail(m["all"] ?? node, "a near rule needs at least two entries in 'all'"); return nil }
            var within: Int?
            if let node = m["within"] {
                if let value = node.int, value > 0 { within = value } else { fail(node, "'within' must be a whole number of tokens > 0"); return nil }
            }
            let scopeUnit = self.scope(m["scope"], allowed: [.sentence, .clause, .paragraph], default: .sentence)
            if within == nil && m["scope"] == nil {
                fail(node, "a near rule needs 'within' (tokens between its parts), 'scope' (sentence, clause or paragraph), or both")
                return nil
            }
            guard parts.count == written else { return nil }
            return .near(parts: parts, within: within, scope: scopeUnit, unless: unless, unlessAfter: unlessAfter)
        case "classifier":
            let gate = patterns(m["gate"], what: "'gate'", scope: scope).patterns
            let (unless, unlessAfter) = guards(m, scope: scope)
            if gate.isEmpty { fail(m["gate"] ?? node, "a classifier rule needs 'gate': the patterns that mark the sentences it scores"); return nil }
            guard let modelNode = m["model"], let modelPath = string(modelNode, what: "'model'") else { missing("model", in: node); return nil }
            let path = modelPath.hasPrefix("/") ? modelPath : (directory as NSString).appendingPathComponent(modelPath)
            guard let data = FileManager.default.contents(atPath: path) else {
                fail(modelNode, "cannot read the model \(modelPath) (a path relative to the pack; `redline rules train` writes it)"); return nil
            }
            let model: SentenceModel
            do { model = try SentenceModel.read(data) } catch {
                fail(modelNode, "the model \(modelPath) is not a sentence model: \(error)"); return nil
            }
            var threshold = model.threshold
            if let node = m["threshold"] {
                if let value = node.float, (0...1).contains(value) { threshold = value } else { fail(node, "threshold must be a number from 0 to 1") }
            }
            var classFeatures: [PatternSource] = []
            for name in model.classes {
                guard let resolved = scope.lexicon.classes[name] else {
                    fail(modelNode, "the model uses class {\(name)}, which is no class this pack can see\(scope.lexicon.unknownHint(name, guardSet: false))")
                    continue
                }
                classFeatures.append(PatternSource(text: "\\b" + resolved.fragment + "\\b", location: location(modelNode), written: "{\(name)}", classes: [name]))
            }
            return .classifier(model: model, threshold: threshold, gate: gate, classFeatures: classFeatures, unless: unless, unlessAfter: unlessAfter)
        case "required":
            let triggers = patterns(m["trigger"], what: "'trigger'", scope: scope).patterns
            if triggers.isEmpty { fail(m["trigger"] ?? node, "a required rule needs at least one 'trigger' pattern"); return nil }
            var groups: [RequireGroup] = []
            if let requireNode = m["require"], let list = sequence(requireNode, what: "'require'") {
                for groupNode in list {
                    guard let group = mapping(groupNode, what: "a 'require' group") else { continue }
                    checkKeys(group, allowed: ["name", "patterns"], what: "a 'require' group")
                    let name = requiredString(group, "name", in: groupNode) ?? ""
                    let groupPatterns = patterns(group["patterns"], what: "'patterns'", scope: scope).patterns
                    if groupPatterns.isEmpty { fail(groupNode, "require group '\(name)' needs at least one pattern") }
                    groups.append(RequireGroup(name: name, patterns: groupPatterns))
                }
            }
            if groups.isEmpty { fail(m["require"] ?? node, "a required rule needs at least one 'require' group"); return nil }
            let scopeUnit = self.scope(m["scope"], allowed: [.document, .section], default: .document)
            return .required(triggers: triggers, groups: groups, scope: scopeUnit)
        default:
            return nil
        }
    }

    mutating func scope(_ node: Node?, allowed: [RuleScope], default fallback: RuleScope) -> RuleScope {
        guard let node, let text = string(node, what: "'scope'") else { return fallback }
        if let scope = RuleScope(rawValue: text), allowed.contains(scope) { return scope }
        fail(node, "scope must be \(allowed.map(\.rawValue).joined(separator: " or ")), not '\(text)'\(DidYouMean.hint(text, in: allowed.map(\.rawValue)))")
        return fallback
    }
}
