/// The Normalizer's fast path: one pass over the bytes that tells whether a text may need
/// normalizing at all. It errs on the side of "maybe" (the full path then finds nothing to
/// change), never the other way: it says no only for ASCII text without `&` + letter or `#`,
/// without a leet character between letters or a word starting with `$` or `0` before a
/// letter, and without a run of single characters holding three letters joined by spacing
/// (which is what spaced letters and strong leetspeak need; weak leetspeak needs strong
/// leetspeak on the same line).
enum NormalizerScreen {
    private enum ByteClass: UInt8 {
        case other, letter, leetDigit, digit, leetSymbol, dollar, space, separator, ampersand, nonASCII
    }

    private static let classes: [ByteClass] = (0...255).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return .letter
        case UInt8(ascii: "0"), UInt8(ascii: "1"), UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "5"), UInt8(ascii: "7"):
            return .leetDigit
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
        case UInt8(ascii: "$"): return .dollar
        case UInt8(ascii: "@"), UInt8(ascii: "|"), UInt8(ascii: "!"): return .leetSymbol
        case UInt8(ascii: " "): return .space
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "*"): return .separator
        case UInt8(ascii: "&"): return .ampersand
        case 0x80...: return .nonASCII
        default: return .other
        }
    }

    /// Whether `range` of `text` may hold something the Normalizer changes.
    static func mayNeedNormalization(_ text: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Bool {
        classes.withUnsafeBufferPointer { classes in
            // Leet characters since the last letter (-1: the last word character was no letter).
            var leetAfterLetter = -1
            // Length of the current run of letters, digits and `$`, and whether its one
            // character is a letter (a run of one is a single-character item).
            var runLength = 0
            var runIsLetter = false
            // Items and letters in the current chain of items joined by spacing gaps.
            var chainItems = 0
            var chainLetters = 0
            // What lies since the last item: spaces, separators, anything else.
            var gapSpaces = 0
            var gapSeparators = 0
            var gapOther = false
            var previous = ByteClass.other
            for index in range {
                let byteClass = classes[Int(text[index])]
                switch byteClass {
                case .letter:
                    if leetAfterLetter > 0 { return true }
                    leetAfterLetter = 0
                case .leetDigit, .leetSymbol, .dollar:
                    if leetAfterLetter >= 0 { leetAfterLetter = leetAfterLetter < 2 ? leetAfterLetter + 1 : -1 }
                    if byteClass != .leetSymbol, previous != .letter, previous != .digit, previous != .leetDigit, previous != .dollar,
                       text[index] == UInt8(ascii: "$") || text[index] == UInt8(ascii: "0"),
                       index + 1 < range.upperBound, classes[Int(text[index + 1])] == .letter {
                        return true
                    }
                case .nonASCII:
                    return true
                case .ampersand:
                    if index + 1 < range.upperBound {
                        let next = text[index + 1]
                        if next == UInt8(ascii: "#") || classes[Int(next)] == .letter { return true }
                    }
                    leetAfterLetter = -1
                default:
                    leetAfterLetter = -1
                }
                let continuesRun = byteClass == .letter || byteClass == .leetDigit || byteClass == .digit || byteClass == .dollar
                if continuesRun {
                    runLength += 1
                    runIsLetter = byteClass == .letter
                } else {
                    if runLength > 0 {
                        if endRun(runLength, isLetter: runIsLetter, &chainItems, &chainLetters, gapSpaces, gapSeparators, gapOther) { return true }
                        runLength = 0
                        gapSpaces = 0
                        gapSeparators = 0
                        gapOther = false
                    }
                    switch byteClass {
                    case .space: gapSpaces += 1
                    case .separator: gapSeparators += 1
                    default: gapOther = true
                    }
                }
                previous = byteClass
            }
            return runLength > 0 && endRun(runLength, isLetter: runIsLetter, &chainItems, &chainLetters, gapSpaces, gapSeparators, gapOther)
        }
    }

    /// Adds a finished run to the chain of single-character items; true when the chain holds
    /// three letters.
    private static func endRun(_ length: Int, isLetter: Bool, _ chainItems: inout Int, _ chainLetters: inout Int,
                               _ gapSpaces: Int, _ gapSeparators: Int, _ gapOther: Bool) -> Bool {
        guard length == 1 else {
            chainItems = 0
            chainLetters = 0
            return false
        }
        let spacingGap = !gapOther && ((gapSeparators == 0 && gapSpaces > 0) || (gapSeparators == 1 && gapSpaces == 0))
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
