import Foundation

/// The compiled rules of a scan, with the packs they came from.
public struct RuleSet: Sendable {
    /// The packs, in load order.
    public let packs: [RulePack]
    let rules: [any CompiledRule]
    /// Every vocabulary file of the load, for `rules explain` and `rules lint`.
    public let vocabulary: VocabularyLibrary

    /// The specs of the active rules, in load order.
    public var specs: [RuleSpec] { rules.map(\.spec) }

    /// The default packs shipped with Redline (package resources).
    public static func defaultPackFiles() -> [String] {
        guard let directory = defaultPackDirectory else { return [] }
        return RulePackLoader.packFiles(in: directory)
    }

    /// Where the default packs live inside the resource bundle.
    static let defaultPackDirectory = Bundle.module.url(forResource: "Rules", withExtension: nil)?.path

    /// The names by which the packs in `paths` (files or directories) appear in `RulePack.file`.
    public static func packFileNames(in paths: [String]) -> Set<String> {
        Set(paths.flatMap(RulePackLoader.packFiles(in:)).map(displayName(ofPack:)))
    }

    /// Whether `file` (a display name) is one of the default packs or vocabularies.
    static func isDefaultPackFile(_ file: String) -> Bool {
        defaultPackDisplayNames.contains(file)
    }

    /// The display names of the default packs and vocabularies, listed once.
    private static let defaultPackDisplayNames = Set(defaultPackFiles().map(displayName(ofPack:)))

    /// How a pack file is named in messages: default packs as `Rules/NAME.yaml`, as in the repository.
    static func displayName(ofPack path: String) -> String {
        guard let directory = defaultPackDirectory, path.hasPrefix(directory + "/") else { return path }
        return "Rules/" + path.dropFirst(directory.count + 1)
    }

    /// Loads, validates and compiles the packs in `files` (later files replace earlier packs
    /// of the same name). Every problem, in YAML or in a regex, is reported at once. Rules that
    /// are off by default (`enabled: false`) are left out unless `keepingRulesOffByDefault`
    /// (then `enabling(_:)` chooses among them).
    public static func load(files: [String], keepingRulesOffByDefault: Bool = false) throws(RuleLoadErrors) -> RuleSet {
        let loaded = RulePackLoader.loadCollectingErrors(files: files)
        let packs = loaded.packs
        var errors = loaded.errors
        var rules: [any CompiledRule] = []
        var compiled: [RegexKey: Regex] = [:]
        for spec in packs.flatMap(\.rules) {
            switch RuleCompiler.compile(spec, sharing: &compiled) {
            case .success(let rule): rules.append(rule)
            case .failure(let failure): errors += failure.errors
            }
        }
        guard errors.isEmpty else {
            errors.sort { ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column) }
            throw RuleLoadErrors(errors: errors)
        }
        let all = RuleSet(packs: packs, rules: rules, vocabulary: loaded.vocabulary)
        return keepingRulesOffByDefault ? all : all.enabling([])
    }

    /// The rules selected by `only` (empty: all) minus `disabled`. Each selector names a rule
    /// id, a pack name or a category. Unknown selectors are returned so the caller can report them.
    public func selecting(only: [String], disabled: [String]) -> (RuleSet, unknown: [String]) {
        let known = Set(rules.flatMap { $0.spec.selectorNames })
        let unknown = (only + disabled).filter { !known.contains($0) }
        let selected = rules.filter { rule in
            let names = rule.spec.selectorNames
            return (only.isEmpty || !names.isDisjoint(with: only)) && names.isDisjoint(with: disabled)
        }
        return (RuleSet(packs: packs, rules: selected, vocabulary: vocabulary), unknown)
    }

    /// The set without the rules that are off by default (`enabled: false`), except those whose
    /// id or pack `names` holds.
    public func enabling(_ names: [String]) -> RuleSet {
        RuleSet(packs: packs, rules: rules.filter { rule in
            rule.spec.enabledByDefault || names.contains(rule.spec.id) || names.contains(String(rule.spec.id.prefix { $0 != "/" }))
        }, vocabulary: vocabulary)
    }

    /// The prefilter of each text layer: every hit pattern of the rules matching on it.
    func prefilterSets() -> PerTarget<RegexSet?> {
        var sets = PerTarget<RegexSet?>()
        for target in MatchTarget.allCases {
            let matching = rules.filter { $0.spec.matchOn == target }
            var regexes = matching.isEmpty ? nil : matching.flatMap(\.hitRegexes)
            // Contact tokens are found in the extracted text, by the contact scanner's own regexes.
            if target == .original, rules.contains(where: \.usesContacts) { regexes = (regexes ?? []) + ContactScanner.regexes }
            sets[target] = regexes.map { RegexSet($0) }
        }
        return sets
    }

    /// JIT-compiles every regex of the set now instead of on its first match (see `Regex`)
    /// and returns how many distinct regexes that was. `RedlineBench startup` times it: the
    /// share of start-up that lazy JIT leaves to the scan.
    public func compileJITNow() -> Int {
        var seen: Set<ObjectIdentifier> = []
        for regex in rules.flatMap(\.regexes) where seen.insert(ObjectIdentifier(regex)).inserted {
            _ = regex.isJITCompiled
        }
        return seen.count
    }

    /// Every distinct pattern that makes hits, in rule order (for `redline rules export`).
    public func hitPatterns() -> [String] {
        var seen: Set<String> = []
        return rules.flatMap(\.hitRegexes).map(\.pattern).filter { seen.insert($0).inserted }
    }

    /// The names a rule answers to in a selector (`--only-rules`, `--disable`, inline
    /// suppressions, the configuration file): its id, its pack's name and its category.
    static func selectorNames(rule id: String, category: Category) -> Set<String> {
        [id, String(id.prefix { $0 != "/" }), category.rawValue]
    }

    /// The rules of the packs `keep` accepts, with every pack kept for reference.
    func restricted(to keep: (RulePack) -> Bool) -> RuleSet {
        let packNames = Set(packs.filter(keep).map(\.name))
        return RuleSet(packs: packs, rules: rules.filter { packNames.contains(String($0.spec.id.prefix { $0 != "/" })) }, vocabulary: vocabulary)
    }

    /// A set holding only `rule`.
    func only(_ rule: any CompiledRule) -> RuleSet { RuleSet(packs: packs, rules: [rule], vocabulary: vocabulary) }
}

extension RuleSpec {
    /// See `RuleSet.selectorNames(rule:category:)`.
    var selectorNames: Set<String> { RuleSet.selectorNames(rule: id, category: category) }
}

extension Finding {
    /// See `RuleSet.selectorNames(rule:category:)`.
    var selectorNames: Set<String> { RuleSet.selectorNames(rule: rule, category: category) }
}
