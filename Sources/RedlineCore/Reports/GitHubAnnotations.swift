/// GitHub Actions workflow commands, one line per finding, so a workflow step shows each
/// finding as an annotation on the file:
/// `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::MESSAGE`.
/// Severity maps to `error`, `warning` and `notice`. Property values and the message are
/// escaped as the runner requires (`%`, CR, LF everywhere; also `:` and `,` in properties).
/// Columns are given only for one-line spans, as GitHub accepts them only there. A JSONL
/// record is annotated on its line of the JSONL file; the message names the record and the
/// place inside its text. Diagnostics become notices, skipped inputs warnings.
public final class GitHubAnnotations: ReportSink {
    private let output: ReportOutput

    public init(output: ReportOutput) {
        self.output = output
    }

    public func begin(_ run: RunInfo) throws {}

    public func document(_ result: DocumentResult) throws {
        for diagnostic in result.diagnostics {
            var properties = [("file", result.path)]
            if let line = result.recordLine ?? diagnostic.line { properties.append(("line", String(line))) }
            properties.append(("title", "redline \(diagnostic.code.rawValue)"))
            write("notice", properties, message: recordPrefix(result) + diagnostic.message)
        }
        for finding in result.findings {
            let span = finding.span
            var properties = [("file", result.path)]
            if let recordLine = result.recordLine {
                properties.append(("line", String(recordLine)))
            } else {
                properties.append(("line", String(span.line)))
                if span.endLine == span.line { properties.append(("col", String(span.column))) }
                properties.append(("endLine", String(span.endLine)))
                if span.endLine == span.line { properties.append(("endColumn", String(span.endColumn))) }
            }
            properties.append(("title", "\(finding.rule) (\(finding.category))"))
            var message = recordPrefix(result, at: span) + finding.message
            if let suggestion = finding.suggestion { message += "\nSuggestion: \(suggestion)" }
            write(Self.command(for: finding.severity), properties, message: message)
        }
    }

    public func skipped(_ input: SkippedInput) throws {
        var properties = [("file", input.path)]
        if let line = input.line ?? input.reason.line { properties.append(("line", String(line))) }
        properties.append(("title", "redline skipped input"))
        write("warning", properties, message: "\(input.reason.code.rawValue): \(input.reason.message)")
    }

    public func end(_ summary: RunSummary) throws {
        try output.commit()
    }

    /// The workflow command for a severity.
    static func command(for severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
    }

    /// Escapes a command's message (its data).
    static func escapeData(_ text: String) -> String { escape(text, property: false) }

    /// Escapes a property value: as data, plus `:` and `,`.
    static func escapeProperty(_ text: String) -> String { escape(text, property: true) }

    /// One pass over the UTF-8 bytes (Foundation's `replacingOccurrences`, five times per
    /// value, made this sink the slowest part of a `--jobs 2` run with many findings).
    private static func escape(_ text: String, property: Bool) -> String {
        func escaped(_ byte: UInt8) -> String? {
            switch byte {
            case UInt8(ascii: "%"): "%25"
            case UInt8(ascii: "\r"): "%0D"
            case UInt8(ascii: "\n"): "%0A"
            case UInt8(ascii: ":") where property: "%3A"
            case UInt8(ascii: ",") where property: "%2C"
            default: nil
            }
        }
        guard text.utf8.contains(where: { escaped($0) != nil }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if let replacement = escaped(byte) { bytes += replacement.utf8 } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func write(_ command: String, _ properties: [(String, String)], message: String) {
        let list = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
        output.write("::\(command) \(list)::\(Self.escapeData(message))\n")
    }

    /// For a JSONL record, where the message's place is: the record id, and the line and
    /// column inside the record's text when known.
    private func recordPrefix(_ result: DocumentResult, at span: Span? = nil) -> String {
        guard result.recordLine != nil else { return "" }
        let place = span.map { ", line \($0.line), column \($0.column) of its text" } ?? ""
        return "record \(result.id)\(place): "
    }
}
