import ArgumentParser
import Foundation
import RedlineCore

/// `redline`: the command-line face of RedlineCore.
@main
struct Redline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redline",
        abstract: "Content-compliance and spam scanner for health writing.",
        version: "0.1.0",
        subcommands: [Scan.self, Diff.self, Eval.self, Rules.self, Text.self, Config.self],
        defaultSubcommand: Scan.self
    )

    /// Runs the command; usage and configuration errors exit 2 (not ArgumentParser's 64).
    static func main() {
        MemoryPolicy.apply()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// Options for choosing rule packs and the configuration file, shared by `scan`, `diff`,
/// `eval`, `rules` and `config`.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: "A rule pack file or a directory of packs; adds packs, or replaces a default pack of the same name. Repeatable.")
    var ruleDirectories: [String] = []

    @Flag(name: .customLong("no-default-rules"), help: "Do not load the default packs.")
    var noDefaultRules = false

    @Option(name: .customLong("only-rules"), help: "Run only these rules, packs or categories (comma-separated, repeatable).")
    var only: [String] = []

    @Option(name: .customLong("disable"), help: "Do not run these rules, packs or categories (comma-separated, repeatable).")
    var disable: [String] = []

    @Option(name: .customLong("enable"), help: "Also run these rules or packs that are off by default (`enabled: false`; comma-separated, repeatable).")
    var enable: [String] = []

    @Option(name: .customLong("config"), help: "The configuration file (default: the nearest \(Configuration.fileName) in or above the first path, or the current directory).")
    var config: String?

    private func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// The configuration: `--config`, or the nearest `.redline.yml` in or above `path` (the
    /// current directory when `nil`), or the defaults; with `--rules` and `--disable` added.
    /// On a problem in the file, prints every one (file:line:col) and exits 2.
    func configuration(near path: String?) throws -> Configuration {
        var configuration: Configuration
        do {
            configuration = try (config ?? Configuration.discover(from: path ?? ".")).map { try Configuration.load(path: $0) } ?? Configuration()
        } catch let configurationErrors as RuleLoadErrors {
            // Every problem at once: the packs' problems too, not only the file's.
            var files = noDefaultRules ? [] : RuleSet.defaultPackFiles()
            for path in ruleDirectories { files += RulePackLoader.packFiles(in: path) }
            var errors = configurationErrors.errors
            do { _ = try RuleSet.load(files: files) } catch { errors += error.errors }
            return try reportingLoadErrors { throw RuleLoadErrors(errors: errors) }
        }
        configuration.addRuleDirectories(ruleDirectories)
        configuration.addDisabled(split(disable))
        return configuration
    }

    /// Loads the packs of the configuration near the current directory (see `loadRuleSet(_:)`).
    /// Rules that are off by default are kept: the `rules` tools test, lint and explain them too.
    func loadRuleSet() throws -> RuleSet {
        try loadRuleSet(try configuration(near: nil), keepingRulesOffByDefault: true)
    }

    /// Loads the packs (default ones unless `--no-default-rules`, and the configuration's
    /// `rules`) and selects the rules the configuration and `--only-rules` name; on any
    /// problem prints every one (file:line:col) and exits 2.
    func loadRuleSet(_ configuration: Configuration, keepingRulesOffByDefault: Bool = false) throws -> RuleSet {
        var files = noDefaultRules ? [] : RuleSet.defaultPackFiles()
        for path in configuration.ruleDirectories { files += RulePackLoader.packFiles(in: path.value) }
        return try reportingLoadErrors {
            let ruleSet = try RuleSet.load(files: files, keepingRulesOffByDefault: true)
            let unknown = ruleSet.selecting(only: split(only), disabled: split(disable)).unknown
            if !unknown.isEmpty {
                let known = ruleSet.specs.flatMap { [$0.id, String($0.id.prefix { $0 != "/" }), $0.category.rawValue] }
                throw ValidationError("unknown rule, pack or category: " + unknown.map { $0 + RuleSet.didYouMean($0, in: known) }.joined(separator: ", "))
            }
            let unknownEnabled = split(enable).filter { name in !ruleSet.specs.contains { $0.id == name || $0.id.hasPrefix(name + "/") } }
            if !unknownEnabled.isEmpty {
                let names = ruleSet.specs.map(\.id) + ruleSet.packs.map(\.name)
                throw ValidationError("unknown rule or pack in --enable: " + unknownEnabled.map { $0 + RuleSet.didYouMean($0, in: names) }.joined(separator: ", "))
            }
            let selected = try configuration.select(ruleSet).selecting(only: split(only), disabled: []).0
            return keepingRulesOffByDefault ? selected : selected.enabling(split(enable) + split(only))
        }
    }

    private func reportingLoadErrors<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let errors as RuleLoadErrors {
            Console.error(errors.description)
            Console.error("\(errors.errors.count) problem(s) in the rule packs or the configuration")
            throw ExitCode(2)
        }
    }
}

/// Writing to standard error.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
