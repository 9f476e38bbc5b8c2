import ArgumentParser
import Foundation
import RedlineCore

/// `redline scan PATH...`
struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan articles (files, directories, JSONL, or - for stdin) and report findings.")

    @Argument(help: "Files, directories (walked for .txt .md .markdown .html .htm .jsonl), or - for standard input.")
    var paths: [String]

    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("format"), help: "Report format: text, json, sarif, junit, github, markdown or html; FORMAT=PATH writes that format to PATH. Repeatable.")
    var formats: [String] = []

    @Option(name: .customLong("output"), help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding at or above this severity exists: error, warning, info or none.")
    var failOn: String = "error"

    @Flag(name: .customLong("timestamp"), help: "Put the time of the run into SARIF, JUnit and HTML reports (they are reproducible without it).")
    var timestamp = false

    @Option(name: .customLong("color"), help: "Colour in text output: auto (terminal without NO_COLOR), always or never.")
    var color: String = "auto"

    @Option(name: .customLong("id-field"), help: "JSONL field holding a record's id.")
    var idField = "id"

    @Option(name: .customLong("text-field"), help: "JSONL field holding a record's text.")
    var textField = "text"

    @Option(name: .customLong("stdin-format"), help: "How to read standard input: plain, markdown, html or jsonl.")
    var stdinFormat = "plain"

    @Option(name: .customLong("jobs"), help: "Documents scanned in parallel (default: the number of cores). Output stays in input order.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .customLong("no-prefilter"), help: ArgumentHelp("Run every pattern over the whole text instead of confirming prefilter hits (same findings, slower).", visibility: .hidden))
    var noPrefilter = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
        guard ["error", "warning", "info", "none"].contains(failOn) else {
            throw ValidationError("--fail-on must be error, warning, info or none, not '\(failOn)'")
        }
        guard ["auto", "always", "never"].contains(color) else {
            throw ValidationError("--color must be auto, always or never, not '\(color)'")
        }
        guard InputOptions.StdinFormat(rawValue: stdinFormat) != nil else {
            throw ValidationError("--stdin-format must be plain, markdown, html or jsonl, not '\(stdinFormat)'")
        }
    }

    func run() throws {
        let ruleSet = try rules.loadRuleSet()
        let threshold = Severity(rawValue: failOn)
        let sinks = try makeSinks()
        var options = InputOptions()
        options.idField = idField
        options.textField = textField
        options.stdinFormat = InputOptions.StdinFormat(rawValue: stdinFormat) ?? .plain
        let summary = try ScanRun.run(source: DocumentSource(paths: paths, options: options),
                                      scanner: Scanner(ruleSet: ruleSet, prefilter: !noPrefilter), sinks: sinks,
                                      failOn: threshold, jobs: jobs)
        if summary.failing > 0 { throw ExitCode(1) }
    }

    /// One sink per `--format`; a bare format goes to `--output` or standard output. With
    /// standard error on a terminal and no report on a terminal (it would write through the
    /// line), a progress line too.
    private func makeSinks() throws -> [any ReportSink] {
        let requested = formats.isEmpty ? ["text"] : formats
        let startTime = timestamp ? Date() : nil
        var usesStandardOutput = false
        var sinks: [any ReportSink] = try requested.map { entry in
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            let format = parts[0]
            let path = parts.count > 1 ? parts[1] : output
            if path == nil {
                guard !usesStandardOutput else {
                    throw ValidationError("only one --format can go to standard output; give the others a path (FORMAT=PATH)")
                }
                usesStandardOutput = true
            }
            let destination = try path.map(ReportOutput.file) ?? .standardOutput()
            switch format {
            case "text":
                let wantsColor = color == "always" || (color == "auto" && destination.isTerminal
                                                       && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
                return TextReport(output: destination, color: wantsColor)
            case "json":
                return JSONReport(output: destination)
            case "sarif":
                return SARIFReport(output: destination, toolVersion: Redline.configuration.version, timestamp: startTime)
            case "junit":
                return try JUnitReport(output: destination, timestamp: startTime)
            case "github":
                return GitHubAnnotations(output: destination)
            case "markdown":
                return try MarkdownReport(output: destination)
            case "html":
                return try HTMLReport(output: destination, timestamp: startTime)
            default:
                throw ValidationError("unknown format '\(format)' (expected text, json, sarif, junit, github, markdown or html)")
            }
        }
        let reportOnTerminal = usesStandardOutput && isatty(STDOUT_FILENO) == 1
        if isatty(STDERR_FILENO) == 1 && !reportOnTerminal {
            sinks.append(ProgressReport(totalBytes: ProgressReport.totalBytes(of: paths),
                                        write: { FileHandle.standardError.write(Data($0.utf8)) }))
        }
        return sinks
    }
}
