/// Undoes the tricks that hide words from a matcher, before rules match, while every
/// normalized byte keeps an `OffsetMap` back to the bytes it came from: a rule matches
/// "ketamine", and the finding underlines "k3tamine" as written.
///
/// Steps, in the order they apply (each one can be switched off in `steps`):
/// 1. `characterReferences`: `&amp;`, `&#107;`, `&#x6B;` and common named references
///    (`&rsquo;`, `&eacute;`, ...) become the character they name; invalid ones stay as written.
/// 2. `invisibles`: every Default_Ignorable_Code_Point is removed (zero-width space, joiners,
///    word joiner, BOM, soft hyphen, bidi controls, variation selectors, ...).
/// 3. `compatibility`: each character becomes its NFKC form (full-width "Ｂｕｙ" -> "Buy",
///    ligature "ﬁ" -> "fi", mathematical letters, no-break and other spaces -> " ").
/// 4. `punctuation`: typographic apostrophes and quotes become ASCII `'` and `"`, hyphens,
///    dashes and the minus sign become `-` (which keeps the word boundary of an em dash).
/// 5. `spacedLetters`: a word spelled one character at a time, its letters (or leet digits)
///    joined by one repeated separator (`.` `-` `_` `*` `·`) or by spaces ("b u y", "B-U-Y",
///    "p.r.e.s.c.r.i.p.t.i.o.n"), becomes one word when it has three characters or more; in
///    a phrase spaced so, a wider gap of spaces separates the words, which all join, short
///    ones too ("B U Y  N O W" -> "BUY NOW"). "U.S.", "e.g." and "3 p.m." stay as written.
/// 6. `confusables`: letters of other scripts that look like Latin ones (UTS #39, see
///    `Confusables`) become their Latin skeleton, in a word that mixes them with Latin letters
///    ("оrder" with a Cyrillic о), or in a word made only of such letters whose nearest words
///    with other letters are Latin ("Please сору this"). A word holding any other non-Latin
///    letter is a real foreign word and stays as written, and so do the words next to it:
///    Russian or Greek text is left alone.
/// 7. `leetspeak`: digits and `@ $ | !` read as letters inside words ("k3tamine",
///    "pr3scr1pt10n", "ph@rmacy", "$hipping"); the heuristic is on `LeetReading`.
/// URLs and e-mail addresses are left to the character steps and confusables only.
/// 8. `softLineBreaks`: a line break inside a paragraph of hard-wrapped prose (the next line
///    starts with a lower-case letter, as the Tokenizer reads a continuation) becomes one
///    space, so a rule's "low risk of side effects" also matches "low risk of\nside effects".
///
/// Case is not folded in the text: case folding is PCRE2's caseless matching (Unicode simple
/// folding, which rules use unless they are `case_sensitive`), and the tokenizer still needs
/// capital letters to find sentences in the normalized text.
///
/// A text that needs nothing (plain ASCII without references, leetspeak or spaced letters)
/// is recognised in one pass over its bytes and returned as it is, without allocating.
public struct Normalizer: Sendable {
    /// The normalization steps, each of which can be switched off.
    public struct Steps: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// HTML character references.
        public static let characterReferences = Steps(rawValue: 1 << 0)
        /// Default-ignorable (invisible and format) characters.
        public static let invisibles = Steps(rawValue: 1 << 1)
        /// NFKC compatibility forms.
        public static let compatibility = Steps(rawValue: 1 << 2)
        /// Typographic quotes, apostrophes and dashes.
        public static let punctuation = Steps(rawValue: 1 << 3)
        /// Letter-spaced and dot-separated words.
        public static let spacedLetters = Steps(rawValue: 1 << 4)
        /// Look-alike letters from other scripts.
        public static let confusables = Steps(rawValue: 1 << 5)
        /// Digits and symbols standing for letters.
        public static let leetspeak = Steps(rawValue: 1 << 6)
        /// Line breaks inside a paragraph (hard-wrapped prose), read as spaces.
        public static let softLineBreaks = Steps(rawValue: 1 << 7)

        /// Every step.
        public static let all: Steps = [.characterReferences, .invisibles, .compatibility, .punctuation,
                                        .spacedLetters, .confusables, .leetspeak, .softLineBreaks]
    }

    /// The steps this normalizer runs.
    public var steps: Steps

    /// A normalizer running `steps` (all of them by default).
    public init(steps: Steps = .all) {
        self.steps = steps
    }

    /// The normalized text of `layer`: a layer derived from it (with the maps that lead back
    /// to its bytes), or `layer` itself when nothing needed normalizing.
    public func normalize(_ layer: TextLayer) -> TextLayer {
        let needed = !steps.isEmpty && layer.bytes.withUnsafeBufferPointer {
            NormalizerScreen.mayNeedNormalization($0, in: 0..<$0.count)
        }
        guard needed else { return layer }
        var result = layer
        let characterSteps: Steps = [.characterReferences, .invisibles, .compatibility, .punctuation]
        if !steps.isDisjoint(with: characterSteps),
           let characters = result.bytes.withUnsafeBufferPointer({ CharacterNormalization(steps: steps).apply(to: $0) }) {
            result = result.deriving(bytes: characters.bytes, map: characters.map)
        }
        if !steps.isDisjoint(with: [.spacedLetters, .confusables, .leetspeak]),
           let words = result.bytes.withUnsafeBufferPointer({ WordNormalization(steps: steps).apply(to: $0) }) {
            result = result.deriving(bytes: words.bytes, map: words.map)
        }
        return result
    }
}
