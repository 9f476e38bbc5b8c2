/// Writes a `JSONReport.DocumentRecord` as the bytes `JSONEncoder` with `.sortedKeys` and
/// `.withoutEscapingSlashes` writes for it, without Foundation's encoder: keys in sorted
/// order, `nil` optionals left out, doubles as their shortest description without a
/// trailing `.0`, strings escaped as swift-foundation escapes them (`"` `\` and control
/// characters; `/` and non-ASCII as they are). `JSONRecordWriterTests` checks byte equality
/// with `JSONEncoder`.
struct JSONRecordWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ record: JSONReport.DocumentRecord) {
        raw("{\"diagnostics\":[")
        for (index, diagnostic) in record.diagnostics.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(diagnostic)
        }
        raw("],\"findings\":[")
        for (index, finding) in record.findings.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(finding)
        }
        raw("],\"format\":")
        string(record.format.rawValue)
        raw(",\"id\":")
        string(record.id)
        raw(",\"path\":")
        string(record.path)
        if let recordLine = record.recordLine {
            raw(",\"recordLine\":")
            int(recordLine)
        }
        raw(",\"score\":")
        double(record.score)
        if let suppressed = record.suppressed {
            raw(",\"suppressed\":[")
            for (index, item) in suppressed.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item)
            }
            raw("]")
        }
        raw(",\"verdict\":")
        string(record.verdict.rawValue)
        raw("}")
    }

    mutating func write(_ diagnostic: Diagnostic) {
        raw("{\"code\":")
        string(diagnostic.code.rawValue)
        if let column = diagnostic.column {
            raw(",\"column\":")
            int(column)
        }
        if let line = diagnostic.line {
            raw(",\"line\":")
            int(line)
        }
        raw(",\"message\":")
        string(diagnostic.message)
        if let rule = diagnostic.rule {
            raw(",\"rule\":")
            string(rule)
        }
        raw("}")
    }

    mutating func write(_ suppressed: SuppressedFinding) {
        raw("{\"directive\":")
        string(suppressed.directive)
        raw(",\"finding\":")
        write(suppressed.finding)
        raw(",\"line\":")
        int(suppressed.line)
        if let reason = suppressed.reason {
            raw(",\"reason\":")
            string(reason)
        }
        raw("}")
    }

    mutating func write(_ finding: Finding) {
        raw("{\"alsoMatched\":")
        strings(finding.alsoMatched)
        raw(",\"alsoMatchedFingerprints\":")
        strings(finding.alsoMatchedFingerprints)
        raw(",\"category\":")
        string(finding.category.rawValue)
        raw(",\"fingerprint\":")
        string(finding.fingerprint)
        if let hidden = finding.hidden {
            raw(hidden ? ",\"hidden\":true" : ",\"hidden\":false")
        }
        raw(",\"match\":")
        string(finding.match)
        raw(",\"message\":")
        string(finding.message)
        raw(",\"rule\":")
        string(finding.rule)
        raw(",\"score\":")
        double(finding.score)
        raw(",\"severity\":")
        string(finding.severity.rawValue)
        let span = finding.span
        raw(",\"span\":{\"column\":")
        int(span.column)
        raw(",\"end\":")
        int(span.end)
        raw(",\"endColumn\":")
        int(span.endColumn)
        raw(",\"endLine\":")
        int(span.endLine)
        raw(",\"line\":")
        int(span.line)
        raw(",\"start\":")
        int(span.start)
        raw("}")
        if let suggestion = finding.suggestion {
            raw(",\"suggestion\":")
            string(suggestion)
        }
        raw("}")
    }

    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func int(_ value: Int) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var text = String(value)
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// As `JSONEncoder` writes a finite double: its description, without a trailing `.0`.
    private mutating func double(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func string(_ value: String) {
        var value = value
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8 { utf8 in
            var mark = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if mark < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<index])) }
                mark = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              JSONRecordWriter.hex[Int(byte >> 4)], JSONRecordWriter.hex[Int(byte & 0xF)]])
                }
            }
            if mark < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
