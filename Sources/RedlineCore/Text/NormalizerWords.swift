/// The word steps of the `Normalizer`: spaced letters, confusable letters and leetspeak.
/// They are decided one line at a time (a line gives the context: which script it is
/// mostly written in, whether it holds certain leetspeak), on the text the character steps
/// produced; lines the `NormalizerScreen` clears are skipped.
struct WordNormalization {
    let steps: Normalizer.Steps

    /// The normalized text, or nil when no word changed.
    func apply(to text: UnsafeBufferPointer<UInt8>) -> NormalizerRewrite.Result? {
        var rewrite = NormalizerRewrite(source: text)
        var line = LineWords(steps: steps)
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count, text[end] != UInt8(ascii: "\n") { end += 1 }
            if NormalizerScreen.mayNeedNormalization(text, in: start..<end) {
                line.normalize(text, start..<end, into: &rewrite)
            }
            start = end + 1
        }
        return rewrite.finish()
    }
}

/// The characters, words and edits of one line; its buffers are reused from line to line.
private struct LineWords {
    enum Kind {
        case latinLetter, foreignLetter, mark, leetDigit, digit, leetSymbol, space, separator, other

        var isLetter: Bool { self == .latinLetter || self == .foreignLetter }
        var isLeet: Bool { self == .leetDigit || self == .leetSymbol }
        var isWordPart: Bool { !(self == .space || self == .separator || self == .other) }
    }

    struct DecodedScalar {
        var scalar: Unicode.Scalar
        /// Byte range in the text.
        var bytes: Range<Int>
        var kind: Kind
    }

    /// A word: its scalars (indices into `scalars`), in order, and whether it is part of a URL
    /// or an e-mail address.
    struct Word {
        var scalarIndices: [Int]
        var inLink: Bool
    }

    let steps: Normalizer.Steps
    var scalars: [DecodedScalar] = []
    /// Per scalar: nil keeps it, empty drops it, otherwise its replacement bytes.
    var edits: [[UInt8]?] = []
    var inLink: [Bool] = []
    /// Words as ranges of `scalars`, leading and trailing `! | @` left out.
    var tokens: [Range<Int>] = []

    init(steps: Normalizer.Steps) {
        self.steps = steps
    }

    mutating func normalize(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into rewrite: inout NormalizerRewrite) {
        load(text, range)
        findTokens()
        markLinks()
        let words = spacedAndPlainWords()
        if steps.contains(.confusables) { mapConfusables(in: words) }
        if steps.contains(.leetspeak) { readLeetspeak(in: words) }
        emit(into: &rewrite)
    }

    // MARK: - Characters and tokens

    private mutating func load(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        scalars.removeAll(keepingCapacity: true)
        var index = range.lowerBound
        while index < range.upperBound {
            let (scalar, length) = Tokenizer.decodeScalar(text, at: index)
            scalars.append(DecodedScalar(scalar: scalar, bytes: index..<(index + length), kind: Self.kind(of: scalar)))
            index += length
        }
        edits = Array(repeating: nil, count: scalars.count)
    }

    private static func kind(of scalar: Unicode.Scalar) -> Kind {
        if scalar.isASCII {
            switch UInt8(scalar.value) {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return .latinLetter
            case UInt8(ascii: "0"), UInt8(ascii: "1"), UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "5"), UInt8(ascii: "7"):
                return .leetDigit
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
            case UInt8(ascii: "@"), UInt8(ascii: "$"), UInt8(ascii: "|"), UInt8(ascii: "!"): return .leetSymbol
            case UInt8(ascii: " "): return .space
            case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "*"): return .separator
            default: return .other
            }
        }
        if scalar == "\u{00B7}" { return .separator }
        let traits = ScalarTraits.of(scalar)
        if traits.contains(.alphabetic) { return isLatin(scalar) ? .latinLetter : .foreignLetter }
        if traits.contains(.mark) { return .mark }
        return traits.contains(.number) ? .digit : .other
    }

    /// Whether a non-ASCII letter belongs to the Latin script (by block).
    private static func isLatin(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AA, 0x00BA, 0x00C0...0x02AF, 0x1D00...0x1D7F, 0x1E00...0x1EFF, 0x2C60...0x2C7F,
             0xA720...0xA7FF, 0xAB30...0xAB6F, 0xFB00...0xFB06: true
        default: false
        }
    }

    /// Runs of word characters, without the `! | @` that punctuate rather than spell
    /// at their edges ("now!", "@clinic").
    private mutating func findTokens() {
        tokens.removeAll(keepingCapacity: true)
        func isEdgePunctuation(_ index: Int) -> Bool {
            let scalar = scalars[index].scalar
            return scalar == "!" || scalar == "|" || scalar == "@"
        }
        var index = 0
        while index < scalars.count {
            guard scalars[index].kind.isWordPart else { index += 1; continue }
            var start = index
            var end = index
            while end < scalars.count, scalars[end].kind.isWordPart { end += 1 }
            index = end
            while start < end, isEdgePunctuation(start) { start += 1 }
            while end > start, isEdgePunctuation(end - 1) { end -= 1 }
            if start < end { tokens.append(start..<end) }
        }
    }

    /// Marks the scalars of URLs and e-mail addresses: white-space-separated chunks holding
    /// "://", starting with "www.", or holding "@" before a dot and, later, a letter.
    private mutating func markLinks() {
        inLink = Array(repeating: false, count: scalars.count)
        var start = 0
        while start < scalars.count {
            guard !isWhitespace(start) else { start += 1; continue }
            var end = start + 1
            while end < scalars.count, !isWhitespace(end) { end += 1 }
            if isLink(start..<end) { for index in start..<end { inLink[index] = true } }
            start = end
        }
    }

    private func isWhitespace(_ index: Int) -> Bool {
        let scalar = scalars[index].scalar
        return scalar.isASCII ? scalar == " " || scalar == "\t" || scalar == "\r"
                              : ScalarTraits.of(scalar).contains(.whitespace)
    }

    private func isLink(_ chunk: Range<Int>) -> Bool {
        let www: [Unicode.Scalar] = ["w", "w", "w", "."]
        if chunk.count > www.count,
           zip(chunk, www).allSatisfy({ Unicode.Scalar(scalars[$0].scalar.value | 0x20) == $1 }) {
            return true
        }
        var afterAt = false
        var afterDotAfterAt = false
        for index in chunk {
            switch scalars[index].scalar {
            case ":":
                if index + 2 < chunk.upperBound, scalars[index + 1].scalar == "/", scalars[index + 2].scalar == "/" { return true }
            case "@": afterAt = true
            case ".": afterDotAfterAt = afterAt
            default: if afterDotAfterAt && scalars[index].kind.isLetter { return true }
            }
        }
        return false
    }

    // MARK: - Spaced letters

    /// The words of the line in order: plain tokens, and the spaced words collapsed (their
    /// separators dropped, the wider gap between two words of a spaced phrase cut to one space).
    ///
    /// A spaced word is a run of single-character items (letters, leet digits) joined either
    /// by one repeated separator character, spaced or not ("p.r.e.s.c.r.i.p.t.i.o.n", "B-U-Y",
    /// "v - i - a - g - r - a"), or by spaces;
    /// in a run joined by spaces, gaps wider than the narrowest separate words
    /// ("B U Y  K E T A M I N E"), and the gaps of spaces around the run shrink to one space
    /// ("buy  k e t a m i n e  online"). A run collapses when one of its words has three items or
    /// more, and it holds three letters or more and no fewer letters than digits; so "U.S.",
    /// "e.g.", "3 p.m." and "J. R. Smith" stay as written.
    private mutating func spacedAndPlainWords() -> [Word] {
        var collapsedWordAt: [Int: [Int]] = [:]
        if steps.contains(.spacedLetters) {
            var inSeparatedWord = Array(repeating: false, count: tokens.count)
            for word in separatedWords() {
                for token in word { inSeparatedWord[token] = true }
                if collapses([word]) { collapsedWordAt[word[0]] = collapse(word) }
            }
            for words in spaceSeparatedWords(excluding: inSeparatedWord) where collapses(words) {
                for (number, word) in words.enumerated() {
                    if number > 0 { keepOneSpace(in: gap(after: word[0] - 1)) }
                    collapsedWordAt[word[0]] = collapse(word)
                }
                // The wide gaps that set the run apart from the text around it narrow too.
                let start = tokens[words[0][0]].lowerBound
                let end = tokens[words[words.count - 1].last!].upperBound
                keepOneSpace(in: (scalars[..<start].lastIndex { $0.kind != .space }.map { $0 + 1 } ?? 0)..<start)
                keepOneSpace(in: end..<(scalars[end...].firstIndex { $0.kind != .space } ?? scalars.count))
            }
        }
        var words: [Word] = []
        var token = 0
        while token < tokens.count {
            if let word = collapsedWordAt[token] {
                words.append(Word(scalarIndices: word, inLink: false))
                token += word.count
            } else {
                words.append(Word(scalarIndices: Array(tokens[token]), inLink: inLink[tokens[token].lowerBound]))
                token += 1
            }
        }
        return words
    }

    private func isItem(_ token: Int) -> Bool {
        let range = tokens[token]
        let kind = scalars[range.lowerBound].kind
        return range.count == 1 && (kind.isLetter || kind == .leetDigit) && !inLink[range.lowerBound]
    }

    /// The scalars between `token` and the next token.
    private func gap(after token: Int) -> Range<Int> {
        tokens[token].upperBound..<tokens[token + 1].lowerBound
    }

    /// The separator character joining `token` to the next token, if the gap is just that,
    /// with at most one space on either side of it ("v-i-a", "v - i - a", "v .i .a"; a wider
    /// gap such as "W  -  N" separates the words of a spaced phrase). Spaced out, a comma, an
    /// apostrophe or a backtick serves too ("c . 1 , a", "x ' a ' n"), as in spam whose
    /// punctuation was spaced.
    private func separator(after token: Int) -> Unicode.Scalar? {
        let gap = gap(after: token)
        guard gap.count <= 3 else { return nil }
        let spaced = gap.contains { scalars[$0].kind == .space }
        let isMark = { (index: Int) -> Bool in
            scalars[index].kind == .separator || (spaced && [",", "'", "`"].contains(scalars[index].scalar))
        }
        let marks = gap.filter(isMark)
        guard marks.count == 1, gap.allSatisfy({ isMark($0) || scalars[$0].kind == .space }),
              marks[0] - gap.lowerBound <= 1, gap.upperBound - marks[0] <= 2 else { return nil }
        // A spaced dot, comma or apostrophe needs a space on both sides: "a.m. The", "J. R.",
        // "A, D, E" and "I' m" are written text.
        if scalars[marks[0]].scalar != "-", scalars[marks[0]].scalar != "*", spaced, gap.count != 3 { return nil }
        return scalars[marks[0]].scalar
    }

    /// The number of spaces joining `token` to the next token, if the gap is only spaces.
    private func spaces(after token: Int) -> Int? {
        let gap = gap(after: token)
        return !gap.isEmpty && gap.allSatisfy({ scalars[$0].kind == .space }) ? gap.count : nil
    }

    /// Runs of two or more items joined by separator characters, as token indices: one
    /// repeated character when written tight ("p.r.e.s"), any of them when spaced out
    /// ("v * 1 . a . g"), as spammers mix them.
    private func separatedWords() -> [[Int]] {
        var words: [[Int]] = []
        var token = 0
        while token + 1 < tokens.count {
            guard isItem(token), isItem(token + 1), let mark = separator(after: token) else { token += 1; continue }
            let spacedRun = gap(after: token).count > 1
            var word = [token, token + 1]
            while word.last! + 1 < tokens.count, isItem(word.last! + 1), let next = separator(after: word.last!),
                  next == mark || (spacedRun && gap(after: word.last!).count > 1) {
                word.append(word.last! + 1)
            }
            words.append(word)
            token = word.last! + 1
        }
        return words
    }

    /// Runs of three or more items joined by spaces (outside separated words), each split
    /// into words at the gaps wider than its narrowest one.
    private func spaceSeparatedWords(excluding inSeparatedWord: [Bool]) -> [[[Int]]] {
        var runs: [[[Int]]] = []
        var token = 0
        while token < tokens.count {
            guard isItem(token), !inSeparatedWord[token] else { token += 1; continue }
            var run = [token]
            var widths: [Int] = []
            while run.last! + 1 < tokens.count, isItem(run.last! + 1), !inSeparatedWord[run.last! + 1],
                  let width = spaces(after: run.last!) {
                run.append(run.last! + 1)
                widths.append(width)
            }
            if let inside = widths.min(), run.count >= 3 {
                var words = [[run[0]]]
                for (item, width) in zip(run.dropFirst(), widths) {
                    if width > inside { words.append([item]) } else { words[words.count - 1].append(item) }
                }
                runs.append(words)
            }
            token = run.last! + 1
        }
        return runs
    }

    private func collapses(_ words: [[Int]]) -> Bool {
        let kinds = words.joined().map { scalars[tokens[$0].lowerBound].kind }
        let letters = kinds.count(where: \.isLetter)
        return letters >= 3 && letters >= kinds.count - letters && words.contains { $0.count >= 3 }
    }

    /// Drops the gaps inside a spaced word; returns its scalars.
    private mutating func collapse(_ word: [Int]) -> [Int] {
        for item in word.dropLast() {
            for scalar in gap(after: item) { edits[scalar] = [] }
        }
        return word.map { tokens[$0].lowerBound }
    }

    /// Drops all but the first of the spaces `range`.
    private mutating func keepOneSpace(in range: Range<Int>) {
        for scalar in range.dropFirst() { edits[scalar] = [] }
    }

    // MARK: - Confusables and leetspeak

    /// The letters of a word, by script.
    private enum WordScript {
        /// No letters.
        case none
        /// Latin letters, maybe mixed with confusable ones.
        case latin
        /// Confusable letters alone.
        case confusable
        /// A letter of another script that is not confusable: a real foreign word.
        case foreign
    }

    private func script(of word: Word) -> WordScript {
        var script = WordScript.none
        for index in word.scalarIndices {
            switch scalars[index].kind {
            case .latinLetter: script = .latin
            case .foreignLetter:
                guard Confusables.skeleton(of: scalars[index].scalar) != nil else { return .foreign }
                if script == .none { script = .confusable }
            default: break
            }
        }
        return script
    }

    /// Maps confusable letters to Latin in the words that mix them with Latin letters, and in
    /// the words made only of them whose nearest words with other letters (before and after,
    /// on the line) are Latin, not foreign.
    private mutating func mapConfusables(in words: [Word]) {
        let scripts = words.map(script(of:))
        // The script of the nearest Latin or foreign word before each word, then after it.
        var before = Array(repeating: WordScript.none, count: words.count)
        var after = before
        for index in scripts.indices.dropFirst() {
            let previous = scripts[index - 1]
            before[index] = previous == .latin || previous == .foreign ? previous : before[index - 1]
        }
        for index in scripts.indices.reversed().dropFirst() {
            let next = scripts[index + 1]
            after[index] = next == .latin || next == .foreign ? next : after[index + 1]
        }
        for (index, word) in words.enumerated() {
            let mapped = switch scripts[index] {
            case .latin: true
            case .confusable:
                before[index] != .foreign && after[index] != .foreign && (before[index] == .latin || after[index] == .latin)
            case .none, .foreign: false
            }
            guard mapped else { continue }
            for scalar in word.scalarIndices where scalars[scalar].kind == .foreignLetter {
                let skeleton = Confusables.skeleton(of: scalars[scalar].scalar)!
                edits[scalar] = Array(skeleton.utf8)
                scalars[scalar].scalar = skeleton.unicodeScalars.first!
                scalars[scalar].kind = .latinLetter
            }
        }
    }

    /// Reads the leet scalars of the words outside links, the uncertain readings only when
    /// the line has a certain one.
    private mutating func readLeetspeak(in words: [Word]) {
        var uncertain: [(spelled: [Int], reading: LeetReading)] = []
        var lineIsCertain = false
        for word in words where !word.inLink && word.scalarIndices.contains(where: { scalars[$0].kind.isLeet }) {
            let spelled = word.scalarIndices.filter { scalars[$0].kind != .mark }
            guard !spelled.contains(where: { scalars[$0].kind == .foreignLetter }),
                  let reading = LeetReading(spelled.map { scalars[$0].scalar }) else { continue }
            if reading.isCertain {
                lineIsCertain = true
                apply(reading, to: spelled)
            } else {
                uncertain.append((spelled, reading))
            }
        }
        if lineIsCertain {
            for (spelled, reading) in uncertain { apply(reading, to: spelled) }
        }
    }

    private mutating func apply(_ reading: LeetReading, to spelled: [Int]) {
        for (position, letter) in reading.letters { edits[spelled[position]] = [letter] }
    }

    // MARK: - Output

    private func emit(into rewrite: inout NormalizerRewrite) {
        var index = 0
        while index < scalars.count {
            guard let edit = edits[index] else { index += 1; continue }
            var end = index + 1
            if edit.isEmpty {
                // Consecutive dropped scalars go as one replacement.
                while end < scalars.count, edits[end]?.isEmpty == true { end += 1 }
            }
            rewrite.replace(scalars[index].bytes.lowerBound..<scalars[end - 1].bytes.upperBound, with: edit)
            index = end
        }
    }
}
