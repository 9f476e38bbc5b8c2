/// Everything rules need about one document while it is scanned: its text layers, their
/// segmentation (computed on first use), the thread's match scratch, and the diagnostics
/// raised along the way. One per document, used by one thread.
final class RuleContext {
    let documentID: String
    let extracted: ExtractedText
    let normalized: TextLayer
    /// Section starts in `normalized`, when the extractor knows the headings.
    let normalizedHeadingStarts: [Int]?
    private let scratch: MatchScratch
    private var segmentations: [MatchTarget: Segmentation] = [:]
    private var contactTokens: [MatchTarget: [ContactToken]] = [:]
    /// Regex limit hits, as (rule, offset in the layer, target, PCRE2 message).
    private(set) var limitHits: [(rule: String, offset: Int, target: MatchTarget, message: String)] = []

    init(documentID: String, extracted: ExtractedText, normalized: TextLayer, normalizedHeadingStarts: [Int]?,
         scratch: MatchScratch) {
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

    /// The normalized text at `range` of the text for `target` (for `.original`, the
    /// normalized text derived from that range), which fingerprints compare.
    func normalizedText(of range: Range<Int>, target: MatchTarget) -> String {
        let normalizedRange = target == .original ? normalized.derivedRange(of: range, from: extracted.layer) : range
        return String(decoding: normalized.bytes[normalizedRange], as: UTF8.self)
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
        var tokens = ContactScanner.scan(extracted.layer.bytes, scratch: scratch)
        for link in extracted.links {
            if let kind = ContactScanner.kind(ofLink: link.url) { tokens.append(ContactToken(kind: kind, range: link.range)) }
        }
        return tokens.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }()

    /// The contact tokens as ranges of the text for `target`.
    func contacts(_ target: MatchTarget) -> [ContactToken] {
        if let cached = contactTokens[target] { return cached }
        let layer = text(target)
        let tokens = extractedContacts.compactMap { token -> ContactToken? in
            let range = layer.derivedRange(of: token.range, from: extracted.layer)
            return range.isEmpty ? nil : ContactToken(kind: token.kind, range: range)
        }
        contactTokens[target] = tokens
        return tokens
    }

    /// The ranges where `part` matches for `rule`: regex matches or contact tokens, kept
    /// only inside hidden text when the rule says `in_hidden`.
    func matches(_ part: RulePart, rule spec: RuleSpec) -> [Range<Int>] {
        var ranges: [Range<Int>]
        switch part {
        case .regex(let regex): ranges = allMatches(regex, target: spec.matchOn, rule: spec.id)
        case .contacts(let kinds): ranges = contacts(spec.matchOn).filter { kinds.contains($0.kind) }.map(\.range)
        }
        if spec.inHidden { ranges = ranges.filter { liesInHidden($0, target: spec.matchOn) } }
        return ranges
    }

    func allMatches(_ regex: Regex, target: MatchTarget, rule: String) -> [Range<Int>] {
        text(target).bytes.withUnsafeBufferPointer { buffer in
            regex.allMatches(in: buffer, scratch: scratch) { offset, message in
                limitHits.append((rule, offset, target, message))
            }
        }
    }

    func firstMatch(_ regex: Regex, target: MatchTarget, in range: Range<Int>, rule: String) -> Range<Int>? {
        text(target).bytes.withUnsafeBufferPointer { buffer in
            switch regex.firstMatch(in: buffer, from: range.lowerBound, to: range.upperBound, scratch: scratch) {
            case .match(let found): return found
            case .noMatch: return nil
            case .limitExceeded(let message):
                limitHits.append((rule, range.lowerBound, target, message))
                return nil
            }
        }
    }
}
