/// Clauses inside a sentence, for `scope: clause`: the stretches between commas,
/// semicolons, colons, dashes and the conjunctions that turn a sentence.
enum Clauses {
    /// Words that open a new clause (compared in lower case).
    static let turningWords: [[UInt8]] = ["but", "however", "although", "though", "whereas", "while", "unless"].map { Array($0.utf8) }

    /// The clause of `sentence` (a range of `text`) holding `offset`.
    static func clause(containing offset: Int, in sentence: Range<Int>, of text: [UInt8]) -> Range<Int> {
        guard sentence.contains(offset) else { return sentence }
        var start = offset
        while start > sentence.lowerBound, breakLength(at: start - 1, in: sentence, of: text) == 0 { start -= 1 }
        var end = offset
        while end < sentence.upperBound, breakLength(at: end, in: sentence, of: text) == 0 { end += 1 }
        return start..<end
    }

    /// Whether a clause break starts at `index`: punctuation, a dash between spaces, an em or
    /// en dash, or a turning word on word boundaries. Returns its length (0: none).
    private static func breakLength(at index: Int, in sentence: Range<Int>, of text: [UInt8]) -> Int {
        let byte = text[index]
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"): return 1
        case UInt8(ascii: "-"):
            return index > sentence.lowerBound && index + 1 < sentence.upperBound && text[index - 1] == UInt8(ascii: " ") && text[index + 1] == UInt8(ascii: " ") ? 1 : 0
        case 0xE2:
            // U+2013 EN DASH, U+2014 EM DASH.
            return index + 2 < sentence.upperBound && text[index + 1] == 0x80 && (text[index + 2] == 0x93 || text[index + 2] == 0x94) ? 3 : 0
        default:
            guard index == sentence.lowerBound || !isWordByte(text[index - 1]) else { return 0 }
            for word in turningWords where index + word.count <= sentence.upperBound {
                let after = index + word.count
                guard after == sentence.upperBound || !isWordByte(text[after]) else { continue }
                if word.indices.allSatisfy({ lower(text[index + $0]) == word[$0] }) { return word.count }
            }
            return 0
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower(byte)) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "'")
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}

extension RuleContext {
    /// The `scope` unit holding `offset` in the text for `target`: its sentence, clause or
    /// paragraph (a sentence for the document-wide scopes).
    func unit(_ scope: RuleScope, containing offset: Int, target: MatchTarget) -> Range<Int> {
        switch scope {
        case .paragraph: return paragraph(containing: offset, target: target)
        case .clause: return Clauses.clause(containing: offset, in: sentence(containing: offset, target: target), of: text(target).bytes)
        case .sentence, .section, .document: return sentence(containing: offset, target: target)
        }
    }
}
