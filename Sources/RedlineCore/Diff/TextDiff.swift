/// Two versions of an article lined up sentence by sentence: the sentences of each version
/// (from `Tokenizer.segment` on the extracted text, mapped back to original-byte spans) and
/// what happened to each, found with the standard library's `CollectionDifference` over the
/// sentence texts. A sentence that left one place and reappears unchanged in another is
/// `moved`, not removed and added, so moving a paragraph changes no sentence.
public struct TextDiff: Sendable {
    /// What happened to a sentence between the versions.
    public enum Change: String, Sendable, Codable {
        /// In both versions, in the same order relative to its unchanged neighbours.
        case unchanged
        /// Only in the old version.
        case removed
        /// Only in the new version.
        case added
        /// In both versions, elsewhere.
        case moved

        /// How a diff line starts: `-` removed, `+` added, `~` moved, a space unchanged.
        public var marker: String {
            switch self {
            case .unchanged: " "
            case .removed: "-"
            case .added: "+"
            case .moved: "~"
            }
        }
    }

    /// One sentence of one version.
    public struct Sentence: Sendable, Hashable {
        /// Where it stands in its version's original bytes.
        public var span: Span
        /// The text a reader sees (markup dropped), white space collapsed: what is compared.
        public var text: String
        public var change: Change
        /// For an unchanged or moved sentence, the index of the same sentence in the other version.
        public var counterpart: Int?
    }

    /// One line of the diff in reading order: a sentence of the old version, of the new
    /// version, or of both (unchanged).
    public struct Line: Sendable, Hashable {
        /// Index into `old`.
        public var old: Int?
        /// Index into `new`.
        public var new: Int?
    }

    /// The old version's sentences, in text order.
    public var old: [Sentence]
    /// The new version's sentences, in text order.
    public var new: [Sentence]

    /// Lines up `old` and `new` (sentences as `sentences(of:source:)` makes them; their
    /// `change` and `counterpart` are set here). Either is empty for an added or removed article.
    public init(old: [Sentence], new: [Sentence]) {
        self.old = old
        self.new = new
        let difference = new.map(\.text).difference(from: old.map(\.text)).inferringMoves()
        var removed: Set<Int> = []
        var inserted: Set<Int> = []
        for change in difference {
            switch change {
            case .remove(let offset, _, let movedTo):
                removed.insert(offset)
                self.old[offset].change = movedTo == nil ? .removed : .moved
                self.old[offset].counterpart = movedTo
            case .insert(let offset, _, let movedFrom):
                inserted.insert(offset)
                self.new[offset].change = movedFrom == nil ? .added : .moved
                self.new[offset].counterpart = movedFrom
            }
        }
        let kept = zip(old.indices.filter { !removed.contains($0) }, new.indices.filter { !inserted.contains($0) })
        for (oldIndex, newIndex) in kept {
            self.old[oldIndex].change = .unchanged
            self.old[oldIndex].counterpart = newIndex
            self.new[newIndex].change = .unchanged
            self.new[newIndex].counterpart = oldIndex
        }
    }

    /// Both versions merged into one sequence, as a unified diff reads: each sentence that
    /// left the old version stands before the first sentence the new version puts in its
    /// place, unchanged sentences once.
    public var lines: [Line] {
        var lines: [Line] = []
        var (i, j) = (0, 0)
        while i < old.count || j < new.count {
            if i < old.count, old[i].change != .unchanged {
                lines.append(Line(old: i, new: nil))
                i += 1
            } else if j < new.count, new[j].change != .unchanged {
                lines.append(Line(old: nil, new: j))
                j += 1
            } else {
                lines.append(Line(old: i, new: j))
                i += 1
                j += 1
            }
        }
        return lines
    }

    /// The sentences of one version: `extracted` is the text of `source`, its original bytes.
    public static func sentences(of extracted: ExtractedText, source: [UInt8]) -> [Sentence] {
        let text = extracted.layer.bytes
        let lines = LineIndex(source)
        return Tokenizer.segment(text, headingStarts: extracted.headingStarts).sentences.map { range in
            let words = String(decoding: text[range], as: UTF8.self).split(whereSeparator: \.isWhitespace)
            return Sentence(span: lines.span(extracted.layer.originalRange(of: range)),
                            text: words.joined(separator: " "), change: .unchanged)
        }
    }

    /// The index of the sentence of `sentences` that holds the original offset `offset`, or
    /// else the last one that starts before it (`nil` when none does).
    public static func sentenceIndex(containing offset: Int, in sentences: [Sentence]) -> Int? {
        var low = 0
        var high = sentences.count
        while low < high {
            let mid = (low + high) / 2
            if sentences[mid].span.start <= offset { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? low - 1 : nil
    }
}
