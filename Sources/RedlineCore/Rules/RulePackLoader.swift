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
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Reads rule packs from YAML and validates them: unknown keys, missing fields, bad values,
/// duplicate ids and undefined `%{name}` fragments are each reported with file:line:col.
public enum RulePackLoader {
    static let packKeys: Set<String> = ["name", "version", "description", "define", "rules"]
    static let commonRuleKeys: Set<String> = [
        "id", "kind", "category", "severity", "score", "message", "suggestion", "rationale", "references",
        "case_sensitive", "match_on", "examples", "examples_format",
    ]
    static let kindKeys: [String: Set<String>] = [
        "pattern": ["patterns", "unless", "unless_after", "in_hidden"],
        "near": ["all", "within", "scope", "unless", "unless_after", "in_hidden"],
        "required": ["trigger", "require", "scope"],
    ]

    /// The `.yaml` / `.yml` files of a directory, sorted, or the file itself.
    public static func packFiles(in path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [path] }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { (path as NSString).appendingPathComponent($0) }
    }

    /// Loads and validates every pack in `files`; a pack named like an earlier one replaces it.
    /// Throws `RuleLoadErrors` holding every problem found.
    public static func load(files: [String]) throws(RuleLoadErrors) -> [RulePack] {
        let (packs, errors) = loadCollectingErrors(files: files)
        guard errors.isEmpty else { throw RuleLoadErrors(errors: errors) }
        return packs
    }

    /// Loads what can be loaded and returns it with every problem found, so that later
    /// checks (regex compilation) can still run on the usable rules.
    static func loadCollectingErrors(files: [String]) -> ([RulePack], [RuleLoadError]) {
        var packs: [RulePack] = []
        var errors: [RuleLoadError] = []
        for path in files {
            let file = RuleSet.displayName(ofPack: path)
            guard let data = FileManager.default.contents(atPath: path) else {
                errors.append(RuleLoadError(SourceLocation(file: file, line: 1, column: 1), "cannot read the rule pack"))
                continue
            }
            let (pack, packErrors) = parse(yaml: String(decoding: data, as: UTF8.self), file: file)
            errors += packErrors
            if let pack {
                packs.removeAll { $0.name == pack.name }
                packs.append(pack)
            }
        }
        var seen: [String: SourceLocation] = [:]
        for rule in packs.flatMap(\.rules) {
            if let first = seen[rule.id] {
                errors.append(RuleLoadError(rule.location, "duplicate rule id '\(rule.id)' (first defined at \(first))"))
            } else {
                seen[rule.id] = rule.location
            }
        }
        return (packs, errors)
    }

    /// Parses one pack's YAML text. Returns the pack (nil when unusable) and every problem.
    public static func parse(yaml: String, file: String) -> (RulePack?, [RuleLoadError]) {
        var reader = NodeReader(file: file)
        guard let root = reader.compose(yaml), let mapping = reader.mapping(root, what: "a rule pack") else { return (nil, reader.errors) }
        reader.checkKeys(mapping, allowed: packKeys, what: "rule pack")
        let name = reader.requiredString(mapping, "name", in: root) ?? ""
        let version = reader.scalarString(mapping["version"]) ?? { reader.missing("version", in: root); return "" }()
        let description = reader.requiredString(mapping, "description", in: root) ?? ""
        var defines: [String: String] = [:]
        if let defineNode = mapping["define"], let defineMapping = reader.mapping(defineNode, what: "'define'") {
            for (key, value) in defineMapping {
                if let k = key.string, let v = reader.string(value, what: "a pattern fragment") { defines[k] = v }
            }
        }
        var rules: [RuleSpec] = []
        if let rulesNode = mapping["rules"] {
            if let sequence = reader.sequence(rulesNode, what: "'rules'") {
                for ruleNode in sequence {
                    if let rule = reader.rule(ruleNode, pack: name, defines: defines) { rules.append(rule) }
                }
            }
        } else {
            reader.missing("rules", in: root)
        }
        let pack = RulePack(name: name, version: version, description: description, file: file, rules: rules)
        return (pack, reader.errors)
    }
}

/// The rule-pack part of reading YAML: patterns with `%{name}` fragments, rules, rule bodies.
extension NodeReader {
    /// Expands `%{name}` fragments; an unknown name is an error at the pattern. Contact
    /// references (`@url`, `@phone|@handle`) are allowed only where `contacts` says so, and
    /// must name known kinds.
    mutating func patterns(_ node: Node?, what: String, defines: [String: String], contacts: Bool = false) -> [PatternSource] {
        stringList(node, what: what).compactMap { text, item in
            let reference = PatternSource(text: text, location: location(item))
            if reference.looksLikeContactReference {
                let kinds = ContactKind.allCases.map { "@\($0.rawValue)" } + ["@contact"]
                if !contacts {
                    fail(item, "contact reference \(text) is allowed only in 'patterns' and 'all'")
                } else if reference.contactKinds == nil {
                    fail(item, "unknown contact kind in \(text) (known: \(kinds.joined(separator: ", ")))")
                }
                return reference
            }
            switch Self.expandingFragments(text, defines: defines) {
            case .success(let expanded): return PatternSource(text: expanded, location: location(item))
            case .failure(let problem): fail(item, problem.message); return nil
            }
        }
    }

    /// Why a pattern's `%{name}` fragments cannot be expanded.
    struct FragmentProblem: Error {
        var message: String
    }

    /// `text` with every `%{name}` replaced by its fragment from `defines`. Works on the
    /// UTF-8 view: every pack pattern passes through here at start-up.
    static func expandingFragments(_ text: String, defines: [String: String]) -> Result<String, FragmentProblem> {
        let utf8 = text.utf8
        var result = ""
        var copiedUpTo = utf8.startIndex
        var searchFrom = utf8.startIndex
        while let percent = utf8[searchFrom...].firstIndex(of: UInt8(ascii: "%")) {
            let brace = utf8.index(after: percent)
            guard brace < utf8.endIndex, utf8[brace] == UInt8(ascii: "{") else { searchFrom = brace; continue }
            let nameStart = utf8.index(after: brace)
            guard let close = utf8[nameStart...].firstIndex(of: UInt8(ascii: "}")) else {
                return .failure(FragmentProblem(message: "unterminated '%{' in pattern \(text)"))
            }
            let name = String(text[nameStart..<close])
            guard let fragment = defines[name] else {
                return .failure(FragmentProblem(message: "pattern uses %{\(name)}, which the pack's 'define' does not define"))
            }
            result += text[copiedUpTo..<percent]
            result += fragment
            copiedUpTo = utf8.index(after: close)
            searchFrom = copiedUpTo
        }
        result += text[copiedUpTo...]
        return .success(result)
    }

    mutating func rule(_ node: Node, pack: String, defines: [String: String]) -> RuleSpec? {
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
            fail(m["kind"], "unknown rule kind '\(kind)' (expected pattern, near or required)")
        }
        checkKeys(m, allowed: allowed, what: "rule '\(id)'")
        let category = requiredString(m, "category", in: node).map(Category.init(rawValue:)) ?? .unsafeClaim
        var severity = Severity.warning
        if let text = requiredString(m, "severity", in: node) {
            if let value = Severity(rawValue: text) { severity = value } else { fail(m["severity"], "severity must be error, warning or info, not '\(text)'") }
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
            if let value = MatchTarget(rawValue: text) { matchOn = value } else { fail(node, "match_on must be normalized or original, not '\(text)'") }
        }
        var inHidden = false
        if let node = m["in_hidden"] {
            if let value = node.bool { inHidden = value } else { fail(node, "in_hidden must be true or false") }
        }
        var examplesFormat = DocumentFormat.plain
        if let node = m["examples_format"], let text = string(node, what: "'examples_format'") {
            if let value = DocumentFormat(rawValue: text) { examplesFormat = value } else { fail(node, "examples_format must be plain, markdown or html, not '\(text)'") }
        }
        let body = self.body(kind: kind, m, node: node, defines: defines)
        var matchExamples: [ExampleSource] = []
        var noMatchExamples: [ExampleSource] = []
        if let examplesNode = m["examples"], let examples = mapping(examplesNode, what: "'examples'") {
            checkKeys(examples, allowed: ["match", "no_match"], what: "examples of '\(id)'")
            matchExamples = stringList(examples["match"], what: "'match'").map { ExampleSource(text: $0, location: location($1)) }
            noMatchExamples = stringList(examples["no_match"], what: "'no_match'").map { ExampleSource(text: $0, location: location($1)) }
        }
        if matchExamples.isEmpty || noMatchExamples.isEmpty {
            fail(node, "rule '\(id)' needs examples: at least one 'match' and one 'no_match' string")
        }
        guard !id.isEmpty, let body else { return nil }
        return RuleSpec(id: id, category: category, severity: severity, score: score, message: message,
                        suggestion: suggestion, rationale: rationale, references: references,
                        caseSensitive: caseSensitive, matchOn: matchOn, inHidden: inHidden, examplesFormat: examplesFormat, body: body,
                        matchExamples: matchExamples, noMatchExamples: noMatchExamples, location: location(node))
    }

    mutating func body(kind: String, _ m: Node.Mapping, node: Node, defines: [String: String]) -> RuleBody? {
        let unless = patterns(m["unless"], what: "'unless'", defines: defines)
        let unlessAfter = patterns(m["unless_after"], what: "'unless_after'", defines: defines)
        switch kind {
        case "pattern":
            let list = patterns(m["patterns"], what: "'patterns'", defines: defines, contacts: true)
            if list.isEmpty { fail(m["patterns"] ?? node, "a pattern rule needs at least one entry in 'patterns'"); return nil }
            return .pattern(patterns: list, unless: unless, unlessAfter: unlessAfter)
        case "near":
            let parts = patterns(m["all"], what: "'all'", defines: defines, contacts: true)
            if parts.count < 2 { fail(m["all"] ?? node, "a near rule needs at least two entries in 'all'"); return nil }
            guard let within = m["within"]?.int, within > 0 else { fail(m["within"] ?? node, "a near rule needs 'within': a whole number of tokens > 0"); return nil }
            let scope = self.scope(m["scope"], allowed: [.sentence, .paragraph], default: .sentence)
            return .near(parts: parts, within: within, scope: scope, unless: unless, unlessAfter: unlessAfter)
        case "required":
            let triggers = patterns(m["trigger"], what: "'trigger'", defines: defines)
            if triggers.isEmpty { fail(m["trigger"] ?? node, "a required rule needs at least one 'trigger' pattern"); return nil }
            var groups: [RequireGroup] = []
            if let requireNode = m["require"], let list = sequence(requireNode, what: "'require'") {
                for groupNode in list {
                    guard let group = mapping(groupNode, what: "a 'require' group") else { continue }
                    checkKeys(group, allowed: ["name", "patterns"], what: "a 'require' group")
                    let name = requiredString(group, "name", in: groupNode) ?? ""
                    let groupPatterns = patterns(group["patterns"], what: "'patterns'", defines: defines)
                    if groupPatterns.isEmpty { fail(groupNode, "require group '\(name)' needs at least one pattern") }
                    groups.append(RequireGroup(name: name, patterns: groupPatterns))
                }
            }
            if groups.isEmpty { fail(m["require"] ?? node, "a required rule needs at least one 'require' group"); return nil }
            let scope = self.scope(m["scope"], allowed: [.document, .section], default: .document)
            return .required(triggers: triggers, groups: groups, scope: scope)
        default:
            return nil
        }
    }

    mutating func scope(_ node: Node?, allowed: [RuleScope], default fallback: RuleScope) -> RuleScope {
        guard let node, let text = string(node, what: "'scope'") else { return fallback }
        if let scope = RuleScope(rawValue: text), allowed.contains(scope) { return scope }
        fail(node, "scope must be \(allowed.map(\.rawValue).joined(separator: " or ")), not '\(text)'")
        return fallback
    }
}
