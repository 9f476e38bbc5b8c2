import ArgumentParser
import Foundation
import RedlineCore

/// Options for where reports go and when a run fails, shared by `scan` and `diff`:
/// `--format FORMAT` (to `--output` or standard output) or `--format FORMAT=PATH` (a file
/// written atomically), repeatable, at most one format on standard output.
struct ReportOptions: ParsableArguments {
    @Option(name: .customLong("format"), help: "Report format (listed in the overview above; text by default); FORMAT=PATH writes that format to PATH. Repeatable.")
    var formats: [String] = []

    @Option(name: .customLong("output"), help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding (for diff: an introduced one) is at or above this severity: error, warning, info or none (default: the configuration's, else error).")
    var failOn: String?

    @Flag(name: .customLong("timestamp"), help: "Put the time of the run into SARIF, JUnit and HTML reports (they are reproducible without it).")
    var timestamp = false

    @Option(name: .customLong("color"), help: "Colour in text output: auto (terminal without NO_COLOR), always or never.")
    var color: String = "auto"

    func validate() throws {
        _ = try failOn.map(Self.severity)
        guard ["auto", "always", "never"].contains(color) else {
            throw ValidationError("--color must be auto, always or never, not '\(color)'")
        }
    }

    /// The severity a `--fail-on` value names (`nil` for `none`).
    static func severity(_ value: String) throws -> Severity? {
        guard value == "none" || Severity(rawValue: value) != nil else {
            throw ValidationError("--fail-on must be error, warning, info or none, not '\(value)'")
        }
        return Severity(rawValue: value)
    }

    /// Puts `--fail-on`, when given, into the configuration (where it wins over the file).
    func apply(to configuration: inout Configuration) throws {
        if let failOn { configuration.setFailOn(try Self.severity(failOn)) }
    }

    /// The time of the run for the reports, when `--timestamp` asks for it.
    var startTime: Date? { timestamp ? Date() : nil }

    /// Each `--format` with its destination, and whether one goes to standard output.
    func destinations() throws -> (entries: [(format: String, output: ReportOutput)], usesStandardOutput: Bool) {
        var entries: [(format: String, output: ReportOutput)] = []
        var usesStandardOutput = false
        for entry in formats.isEmpty ? ["text"] : formats {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            let path = parts.count > 1 ? parts[1] : output
            if path == nil {
                guard !usesStandardOutput else {
                    throw ValidationError("only one --format can go to standard output; give the others a path (FORMAT=PATH)")
                }
                usesStandardOutput = true
            }
            entries.append((parts[0], try path.map(ReportOutput.file) ?? .standardOutput()))
        }
        return (entries, usesStandardOutput)
    }

    /// Whether text going to `destination` gets colour: `always`, or `auto` on a terminal without `NO_COLOR`.
    func wantsColor(_ destination: ReportOutput) -> Bool {
        color == "always" || (color == "auto" && destination.isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    }
}
