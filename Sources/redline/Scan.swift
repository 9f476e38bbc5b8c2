import ArgumentParser
import Foundation
import RedlineCore

/// `redline scan PATH...`
struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan articles (files, directories, JSONL, or - for stdin) and report findings.",
        discussion: "Formats: text, json, sarif, junit, github, markdown, html.")

    @Argument(help: "Files, directories (walked for .txt .md .markdown .html .htm .jsonl), or - for standard input.")
    var paths: [String]

    @OptionGroup var rules: RuleOptions

    @OptionGroup var report: ReportOptions

    @Flag(name: .customLong("show-suppressed"), help: "List the findings inline comments suppressed (text, JSON, Markdown and HTML reports); they are always counted, and SARIF always carries them, marked suppressed.")
    var showSuppressed = false

    @Option(name: .customLong("baseline"), help: "Report only findings this baseline file does not know; count the known ones in the summary.")
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: "Record every finding of this scan in a baseline file (written atomically).")
    var writeBaseline: String?

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
        if baseline != nil, writeBaseline != nil {
            throw ValidationError("--baseline and --write-baseline do not go together: a baseline records every finding")
        }
        guard InputOptions.StdinFormat(rawValue: stdinFormat) != nil else {
            throw ValidationError("--stdin-format must be plain, markdown, html or jsonl, not '\(stdinFormat)'")
        }
    }

    func run() throws {
        var configuration = try rules.configuration(near: paths.first)
        try report.apply(to: &configuration)
        let scanner = Scanner(ruleSet: try rules.loadRuleSet(configuration), configuration: configuration, prefilter: !noPrefilter)
        let sinks = try makeSinks()
        var options = InputOptions()
        options.idField = idField
        options.textField = textField
        options.stdinFormat = InputOptions.StdinFormat(rawValue: stdinFormat) ?? .plain
        options.isIgnored = { [configuration] in configuration.isIgnored($0) }
        let known = try baseline.map { path throws in try Baseline.load(path: path) }
        let summary = try ScanRun.run(source: DocumentSource(paths: paths, options: options), scanner: scanner, sinks: sinks,
                                      failOn: configuration.failOn.value, baseline: known, showSuppressed: showSuppressed,
                                      jobs: jobs)
        if summary.failing > 0 { throw ExitCode(1) }
    }

    /// One sink per `--format`; a bare format goes to `--output` or standard output. With
    /// standard error on a terminal and no report on a terminal (it would write through the
    /// line), a progress line too.
    private func makeSinks() throws -> [any ReportSink] {
        let destinations = try report.destinations()
        let startTime = report.startTime
        var sinks: [any ReportSink] = try destinations.entries.map { format, destination in
            switch format {
            case "text":
                return TextReport(output: destination, color: report.wantsColor(destination))
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
        if let writeBaseline { sinks.append(BaselineReport(output: try .file(writeBaseline))) }
        let reportOnTerminal = destinations.usesStandardOutput && isatty(STDOUT_FILENO) == 1
        if isatty(STDERR_FILENO) == 1 && !reportOnTerminal {
            sinks.append(ProgressReport(totalBytes: ProgressReport.totalBytes(of: paths),
                                        write: { FileHandle.standardError.write(Data($0.utf8)) }))
        }
        return sinks
    }
}
