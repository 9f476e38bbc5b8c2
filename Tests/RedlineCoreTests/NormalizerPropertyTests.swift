import Foundation
import PropertyBased
import Testing
@testable import RedlineCore

/// Property-based tests of the `Normalizer` through the scanner: random obfuscations of sale
/// and claim phrases are still found, underlined exactly where they were written; clean text
/// stays clean and unchanged; the fast path never skips a text the full path would change.
/// A failing case prints its seed (`.fixedSeed(...)` replays it) and is shrunk to fewer,
/// simpler tricks.
@Suite struct NormalizerPropertyTests {
    /// The phrases, each found by the rule `t/<index>` of `phraseRules`.
    static let phrases = ["buy ketamine online", "without prescription", "no side effects", "100% safe",
                          "order oxycodone", "discreet shipping", "cures depression"]

    static let phraseRules: RuleSet = rules(phrases.enumerated().map { index, phrase in
        (id: "t/\(index)", pattern: "\\b\(phrase)\\b")
    })

    /// Common words of the clean sentences, Latin, Cyrillic and Greek.
    // A category of its own: each word is a finding (sale findings of one sentence would be joined).
    static let commonWordRules = rules([(id: "t/words", pattern: "\\b(?:study|viruses|clinic|doctor|ketamine|café|embassy|patients|кетамин|κεταμίνη)\\b")],
                                       category: "common-word")

    static let prefixes = ["Click here to", "Our partner says you can now", "Readers asked if it is true they can",
                           "Ketamine is a medicine; the advert said"]
    static let suffixes = ["today.", "from our partner site.", "with fast delivery!", "- or so the e-mail claims."]

    @Test func obfuscatedPhrasesAreFoundAndUnderlinedExactlyAsWritten() async {
        let tricks = Gen.int(in: 0...9_999).array(of: 1...6)
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...(Self.phrases.count - 1)), tricks,
                            Gen.int(in: 0...(Self.prefixes.count * Self.suffixes.count - 1))) { phrase, tricks, context in
            var obfuscation = Obfuscation(Self.phrases[phrase])
            for trick in tricks { obfuscation.apply(trick) }
            let prefix = Self.prefixes[context % Self.prefixes.count] + " "
            let written = obfuscation.text
            let text = prefix + written + " " + Self.suffixes[context / Self.prefixes.count]
            let result = scan(text, with: Self.phraseRules)
            let expected = prefix.utf8.count..<(prefix.utf8.count + written.utf8.count)
            let finding = result.findings.first { $0.rule == "t/\(phrase)" }
            #expect(finding?.span.range == expected, "\(text.debugDescription) normalized as \(Self.normalized(text).debugDescription)")
        }
    }

    @Test func cleanTextHasNoFindingsAndStaysAsWritten() async {
        let sentences = [
            "Dr. O'Neil's B12 study at 3 p.m. was published in 2019.",
            "COVID-19 and H1N1 are caused by viruses.",
            "Take 2.5 mg twice a day, or 5mg once; the clinic is open 24/7.",
            "Write to info@example.org or visit https://example.org/faq-2024/q1?ref=a1b2 for details.",
            "Кетамин назначают только по рецепту врача.",
            "Η κεταμίνη χορηγείται μόνο με ιατρική συνταγή.",
            "We met at the café near the U.S. embassy, e.g. on Fridays at 10 a.m.",
            "Ketamine can cause nausea, so patients stay under a doctor's supervision.",
            "Her HbA1c fell from 8.1% to 6.9% in 12 weeks.",
            "The \u{201C}safe dose\u{201D} isn\u{2019}t the same for everyone \u{2014} ask your doctor.",
            "Vitamin D3 and omega3 supplements cost $20 to $40.",
            "In section 4 a b test compared two doses.",
            "Rate it A, B or C; call 1-800-555-0199 before 5pm.",
        ]
        let document = Gen.int(in: 0...(sentences.count - 1)).array(of: 1...8)
        await propertyCheck(count: 500, input: document, Gen.bool) { picked, byLine in
            let text = picked.map { sentences[$0] }.joined(separator: byLine ? "\n" : " ")
            #expect(scan(text, with: Self.phraseRules).findings.isEmpty, "\(text.debugDescription)")
            #expect(Self.normalized(text) == Self.normalized(text, steps: .punctuation), "\(text.debugDescription)")
            for finding in scan(text, with: Self.commonWordRules).findings {
                #expect(finding.match.range(of: "^\\p{L}+$", options: .regularExpression) != nil, "garbled span \(finding.match.debugDescription)")
            }
        }
    }

    @Test func theFastPathSkipsOnlyTextsTheFullPathLeavesUnchanged() async {
        let pieces = ["a", "b", "k", "t", "E", " ", "  ", "0", "1", "3", "2", "$", "@", "|", "!", ".", "-", "_", "*", "&", "#", ";", "x", "\n", "'", "/"]
        let texts = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...40).map { $0.map { pieces[$0] }.joined() }
        await propertyCheck(count: 2_000, input: texts) { text in
            let bytes = Array(text.utf8)
            let screened = bytes.withUnsafeBufferPointer { NormalizerScreen.mayNeedNormalization($0, in: 0..<$0.count) }
            if !screened {
                #expect(Self.normalized(text) == text, "\(text.debugDescription)")
            }
        }
    }

    @Test func everyNormalizedScalarMapsBackToWholeSourceScalars() async {
        let pieces = ["a", "k", "E", " ", "  ", "0", "3", "9", "$", "@", "!", ".", "-", "&#107;", "&amp;", "&#x200B;", "\u{200B}", "\u{00AD}",
                      "\u{0430}", "\u{043E}", "\u{0438}", "\u{03BF}", "\u{FF42}", "\u{FB01}", "\u{2019}", "\u{2014}", "\u{00E9}", "e\u{0301}",
                      "\u{1D41A}", "\u{00B7}", "\n", "\u{00BD}"]
        let texts = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...40).map { $0.map { pieces[$0] }.joined() }
        await propertyCheck(count: 2_000, input: texts) { text in
            let source = Array(text.utf8)
            let layer = Normalizer().normalize(.original(source))
            #expect(String(validating: layer.bytes, as: UTF8.self) != nil)
            let boundaries = (0...layer.bytes.count).filter { $0 == layer.bytes.count || layer.bytes[$0] & 0xC0 != 0x80 }
            for (start, end) in zip(boundaries, boundaries.dropFirst()) {
                let range = layer.originalRange(of: start..<end)
                #expect(range.lowerBound >= 0 && range.upperBound <= source.count && !range.isEmpty)
                #expect(range.lowerBound == source.count || source[range.lowerBound] & 0xC0 != 0x80)
                #expect(range.upperBound == source.count || source[range.upperBound] & 0xC0 != 0x80)
            }
        }
    }

    // MARK: - Helpers

    static func normalized(_ text: String, steps: Normalizer.Steps = .all) -> String {
        String(decoding: Normalizer(steps: steps).normalize(.original(Array(text.utf8))).bytes, as: UTF8.self)
    }

    /// A rule set of one pattern rule per (id, pattern).
    static func rules(_ rules: [(id: String, pattern: String)], category: String = "illicit-sale") -> RuleSet {
        let body = rules.map { rule in
            """
              - id: \(rule.id)
                kind: pattern
                category: \(category)
                severity: error
                score: 1
                message: m
                patterns: ['\(rule.pattern)']
                examples: {match: ["x"], no_match: ["y"]}
            """
        }.joined(separator: "\n")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("redline-property-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try pack(body, categories: [category]).write(to: file, atomically: true, encoding: .utf8)
            return try RuleSet.load(files: [file.path])
        } catch {
            fatalError("test pack does not load: \(error)")
        }
    }
}

/// A phrase with obfuscation tricks applied, one trick per number: which trick is the number
/// modulo 7, the rest picks the word, the letter and the variant. Small numbers are plain
/// tricks, so a failing case shrinks to a readable one.
struct Obfuscation {
    /// What stands for one letter of the phrase.
    struct Glyph {
        enum Form {
            case plain
            case homoglyph(Int)
            case leet(String)
        }
        var letter: Character
        var form = Form.plain
        /// Written as a numeric character reference, hexadecimal or decimal.
        var referenceInHexadecimal: Bool?
        var invisiblesBefore = ""
    }

    struct Word {
        var glyphs: [Glyph]
        var separator: String?
        var fullWidth = false
        var hasLeet = false
        /// Per letter, whether it is upper case.
        var upper: [Bool]
    }

    static let invisibles = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}", "\u{200E}", "\u{202C}", "\u{FE0F}", "\u{2063}"]
    /// Look-alikes from Cyrillic and Greek (a test list: the normalizer uses UTS #39 data).
    static let homoglyphs: [Character: [String]] = [
        "a": ["\u{0430}", "\u{03B1}"], "c": ["\u{0441}"], "e": ["\u{0435}"], "i": ["\u{0456}", "\u{03B9}"], "o": ["\u{043E}", "\u{03BF}"],
        "p": ["\u{0440}", "\u{03C1}"], "s": ["\u{0455}"], "x": ["\u{0445}"], "y": ["\u{0443}", "\u{03B3}"], "h": ["\u{04BB}"],
        "k": ["\u{043A}", "\u{03BA}"], "d": ["\u{0501}"], "v": ["\u{03BD}"], "t": ["\u{03C4}"], "n": ["\u{0578}"],
        "A": ["\u{0410}", "\u{0391}"], "B": ["\u{0412}", "\u{0392}"], "C": ["\u{0421}"], "E": ["\u{0415}", "\u{0395}"], "H": ["\u{041D}", "\u{0397}"],
        "I": ["\u{0406}", "\u{0399}"], "K": ["\u{041A}", "\u{039A}"], "M": ["\u{041C}", "\u{039C}"], "N": ["\u{039D}"], "O": ["\u{041E}", "\u{039F}"],
        "P": ["\u{0420}", "\u{03A1}"], "S": ["\u{0405}"], "T": ["\u{0422}", "\u{03A4}"], "X": ["\u{0425}", "\u{03A7}"], "Y": ["\u{04AE}", "\u{03A5}"],
    ]
    /// Leet characters per letter; digits first (only digits can be items of a spaced word).
    static let leet: [Character: [String]] = ["a": ["4", "@"], "e": ["3"], "i": ["1", "!"], "o": ["0"], "s": ["5", "$"], "t": ["7"], "l": ["|"]]
    static let separators = [" ", ".", "-", "_", "*", "\u{00B7}"]

    var words: [Word]

    init(_ phrase: String) {
        words = phrase.split(separator: " ").map { word in
            Word(glyphs: word.map { Glyph(letter: $0) }, upper: word.map { _ in false })
        }
    }

    mutating func apply(_ trick: Int) {
        let word = (trick / 7) % words.count
        let variant = trick / 7 / words.count
        let letters = words[word].glyphs.indices.filter { words[word].glyphs[$0].letter.isLetter }
        guard !letters.isEmpty else { return }
        let letter = letters[variant % letters.count]
        switch trick % 7 {
        case 0: // an invisible character inside the word
            guard words[word].glyphs.count > 1 else { return }
            let position = 1 + variant % (words[word].glyphs.count - 1)
            words[word].glyphs[position].invisiblesBefore += Self.invisibles[(variant / 3) % Self.invisibles.count]
        case 1: // a Cyrillic or Greek look-alike (not over leetspeak, which may need all its characters)
            if case .plain = words[word].glyphs[letter].form { words[word].glyphs[letter].form = .homoglyph(variant / 5) }
        case 2:
            words[word].fullWidth = true
        case 3: // a numeric character reference
            words[word].glyphs[letter].referenceInHexadecimal = variant % 2 == 0
        case 4:
            addLeet(to: word, variant: variant)
        case 5: // letter spacing, for words of three letters or more
            guard letters.count >= 3, !hasLeetSymbol(word) else { return }
            words[word].separator = Self.separators[variant % Self.separators.count]
        default: // case: lower, upper, capitalized, or (without leetspeak) any mix
            let style = variant % (words[word].hasLeet ? 3 : 4)
            words[word].upper = words[word].glyphs.indices.map { index in
                switch style {
                case 0: false
                case 1: true
                case 2: index == 0
                default: (variant >> (index % 16)) & 1 == 1
                }
            }
        }
    }

    /// Leet characters inside the word (one or two apart), and sometimes a leading `$`/`0` or a
    /// trailing digit besides; keeps the case regular.
    private mutating func addLeet(to word: Int, variant: Int) {
        let glyphs = words[word].glyphs
        guard glyphs.count >= 4 else { return }
        let spaced = words[word].separator != nil
        func options(_ index: Int) -> [String] {
            (Self.leet[glyphs[index].letter] ?? []).filter { !spaced || $0.first!.isNumber }
        }
        let inside = (1..<(glyphs.count - 1)).filter { !options($0).isEmpty }
        guard !inside.isEmpty else { return }
        var chosen = [inside[variant % inside.count]]
        if variant % 3 == 0, let second = inside.first(where: { abs($0 - chosen[0]) > 1 }) { chosen.append(second) }
        // A leading or trailing leet character stands alone (a longer run reads as a number).
        if variant % 5 == 0, !chosen.contains(1), glyphs[0].letter == "o" || (glyphs[0].letter == "s" && !spaced) { chosen.append(0) }
        if variant % 7 == 0, !chosen.contains(glyphs.count - 2), options(glyphs.count - 1).first?.first?.isNumber == true {
            chosen.append(glyphs.count - 1)
        }
        let leet = glyphs.indices.map { index in
            if case .leet = glyphs[index].form { return true }
            return chosen.contains(index)
        }
        guard Self.readsAsLetters(leet) else { return }
        for index in chosen {
            let choices = switch index {
            case 0: options(0).filter { $0 == "0" || $0 == "$" }
            case glyphs.count - 1: options(index).filter { $0.first!.isNumber }
            default: options(index)
            }
            words[word].glyphs[index].form = .leet(choices[(variant / 11) % choices.count])
        }
        words[word].hasLeet = true
        let upper = words[word].upper
        let capitalized = [true] + Array(repeating: false, count: glyphs.count - 1)
        if !(upper.allSatisfy { $0 } || upper.allSatisfy { !$0 } || upper == capitalized) {
            words[word].upper = glyphs.map { _ in false }
        }
    }

    /// Whether a word with leet characters at the `true` positions reads as letters: three
    /// letters or more, no fewer letters than leet characters, runs inside the word at most
    /// two long, a run at either end one long.
    static func readsAsLetters(_ leet: [Bool]) -> Bool {
        let letters = leet.count(where: { !$0 })
        guard letters >= 3, letters >= leet.count - letters else { return false }
        var start = 0
        while start < leet.count {
            guard leet[start] else { start += 1; continue }
            var end = start
            while end < leet.count, leet[end] { end += 1 }
            if end - start > (start > 0 && end < leet.count ? 2 : 1) { return false }
            start = end
        }
        return true
    }

    private func hasLeetSymbol(_ word: Int) -> Bool {
        words[word].glyphs.contains { glyph in
            if case .leet(let text) = glyph.form { return !text.first!.isNumber }
            return false
        }
    }

    /// The obfuscated phrase.
    var text: String {
        var result = ""
        for (index, word) in words.enumerated() {
            if index > 0 {
                // A wider gap after or before a word spaced with spaces keeps the words apart.
                result += word.separator == " " || words[index - 1].separator == " " ? "  " : " "
            }
            result += word.glyphs.indices.map { render(word, $0) }.joined(separator: word.separator ?? "")
        }
        return result
    }

    private func render(_ word: Word, _ index: Int) -> String {
        let glyph = word.glyphs[index]
        let letter = word.upper[index] ? Character(glyph.letter.uppercased()) : glyph.letter
        var body: String
        switch glyph.form {
        case .plain: body = String(letter)
        case .homoglyph(let choice): body = Self.homoglyphs[letter].map { $0[choice % $0.count] } ?? String(letter)
        case .leet(let text): body = text
        }
        if word.fullWidth {
            body = String(String.UnicodeScalarView(body.unicodeScalars.map { scalar in
                (0x21...0x7E).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0xFEE0)! : scalar
            }))
        }
        if let hexadecimal = glyph.referenceInHexadecimal, let scalar = body.unicodeScalars.first, body.unicodeScalars.count == 1 {
            body = hexadecimal ? "&#x\(String(scalar.value, radix: 16, uppercase: true));" : "&#\(scalar.value);"
        }
        return glyph.invisiblesBefore + body
    }
}
