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
        subcommands: [Scan.self, Eval.self, Rules.self, Text.self],
        defaultSubcommand: Scan.self
    )

    /// Runs the command; usage and configuration errors exit 2 (not ArgumentParser's 64).
    static func main() {
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

/// Options for choosing rule packs, shared by `scan` and `rules`.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: "A rule pack file or a directory of packs; adds packs, or replaces a default pack of the same name. Repeatable.")
    var ruleDirectories: [String] = []

    @Flag(name: .customLong("no-default-rules"), help: "Do not load the default packs.")
    var noDefaultRules = false

    @Option(name: .customLong("only-rules"), help: "Run only these rules, packs or categories (comma-separated, repeatable).")
    var only: [String] = []

    @Option(name: .customLong("disable"), help: "Do not run these rules, packs or categories (comma-separated, repeatable).")
    var disable: [String] = []

    /// Loads the packs; on any problem prints every one (file:line:col) and exits 2.
    func loadRuleSet() throws -> RuleSet {
        var files = noDefaultRules ? [] : RuleSet.defaultPackFiles()
        for path in ruleDirectories { files += RulePackLoader.packFiles(in: path) }
        do {
            let ruleSet = try RuleSet.load(files: files)
            let split = { (values: [String]) in values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } }
            let (selected, unknown) = ruleSet.selecting(only: split(only), disabled: split(disable))
            if !unknown.isEmpty {
                throw ValidationError("unknown rule, pack or category: \(unknown.joined(separator: ", "))")
            }
            return selected
        } catch let errors as RuleLoadErrors {
            Console.error(errors.description)
            Console.error("\(errors.errors.count) problem(s) in the rule packs")
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
