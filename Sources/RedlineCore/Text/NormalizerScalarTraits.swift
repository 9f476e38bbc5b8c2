/// The Unicode properties the `Normalizer` asks of a scalar. Below U+3000 (Latin, Greek,
/// Cyrillic, Armenian, Hebrew, Arabic, Indic scripts, general punctuation) they come from a
/// table built once, because the standard library's property lookups cost more than all the
/// rest of normalizing a text in those scripts; above, from the standard library.
struct ScalarTraits: OptionSet {
    let rawValue: UInt8

    static let defaultIgnorable = ScalarTraits(rawValue: 1 << 0)
    /// The scalar is not its own NFKC form, or is an upper-case letter (Changes_When_NFKC_Casefolded).
    static let changesWhenNFKCCaseFolded = ScalarTraits(rawValue: 1 << 1)
    static let alphabetic = ScalarTraits(rawValue: 1 << 2)
    /// A combining mark (general category Mn, Mc or Me).
    static let mark = ScalarTraits(rawValue: 1 << 3)
    /// A number (general category Nd, Nl or No).
    static let number = ScalarTraits(rawValue: 1 << 4)
    static let whitespace = ScalarTraits(rawValue: 1 << 5)
    static let uppercase = ScalarTraits(rawValue: 1 << 6)
    static let lowercase = ScalarTraits(rawValue: 1 << 7)

    private static let tableEnd: UInt32 = 0x3000
    private static let table: [ScalarTraits] = (0..<tableEnd).map { value in
        Unicode.Scalar(value).map(computed) ?? []
    }

    /// The traits of `scalar`.
    static func of(_ scalar: Unicode.Scalar) -> ScalarTraits {
        scalar.value < tableEnd ? table[Int(scalar.value)] : computed(scalar)
    }

    private static func computed(_ scalar: Unicode.Scalar) -> ScalarTraits {
        let properties = scalar.properties
        var traits: ScalarTraits = []
        if properties.isDefaultIgnorableCodePoint { traits.insert(.defaultIgnorable) }
        if properties.changesWhenNFKCCaseFolded { traits.insert(.changesWhenNFKCCaseFolded) }
        if properties.isAlphabetic { traits.insert(.alphabetic) }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: traits.insert(.mark)
        case .decimalNumber, .letterNumber, .otherNumber: traits.insert(.number)
        default: break
        }
        if properties.isWhitespace { traits.insert(.whitespace) }
        if properties.isUppercase { traits.insert(.uppercase) }
        if properties.isLowercase { traits.insert(.lowercase) }
        return traits
    }
}
