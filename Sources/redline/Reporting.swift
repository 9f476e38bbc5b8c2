import ArgumentParser
import Foundation
import RedlineCore

/// Where the reports of one command go: `--format FORMAT` (to `--output` or standard
/// output) or `--format FORMAT=PATH` (a file written atomically), repeatable; at most one
/// format on standard output. Shared by `scan` and `diff`.
struct ReportDestinations {
    var entries: [(format: String, output: ReportOutput)]
    /// Whether a report goes to standard output.
    var usesStandardOutput: Bool

    init(formats: [String], output: String?) throws {
        entries = []
        usesStandardOutput = false
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
    }

    /// Whether text going to `destination` gets colour: `always`, or `auto` on a terminal without `NO_COLOR`.
    static func wantsColor(_ color: String, _ destination: ReportOutput) -> Bool {
        color == "always" || (color == "auto" && destination.isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    }

    /// Checks a `--color` value.
    static func validateColor(_ color: String) throws {
        guard ["auto", "always", "never"].contains(color) else {
            throw ValidationError("--color must be auto, always or never, not '\(color)'")
        }
    }

    /// The severity a `--fail-on` value names (`nil` for `none`).
    static func failOn(_ value: String) throws -> Severity? {
        guard value == "none" || Severity(rawValue: value) != nil else {
            throw ValidationError("--fail-on must be error, warning, info or none, not '\(value)'")
        }
        return Severity(rawValue: value)
    }
}
