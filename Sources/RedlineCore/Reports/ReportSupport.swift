import Foundation

/// Small text helpers the report formats share.
enum ReportText {
    /// A number without a trailing `.0`, and at most two decimals.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    /// `text` made safe for XML 1.0 and HTML: `& < > " '` become entities and characters
    /// XML 1.0 forbids (C0 controls other than tab, newline and return; U+FFFE, U+FFFF) are
    /// dropped. In an attribute, tab, newline and return become character references too,
    /// so parsers keep them instead of folding them into spaces.
    static func escapeMarkup(_ text: String, inAttribute: Bool = false) -> String {
        // Byte by byte: appending scalars to a String one at a time made this the costliest
        // part of the JUnit and HTML reports.
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "&"): out += "&amp;".utf8
                case UInt8(ascii: "<"): out += "&lt;".utf8
                case UInt8(ascii: ">"): out += "&gt;".utf8
                case UInt8(ascii: "\""): out += "&quot;".utf8
                case UInt8(ascii: "'"): out += "&#39;".utf8
                case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    if inAttribute { out += "&#\(byte);".utf8 } else { out.append(byte) }
                case 0..<0x20:
                    continue // other C0 controls: not allowed in XML
                case 0xEF where index + 1 < bytes.count && bytes[index] == 0xBF && (bytes[index + 1] == 0xBE || bytes[index + 1] == 0xBF):
                    index += 2 // U+FFFE, U+FFFF: not characters
                default:
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `text` on one line (white space runs become one space), cut to `limit` scalars with
    /// an ellipsis: a match quoted inside a sentence or a table cell.
    static func clip(_ text: String, limit: Int = 80) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        let scalars = words.unicodeScalars
        guard scalars.count > limit else { return words }
        return String(String.UnicodeScalarView(scalars.prefix(limit))) + "…"
    }

    /// What a report that does not list suppressed findings adds to their count.
    static let showSuppressedHint = " (list them with --show-suppressed)"

    /// An ISO 8601 time in UTC, to the second: `2026-11-24T15:40:00Z`.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

extension DocumentResult {
    /// How reports name the document: its path, plus `#id` for a JSONL record.
    var displayName: String { recordLine == nil ? path : "\(path)#\(id)" }
}

extension SuppressedFinding {
    /// The comment's reason as reports show it: the reason, or `no reason given`.
    var reasonText: String { reason ?? "no reason given" }
}

/// How the text reports write: with ANSI colour or without, and a finding as a compiler
/// would (location, severity, rule, message; the source line with the match underlined;
/// notes). Shared by the scan and the diff text reports.
struct TextStyle {
    var color: Bool

    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    func severityCode(_ severity: Severity) -> String {
        switch severity {
        case .error: "1;31"
        case .warning: "1;33"
        case .info: "1;34"
        }
    }

    /// `finding` of the document `name` whose original bytes are `source`; `marker` goes
    /// before its first line (the diff's `+` and `-`).
    func finding(_ finding: Finding, in name: String, source: [UInt8], marker: String = "") -> String {
        let span = finding.span
        var text = "\(marker)\(paint("\(name):\(span.line):\(span.column)", "1")): \(paint(finding.severity.rawValue, severityCode(finding.severity))) [\(finding.rule)] \(finding.message)\n"
        let excerpt = SourceExcerpt(source: source, span: span)
        let gutter = String(excerpt.lineNumber)
        let pad = String(repeating: " ", count: gutter.count)
        text += " \(gutter) | \(excerpt.text)\n"
        let underline = "^" + String(repeating: "~", count: excerpt.matchWidth - 1)
        text += " \(pad) | \(String(repeating: " ", count: excerpt.matchOffset))\(paint(underline, severityCode(finding.severity)))\n"
        if finding.hidden == true { text += " \(pad) = hidden: readers do not see this text\n" }
        if !finding.alsoMatched.isEmpty { text += " \(pad) = also matched: \(finding.alsoMatched.joined(separator: ", "))\n" }
        if let suggestion = finding.suggestion { text += " \(pad) = suggestion: \(suggestion)\n" }
        return text
    }
}

/// What a summary table keeps of one document, so a report can list documents at the end
/// without holding them.
struct DocumentRow {
    var name: String
    /// Findings per category (raw value).
    var counts: [String: Int]
    var score: Double
    var verdict: Verdict

    init(_ result: DocumentResult) {
        name = result.displayName
        counts = result.findings.reduce(into: [:]) { $0[$1.category.rawValue, default: 0] += 1 }
        score = result.score
        verdict = result.verdict
    }
}

extension RunSummary {
    /// The categories a summary table shows, in report order: the built-in ones, then any
    /// other category that has findings, sorted.
    var reportCategories: [String] {
        let builtIn = Category.builtIn.map(\.rawValue)
        return builtIn + byCategory.keys.filter { !builtIn.contains($0) }.sorted()
    }

    /// Findings by severity, most severe first: `2 error, 5 warning, 0 info`.
    var severityTotals: String {
        Severity.allCases.reversed().map { "\(bySeverity[$0.rawValue, default: 0]) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// Findings comments suppressed, for the totals of the Markdown and HTML reports:
    /// `3 finding(s) suppressed by comments`, plus a hint when the report does not list them; `nil`
    /// when there are none.
    func suppressedTotal(listed: Bool) -> String? {
        guard suppressed > 0 else { return nil }
        return "\(suppressed) finding(s) suppressed by comments" + (listed ? "" : ReportText.showSuppressedHint)
    }

    /// Documents by verdict: `3 pass, 1 review, 2 reject`.
    var verdictTotals: String {
        Verdict.allCases.map { "\(verdicts[$0.rawValue, default: 0]) \($0.rawValue)" }.joined(separator: ", ")
    }
}

/// A temporary file a sink writes the body of its report to while documents stream, for
/// formats whose head (a summary table, run totals) can only be written at the end. The
/// file is removed when the spool is released.
final class SpoolFile {
    private let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("redline-spool-\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forUpdatingAtPath: path) else {
            throw ReportOutputError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        self.handle = handle
    }

    deinit {
        try? handle.close()
        unlink(path)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Appends `fields` as one record, read back by `forEachRecord` (a spool holds either
    /// text or records). Each field is its UTF-8 length (4 bytes) and its bytes.
    func write(record fields: [String]) {
        appendLength(fields.count)
        for field in fields {
            appendLength(field.utf8.count)
            buffer.append(contentsOf: field.utf8)
        }
        if buffer.count >= 1 << 16 { flush() }
    }

    private func appendLength(_ length: Int) {
        withUnsafeBytes(of: UInt32(length).littleEndian) { buffer.append(contentsOf: $0) }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with each record written so far, in order, reading a chunk at a time.
    func forEachRecord(_ body: ([String]) throws -> Void) throws {
        flush()
        try handle.seek(toOffset: 0)
        var bytes: [UInt8] = []
        var position = 0
        /// The next `count` bytes, read from the file as needed.
        func take(_ count: Int) throws -> ArraySlice<UInt8> {
            while bytes.count - position < count {
                guard let chunk = try handle.read(upToCount: max(1 << 20, count)), !chunk.isEmpty else {
                    throw ReportOutputError.truncatedSpool(path: path)
                }
                bytes.removeSubrange(0..<position)
                position = 0
                bytes.append(contentsOf: chunk)
            }
            defer { position += count }
            return bytes[position..<position + count]
        }
        func length() throws -> Int {
            try take(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        }
        while true {
            if position == bytes.count {
                guard let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty else { return }
                bytes = Array(chunk)
                position = 0
            }
            let count = try length()
            var fields: [String] = []
            fields.reserveCapacity(count)
            for _ in 0..<count { fields.append(String(decoding: try take(try length()), as: UTF8.self)) }
            try body(fields)
        }
    }

    /// Copies everything written so far into `output`, a chunk at a time.
    func drain(into output: ReportOutput) throws {
        flush()
        try handle.seek(toOffset: 0)
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            output.write(bytes: Array(chunk))
        }
    }
}
