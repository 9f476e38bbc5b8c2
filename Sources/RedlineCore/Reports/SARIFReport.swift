import Foundation

/// SARIF 2.1.0, as GitHub code scanning and other viewers read it. `tool.driver.rules`
/// comes from the run's active rules at `begin`; results stream as documents arrive, one
/// per line; the run's invocation (skipped inputs as notifications) and properties (the run
/// summary) follow the results. Columns count Unicode code points (`columnKind`). Each
/// result carries the finding's offline fingerprint under `partialFingerprints["redline/v1"]`.
/// For a JSONL record the location is the JSONL file and the region lies inside the record's
/// decoded text; the result's properties say so and name the record.
///
/// Findings inline comments suppressed are always written, with or without
/// `--show-suppressed`, as results whose `suppressions` hold one `inSource`, `accepted`
/// suppression (justification: the comment's reason; location: the comment's line), so
/// viewers hide them instead of losing them (SARIF 2.1.0 §3.27.23, §3.35). Every other result
/// carries an empty `suppressions` array: the run evaluated suppressions for all its results,
/// and §3.27.23 wants the property either on every result or on none.
public final class SARIFReport: ReportSink {
    private let output: ReportOutput
    private let toolVersion: String
    private let timestamp: Date?
    private let encoder: JSONEncoder
    private var ruleIndex: [String: Int] = [:]
    private var first = true

    /// - Parameters:
    ///   - toolVersion: Redline's version, for `tool.driver.version`.
    ///   - timestamp: the run's start, written as the invocation's `startTimeUtc`; `nil`
    ///     (the default) keeps the output byte-for-byte reproducible.
    public init(output: ReportOutput, toolVersion: String, timestamp: Date? = nil) {
        self.output = output
        self.toolVersion = toolVersion
        self.timestamp = timestamp
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    public func begin(_ run: RunInfo) throws {
        ruleIndex = Dictionary(run.rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let tool = Tool(driver: Driver(name: "Redline", version: toolVersion, rules: run.rules.map(Self.descriptor)))
        output.write("{\"$schema\":\"\(Self.schemaURI)\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":")
        try write(tool)
        output.write(",\"columnKind\":\"unicodeCodePoints\",\"results\":[")
    }

    public func document(_ result: DocumentResult) throws {
        let open = result.findings.map { self.result($0, in: result, suppressions: []) }
        let suppressed = result.suppressed.map { self.result($0.finding, in: result, suppressions: [Self.suppression($0, in: result)]) }
        for object in open + suppressed {
            output.write(first ? "\n" : ",\n")
            first = false
            try write(object)
        }
    }

    public func skipped(_ input: SkippedInput) throws {}

    public func end(_ summary: RunSummary) throws {
        let notifications = summary.skipped.map { input in
            ToolNotification(level: "warning", message: Message(text: "skipped: \(input.reason.message)"),
                         descriptor: Descriptor(id: input.reason.code.rawValue),
                         locations: [Location(physicalLocation: PhysicalLocation(
                             artifactLocation: ArtifactLocation(uri: Self.uri(input.path)),
                             region: (input.line ?? input.reason.line).map { Region(startLine: $0) }))])
        }
        let invocation = Invocation(executionSuccessful: true, startTimeUtc: timestamp.map(ReportText.timestamp),
                                    toolExecutionNotifications: notifications.isEmpty ? nil : notifications)
        output.write(first ? "],\"invocations\":[" : "\n],\"invocations\":[")
        try write(invocation)
        output.write("],\"properties\":")
        try write(summary)
        output.write("}]}\n")
        try output.commit()
    }

    private func write(_ value: some Encodable) throws {
        output.write(bytes: Array(try encoder.encode(value)))
    }

    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// SARIF's level for a severity.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// A path as scanned, as a relative (or absolute-path) URI reference.
    static func uri(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    private static func descriptor(_ rule: RuleSpec) -> Rule {
        let references = rule.references
        var helpText = rule.message
        var helpMarkdown = rule.message
        if let suggestion = rule.suggestion {
            helpText += "\n\nSuggestion: \(suggestion)"
            helpMarkdown += "\n\n**Suggestion:** \(suggestion)"
        }
        if !references.isEmpty {
            helpText += "\n\nReferences:\n" + references.map { "- \($0)" }.joined(separator: "\n")
            helpMarkdown += "\n\n**References:**\n\n" + references.map { "- <\($0)>" }.joined(separator: "\n")
        }
        return Rule(
            id: rule.id,
            shortDescription: Message(text: firstSentence(of: rule.message)),
            fullDescription: Message(text: rule.rationale.map { "\(rule.message)\n\n\($0)" } ?? rule.message),
            help: MultiformatMessage(text: helpText, markdown: helpMarkdown),
            helpUri: references.first,
            defaultConfiguration: Configuration(level: level(rule.severity)),
            properties: RuleProperties(category: rule.category.rawValue, kind: rule.body.kindName,
                                       score: rule.score, tags: [rule.category.rawValue]))
    }

    /// The text up to and including the first sentence end, or all of it.
    static func firstSentence(of text: String) -> String {
        guard let end = text.range(of: ". ") else { return text }
        return String(text[..<end.lowerBound]) + "."
    }

    /// An inline comment's suppression: `inSource` (an HTML or Markdown comment in the article
    /// itself), accepted, justified by the comment's reason, located on the comment's line.
    private static func suppression(_ entry: SuppressedFinding, in document: DocumentResult) -> Suppression {
        Suppression(kind: "inSource", status: "accepted", justification: entry.reason,
                    location: Location(physicalLocation: PhysicalLocation(
                        artifactLocation: ArtifactLocation(uri: uri(document.path)), region: Region(startLine: entry.line))),
                    properties: SuppressionProperties(directive: entry.directive))
    }

    private func result(_ finding: Finding, in document: DocumentResult, suppressions: [Suppression]) -> ResultObject {
        let span = finding.span
        let region = Region(startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn,
                            byteOffset: span.start, byteLength: span.end - span.start, snippet: Message(text: finding.match))
        let isRecord = document.recordLine != nil
        return ResultObject(
            ruleId: finding.rule, ruleIndex: ruleIndex[finding.rule], level: Self.level(finding.severity),
            message: Message(text: finding.message),
            locations: [Location(physicalLocation: PhysicalLocation(
                artifactLocation: ArtifactLocation(uri: Self.uri(document.path)), region: region))],
            partialFingerprints: ["redline/v1": finding.fingerprint],
            suppressions: suppressions,
            properties: ResultProperties(
                category: finding.category.rawValue, score: finding.score, suggestion: finding.suggestion,
                alsoMatched: finding.alsoMatched.isEmpty ? nil : finding.alsoMatched,
                documentScore: document.score, documentVerdict: document.verdict.rawValue,
                recordId: isRecord ? document.id : nil, recordLine: document.recordLine,
                regionScope: isRecord ? "line, column and byte offsets count in the record's decoded text, not in the JSONL file" : nil))
    }

    // The SARIF objects Redline writes (SARIF 2.1.0, §3). Keys are encoded sorted.
    private struct Message: Encodable { var text: String }
    private struct MultiformatMessage: Encodable { var text: String; var markdown: String }
    private struct Configuration: Encodable { var level: String }
    private struct Tool: Encodable { var driver: Driver }
    private struct Driver: Encodable {
        var name: String
        var version: String
        var rules: [Rule]
    }
    private struct Rule: Encodable {
        var id: String
        var shortDescription: Message
        var fullDescription: Message
        var help: MultiformatMessage
        var helpUri: String?
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }
    private struct RuleProperties: Encodable {
        var category: String
        var kind: String
        var score: Double
        var tags: [String]
    }
    private struct ResultObject: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var suppressions: [Suppression]
        var properties: ResultProperties
    }
    private struct Suppression: Encodable {
        var kind: String
        var status: String
        var justification: String?
        var location: Location
        var properties: SuppressionProperties
    }
    private struct SuppressionProperties: Encodable {
        /// The comment's directive, as written.
        var directive: String
    }
    private struct ResultProperties: Encodable {
        var category: String
        var score: Double
        var suggestion: String?
        var alsoMatched: [String]?
        var documentScore: Double
        var documentVerdict: String
        var recordId: String?
        var recordLine: Int?
        var regionScope: String?
    }
    private struct Location: Encodable { var physicalLocation: PhysicalLocation }
    private struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }
    private struct ArtifactLocation: Encodable { var uri: String }
    private struct Region: Encodable {
        var startLine: Int
        var startColumn: Int?
        var endLine: Int?
        var endColumn: Int?
        var byteOffset: Int?
        var byteLength: Int?
        var snippet: Message?
    }
    private struct Invocation: Encodable {
        var executionSuccessful: Bool
        var startTimeUtc: String?
        var toolExecutionNotifications: [ToolNotification]?
    }
    private struct ToolNotification: Encodable {
        var level: String
        var message: Message
        var descriptor: Descriptor
        var locations: [Location]
    }
    private struct Descriptor: Encodable { var id: String }
}
