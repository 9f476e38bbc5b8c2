/// Paragraph, sentence and section boundaries of one text, as byte ranges of that text.
public struct Segmentation: Sendable {
    /// Paragraphs, in order, trimmed of surrounding white space.
    public let paragraphs: [Range<Int>]
    /// Sentences, in order; every sentence lies inside one paragraph.
    public let sentences: [Range<Int>]
    /// Sections: from one heading to the next (the first starts at 0).
    public let sections: [Range<Int>]

    /// The sentence holding `offset` (or the gap-free stretch around it when it lies between sentences).
    public func sentence(containing offset: Int) -> Range<Int> { Segmentation.range(in: sentences, containing: offset) }
    /// The paragraph holding `offset`.
    public func paragraph(containing offset: Int) -> Range<Int> { Segmentation.range(in: paragraphs, containing: offset) }
    /// The section holding `offset`.
    public func section(containing offset: Int) -> Range<Int> { Segmentation.range(in: sections, containing: offset) }

    static func range(in ranges: [Range<Int>], containing offset: Int) -> Range<Int> {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound <= offset { low = mid + 1 } else if ranges[mid].lowerBound > offset { high = mid - 1 } else { return ranges[mid] }
        }
        return offset..<offset
    }
}

/// Splits text into paragraphs, sentences, sections and word tokens.
///
/// Paragraphs end at blank lines and at line breaks not followed by a lower-case letter
/// (a lower-case start means the line is a wrapped continuation). Sentences end after
/// `.`, `!`, `?` or `…` (and any closing quotes or brackets) followed by white space,
/// except after known abbreviations (Dr., e.g., U.S.), initials, and before a lower-case word.
public enum Tokenizer {
    /// Abbreviations after which a period does not end a sentence (lower-cased, without the final period).
    static let abbreviations: Set<String> = [
        "dr", "mr", "mrs", "ms", "prof", "st", "sr", "jr", "vs", "etc", "e.g", "i.e", "cf", "approx", "incl",
        "no", "nos", "fig", "figs", "vol", "inc", "ltd", "co", "corp", "dept", "est", "min", "max", "mg", "ml",
        "u.s", "u.k", "u.n", "a.m", "p.m", "ph.d", "m.d", "b.a", "m.a", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec", "al", "ed", "eds", "rev", "gen", "gov", "sen", "rep", "ave",
    ]

    /// Segments `bytes` (valid UTF-8). `headingStarts`, when the extractor knows the headings,
    /// defines the sections; otherwise short unpunctuated single-line paragraphs count as headings.
    public static func segment(_ bytes: [UInt8], headingStarts: [Int]? = nil) -> Segmentation {
        bytes.withUnsafeBufferPointer { text in
            let paragraphs = paragraphRanges(text)
            var sentences: [Range<Int>] = []
            for paragraph in paragraphs { appendSentences(text, paragraph, to: &sentences) }
            let headings = headingStarts ?? paragraphs.filter { looksLikeHeading(text, $0) }.map(\.lowerBound)
            var sections: [Range<Int>] = []
            var start = 0
            for heading in headings where heading > start {
                sections.append(start..<heading)
                start = heading
            }
            sections.append(start..<text.count)
            return Segmentation(paragraphs: paragraphs, sentences: sentences, sections: sections)
        }
    }

    /// Word tokens (runs of letters and digits, apostrophes inside a word included) in `range`.
    public static func wordTokens(_ bytes: [UInt8], in range: Range<Int>) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { text in
            var tokens: [Range<Int>] = []
            var i = range.lowerBound
            var start: Int?
            while i < range.upperBound {
                let (scalar, length) = decodeScalar(text, at: i)
                if isWordScalar(scalar) || (start != nil && isApostrophe(scalar) && i + length < range.upperBound
                                            && isWordScalar(decodeScalar(text, at: i + length).0)) {
                    if start == nil { start = i }
                } else if let s = start {
                    tokens.append(s..<i)
                    start = nil
                }
                i += length
            }
            if let s = start { tokens.append(s..<range.upperBound) }
            return tokens
        }
    }

    /// The paragraph holding `offset`, as `segment(bytes).paragraph(containing:)` finds it,
    /// computed from the lines around `offset` only.
    public static func paragraph(_ bytes: [UInt8], containing offset: Int) -> Range<Int> {
        bytes.withUnsafeBufferPointer { localParagraph($0, containing: offset) }
    }

    /// The sentence holding `offset`, as `segment(bytes).sentence(containing:)` finds it,
    /// computed from its paragraph only.
    public static func sentence(_ bytes: [UInt8], containing offset: Int) -> Range<Int> {
        let (_, sentences) = paragraphSentences(bytes, containing: offset)
        return sentences.first { $0.contains(offset) } ?? offset..<offset
    }

    /// The paragraphs of `bytes`, as `segment(bytes).paragraphs`.
    static func paragraphs(_ bytes: [UInt8]) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { paragraphRanges($0) }
    }

    /// The sentences of `paragraph`, one of `paragraphs(bytes)`: the part of `segment(bytes).sentences` inside it.
    static func sentences(_ bytes: [UInt8], in paragraph: Range<Int>) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { text in
            var sentences: [Range<Int>] = []
            appendSentences(text, paragraph, to: &sentences)
            return sentences
        }
    }

    /// The paragraph holding `offset` (empty when none does) and its sentences.
    static func paragraphSentences(_ bytes: [UInt8], containing offset: Int) -> (Range<Int>, [Range<Int>]) {
        bytes.withUnsafeBufferPointer { text in
            let paragraph = localParagraph(text, containing: offset)
            var sentences: [Range<Int>] = []
            if !paragraph.isEmpty { appendSentences(text, paragraph, to: &sentences) }
            return (paragraph, sentences)
        }
    }

    /// The line holding `offset`: its start and its end (the line feed or the end of text).
    private static func line(_ text: UnsafeBufferPointer<UInt8>, at offset: Int) -> Range<Int> {
        var start = min(offset, text.count)
        while start > 0, text[start - 1] != 0x0A { start -= 1 }
        var end = min(offset, text.count)
        while end < text.count, text[end] != 0x0A { end += 1 }
        return start..<end
    }

    private static func localParagraph(_ text: UnsafeBufferPointer<UInt8>, containing offset: Int) -> Range<Int> {
        guard offset >= 0, offset < text.count else { return offset..<offset }
        // `paragraphRanges` starts a paragraph at a non-blank line after a blank one (or the
        // start) or at a line not starting in lower case; a lower-case line continues it.
        // An offset in white space before a line's text belongs to the line before, if any.
        var first = line(text, at: offset)
        let content = trimmed(text, first)
        if content.isEmpty || offset < content.lowerBound {
            guard first.lowerBound > 0 else { return offset..<offset }
            first = line(text, at: first.lowerBound - 1)
            if trimmed(text, first).isEmpty { return offset..<offset }
        }
        let anchor = first
        while first.lowerBound > 0, isLowercaseStart(text, trimmed(text, first).lowerBound) {
            let previous = line(text, at: first.lowerBound - 1)
            if trimmed(text, previous).isEmpty { break }
            first = previous
        }
        var last = anchor
        while last.upperBound < text.count {
            let next = line(text, at: last.upperBound + 1)
            let nextContent = trimmed(text, next)
            if nextContent.isEmpty || !isLowercaseStart(text, nextContent.lowerBound) { break }
            last = next
        }
        let paragraph = trimmed(text, first.lowerBound..<last.upperBound)
        return paragraph.contains(offset) ? paragraph : offset..<offset
    }

    // MARK: - Paragraphs

    private static func paragraphRanges(_ text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var paragraphStart: Int?
        var lineStart = 0
        while lineStart <= text.count {
            var lineEnd = lineStart
            while lineEnd < text.count, text[lineEnd] != 0x0A { lineEnd += 1 }
            let content = trimmed(text, lineStart..<lineEnd)
            if content.isEmpty {
                if let start = paragraphStart { result.append(trimmed(text, start..<lineStart)) }
                paragraphStart = nil
            } else if let start = paragraphStart {
                if !isLowercaseStart(text, content.lowerBound) {
                    result.append(trimmed(text, start..<lineStart))
                    paragraphStart = content.lowerBound
                }
            } else {
                paragraphStart = content.lowerBound
            }
            if lineEnd >= text.count {
                if let start = paragraphStart { result.append(trimmed(text, start..<text.count)) }
                break
            }
            lineStart = lineEnd + 1
        }
        return result.filter { !$0.isEmpty }
    }

    private static func looksLikeHeading(_ text: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>) -> Bool {
        guard paragraph.count <= 90, !text[paragraph].contains(0x0A) else { return false }
        let last = text[paragraph.upperBound - 1]
        return !(last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: ",") || last == UInt8(ascii: ";")
                 || last == UInt8(ascii: ":") || last == UInt8(ascii: "\"") || last == UInt8(ascii: ")"))
    }

    // MARK: - Sentences

    private static func appendSentences(_ text: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>, to out: inout [Range<Int>]) {
        var sentenceStart = paragraph.lowerBound
        var i = paragraph.lowerBound
        while i < paragraph.upperBound {
            let (scalar, length) = decodeScalar(text, at: i)
            guard isTerminal(scalar) else { i += length; continue }
            let terminalStart = i
            var singlePeriod = scalar == "."
            i += length
            // The whole run of terminal marks and closing quotes / brackets.
            while i < paragraph.upperBound {
                let (next, nextLength) = decodeScalar(text, at: i)
                if isTerminal(next) { singlePeriod = false } else if !isCloser(next) { break }
                i += nextLength
            }
            let end = i
            guard end == paragraph.upperBound || isSpace(text[end]) else { continue }
            var nextWord = end
            while nextWord < paragraph.upperBound, isSpace(text[nextWord]) { nextWord += 1 }
            if nextWord == paragraph.upperBound { break }
            if isLowercaseStart(text, nextWord) { continue }
            if singlePeriod, isAbbreviation(text, before: terminalStart, from: sentenceStart) { continue }
            out.append(sentenceStart..<end)
            sentenceStart = nextWord
        }
        if sentenceStart < paragraph.upperBound { out.append(sentenceStart..<paragraph.upperBound) }
    }

    /// Whether the word ending just before the period at `period` is an abbreviation or an initial.
    private static func isAbbreviation(_ text: UnsafeBufferPointer<UInt8>, before period: Int, from lower: Int) -> Bool {
        var start = period
        while start > lower {
            let byte = text[start - 1]
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            guard isLetter || byte == UInt8(ascii: ".") else { break }
            start -= 1
        }
        guard start < period else { return false }
        let word = String(decoding: UnsafeBufferPointer(rebasing: text[start..<period]), as: UTF8.self).lowercased()
        if word.count == 1 { return text[start] >= UInt8(ascii: "A") && text[start] <= UInt8(ascii: "Z") }
        return abbreviations.contains(word)
    }

    // MARK: - Characters

    static func decodeScalar(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let lead = text[i]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        var length = 1
        var value: UInt32
        switch lead {
        case 0xC0..<0xE0: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0..<0xF0: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0..<0xF8: length = 4; value = UInt32(lead & 0x07)
        default: return ("\u{FFFD}", 1)
        }
        guard i + length <= text.count else { return ("\u{FFFD}", 1) }
        for k in 1..<length { value = value << 6 | UInt32(text[i + k] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool { scalar == "'" || scalar == "\u{2019}" }

    private static func isTerminal(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "!" || scalar == "?" || scalar == "\u{2026}"
    }

    private static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", ")", "]", "\u{201D}", "\u{2019}", "\u{00BB}": true
        default: false
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func isLowercaseStart(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let byte = text[i]
        if byte < 0x80 { return byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        let (scalar, _) = decodeScalar(text, at: i)
        return scalar.properties.isLowercase
    }

    private static func trimmed(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isSpace(text[lower]) { lower += 1 }
        while upper > lower, isSpace(text[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
