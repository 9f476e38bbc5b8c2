/// The Normalizer's fast path: one pass over the bytes that tells whether a text may need
/// normalizing at all. It errs on the side of "maybe" (the full path then finds nothing to
/// change), never the other way: it says no only for ASCII text without `&` + letter or `#`,
/// without a leet character between letters or a word starting with `$` or `0` before a
/// letter, and without a run of single characters holding three letters joined by spacing
/// (which is what spaced letters and strong leetspeak need; weak leetspeak needs strong
/// leetspeak on the same line), and without a soft line break.
enum NormalizerScreen {
    /// What a byte can be, as bits of `flags`.
    private static let letter: UInt8 = 1 << 0
    /// A digit or `$`: continues a run of letters into a word.
    private static let runPart: UInt8 = 1 << 1
    /// A leet character: 0 1 3 4 5 7 $ @ | !
    private static let leet: UInt8 = 1 << 2
    private static let space: UInt8 = 1 << 3
    private static let separator: UInt8 = 1 << 4
    /// A byte of a non-ASCII scalar, or `&`.
    private static let special: UInt8 = 1 << 5

    private static let flags: [UInt8] = (0...255).map { value in
        switch UInt8(value) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): letter
        case UInt8(ascii: "0"), UInt8(ascii: "1"), UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "5"), UInt8(ascii: "7"),
             UInt8(ascii: "$"):
            runPart | leet
        case UInt8(ascii: "0")...UInt8(ascii: "9"): runPart
        case UInt8(ascii: "@"), UInt8(ascii: "|"), UInt8(ascii: "!"): leet
        case UInt8(ascii: " "): space
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "*"): separator
        case UInt8(ascii: "&"), 0x80...: special
        default: 0
        }
    }

    /// Whether `range` of `text` may hold something the Normalizer changes.
    static func mayNeedNormalization(_ text: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Bool {
        flags.withUnsafeBufferPointer { flags in
            // Leet characters since the last letter (-1: the last word character was no letter).
            var leetAfterLetter = -1
            // Length of the current run of letters, digits and `$`, and whether its last
            // character is a letter (a run of one is a single-character item).
            var runLength = 0
            var runEndsWithLetter = false
            // Items and letters in the current chain of items joined by spacing gaps.
            var chainItems = 0
            var chainLetters = 0
            // What lies since the last item: spaces, separators, anything else.
            var gapSpaces = 0
            var gapSeparators = 0
            // Commas, apostrophes and backticks: separators only when spaced out ("x ' a ' n").
            var gapMarks = 0
            var gapOther = false
            var index = range.lowerBound
            while index < range.upperBound {
                let byte = text[index]
                if byte == 0x0A, CharacterNormalization.softLineBreakEnd(text, at: index, end: range.upperBound) != nil { return true }
                let byteFlags = flags[Int(byte)]
                if byteFlags & letter != 0 {
                    // The common case: a whole run of letters at once.
                    let runStart = index
                    index += 1
                    while index < range.upperBound, flags[Int(text[index])] & letter != 0 { index += 1 }
                    if leetAfterLetter > 0 { return true }
                    leetAfterLetter = 0
                    runLength += index - runStart
                    runEndsWithLetter = true
                    continue
                }
                if byteFlags & special != 0 {
                    guard byte == UInt8(ascii: "&") else { return true }
                    if index + 1 < range.upperBound, text[index + 1] == UInt8(ascii: "#") || flags[Int(text[index + 1])] & letter != 0 {
                        return true
                    }
                }
                if byteFlags & leet != 0 {
                    if leetAfterLetter >= 0 { leetAfterLetter = leetAfterLetter < 2 ? leetAfterLetter + 1 : -1 }
                    // A word starting with `$` or `0` before a letter.
                    if runLength == 0, byte == UInt8(ascii: "$") || byte == UInt8(ascii: "0"),
                       index + 1 < range.upperBound, flags[Int(text[index + 1])] & letter != 0 {
                        return true
                    }
                } else {
                    leetAfterLetter = -1
                }
                if byteFlags & runPart != 0 {
                    runLength += 1
                    runEndsWithLetter = false
                } else {
                    if runLength > 0 {
                        if endRun(runLength, isLetter: runEndsWithLetter, &chainItems, &chainLetters, gapSpaces, gapSeparators, gapMarks, gapOther) {
                            return true
                        }
                        runLength = 0
                        gapSpaces = 0
                        gapSeparators = 0
                        gapMarks = 0
                        gapOther = false
                    }
                    if byteFlags & space != 0 {
                        gapSpaces += 1
                    } else if byteFlags & separator != 0 {
                        gapSeparators += 1
                    } else if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`") {
                        gapMarks += 1
                    } else {
                        gapOther = true
                    }
                }
                index += 1
            }
            return runLength > 0 && endRun(runLength, isLetter: runEndsWithLetter, &chainItems, &chainLetters, gapSpaces, gapSeparators, gapMarks, gapOther)
        }
    }

    /// Adds a finished run to the chain of single-character items; true when the chain holds
    /// three letters. A spacing gap is spaces alone, or one separator with at most a space on
    /// each side, or a spaced comma, apostrophe or backtick (as `NormalizerWords` reads them).
    private static func endRun(_ length: Int, isLetter: Bool, _ chainItems: inout Int, _ chainLetters: inout Int,
                               _ gapSpaces: Int, _ gapSeparators: Int, _ gapMarks: Int, _ gapOther: Bool) -> Bool {
        guard length == 1 else {
            chainItems = 0
            chainLetters = 0
            return false
        }
        let spacingGap = !gapOther && ((gapSeparators + gapMarks == 0 && gapSpaces > 0) || (gapSeparators == 1 && gapMarks == 0 && gapSpaces <= 2)
            || (gapMarks == 1 && gapSeparators == 0 && gapSpaces == 2))
        if chainItems > 0 && spacingGap {
            chainItems += 1
            chainLetters += isLetter ? 1 : 0
        } else {
            chainItems = 1
            chainLetters = isLetter ? 1 : 0
        }
        return chainLetters >= 3
    }
}
