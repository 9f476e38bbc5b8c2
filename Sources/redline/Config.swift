import ArgumentParser
import RedlineCore

/// `redline config --show [PATH]`
struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the effective configuration and where each value comes from.",
        discussion: "Reads --config, or the nearest \(Configuration.fileName) in or above PATH (default: the current directory), applies the flags given, checks every selector against the rules, and prints the result as YAML with each value's origin: default, file:line:col, or the flag.")

    @Flag(name: .customLong("show"), help: "Print the effective configuration.")
    var show = false

    @Argument(help: "Where to look for the configuration file from.")
    var path: String?

    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("fail-on"), help: "As for scan: error, warning, info or none.")
    var failOn: String?

    func validate() throws {
        guard show else { throw ValidationError("nothing to do: give --show") }
        _ = try failOn.map(ReportOptions.severity)
    }

    func run() throws {
        var configuration = try rules.configuration(near: path)
        if let failOn { configuration.setFailOn(try ReportOptions.severity(failOn)) }
        _ = try rules.loadRuleSet(configuration)
        print(configuration.effectiveYAML, terminator: "")
    }
}
