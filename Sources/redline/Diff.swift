import ArgumentParser
import Foundation
import RedlineCore

/// `redline diff OLD NEW` or `redline diff --git BASE[..HEAD] [PATH...]`
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two versions of articles: findings introduced, resolved and unchanged, and the text by sentence.",
        discussion: """
            OLD and NEW are two files, or two directories whose articles are paired by relative path. \
            With --git, the articles that changed between two revisions of the current git repository \
            (BASE alone: against the working tree; BASE...HEAD: from their merge base); PATH... limit them. \
            Formats: text, json, markdown, html. Exit 1 when an introduced finding is at or above --fail-on.
            """)

    @Argument(help: "OLD NEW (files or directories), or with --git the paths to limit the comparison to.")
    var paths: [String] = []

    @Option(name: .customLong("git"), help: "Compare git revisions: BASE, BASE..HEAD or BASE...HEAD.")
    var gitRange: String?

    @OptionGroup var rules: RuleOptions

    @OptionGroup var report: ReportOptions

    func validate() throws {
        if gitRange == nil, paths.count != 2 {
            throw ValidationError("give OLD and NEW (two files or two directories), or --git BASE[..HEAD]")
        }
    }

    func run() throws {
        var configuration = try rules.configuration(near: gitRange == nil ? paths.first : nil)
        try report.apply(to: &configuration)
        let scanner = Scanner(ruleSet: try rules.loadRuleSet(configuration), configuration: configuration)
        let isIgnored = { (path: String) in configuration.isIgnored(path) }
        let pairs: DocumentPairs
        do {
            pairs = try gitRange.map { try DocumentPairs.git(range: $0, pathspecs: paths, isIgnored: isIgnored) }
                ?? DocumentPairs.paths(old: paths[0], new: paths[1], isIgnored: isIgnored)
        } catch let error as DiffInputError {
            Console.error("error: \(error)")
            throw ExitCode(2)
        }
        let summary = try DiffRun.run(pairs: pairs, scanner: scanner, sinks: try makeSinks(), failOn: configuration.failOn.value)
        if summary.failing > 0 { throw ExitCode(1) }
    }

    /// One sink per `--format`; a bare format goes to `--output` or standard output.
    private func makeSinks() throws -> [any DiffReportSink] {
        let startTime = report.startTime
        return try report.destinations().entries.map { format, destination in
            switch format {
            case "text": return DiffTextReport(output: destination, color: report.wantsColor(destination))
            case "json": return DiffJSONReport(output: destination)
            case "markdown": return try DiffMarkdownReport(output: destination)
            case "html": return try DiffHTMLReport(output: destination, timestamp: startTime)
            default: throw ValidationError("unknown format '\(format)' (expected text, json, markdown or html)")
            }
        }
    }
}
