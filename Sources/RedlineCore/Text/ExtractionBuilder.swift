/// Writes an extracted text left to right from the bytes of a source layer, recording an
/// `OffsetMap` segment for every source range it consumes, in source order, so each derived
/// byte maps back to the exact markup that produced it. Shared by the HTML and Markdown extractors.
///
/// White space and breaks are written lazily: `space`, `lineBreak` and `paragraphBreak` only
/// remember their source, which becomes one `" "` or the strongest break asked for just
/// before the next text, and nothing at the start or the end of the text. Ranges dropped
/// meanwhile join that pending source range, so segments stay in source order.
struct ExtractionBuilder {
    private let source: [UInt8]
    private(set) var bytes: [UInt8] = []
    private var map = OffsetMap()
    /// Source of white space or breaks (and markup dropped after them) not yet written, and
    /// how many newlines to write for it (0: one space).
    private var pending: (source: Range<Int>, newlines: Int)?
    /// Whether the text written next starts a section.
    private var headingPending = false
    private var hiddenRanges: [Range<Int>] = []
    private var headingStarts: [Int] = []
    private var links: [ExtractedText.Link] = []
    /// Comments as (derived offset, source range in the layer, text).
    private var comments: [(offset: Int, source: Range<Int>, text: String)] = []
    /// Problems as (source offset, message).
    private var problems: [(offset: Int, message: String)] = []

    init(source: [UInt8]) {
        self.source = source
        bytes.reserveCapacity(source.count)
    }

    /// Length of the text written so far (pending white space and breaks not counted).
    var count: Int { bytes.count }

    /// Copies `range` of the source unchanged.
    mutating func copy(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        flushSpace()
        bytes.append(contentsOf: source[range])
        map.appendIdentity(sourceStart: range.lowerBound, length: range.count)
    }

    /// Writes `text` in place of the source bytes `range` (an entity reference, an escape).
    mutating func replace(_ range: Range<Int>, with text: [UInt8]) {
        flushSpace()
        bytes.append(contentsOf: text)
        map.appendReplacement(source: range, derivedLength: text.count)
    }

    /// Drops the source bytes `range` (markup): nothing is written, words on both sides join.
    mutating func drop(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        if let current = pending {
            pending = (current.source.lowerBound..<range.upperBound, current.newlines)
        } else {
            map.appendReplacement(source: range, derivedLength: 0)
        }
    }

    /// Collapsible white space at `range`: written as at most one space, later.
    mutating func space(_ range: Range<Int>) {
        addPending(range, newlines: 0)
    }

    /// Replaces `range` with a line break (`<br>`, a Markdown hard break).
    mutating func lineBreak(_ range: Range<Int>) {
        addPending(range, newlines: 1)
    }

    /// Replaces `range` with a paragraph break (a blank line): the Tokenizer then sees
    /// separate paragraphs and never joins their words.
    mutating func paragraphBreak(_ range: Range<Int>) {
        addPending(range, newlines: 2)
    }

    /// Replaces `range` with a paragraph break after which a new section starts.
    mutating func startHeading(_ range: Range<Int>) {
        paragraphBreak(range)
        headingPending = true
    }

    /// Marks `start..<count` as text readers do not see.
    mutating func markHidden(from start: Int) {
        guard start < count else { return }
        if let last = hiddenRanges.last, last.upperBound > start {
            hiddenRanges[hiddenRanges.count - 1] = min(last.lowerBound, start)..<count
        } else {
            hiddenRanges.append(start..<count)
        }
    }

    /// Records that `start..<count` is the text of a link to `url`.
    mutating func addLink(from start: Int, url: String) {
        links.append(ExtractedText.Link(range: start..<count, url: url))
    }

    /// Records a comment whose source is `range` and whose inner text is `text` (the comment itself is dropped).
    mutating func addComment(_ range: Range<Int>, text: String) {
        comments.append((count, range, text))
        drop(range)
    }

    /// Records a markup problem at `offset` of the source.
    mutating func problem(at offset: Int, _ message: String) {
        problems.append((offset, message))
    }

    /// The finished text, derived from `layer` (whose bytes this builder read).
    mutating func finish(deriving layer: TextLayer) -> ExtractedText {
        if let current = pending {
            map.appendReplacement(source: current.source, derivedLength: 0)
            pending = nil
        }
        if map.sourceLength < source.count {
            map.appendReplacement(source: map.sourceLength..<source.count, derivedLength: 0)
        }
        let derived = layer.deriving(bytes: bytes, map: map)
        var extracted = ExtractedText(layer: derived)
        extracted.hiddenRanges = hiddenRanges.map(trimmed).filter { !$0.isEmpty }
        extracted.headingStarts = headingStarts
        extracted.links = links.compactMap { link in
            let range = trimmed(link.range)
            return range.isEmpty ? nil : ExtractedText.Link(range: range, url: link.url)
        }
        extracted.comments = comments.map { comment in
            ExtractedText.Comment(offset: comment.offset, originalRange: layer.originalRange(of: comment.source), text: comment.text)
        }
        extracted.markupProblems = problems.map { (layer.originalRange(of: $0.offset..<$0.offset).lowerBound, $0.message) }
        return extracted
    }

    // MARK: - Private

    private mutating func addPending(_ range: Range<Int>, newlines: Int) {
        if let current = pending {
            pending = (current.source.lowerBound..<max(current.source.upperBound, range.upperBound), max(current.newlines, newlines))
        } else {
            pending = (range, newlines)
        }
    }

    /// Writes what is pending before new text: nothing at the start, else the break, or one
    /// space unless the text already ends in white space.
    private mutating func flushSpace() {
        if let current = pending {
            pending = nil
            var written: [UInt8] = []
            if let last = bytes.last {
                if current.newlines > 0 {
                    written = Array(repeating: 0x0A, count: current.newlines)
                } else if !Self.isSpace(last) {
                    written = [0x20]
                }
            }
            bytes += written
            if written == [0x20], current.source.count == 1, source[current.source.lowerBound] == 0x20 {
                map.appendIdentity(sourceStart: current.source.lowerBound, length: 1) // a plain space stays itself
            } else {
                map.appendReplacement(source: current.source, derivedLength: written.count)
            }
        }
        if headingPending {
            headingPending = false
            if headingStarts.last != count { headingStarts.append(count) }
        }
    }

    /// `range` without white space at either end.
    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = min(range.upperBound, bytes.count)
        while lower < upper, Self.isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}

extension Array where Element == UInt8 {
    /// Whether the bytes of `pattern` stand at `offset`.
    func hasBytes(_ pattern: String, at offset: Int) -> Bool {
        let utf8 = pattern.utf8
        return offset >= 0 && offset + utf8.count <= count && self[offset..<(offset + utf8.count)].elementsEqual(utf8)
    }

    /// The first offset at or after `start` where the bytes of `pattern` stand.
    func firstOffset(of pattern: String, from start: Int) -> Int? {
        guard let first = pattern.utf8.first else { return nil }
        var offset = start
        while offset < count {
            if self[offset] == first, hasBytes(pattern, at: offset) { return offset }
            offset += 1
        }
        return nil
    }
}

extension UInt8 {
    /// An ASCII letter, either case.
    var isASCIILetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
}
