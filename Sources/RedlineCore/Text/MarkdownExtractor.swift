/// Extracts the readable text of a Markdown document (CommonMark with GFM tables and
/// strikethrough) with a byte-exact map back to the source.
///
/// Blocks: ATX (`# Title`) and setext (`Title` / `===`) headings start sections, their
/// markers dropped; list markers (`-`, `*`, `+`, `1.`) and blockquote `>` are dropped and
/// each list item is a paragraph; thematic breaks, link reference definitions and fenced
/// (```` ``` ````, `~~~`) or indented code blocks are dropped (a paragraph break keeps the
/// words around them apart); every table row is a paragraph and the delimiter row is dropped.
/// Lines of one paragraph are joined by a space, so hard-wrapped prose reads as one paragraph.
///
/// Inlines: emphasis and strikethrough markers (`*`, `_`, `**`, `__`, `~~`) that pair up
/// vanish without breaking words (`ke**tam**ine` reads "ketamine"), unpaired ones stay as
/// text; code spans read as white space; `[text](url "title")`, `[text][ref]` and `[ref]`
/// keep their text and record the URL in `links`; images `![alt](src)` are dropped;
/// autolinks `<https://...>` keep the URL as text; inline HTML tags are dropped; backslash
/// escapes and character references are resolved; `<!-- comments -->` are dropped and
/// recorded in `comments`.
enum MarkdownExtractor {
    /// Extracts `layer` (Markdown, valid UTF-8) into text derived from it.
    static func extract(_ layer: TextLayer) -> ExtractedText {
        var parser = BlockParser(text: layer.bytes)
        parser.run()
        return parser.builder.finish(deriving: layer)
    }

    // MARK: - Blocks

    private struct Line {
        var start: Int
        /// End of the content, before the line ending.
        var contentEnd: Int
        /// End including the line ending.
        var end: Int
    }

    private struct BlockParser {
        let text: [UInt8]
        var builder: ExtractionBuilder
        private var lines: [Line] = []
        /// Where the builder has consumed the source up to.
        private var consumed = 0
        /// Content ranges of the lines of the paragraph being collected.
        private var paragraph: [Range<Int>] = []
        /// Whether the paragraph being collected is a table row sequence (one paragraph per row).
        private var inTable = false
        private var inList = false
        private var previousBlank = true
        private var definitions: [String: String] = [:]

        init(text: [UInt8]) {
            self.text = text
            builder = ExtractionBuilder(source: text)
            var start = 0
            while start < text.count {
                var end = start
                while end < text.count, text[end] != 0x0A { end += 1 }
                var contentEnd = end
                if contentEnd > start, text[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                lines.append(Line(start: start, contentEnd: contentEnd, end: min(end + 1, text.count)))
                start = end + 1
            }
        }

        mutating func run() {
            collectDefinitions()
            var index = 0
            while index < lines.count { index = block(at: index) }
            flushParagraph()
        }

        /// Reads link reference definitions (`[label]: url`) outside code, for `[text][label]` links.
        private mutating func collectDefinitions() {
            var fence: (char: UInt8, length: Int)?
            for line in lines {
                let start = skipQuoteMarkers(line)
                let (position, _) = indentation(from: start, to: line.contentEnd)
                guard position < line.contentEnd else { continue }
                if let open = fence {
                    if closesFence(open, at: position, line: line) { fence = nil }
                } else if let open = fenceOpener(at: position, line: line) {
                    fence = open
                } else if let definition = definition(at: position, line: line) {
                    definitions[definition.label] = definitions[definition.label] ?? definition.url
                }
            }
        }

        /// Handles the block starting at line `index`; returns the index of the next line to read.
        private mutating func block(at index: Int) -> Int {
            let line = lines[index]
            let markersEnd = skipQuoteMarkers(line)
            let (position, indent) = indentation(from: markersEnd, to: line.contentEnd)
            if position == line.contentEnd {
                flushParagraph()
                inTable = false
                previousBlank = true
                return index + 1
            }
            defer { previousBlank = false }
            if indent >= 4, paragraph.isEmpty, !inList {
                var last = index
                while last + 1 < lines.count, isBlankOrIndented(lines[last + 1]) { last += 1 }
                while last > index, isBlank(lines[last]) { last -= 1 }
                dropBlock(upTo: lines[last].contentEnd)
                return last + 1
            }
            if previousBlank, indent == 0 { inList = false }
            if let open = fenceOpener(at: position, line: line) {
                flushParagraph()
                var last = index + 1
                while last < lines.count, !closesFence(open, at: indentation(from: skipQuoteMarkers(lines[last]), to: lines[last].contentEnd).0, line: lines[last]) {
                    last += 1
                }
                dropBlock(upTo: lines[min(last, lines.count - 1)].contentEnd)
                return last + 1
            }
            if let heading = atxHeading(at: position, line: line) {
                flushParagraph()
                builder.startHeading(consumed..<heading.lowerBound)
                consumed = heading.lowerBound
                emitInlines([heading])
                return index + 1
            }
            if !paragraph.isEmpty, !inTable, isSetextUnderline(at: position, line: line) {
                flushParagraph(asHeading: true)
                return index + 1
            }
            if isThematicBreak(at: position, line: line) {
                flushParagraph()
                return index + 1
            }
            if paragraph.count == 1, !inTable, text[paragraph[0]].contains(UInt8(ascii: "|")), isTableDelimiterRow(at: position, line: line) {
                flushParagraph()
                inTable = true
                return index + 1
            }
            if paragraph.isEmpty, definition(at: position, line: line) != nil {
                return index + 1
            }
            if text.hasBytes("<!--", at: position) {
                flushParagraph()
                return comment(at: position, lineIndex: index)
            }
            if let contentStart = listItemContent(at: position, line: line) {
                flushParagraph()
                inList = true
                if contentStart < line.contentEnd { paragraph = [contentStart..<line.contentEnd] }
                return index + 1
            }
            if inTable { flushParagraph() }
            paragraph.append(position..<line.contentEnd)
            return index + 1
        }

        /// A `<!-- ... -->` starting a line, possibly over several lines; text after it on its last line starts a paragraph.
        private mutating func comment(at start: Int, lineIndex: Int) -> Int {
            var end = text.count
            var bodyEnd = text.count
            if let close = text.firstOffset(of: "-->", from: start + 4) {
                bodyEnd = close
                end = close + 3
            } else {
                builder.problem(at: start, "unterminated HTML comment: the rest of the document is inside it and was not scanned")
            }
            builder.paragraphBreak(consumed..<start)
            builder.addComment(start..<end, text: String(decoding: text[(start + 4)..<max(start + 4, bodyEnd)], as: UTF8.self))
            consumed = end
            var next = lineIndex
            while next < lines.count, lines[next].end <= end { next += 1 }
            if next < lines.count, lines[next].start < end {
                let (position, _) = indentation(from: end, to: lines[next].contentEnd)
                if position < lines[next].contentEnd { paragraph = [position..<lines[next].contentEnd] }
                next += 1
            }
            return next
        }

        /// Drops everything from `consumed` to `end` (a code block), leaving a paragraph break.
        private mutating func dropBlock(upTo end: Int) {
            builder.paragraphBreak(consumed..<end)
            consumed = end
        }

        private mutating func flushParagraph(asHeading: Bool = false) {
            guard let first = paragraph.first else { return }
            if asHeading {
                builder.startHeading(consumed..<first.lowerBound)
            } else {
                builder.paragraphBreak(consumed..<first.lowerBound)
            }
            consumed = first.lowerBound
            emitInlines(paragraph)
            paragraph = []
        }

        private mutating func emitInlines(_ ranges: [Range<Int>]) {
            var inline = InlineParser(text: text, ranges: ranges, definitions: definitions)
            inline.parse()
            inline.emit(into: &builder)
            consumed = ranges.last!.upperBound
        }

        // MARK: Line tests

        private func skipQuoteMarkers(_ line: Line) -> Int {
            var position = line.start
            while true {
                let (afterIndent, indent) = indentation(from: position, to: line.contentEnd)
                guard indent < 4, afterIndent < line.contentEnd, text[afterIndent] == UInt8(ascii: ">") else { return position }
                position = afterIndent + 1
                if position < line.contentEnd, text[position] == 0x20 { position += 1 }
            }
        }

        /// The first non-blank position from `start`, and the indentation in columns (a tab counts 4).
        private func indentation(from start: Int, to end: Int) -> (Int, Int) {
            var position = start
            var columns = 0
            while position < end, text[position] == 0x20 || text[position] == 0x09 {
                columns += text[position] == 0x09 ? 4 : 1
                position += 1
            }
            return (position, columns)
        }

        private func isBlank(_ line: Line) -> Bool {
            indentation(from: line.start, to: line.contentEnd).0 == line.contentEnd
        }

        private func isBlankOrIndented(_ line: Line) -> Bool {
            let (position, indent) = indentation(from: line.start, to: line.contentEnd)
            return position == line.contentEnd || indent >= 4
        }

        private func run(of byte: UInt8, at position: Int, end: Int) -> Int {
            var j = position
            while j < end, text[j] == byte { j += 1 }
            return j - position
        }

        private func fenceOpener(at position: Int, line: Line) -> (char: UInt8, length: Int)? {
            guard position < line.contentEnd else { return nil }
            let char = text[position]
            guard char == UInt8(ascii: "`") || char == UInt8(ascii: "~") else { return nil }
            let length = run(of: char, at: position, end: line.contentEnd)
            guard length >= 3 else { return nil }
            if char == UInt8(ascii: "`"), text[(position + length)..<line.contentEnd].contains(char) { return nil }
            return (char, length)
        }

        private func closesFence(_ open: (char: UInt8, length: Int), at position: Int, line: Line) -> Bool {
            let length = run(of: open.char, at: position, end: line.contentEnd)
            return length >= open.length && indentation(from: position + length, to: line.contentEnd).0 == line.contentEnd
        }

        /// The content range of an ATX heading line, without its `#` markers.
        private func atxHeading(at position: Int, line: Line) -> Range<Int>? {
            let level = run(of: UInt8(ascii: "#"), at: position, end: line.contentEnd)
            guard (1...6).contains(level) else { return nil }
            let afterMarker = position + level
            guard afterMarker == line.contentEnd || text[afterMarker] == 0x20 || text[afterMarker] == 0x09 else { return nil }
            let start = indentation(from: afterMarker, to: line.contentEnd).0
            var end = line.contentEnd
            while end > start, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
            var closing = end
            while closing > start, text[closing - 1] == UInt8(ascii: "#") { closing -= 1 }
            if closing == start || text[closing - 1] == 0x20 || text[closing - 1] == 0x09 {
                end = closing
                while end > start, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
            }
            return start < end ? start..<end : nil
        }

        /// A `===` or `---` line, which makes the paragraph above it a heading.
        private func isSetextUnderline(at position: Int, line: Line) -> Bool {
            let char = text[position]
            guard char == UInt8(ascii: "=") || char == UInt8(ascii: "-") else { return false }
            let length = run(of: char, at: position, end: line.contentEnd)
            return indentation(from: position + length, to: line.contentEnd).0 == line.contentEnd
        }

        private func isThematicBreak(at position: Int, line: Line) -> Bool {
            let char = text[position]
            guard char == UInt8(ascii: "*") || char == UInt8(ascii: "-") || char == UInt8(ascii: "_") else { return false }
            var count = 0
            for byte in text[position..<line.contentEnd] {
                if byte == char { count += 1 } else if byte != 0x20 && byte != 0x09 { return false }
            }
            return count >= 3
        }

        private func isTableDelimiterRow(at position: Int, line: Line) -> Bool {
            let row = text[position..<line.contentEnd]
            return row.contains(UInt8(ascii: "-"))
                && row.allSatisfy { [UInt8(ascii: "|"), UInt8(ascii: "-"), UInt8(ascii: ":"), 0x20, 0x09].contains($0) }
        }

        /// Where a list item's content starts, when the line starts with a list marker.
        private func listItemContent(at position: Int, line: Line) -> Int? {
            var markerEnd = position
            let byte = text[position]
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+") {
                markerEnd += 1
            } else {
                while markerEnd < line.contentEnd, markerEnd - position < 9, isDigit(text[markerEnd]) { markerEnd += 1 }
                guard markerEnd > position, markerEnd < line.contentEnd,
                      text[markerEnd] == UInt8(ascii: ".") || text[markerEnd] == UInt8(ascii: ")") else { return nil }
                markerEnd += 1
            }
            guard markerEnd == line.contentEnd || text[markerEnd] == 0x20 || text[markerEnd] == 0x09 else { return nil }
            return indentation(from: markerEnd, to: line.contentEnd).0
        }

        /// A link reference definition `[label]: url "title"` on one line.
        private func definition(at position: Int, line: Line) -> (label: String, url: String)? {
            guard text[position] == UInt8(ascii: "[") else { return nil }
            var j = position + 1
            while j < line.contentEnd, text[j] != UInt8(ascii: "]") { j += 1 }
            guard j + 1 < line.contentEnd, j > position + 1, text[j + 1] == UInt8(ascii: ":") else { return nil }
            let label = MarkdownExtractor.normalizedLabel(text[(position + 1)..<j])
            let urlStart = indentation(from: j + 2, to: line.contentEnd).0
            var urlEnd = urlStart
            while urlEnd < line.contentEnd, text[urlEnd] != 0x20, text[urlEnd] != 0x09 { urlEnd += 1 }
            guard urlEnd > urlStart else { return nil }
            var url = String(decoding: text[urlStart..<urlEnd], as: UTF8.self)
            if url.hasPrefix("<"), url.hasSuffix(">") { url = String(url.dropFirst().dropLast()) }
            return (label, url)
        }

    }

    /// A link label compared case-insensitively with inner white space collapsed.
    static func normalizedLabel(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self).lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    // MARK: - Inlines

    /// One piece of a paragraph's inline content, in virtual offsets (see `InlineParser`).
    private enum Inline {
        case text(Range<Int>)
        case drop(Range<Int>)
        /// Soft line breaks and code spans: read as white space.
        case space(Range<Int>)
        case lineBreak(Range<Int>)
        case replace(Range<Int>, [UInt8])
        case comment(Range<Int>, String)
        /// An emphasis or strikethrough delimiter run, until the pairing pass decides.
        case delimiter(Range<Int>, char: UInt8, canOpen: Bool, canClose: Bool)
        /// An unresolved `[` or `![`.
        case bracket(Range<Int>, image: Bool)
        case linkStart(Range<Int>, url: String)
        case linkEnd(Range<Int>, url: String)
    }

    /// Parses the inline content of one paragraph, given as content ranges of consecutive
    /// lines. The lines are laid out as one virtual text in which each gap between two lines
    /// (line ending, indentation, quote markers) is one `\n` standing for its whole source.
    private struct InlineParser {
        private var chars: [UInt8] = []
        /// The source range of each virtual character.
        private var sources: [Range<Int>] = []
        private let definitions: [String: String]
        private var nodes: [Inline] = []
        private var textStart = 0
        private var i = 0
        /// Backtick run lengths known to have no closing run further on, and whether `-->`
        /// is known to be missing: each failed search is not repeated (no quadratic scans).
        private var unclosedCodeRuns: Set<Int> = []
        private var commentsUnclosed = false
        /// Indices in `nodes` of the `[` and `![` not yet closed, innermost last.
        private var openBrackets: [Int] = []

        init(text: [UInt8], ranges: [Range<Int>], definitions: [String: String]) {
            self.definitions = definitions
            for (index, range) in ranges.enumerated() {
                if index > 0 {
                    chars.append(0x0A)
                    sources.append(ranges[index - 1].upperBound..<range.lowerBound)
                }
                chars += text[range]
                sources += range.map { $0..<($0 + 1) }
            }
        }

        mutating func parse() {
            while i < chars.count {
                switch chars[i] {
                case 0x0A: lineEnd()
                case UInt8(ascii: "\\"): escape()
                case UInt8(ascii: "`"): codeSpan()
                case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"): delimiterRun()
                case UInt8(ascii: "!") where i + 1 < chars.count && chars[i + 1] == UInt8(ascii: "["):
                    push(.bracket(i..<(i + 2), image: true), upTo: i + 2)
                    openBrackets.append(nodes.count - 1)
                case UInt8(ascii: "["):
                    push(.bracket(i..<(i + 1), image: false), upTo: i + 1)
                    openBrackets.append(nodes.count - 1)
                case UInt8(ascii: "]"): closeBracket()
                case UInt8(ascii: "<"): angle()
                case UInt8(ascii: "&"):
                    if let found = HTMLEntities.reference(in: chars, at: i, end: chars.count) {
                        push(.replace(i..<(i + found.length), found.utf8), upTo: i + found.length)
                    } else {
                        i += 1
                    }
                default: i += 1
                }
            }
            flushText()
            pairDelimiters()
        }

        /// Writes the nodes into `builder`, in source order.
        func emit(into builder: inout ExtractionBuilder) {
            var linkStarts: [Int] = []
            for node in nodes {
                switch node {
                case .text(let range), .bracket(let range, _), .delimiter(let range, _, _, _): builder.copy(source(range))
                case .drop(let range): builder.drop(source(range))
                case .space(let range): builder.space(source(range))
                case .lineBreak(let range): builder.lineBreak(source(range))
                case .replace(let range, let value): builder.replace(source(range), with: value)
                case .comment(let range, let body): builder.addComment(source(range), text: body)
                case .linkStart(let range, _):
                    builder.drop(source(range))
                    linkStarts.append(builder.count)
                case .linkEnd(let range, let url):
                    builder.drop(source(range))
                    if let start = linkStarts.popLast() { builder.addLink(from: start, url: url) }
                }
            }
        }

        /// The source range of the virtual range `range` (never empty).
        private func source(_ range: Range<Int>) -> Range<Int> {
            sources[range.lowerBound].lowerBound..<sources[range.upperBound - 1].upperBound
        }

        private mutating func flushText() {
            if textStart < i { nodes.append(.text(textStart..<i)) }
            textStart = i
        }

        /// Ends the pending text at `i`, appends `node`, and continues at `next`.
        private mutating func push(_ node: Inline, upTo next: Int) {
            flushText()
            nodes.append(node)
            i = next
            textStart = next
        }

        /// Like `push`, for markup that vanishes (code spans, images, tags, comments) and so
        /// absorbs the blanks after it when a blank precedes it: "use `x` here" reads "use here".
        private mutating func pushVanishing(_ node: Inline, upTo next: Int) {
            let blankBefore = i == 0 || isWhitespace(chars[i - 1])
            push(node, upTo: next)
            guard blankBefore else { return }
            var end = next
            while end < chars.count, chars[end] == 0x20 || chars[end] == 0x09 { end += 1 }
            if end > next { push(.drop(next..<end), upTo: end) }
        }

        /// A gap between lines: a hard break after two spaces or a backslash, else a space.
        private mutating func lineEnd() {
            var spaces = i
            while spaces > textStart, chars[spaces - 1] == 0x20 { spaces -= 1 }
            let backslash = spaces == i && i > textStart && chars[i - 1] == UInt8(ascii: "\\")
            guard i - spaces >= 2 || backslash else {
                push(.space(i..<(i + 1)), upTo: i + 1)
                return
            }
            let gap = i
            i = backslash ? i - 1 : spaces // the pending text ends where the break starts
            push(.lineBreak(i..<(gap + 1)), upTo: gap + 1)
        }

        private mutating func escape() {
            guard i + 1 < chars.count, isASCIIPunctuation(chars[i + 1]) else { i += 1; return }
            push(.drop(i..<(i + 1)), upTo: i + 1)
            i += 1 // the escaped character stays text
        }

        private mutating func codeSpan() {
            let length = runLength(at: i)
            guard !unclosedCodeRuns.contains(length) else { i += length; return }
            var j = i + length
            while j < chars.count {
                if chars[j] == UInt8(ascii: "`") {
                    let closing = runLength(at: j)
                    if closing == length {
                        pushVanishing(.space(i..<(j + closing)), upTo: j + closing)
                        return
                    }
                    j += closing
                } else {
                    j += 1
                }
            }
            unclosedCodeRuns.insert(length)
            i += length // no closing run: the backticks are text
        }

        private mutating func delimiterRun() {
            let char = chars[i]
            let length = runLength(at: i)
            if char == UInt8(ascii: "~"), length < 2 { i += length; return }
            let before: UInt8 = i > 0 ? chars[i - 1] : 0x20
            let after: UInt8 = i + length < chars.count ? chars[i + length] : 0x20
            let beforeSpace = isWhitespace(before), afterSpace = isWhitespace(after)
            let beforePunct = isASCIIPunctuation(before), afterPunct = isASCIIPunctuation(after)
            let leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
            let rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
            var canOpen = leftFlanking
            var canClose = rightFlanking
            if char == UInt8(ascii: "_") {
                canOpen = leftFlanking && (!rightFlanking || beforePunct)
                canClose = rightFlanking && (!leftFlanking || afterPunct)
            }
            guard canOpen || canClose else { i += length; return }
            push(.delimiter(i..<(i + length), char: char, canOpen: canOpen, canClose: canClose), upTo: i + length)
        }

        /// `]`: turns the nearest `[` into a link or image when a destination or a known reference follows.
        private mutating func closeBracket() {
            guard let openerIndex = openBrackets.popLast(), case .bracket(let openerRange, let image) = nodes[openerIndex] else {
                i += 1
                return
            }
            let close = i
            var url: String?
            var end = close + 1
            if end < chars.count, chars[end] == UInt8(ascii: "("), let destination = inlineDestination(from: end + 1) {
                url = destination.url
                end = destination.end
            } else if end < chars.count, chars[end] == UInt8(ascii: "["),
                      let labelEnd = chars[(end + 1)...].firstIndex(of: UInt8(ascii: "]")) {
                let label = labelEnd == end + 1 ? chars[openerRange.upperBound..<close] : chars[(end + 1)..<labelEnd]
                url = definitions[MarkdownExtractor.normalizedLabel(label)]
                if url != nil { end = labelEnd + 1 }
            } else {
                url = definitions[MarkdownExtractor.normalizedLabel(chars[openerRange.upperBound..<close])]
            }
            guard let url else {
                nodes[openerIndex] = .text(openerRange)
                i += 1
                return
            }
            if image {
                nodes.removeSubrange(openerIndex...)
                textStart = openerRange.lowerBound
                i = openerRange.lowerBound
                pushVanishing(.drop(openerRange.lowerBound..<end), upTo: end)
            } else {
                nodes[openerIndex] = .linkStart(openerRange, url: url)
                // Earlier `[` cannot open a link around this one (links do not nest).
                var images: [Int] = []
                for index in openBrackets {
                    if case .bracket(let range, false) = nodes[index] { nodes[index] = .text(range) } else { images.append(index) }
                }
                openBrackets = images
                push(.linkEnd(close..<end, url: url), upTo: end)
            }
        }

        /// `url "title")` after `](`: the URL and the offset after `)`.
        private func inlineDestination(from start: Int) -> (url: String, end: Int)? {
            var j = skipSpace(from: start)
            var url: [UInt8] = []
            if j < chars.count, chars[j] == UInt8(ascii: "<") {
                guard let close = chars[j...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                url = Array(chars[(j + 1)..<close])
                j = close + 1
            } else {
                var depth = 0
                while j < chars.count, !isWhitespace(chars[j]) {
                    if chars[j] == UInt8(ascii: "(") { depth += 1 }
                    if chars[j] == UInt8(ascii: ")") {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    url.append(chars[j])
                    j += 1
                }
            }
            j = skipSpace(from: j)
            if j < chars.count, let closer = [UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "'"): UInt8(ascii: "'"),
                                               UInt8(ascii: "("): UInt8(ascii: ")")][chars[j]] {
                guard let close = chars[(j + 1)...].firstIndex(of: closer) else { return nil }
                j = skipSpace(from: close + 1)
            }
            guard j < chars.count, chars[j] == UInt8(ascii: ")") else { return nil }
            return (HTMLEntities.decode(url[...]), j + 1)
        }

        /// `<`: an autolink (its URL stays text), a comment, an inline HTML tag, or text.
        private mutating func angle() {
            var j = i + 1
            if !commentsUnclosed, chars.hasBytes("!--", at: j) {
                if let close = chars.firstOffset(of: "-->", from: j + 3) {
                    let body = String(decoding: chars[(i + 4)..<close], as: UTF8.self)
                    pushVanishing(.comment(i..<(close + 3), body), upTo: close + 3)
                    return
                }
                commentsUnclosed = true
            }
            while j < chars.count, chars[j] != UInt8(ascii: ">"), chars[j] != UInt8(ascii: "<"), !isWhitespace(chars[j]) { j += 1 }
            let inner = chars[(i + 1)..<j]
            if j < chars.count, chars[j] == UInt8(ascii: ">"), inner.contains(UInt8(ascii: ":")) || inner.contains(UInt8(ascii: "@")),
               let first = inner.first, first.isASCIILetter {
                push(.drop(i..<(i + 1)), upTo: i + 1)
                push(.text(i..<j), upTo: j)
                push(.drop(j..<(j + 1)), upTo: j + 1)
                return
            }
            // An HTML tag: `<name ...>` or `</name>`, quotes respected.
            var k = i + 1
            if k < chars.count, chars[k] == UInt8(ascii: "/") { k += 1 }
            guard k < chars.count, chars[k].isASCIILetter else { i += 1; return }
            var quote: UInt8?
            while k < chars.count {
                let byte = chars[k]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    pushVanishing(.drop(i..<(k + 1)), upTo: k + 1)
                    return
                } else if byte == UInt8(ascii: "<") {
                    break
                }
                k += 1
            }
            i += 1
        }

        /// Pairs emphasis delimiters: each closer with the nearest earlier opener of the same
        /// character; paired runs are dropped, unpaired ones become text.
        private mutating func pairDelimiters() {
            var openers: [Int] = []
            for index in nodes.indices {
                guard case .delimiter(let range, let char, let canOpen, let canClose) = nodes[index] else { continue }
                if canClose, let position = openers.lastIndex(where: { opener in
                    if case .delimiter(_, char, _, _) = nodes[opener] { return true } else { return false }
                }) {
                    let opener = openers[position]
                    if case .delimiter(let openerRange, _, _, _) = nodes[opener] { nodes[opener] = .drop(openerRange) }
                    nodes[index] = .drop(range)
                    openers.removeSubrange(position...)
                } else if canOpen {
                    openers.append(index)
                } else {
                    nodes[index] = .text(range)
                }
            }
            for opener in openers {
                if case .delimiter(let range, _, _, _) = nodes[opener] { nodes[opener] = .text(range) }
            }
        }

        // MARK: Characters

        private func runLength(at start: Int) -> Int {
            var j = start
            while j < chars.count, chars[j] == chars[start] { j += 1 }
            return j - start
        }

        private func skipSpace(from start: Int) -> Int {
            var j = start
            while j < chars.count, isWhitespace(chars[j]) { j += 1 }
            return j
        }

        private func isWhitespace(_ byte: UInt8) -> Bool { ExtractionBuilder.isSpace(byte) }

        private func isASCIIPunctuation(_ byte: UInt8) -> Bool {
            (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
        }
    }
}
