/// How the digits and symbols of one word read as letters ("k3tamine" -> "ketamine").
///
/// A word here is a run of letters, digits and `@ $ | !`. Its leet characters read as
/// letters (0 o, 1 i, 3 e, 4 a, 5 s, 7 t, @ a, $ s, | l, ! i) only when the word looks like
/// an obfuscated word and not like a code, a unit or a number:
/// - it has at least three letters and no fewer letters than leet characters, no other
///   character (2, 6, 8 and 9 mark codes and numbers), and regular case: all lower, all
///   upper or capitalized ("HbA1c" and "CoQ10" are names, not leetspeak);
/// - every run of leet characters is readable: inside the word (between letters) at most two
///   long ("pr3scr1pt10n"); at its start a single `$ 0 1 3 4 5 7 |` before letters
///   ("$hipping", "0nline"); at its end a single `$ 0 1 3 4 5 7` after letters ("onlin3").
///   Any other run ("ketamine100mg") leaves the whole word alone.
/// A run inside the word, or a leading `$` or `0`, makes the reading certain. A word read only
/// through a leading or trailing digit ("5days", "omega3", "BRCA1") is uncertain: it is
/// read so only when a certain reading occurs on the same line ("buy k3tamine onlin3").
/// "B12", "H1N1", "3pm", "5mg", "mp3", "24h" and "COVID-19" have fewer than three letters or
/// no readable run and stay as written.
struct LeetReading {
    /// Positions in the word that read as letters, with their (ASCII) letters.
    var letters: [(position: Int, letter: UInt8)] = []
    /// Whether the reading stands on its own, or needs a certain one on the same line.
    var isCertain = false

    /// The reading of `word`, or nil when its leet characters do not read as letters.
    init?(_ word: [Unicode.Scalar]) {
        var letterCount = 0
        var leetCount = 0
        var upperCount = 0
        var lowerCount = 0
        var firstLetterIsUpper: Bool?
        for scalar in word {
            let traits = ScalarTraits.of(scalar)
            if traits.contains(.alphabetic) {
                letterCount += 1
                let isUpper = traits.contains(.uppercase)
                if isUpper { upperCount += 1 } else if traits.contains(.lowercase) { lowerCount += 1 }
                if firstLetterIsUpper == nil { firstLetterIsUpper = isUpper }
            } else if Self.letter(for: scalar) != nil {
                leetCount += 1
            } else {
                return nil
            }
        }
        guard leetCount > 0, letterCount >= 3, letterCount >= leetCount else { return nil }
        let capitalized = firstLetterIsUpper == true && upperCount == 1
        guard upperCount == 0 || lowerCount == 0 || capitalized else { return nil }
        let upper = lowerCount == 0

        var start = 0
        while start < word.count {
            guard Self.letter(for: word[start]) != nil else { start += 1; continue }
            var end = start + 1
            while end < word.count, Self.letter(for: word[end]) != nil { end += 1 }
            let first = word[start]
            if start > 0 && end < word.count {
                guard end - start <= 2 else { return nil }
                isCertain = true
            } else if start == 0 {
                guard end == 1, "$013457|".unicodeScalars.contains(first) else { return nil }
                if first == "$" || first == "0" { isCertain = true }
            } else {
                guard end - start == 1, "$013457".unicodeScalars.contains(first) else { return nil }
            }
            for position in start..<end {
                let letter = Self.letter(for: word[position])!
                letters.append((position, upper ? letter & ~0x20 : letter))
            }
            start = end
        }
    }

    /// The lower-case letter a leet character stands for.
    static func letter(for scalar: Unicode.Scalar) -> UInt8? {
        switch scalar {
        case "0": UInt8(ascii: "o")
        case "1", "!": UInt8(ascii: "i")
        case "3": UInt8(ascii: "e")
        case "4", "@": UInt8(ascii: "a")
        case "5", "$": UInt8(ascii: "s")
        case "7": UInt8(ascii: "t")
        case "|": UInt8(ascii: "l")
        default: nil
        }
    }
}
