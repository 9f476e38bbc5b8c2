/// Byte-level decoder for one JSONL record: finds two top-level string fields (the id and
/// the text) in a JSON object without building a dictionary, decoding escapes and surrogate
/// pairs straight into UTF-8 bytes. Other fields are skipped, whatever their type.
struct JSONRecordDecoder: Sendable {
    /// A malformed record: what is wrong and the 1-based byte column where it was seen.
    struct DecodeError: Error, Equatable {
        var column: Int
        var message: String
    }

    /// What a record yields.
    struct Record {
        var id: String?
        var text: [UInt8]
        /// Whether a lone surrogate escape was replaced by U+FFFD.
        var hadLoneSurrogate: Bool
    }

    var idField: [UInt8]
    var textField: [UInt8]

    init(idField: String = "id", textField: String = "text") {
        self.idField = Array(idField.utf8)
        self.textField = Array(textField.utf8)
    }

    /// Decodes one line (without its newline).
    func decode(_ line: UnsafeBufferPointer<UInt8>) throws(DecodeError) -> Record {
        var cursor = Cursor(bytes: line)
        var id: String?
        var text: [UInt8]?
        var loneSurrogate = false
        cursor.skipWhitespace()
        try cursor.expect(UInt8(ascii: "{"), "a record must be a JSON object starting with '{'")
        cursor.skipWhitespace()
        if cursor.peek == UInt8(ascii: "}") {
            cursor.index += 1
        } else {
            while true {
                cursor.skipWhitespace()
                var key: [UInt8] = []
                _ = try cursor.string(into: &key)
                cursor.skipWhitespace()
                try cursor.expect(UInt8(ascii: ":"), "expected ':' after an object key")
                cursor.skipWhitespace()
                if key == textField {
                    guard cursor.peek == UInt8(ascii: "\"") else {
                        throw DecodeError(column: cursor.index + 1, message: "field \"\(String(decoding: textField, as: UTF8.self))\" must be a string")
                    }
                    var value: [UInt8] = []
                    value.reserveCapacity(line.count)
                    loneSurrogate = try cursor.string(into: &value) || loneSurrogate
                    text = value
                } else if key == idField, cursor.peek == UInt8(ascii: "\"") {
                    var value: [UInt8] = []
                    _ = try cursor.string(into: &value)
                    id = String(decoding: value, as: UTF8.self)
                } else if key == idField {
                    let start = cursor.index
                    try cursor.skipValue()
                    id = String(decoding: UnsafeBufferPointer(rebasing: line[start..<cursor.index]), as: UTF8.self)
                } else {
                    try cursor.skipValue()
                }
                cursor.skipWhitespace()
                if cursor.peek == UInt8(ascii: ",") { cursor.index += 1; continue }
                try cursor.expect(UInt8(ascii: "}"), "expected ',' or '}' in the object")
                break
            }
        }
        cursor.skipWhitespace()
        if cursor.index < line.count {
            throw DecodeError(column: cursor.index + 1, message: "unexpected data after the JSON object")
        }
        guard let text else {
            throw DecodeError(column: 1, message: "record has no \"\(String(decoding: textField, as: UTF8.self))\" field")
        }
        return Record(id: id, text: text, hadLoneSurrogate: loneSurrogate)
    }
}

private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func error(_ message: String) -> JSONRecordDecoder.DecodeError {
        JSONRecordDecoder.DecodeError(column: index + 1, message: message)
    }

    mutating func expect(_ byte: UInt8, _ message: String) throws(JSONRecordDecoder.DecodeError) {
        guard peek == byte else { throw error(message) }
        index += 1
    }

    /// Decodes a JSON string at the cursor into `out`. Returns whether a lone surrogate was replaced.
    mutating func string(into out: inout [UInt8]) throws(JSONRecordDecoder.DecodeError) -> Bool {
        try expect(UInt8(ascii: "\""), "expected a string")
        var lone = false
        while true {
            // Copy the run of plain bytes up to the next quote or backslash in one go.
            let runStart = index
            while index < bytes.count, bytes[index] != 0x22, bytes[index] != 0x5C {
                if bytes[index] < 0x20 { throw error("control character inside a string") }
                index += 1
            }
            if index > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            guard index < bytes.count else { throw error("unterminated string") }
            if bytes[index] == 0x22 { index += 1; return lone }
            index += 1 // backslash
            guard let escape = peek else { throw error("unterminated escape") }
            index += 1
            switch escape {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    if index + 1 < bytes.count, bytes[index] == 0x5C, bytes[index + 1] == UInt8(ascii: "u") {
                        let save = index
                        index += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index = save
                            scalar = 0xFFFD
                            lone = true
                        }
                    } else {
                        scalar = 0xFFFD
                        lone = true
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                    lone = true
                }
                appendUTF8(scalar, to: &out)
            default:
                index -= 1
                throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
            }
        }
    }

    mutating func hex4() throws(JSONRecordDecoder.DecodeError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Skips any JSON value: string, number, literal, object or array.
    mutating func skipValue() throws(JSONRecordDecoder.DecodeError) {
        guard let byte = peek else { throw error("expected a value") }
        switch byte {
        case 0x22:
            var sink: [UInt8] = []
            _ = try string(into: &sink)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close: UInt8 = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            index += 1
            skipWhitespace()
            if peek == close { index += 1; return }
            while true {
                skipWhitespace()
                if close == UInt8(ascii: "}") {
                    var sink: [UInt8] = []
                    _ = try string(into: &sink)
                    skipWhitespace()
                    try expect(UInt8(ascii: ":"), "expected ':' after an object key")
                    skipWhitespace()
                }
                try skipValue()
                skipWhitespace()
                if peek == UInt8(ascii: ",") { index += 1; continue }
                try expect(close, "expected ',' or '\(Character(Unicode.Scalar(close)))'")
                return
            }
        default:
            let start = index
            while let b = peek, b != UInt8(ascii: ","), b != UInt8(ascii: "}"), b != UInt8(ascii: "]"),
                  b != 0x20, b != 0x09, b != 0x0A, b != 0x0D {
                index += 1
            }
            let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            if token == "true" || token == "false" || token == "null" || Double(token) != nil { return }
            index = start
            throw error("invalid value")
        }
    }
}

/// Appends the UTF-8 encoding of `scalar` (assumed valid) to `out`.
func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        out.append(UInt8(scalar))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | (scalar >> 6)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | (scalar >> 12)))
        out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
        out.append(UInt8(0xF0 | (scalar >> 18)))
        out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    }
}
