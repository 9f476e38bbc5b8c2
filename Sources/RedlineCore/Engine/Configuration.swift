import Foundation
import Yams

/// A project's settings, from `.redline.yml` (found by walking up from the scanned path, like
/// `.swiftlint.yml` or `.vale.ini`, or given with `--config`) and from command-line flags,
/// each value with where it came from (`redline config --show` prints them):
///
/// ```yaml
/// packs: [unsafe-claims, illicit-sale]   # the packs to use (default: all)
/// rules: [team-packs/]                   # more pack files or directories
/// disable: [spam-residue, unsafe-claims/cure-claim]   # rules, packs or categories
/// severity: {unsafe-claims/low-risk-of-side-effects: info}   # by rule, pack or category
/// fail-on: warning                       # error, warning, info or none
/// thresholds: {review: 2, reject: 8}
/// ignore: ["drafts/**", "*.tmp.md"]      # not walked into (explicitly named files still are)
/// overrides:                             # for the documents whose paths match
///   - paths: ["archive/**"]
///     disable: [spam-residue]
///     severity: {unsafe-claim: warning}
///     fail-on: none
/// ```
///
/// Paths and globs are relative to the file's directory. Unknown keys, bad values and
/// selectors that name no rule, pack or category are errors with file, line and column.
public struct Configuration: Sendable {
    /// The name looked for when walking up.
    public static let fileName = ".redline.yml"

    /// Where a value came from.
    public enum Origin: Sendable, Equatable, CustomStringConvertible {
        case defaultValue
        case file(SourceLocation)
        case flag(String)

        public var description: String {
            switch self {
            case .defaultValue: "default"
            case .file(let location): location.description
            case .flag(let flag): flag
            }
        }
    }

    /// A value and where it came from.
    public struct Sourced<Value: Sendable>: Sendable {
        public var value: Value
        public var origin: Origin

        public init(_ value: Value, _ origin: Origin) {
            self.value = value
            self.origin = origin
        }
    }

    /// Settings for the documents whose paths match `paths`.
    public struct Override: Sendable {
        public var paths: [PathGlob]
        public var disable: [Sourced<String>]
        public var severity: [Sourced<SeverityOverride>]
        /// `nil`: the run's; `.some(nil)`: nothing fails (`none`).
        public var failOn: Severity??
        public var origin: SourceLocation
    }

    /// A severity given to the rules a selector names.
    public struct SeverityOverride: Sendable, Equatable {
        public var selector: String
        public var severity: Severity
    }

    /// The file read, if any.
    public private(set) var file: String?
    /// Where relative paths and globs start: the file's directory, or the current directory.
    public private(set) var directory: String
    /// The packs to use, by name; `nil`: all.
    public var packs: Sourced<[String]>?
    public var ruleDirectories: [Sourced<String>] = []
    public var disable: [Sourced<String>] = []
    public var severity: [Sourced<SeverityOverride>] = []
    public var failOn: Sourced<Severity?> = Sourced(.error, .defaultValue)
    public var thresholds: Sourced<ScoreThresholds> = Sourced(.default, .defaultValue)
    public var ignore: [Sourced<PathGlob>] = []
    public var overrides: [Override] = []
    /// The current directory when the configuration was made, for relative document paths.
    private let workingDirectory: String

    /// The defaults, with paths relative to `directory` (the current directory by default).
    public init(directory: String? = nil) {
        workingDirectory = FileManager.default.currentDirectoryPath
        self.directory = Self.absolute(directory ?? workingDirectory, from: workingDirectory)
    }

    // MARK: Finding and reading the file

    /// The nearest `.redline.yml` in the directory of `path` (or `path` itself, if a
    /// directory) or any directory above it; relative to the current directory when inside it.
    public static func discover(from path: String) -> String? {
        let workingDirectory = absolute(".", from: FileManager.default.currentDirectoryPath)
        var directory = absolute(path, from: workingDirectory)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            directory = (directory as NSString).deletingLastPathComponent
        }
        while true {
            let candidate = (directory as NSString).appendingPathComponent(fileName)
            if FileManager.default.fileExists(atPath: candidate) {
                return candidate.hasPrefix(workingDirectory + "/") ? String(candidate.dropFirst(workingDirectory.count + 1)) : candidate
            }
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory || parent.isEmpty { return nil }
            directory = parent
        }
    }

    /// Reads the configuration file at `path`; every problem is reported at once.
    public static func load(path: String) throws(RuleLoadErrors) -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleLoadErrors(errors: [RuleLoadError(SourceLocation(file: path, line: 1, column: 1), "cannot read the configuration file")])
        }
        let directory = (absolute(path, from: FileManager.default.currentDirectoryPath) as NSString).deletingLastPathComponent
        var reader = NodeReader(file: path)
        var configuration = Configuration(directory: directory)
        configuration.file = path
        if let root = reader.compose(String(decoding: data, as: UTF8.self)) {
            configuration.read(root, with: &reader)
        }
        guard reader.errors.isEmpty else {
            throw RuleLoadErrors(errors: reader.errors.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) })
        }
        return configuration
    }

    static let keys: Set<String> = ["packs", "rules", "disable", "severity", "fail-on", "thresholds", "ignore", "overrides"]
    static let overrideKeys: Set<String> = ["paths", "disable", "severity", "fail-on"]

    private mutating func read(_ root: Node, with reader: inout NodeReader) {
        guard let mapping = reader.mapping(root, what: "the configuration") else { return }
        reader.checkKeys(mapping, allowed: Self.keys, what: "the configuration")
        func origin(_ node: Node) -> Origin { .file(reader.location(node)) }
        if let node = mapping["packs"] { packs = Sourced(reader.stringList(node, what: "'packs'").map(\.0), origin(node)) }
        ruleDirectories = reader.stringList(mapping["rules"], what: "'rules'").map { Sourced(resolve($0), origin($1)) }
        disable = Self.selectors(mapping["disable"], what: "'disable'", reader: &reader)
        severity = Self.severities(mapping["severity"], reader: &reader)
        if let node = mapping["fail-on"], let value = Self.failOn(node, reader: &reader) { failOn = Sourced(value, origin(node)) }
        if let node = mapping["thresholds"], let value = Self.thresholds(node, reader: &reader) { thresholds = Sourced(value, origin(node)) }
        ignore = reader.stringList(mapping["ignore"], what: "'ignore'").map { Sourced(PathGlob($0), origin($1)) }
        guard let node = mapping["overrides"], let list = reader.sequence(node, what: "'overrides'") else { return }
        for item in list {
            guard let entry = reader.mapping(item, what: "an override") else { continue }
            reader.checkKeys(entry, allowed: Self.overrideKeys, what: "an override")
            let paths = reader.stringList(entry["paths"], what: "'paths'").map { PathGlob($0.0) }
            if paths.isEmpty { reader.fail(entry["paths"] ?? item, "an override needs 'paths': the globs of the documents it applies to") }
            overrides.append(Override(
                paths: paths, disable: Self.selectors(entry["disable"], what: "'disable'", reader: &reader),
                severity: Self.severities(entry["severity"], reader: &reader),
                failOn: entry["fail-on"].flatMap { Self.failOn($0, reader: &reader) }, origin: reader.location(item)))
        }
    }

    private static func selectors(_ node: Node?, what: String, reader: inout NodeReader) -> [Sourced<String>] {
        reader.stringList(node, what: what).flatMap { text, item in
            text.split(separator: ",").map { Sourced($0.trimmingCharacters(in: .whitespaces), .file(reader.location(item))) }
        }
    }

    private static func severities(_ node: Node?, reader: inout NodeReader) -> [Sourced<SeverityOverride>] {
        guard let node, let mapping = reader.mapping(node, what: "'severity' (rule, pack or category: error, warning or info)") else { return [] }
        return mapping.compactMap { key, value in
            guard let selector = reader.string(key, what: "a rule, pack or category"), let text = reader.string(value, what: "a severity") else { return nil }
            guard let severity = Severity(rawValue: text) else {
                reader.fail(value, "severity must be error, warning or info, not '\(text)'")
                return nil
            }
            return Sourced(SeverityOverride(selector: selector, severity: severity), .file(reader.location(key)))
        }
    }

    private static func failOn(_ node: Node, reader: inout NodeReader) -> Severity?? {
        guard let text = reader.string(node, what: "'fail-on'") else { return nil }
        if text == "none" { return .some(nil) }
        guard let severity = Severity(rawValue: text) else {
            reader.fail(node, "fail-on must be error, warning, info or none, not '\(text)'")
            return nil
        }
        return .some(severity)
    }

    private static func thresholds(_ node: Node, reader: inout NodeReader) -> ScoreThresholds? {
        guard let mapping = reader.mapping(node, what: "'thresholds'") else { return nil }
        reader.checkKeys(mapping, allowed: ["review", "reject"], what: "'thresholds'")
        var values = ScoreThresholds.default
        for key in ["review", "reject"] {
            guard let value = mapping[key] else { continue }
            guard let number = value.scalar.flatMap({ Double($0.string) }), number >= 0 else {
                reader.fail(value, "'\(key)' must be a number >= 0")
                return nil
            }
            if key == "review" { values.review = number } else { values.reject = number }
        }
        if values.review > values.reject { reader.fail(node, "'review' must not be above 'reject'") }
        return values
    }

    // MARK: Flags

    /// Adds pack files or directories given with `--rules`.
    public mutating func addRuleDirectories(_ paths: [String]) {
        ruleDirectories += paths.map { Sourced($0, .flag("--rules")) }
    }

    /// Adds selectors given with `--disable`.
    public mutating func addDisabled(_ selectors: [String]) {
        disable += selectors.map { Sourced($0, .flag("--disable")) }
    }

    /// Sets the fail-on severity from `--fail-on`; the flag also wins over the per-path overrides.
    public mutating func setFailOn(_ severity: Severity?, flag: String = "--fail-on") {
        failOn = Sourced(severity, .flag(flag))
        for index in overrides.indices { overrides[index].failOn = nil }
    }

    // MARK: Applying

    /// `ruleSet` narrowed to `packs` and without `disable`. Every selector of the
    /// configuration (disable, severity, overrides) must name a rule, pack or category of
    /// `ruleSet`, and every name in `packs` a pack; problems are reported at once.
    public func select(_ ruleSet: RuleSet) throws(RuleLoadErrors) -> RuleSet {
        let known = Set(ruleSet.specs.flatMap(\.selectorNames))
        let packNames = Set(ruleSet.packs.map(\.name))
        var errors: [RuleLoadError] = []
        func check(_ name: String, _ origin: Origin, pack: Bool = false) {
            guard case .file(let location) = origin, !(pack ? packNames : known).contains(name) else { return }
            errors.append(RuleLoadError(location, pack ? "no pack named '\(name)'\(RuleSet.didYouMean(name, in: Array(packNames))) (packs: \(packNames.sorted().joined(separator: ", ")))"
                                                       : "'\(name)' names no rule, pack or category\(RuleSet.didYouMean(name, in: Array(known))) (see redline rules list)"))
        }
        for name in packs?.value ?? [] { check(name, packs!.origin, pack: true) }
        for entry in disable { check(entry.value, entry.origin) }
        for entry in severity + overrides.flatMap(\.severity) { check(entry.value.selector, entry.origin) }
        for entry in overrides.flatMap(\.disable) { check(entry.value, entry.origin) }
        guard errors.isEmpty else { throw RuleLoadErrors(errors: errors) }
        return ruleSet.selecting(only: packs?.value ?? [], disabled: disable.map(\.value)).0
    }

    /// What applies to the document at `path`: the rules it disables and the severities it
    /// changes (the configuration's, then each matching override's in order).
    func policy(forPath path: String) -> DocumentPolicy {
        var policy = DocumentPolicy(severity: Dictionary(severity.map { ($0.value.selector, $0.value.severity) }, uniquingKeysWith: { $1 }))
        guard !overrides.isEmpty, let relative = relativePath(path) else { return policy }
        for override in overrides where override.paths.contains(where: { $0.matches(relative) }) {
            policy.disabled.formUnion(override.disable.map(\.value))
            for entry in override.severity { policy.severity[entry.value.selector] = entry.value.severity }
        }
        return policy
    }

    /// The fail-on severity for the document at `path`: the last matching override's, or `fallback`.
    public func failOn(forPath path: String, fallback: Severity?) -> Severity? {
        guard let relative = relativePath(path) else { return fallback }
        return overrides.last { $0.failOn != nil && $0.paths.contains { $0.matches(relative) } }?.failOn ?? fallback
    }

    /// Whether a path found by walking a directory is left out (`ignore`).
    public func isIgnored(_ path: String) -> Bool {
        guard !ignore.isEmpty, let relative = relativePath(path) else { return false }
        return ignore.contains { $0.value.matches(relative) }
    }

    /// `path` relative to `directory`, or `nil` when it lies outside.
    private func relativePath(_ path: String) -> String? {
        let full = Self.absolute(path, from: workingDirectory)
        return full.hasPrefix(directory + "/") ? String(full.dropFirst(directory.count + 1)) : nil
    }

    /// A path given in the file, made usable from the current directory.
    private func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
    }

    private static func absolute(_ path: String, from base: String) -> String {
        URL(fileURLWithPath: path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)).standardized.path
    }

    // MARK: Showing

    /// The effective configuration as YAML, each value followed by where it came from.
    public var effectiveYAML: String {
        let quote = { (text: String) in "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        let list = { (entries: [Sourced<String>]) in entries.map { "\n  - \(quote($0.value))  # \($0.origin)" }.joined() }
        var text = "# Effective Redline configuration; file: \(file ?? "none (defaults)")\n"
        text += packs.map { "packs: [\($0.value.map(quote).joined(separator: ", "))]  # \($0.origin)\n" } ?? "packs: all  # default\n"
        text += ruleDirectories.isEmpty ? "rules: []  # default\n" : "rules:\(list(ruleDirectories))\n"
        text += disable.isEmpty ? "disable: []  # default\n" : "disable:\(list(disable))\n"
        text += severity.isEmpty ? "severity: {}  # default\n"
            : "severity:" + severity.map { "\n  \(quote($0.value.selector)): \($0.value.severity)  # \($0.origin)" }.joined() + "\n"
        text += "fail-on: \(failOn.value?.rawValue ?? "none")  # \(failOn.origin)\n"
        let limits = thresholds.value
        text += "thresholds: {review: \(ReportText.number(limits.review)), reject: \(ReportText.number(limits.reject))}  # \(thresholds.origin)\n"
        text += ignore.isEmpty ? "ignore: []  # default\n" : "ignore:" + ignore.map { "\n  - \(quote($0.value.pattern))  # \($0.origin)" }.joined() + "\n"
        guard !overrides.isEmpty else { return text + "overrides: []  # default\n" }
        text += "overrides:\n"
        for override in overrides {
            text += "  - paths: [\(override.paths.map { quote($0.pattern) }.joined(separator: ", "))]  # \(override.origin)\n"
            if !override.disable.isEmpty { text += "    disable: [\(override.disable.map { quote($0.value) }.joined(separator: ", "))]\n" }
            if !override.severity.isEmpty {
                text += "    severity: {\(override.severity.map { "\(quote($0.value.selector)): \($0.value.severity)" }.joined(separator: ", "))}\n"
            }
            if let failOn = override.failOn { text += "    fail-on: \(failOn?.rawValue ?? "none")\n" }
        }
        return text
    }
}

/// What the configuration says about one document.
struct DocumentPolicy: Equatable {
    /// Selectors of the rules that do not run on it.
    var disabled: Set<String> = []
    /// Severities by selector.
    var severity: [String: Severity] = [:]

    /// Whether `spec` runs on the document.
    func runs(_ spec: RuleSpec) -> Bool { disabled.isEmpty || spec.selectorNames.isDisjoint(with: disabled) }

    /// The severity of `spec`'s findings: by rule id, else pack, else category, else the rule's own.
    func severity(of spec: RuleSpec) -> Severity {
        guard !severity.isEmpty else { return spec.severity }
        return severity[spec.id] ?? severity[String(spec.id.prefix { $0 != "/" })] ?? severity[spec.category.rawValue] ?? spec.severity
    }
}
