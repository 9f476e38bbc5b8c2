/// Everything rules need about one document while it is scanned: its text layers, their
/// segmentation (computed on first use), the thread's match scratch, and the diagnostics
/// raised along the way. One per document, used by one thread; or, when a huge document is
/// split (see `SplitScan`), one per chunk, which finds only the matches starting in its chunk.
final class RuleContext {
    let documentID: String
    let extracted: ExtractedText
    let normalized: TextLayer
    /// Section starts in `normalized`, when the extractor knows the headings.
    let normalizedHeadingStarts: [Int]?
    let scratch: MatchScratch
    /// The prefilter for each text layer's rules (empty: every regex runs over the whole text).
    private let prefilter: PerTarget<RegexSet?>
    private var prefilterHits: PerTarget<PrefilterHits?>
    private var segmentations = PerTarget<Segmentation?>()
    /// Paragraphs split into sentences around hits so far, per text (when `segmentations` is not computed).
    private let localNormalized = ParagraphCache()
    private let localOriginal = ParagraphCache()
    private var contactTokens = PerTarget<[ContactToken]?>()
    /// Regex limit hits, as (rule, offset in the layer, target, PCRE2 message).
    private(set) var limitHits: [(rule: String, offset: Int, target: MatchTarget, message: String)] = []
    /// The chunk this context matches in, when the document is split; nil: the whole document.
    private let chunk: ChunkScope?

    /// `prefilterHits`: the prefilter's hits per text layer when the caller has them already
    /// (they must be what one `RegexSet.scan` of the whole layer finds); the others are found on first use.
    init(documentID: String, extracted: ExtractedText, normalized: TextLayer, normalizedHeadingStarts: [Int]?,
         scratch: MatchScratch, prefilter: PerTarget<RegexSet?> = PerTarget(), prefilterHits: PerTarget<PrefilterHits?> = PerTarget(),
         chunk: ChunkScope? = nil) {
        self.prefilter = prefilter
        self.prefilterHits = prefilterHits
        self.chunk = chunk
        self.documentID = documentID
        self.extracted = extracted
        self.normalized = normalized
        self.normalizedHeadingStarts = normalizedHeadingStarts
        self.scratch = scratch
    }

    /// The extracted text's hidden ranges, in original-byte offsets, sorted and disjoint.
    private lazy var hiddenOriginalRanges: [Range<Int>] = extracted.hiddenRanges.reduce(into: []) { ranges, hidden in
        let original = extracted.layer.originalRange(of: hidden)
        if let last = ranges.last, last.upperBound >= original.lowerBound {
            ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, original.upperBound)
        } else {
            ranges.append(original)
        }
    }

    /// The first hidden original range that ends after `offset`, if any.
    private func hiddenRange(endingAfter offset: Int) -> Range<Int>? {
        var low = 0
        var high = hiddenOriginalRanges.count
        while low < high {
            let mid = (low + high) / 2
            if hiddenOriginalRanges[mid].upperBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low < hiddenOriginalRanges.count ? hiddenOriginalRanges[low] : nil
    }

    /// Whether the original bytes `range` share a byte with text readers do not see.
    func overlapsHidden(_ range: Range<Int>) -> Bool {
        hiddenRange(endingAfter: range.lowerBound).map { $0.overlaps(range) } ?? false
    }

    /// Whether `range` of the text for `target` lies wholly in text readers do not see.
    private func liesInHidden(_ range: Range<Int>, target: MatchTarget) -> Bool {
        let original = text(target).originalRange(of: range)
        return hiddenRange(endingAfter: original.lowerBound).map { $0.lowerBound <= original.lowerBound && original.upperBound <= $0.upperBound } ?? false
    }

    /// The text a rule matching on `target` reads.
    func text(_ target: MatchTarget) -> TextLayer {
        target == .original ? extracted.layer : normalized
    }

    /// The sentence holding `offset` in the text for `target` (from its paragraph alone, or
    /// from the whole segmentation when that was computed already).
    func sentence(containing offset: Int, target: MatchTarget) -> Range<Int> {
        if let cached = segmentations[target] { return cached.sentence(containing: offset) }
        let known = target == .original ? localOriginal : localNormalized
        // Paragraphs met so far, sorted by start: most hits fall in one already split.
        var low = 0
        var high = known.entries.count
        while low < high {
            let mid = (low + high) / 2
            if known.entries[mid].paragraph.upperBound <= offset { low = mid + 1 } else { high = mid }
        }
        if low < known.entries.count, known.entries[low].paragraph.contains(offset) {
            return Segmentation.range(in: known.entries[low].sentences, containing: offset)
        }
        let (paragraph, sentences) = Tokenizer.paragraphSentences(text(target).bytes, containing: offset)
        guard !paragraph.isEmpty else { return offset..<offset }
        known.entries.insert((paragraph, sentences), at: low)
        return Segmentation.range(in: sentences, containing: offset)
    }

    /// The paragraph holding `offset` in the text for `target`.
    func paragraph(containing offset: Int, target: MatchTarget) -> Range<Int> {
        if let cached = segmentations[target] { return cached.paragraph(containing: offset) }
        return Tokenizer.paragraph(text(target).bytes, containing: offset)
    }

    /// The normalized text at `range` of the text for `target` (for `.original`, the
    /// normalized text derived from that range), which fingerprints compare.
    func normalizedText(of range: Range<Int>, target: MatchTarget) -> String {
        let normalizedRange = target == .original ? normalized.derivedRange(of: range, from: extracted.layer) : range
        return String(decoding: normalized.bytes[normalizedRange], as: UTF8.self)
    }

    /// The paragraphs of the extracted text with their original byte ranges, for `originalSentence`.
    private lazy var originalParagraphs: [(paragraph: Range<Int>, original: Range<Int>)] = {
        let paragraphs = segmentations[.original]?.paragraphs ?? Tokenizer.paragraphs(extracted.layer.bytes)
        return paragraphs.map { ($0, extracted.layer.originalRange(of: $0)) }
    }()
    /// The sentences of `originalParagraphs[i]` in original byte ranges, by `i`, as computed so far.
    private var originalParagraphSentences: [Int: [Range<Int>]] = [:]

    /// The first sentence of the text as written, in original bytes, that holds the original
    /// offset `offset` or starts after it (`offset..<offset` when none does): what
    /// `segmentation(.original).sentences.map { extracted.layer.originalRange(of: $0) }.first { $0.contains(offset) || $0.lowerBound > offset }`
    /// finds, splitting into sentences only the paragraphs it needs. Sentences lie in their
    /// paragraph and original ranges grow with the text, so a paragraph whose original range
    /// ends at or before `offset` holds no such sentence.
    func originalSentence(atOrAfter offset: Int) -> Range<Int> {
        let paragraphs = originalParagraphs
        var low = 0
        var high = paragraphs.count
        while low < high {
            let mid = (low + high) / 2
            if paragraphs[mid].original.upperBound <= offset { low = mid + 1 } else { high = mid }
        }
        for index in low..<paragraphs.count {
            let sentences: [Range<Int>]
            if let cached = originalParagraphSentences[index] {
                sentences = cached
            } else {
                sentences = Tokenizer.sentences(extracted.layer.bytes, in: paragraphs[index].paragraph).map { extracted.layer.originalRange(of: $0) }
                originalParagraphSentences[index] = sentences
            }
            if let found = sentences.first(where: { $0.contains(offset) || $0.lowerBound > offset }) { return found }
        }
        return offset..<offset
    }

    /// Paragraphs, sentences and sections of the text for `target`.
    func segmentation(_ target: MatchTarget) -> Segmentation {
        if let cached = segmentations[target] { return cached }
        let layer = text(target)
        let headings = target == .original ? extracted.headingStarts : normalizedHeadingStarts
        let segmentation = Tokenizer.segment(layer.bytes, headingStarts: headings)
        segmentations[target] = segmentation
        return segmentation
    }


    /// Contact tokens of the extracted text, sorted: those written in it (found as written,
    /// before normalization could fold the `@` of an address into a letter) and the text of
    /// links whose target is another site, an e-mail, a phone or a messenger.
    private lazy var extractedContacts: [ContactToken] = {
        var tokens = ContactScanner.scan(extracted.layer.bytes, scratch: scratch) { regex in
            self.allMatches(regex, target: .original, rule: nil)
        }
        for link in extracted.links {
            if let kind = ContactScanner.kind(ofLink: link.url) { tokens.append(ContactToken(kind: kind, range: link.range)) }
        }
        return tokens.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }()

    /// The contact tokens as ranges of the text for `target` (in a chunk: those starting in it).
    func contacts(_ target: MatchTarget) -> [ContactToken] {
        if let cached = contactTokens[target] { return cached }
        let layer = text(target)
        var tokens = chunk?.shared.contacts(target) ?? extractedContacts.compactMap { token -> ContactToken? in
            let range = layer.derivedRange(of: token.range, from: extracted.layer)
            return range.isEmpty ? nil : ContactToken(kind: token.kind, range: range)
        }
        if let owned = chunk?.owned(target) { tokens = tokens.filter { owned.contains($0.range.lowerBound) } }
        contactTokens[target] = tokens
        return tokens
    }

    /// The ranges where `part` matches for `rule`: regex matches or contact tokens, kept
    /// only inside hidden text when the rule says `in_hidden`.
    func matches(_ part: RulePart, rule spec: RuleSpec) -> [Range<Int>] {
        if spec.inHidden && extracted.hiddenRanges.isEmpty { return [] }
        var ranges: [Range<Int>]
        switch part {
        case .regex(let regex): ranges = allMatches(regex, target: spec.matchOn, rule: spec.id)
        case .contacts(let kinds): ranges = contacts(spec.matchOn).filter { kinds.contains($0.kind) }.map(\.range)
        }
        if spec.inHidden { ranges = ranges.filter { liesInHidden($0, target: spec.matchOn) } }
        return ranges
    }

    /// The matches of `part` that start inside `units` (sorted, disjoint ranges of the text),
    /// each unit searched on its own: how a near rule confirms its other parts only where its
    /// rarest part matched.
    func matches(_ part: RulePart, rule spec: RuleSpec, within units: [Range<Int>]) -> [Range<Int>] {
        guard case .regex(let regex) = part else {
            return matches(part, rule: spec).filter { range in units.contains { $0.contains(range.lowerBound) } }
        }
        if spec.inHidden && extracted.hiddenRanges.isEmpty { return [] }
        var ranges: [Range<Int>] = []
        for unit in units {
            var from = unit.lowerBound
            while from < unit.upperBound, let found = firstMatch(regex, target: spec.matchOn, in: from..<unit.upperBound, rule: spec.id) {
                ranges.append(found)
                from = found.isEmpty ? found.upperBound + 1 : found.upperBound
            }
        }
        if spec.inHidden { ranges = ranges.filter { liesInHidden($0, target: spec.matchOn) } }
        return ranges
    }

    /// How many places in the whole text for `target` the prefilter found where `regex` may
    /// match (0: it has no match), or nil when the prefilter does not know.
    func candidateCount(_ regex: Regex, target: MatchTarget) -> Int? {
        candidates(regex, target: target)?.ends.count
    }

    /// What the prefilter knows of `regex` on `target`: its mode and its hits' end offsets
    /// (empty: no hit), or nil when the regex must run over the whole text.
    private func candidates(_ regex: Regex, target: MatchTarget) -> (mode: PrefilterMode, ends: ArraySlice<Int>)? {
        guard let set = prefilter[target], let id = set.id(of: regex) else { return nil }
        let mode = set.modes[id]
        if case .direct = mode { return nil }
        let hits: PrefilterHits
        if let cached = prefilterHits[target] {
            hits = cached
        } else {
            hits = text(target).bytes.withUnsafeBufferPointer { set.scan($0, scratch: scratch) }
            prefilterHits[target] = hits
        }
        guard hits.complete else { return nil }
        return (mode, hits.ends(of: id))
    }

    /// Every match of `regex` in the text for `target`, as a whole-text scan finds them (in
    /// a chunk: those of them that start in the chunk). A limit hit is recorded for `rule`
    /// (nil: not recorded).
    func allMatches(_ regex: Regex, target: MatchTarget, rule: String?) -> [Range<Int>] {
        let (found, stop) = chunk.map { chunkMatches(regex, target: target, in: $0) } ?? wholeTextMatches(regex, target: target)
        if let stop, let rule { limitHits.append((rule, stop.offset, target, stop.message)) }
        return found
    }

    /// Every match of `regex` in the whole text for `target`, and where a PCRE2 limit stopped the search (nil: it did not).
    func wholeTextMatches(_ regex: Regex, target: MatchTarget) -> (matches: [Range<Int>], stop: LimitStop?) {
        if let (mode, ends) = candidates(regex, target: target) {
            if ends.isEmpty { return ([], nil) }
            if case .windowed(let maxWidth, let singleLine) = mode {
                return confirm(regex, ends: ends, from: 0, maxWidth: maxWidth, singleLine: singleLine, target: target, firstOnly: false)
            }
        }
        var stop: LimitStop?
        let found = text(target).bytes.withUnsafeBufferPointer { buffer in
            regex.allMatches(in: buffer, scratch: scratch) { offset, message in stop = LimitStop(offset: offset, message: message) }
        }
        return (found, stop)
    }

    /// The matches of the whole-text search that start in the chunk. A pattern the prefilter
    /// knows never to hold a line feed is confirmed here, from the chunk's start on, on the
    /// prefilter's ends inside the chunk: no match crosses the line break before a chunk, so
    /// the whole-text search starts afresh there and makes the same PCRE2 calls. Any other
    /// pattern is searched once in the whole text, for all chunks (`SharedMatches`).
    private func chunkMatches(_ regex: Regex, target: MatchTarget, in chunk: ChunkScope) -> (matches: [Range<Int>], stop: LimitStop?) {
        let owned = chunk.owned(target)
        if isLineLocal(regex, target: target), let (mode, ends) = candidates(regex, target: target), case .windowed(let maxWidth, _) = mode {
            let inChunk = ends[ends.partitioningIndex { $0 > owned.lowerBound }..<ends.partitioningIndex { $0 > owned.upperBound }]
            return confirm(regex, ends: inChunk, from: owned.lowerBound, maxWidth: maxWidth, singleLine: true, target: target, firstOnly: false)
        }
        let (found, stop) = chunk.shared.matches(regex, target: target) ?? wholeTextMatches(regex, target: target)
        let inChunk = found[found.partitioningIndex { $0.lowerBound >= owned.lowerBound }..<found.partitioningIndex { $0.lowerBound >= owned.upperBound }]
        return (Array(inChunk), stop)
    }

    /// Whether the prefilter confirms `regex` on `target` and it never holds a line feed
    /// (`SplitScan.isLineLocal`), so a chunk finds its matches alone.
    func isLineLocal(_ regex: Regex, target: MatchTarget) -> Bool {
        guard let set = prefilter[target], let id = set.id(of: regex), let hits = prefilterHits[target], hits.complete else { return false }
        return SplitScan.isLineLocal(set.modes[id])
    }

    /// The matches PCRE2 finds scanning the whole text from `start`, found by looking only near the
    /// prefilter's end offsets. Every match ends at one of `ends`, so the leftmost match
    /// starting at or after `p` starts in `[e - maxWidth, e - 1]` for the first end `e > p`,
    /// or later; the search from there gives up past `e - 1` (PCRE2's offset limit). A
    /// pattern that cannot match a line feed starts no earlier than the line holding `e - 1`.
    /// A limit hit ends the search; it is returned with the matches found before it.
    private func confirm(_ regex: Regex, ends: ArraySlice<Int>, from start: Int, maxWidth: Int?, singleLine: Bool, target: MatchTarget,
                         firstOnly: Bool) -> (matches: [Range<Int>], stop: LimitStop?) {
        text(target).bytes.withUnsafeBufferPointer { buffer in
            var results: [Range<Int>] = []
            var p = start
            for e in ends where e > p {
                var q = maxWidth.map { max(p, e - $0) } ?? p
                if singleLine {
                    // No line feed inside a match: it starts after the last one before `e`
                    // (a match ending at or after `e` that started earlier would hold it).
                    var k = e - 1
                    let floor = max(q, maxWidth.map { e - $0 } ?? q)
                    while k > floor, buffer[k - 1] != 0x0A { k -= 1 }
                    q = max(q, k)
                }
                while q > p, buffer[q] & 0xC0 == 0x80 { q -= 1 }
                switch regex.firstMatch(in: buffer, from: q, to: buffer.count, startLimit: e - 1, scratch: scratch) {
                case .noMatch:
                    p = e
                case .limitExceeded(let message):
                    return (results, LimitStop(offset: q, message: message))
                case .match(let range):
                    results.append(range)
                    if firstOnly { return (results, nil) }
                    p = range.upperBound
                    if range.isEmpty {
                        p += 1
                        while p < buffer.count, buffer[p] & 0xC0 == 0x80 { p += 1 }
                    }
                }
            }
            return (results, nil)
        }
    }

    /// The first match of `regex` in `range` of the text for `target` (the subject ends at
    /// the range's end). The prefilter's ends spare the search where they can: a match ends at
    /// one of them, also in a range that cuts the text, unless the pattern anchors on the
    /// subject's end (`$`, `\z`, `\Z`), which the cut moves.
    func firstMatch(_ regex: Regex, target: MatchTarget, in range: Range<Int>, rule: String) -> Range<Int>? {
        var from = range.lowerBound
        if let (mode, ends) = candidates(regex, target: target) {
            if ends.isEmpty { return nil }
            if case .windowed(let maxWidth, let singleLine) = mode {
                if range.lowerBound == 0, range.upperBound == text(target).bytes.count {
                    let (found, stop) = confirm(regex, ends: ends, from: 0, maxWidth: maxWidth, singleLine: singleLine, target: target, firstOnly: true)
                    if let stop { limitHits.append((rule, stop.offset, target, stop.message)) }
                    return found.first
                }
                if !regex.anchorsOnSubjectEnd {
                    let first = ends.partitioningIndex { $0 > range.lowerBound }
                    guard first < ends.endIndex, ends[first] <= range.upperBound else { return nil }
                    if let maxWidth { from = max(from, ends[first] - maxWidth) }
                    if singleLine, let lineFeed = text(target).bytes[from..<ends[first]].lastIndex(of: 0x0A) { from = lineFeed + 1 }
                }
            }
        }
        return text(target).bytes.withUnsafeBufferPointer { buffer in
            while from > range.lowerBound, buffer[from] & 0xC0 == 0x80 { from -= 1 }
            switch regex.firstMatch(in: buffer, from: from, to: range.upperBound, scratch: scratch) {
            case .match(let found): return found
            case .noMatch: return nil
            case .limitExceeded(let message):
                limitHits.append((rule, range.lowerBound, target, message))
                return nil
            }
        }
    }
}

/// Paragraphs of one text split into sentences, sorted by start, filled as hits need them.
private final class ParagraphCache {
    var entries: [(paragraph: Range<Int>, sentences: [Range<Int>])] = []
}

/// Where a PCRE2 limit stopped a search: the start offset of the failed attempt and PCRE2's message.
struct LimitStop {
    var offset: Int
    var message: String
}
