import Foundation

/// The character steps of the `Normalizer`: character references, invisibles, NFKC and
/// typographic punctuation, each source character (or reference) replaced on its own.
struct CharacterNormalization {
    let steps: Normalizer.Steps

    /// The normalized text, or nil when no character changed.
    func apply(to text: UnsafeBufferPointer<UInt8>) -> NormalizerRewrite.Result? {
        var rewrite = NormalizerRewrite(source: text)
        var compatibilityForms: [UInt32: [Unicode.Scalar]] = [:]
        let decodesReferences = steps.contains(.characterReferences)
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte < 0x80 {
                if byte == UInt8(ascii: "&"), decodesReferences, let reference = Self.reference(in: text, at: index) {
                    var replacement: [UInt8] = []
                    append(reference.scalar, to: &replacement, compatibilityForms: &compatibilityForms)
                    rewrite.replace(index..<(index + reference.length), with: replacement)
                    index += reference.length
                } else {
                    index += 1
                }
                continue
            }
            let (scalar, length) = Tokenizer.decodeScalar(text, at: index)
            if mayChange(scalar) {
                var replacement: [UInt8] = []
                append(scalar, to: &replacement, compatibilityForms: &compatibilityForms)
                if !replacement.elementsEqual(text[index..<(index + length)]) {
                    rewrite.replace(index..<(index + length), with: replacement)
                }
            }
            index += length
        }
        return rewrite.finish()
    }

    /// Whether a step may change the non-ASCII `scalar` (an upper-case letter changes when
    /// NFKC-case-folded, yet is its own NFKC form).
    private func mayChange(_ scalar: Unicode.Scalar) -> Bool {
        let traits = ScalarTraits.of(scalar)
        return (steps.contains(.invisibles) && traits.contains(.defaultIgnorable))
            // A scalar whose NFKC form differs from it also changes when NFKC-case-folded.
            || (steps.contains(.compatibility) && traits.contains(.changesWhenNFKCCaseFolded))
            || (steps.contains(.punctuation) && Self.asciiPunctuation(for: scalar) != nil)
    }

    /// Appends the UTF-8 of what `scalar` becomes; `compatibilityForms` caches NFKC forms.
    private func append(_ scalar: Unicode.Scalar, to bytes: inout [UInt8],
                        compatibilityForms: inout [UInt32: [Unicode.Scalar]]) {
        let traits = ScalarTraits.of(scalar)
        if steps.contains(.invisibles) && traits.contains(.defaultIgnorable) { return }
        var scalars = [scalar]
        if steps.contains(.compatibility), !scalar.isASCII, traits.contains(.changesWhenNFKCCaseFolded) {
            if let cached = compatibilityForms[scalar.value] {
                scalars = cached
            } else {
                scalars = Array(String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars)
                compatibilityForms[scalar.value] = scalars
            }
        }
        for var result in scalars {
            if steps.contains(.punctuation), let ascii = Self.asciiPunctuation(for: result) { result = ascii }
            bytes.append(contentsOf: UTF8.encode(result)!)
        }
    }

    /// The ASCII form of a typographic apostrophe, quote, hyphen or dash.
    static func asciiPunctuation(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x02BC: "'"
        case 0x201C, 0x201D, 0x201E, 0x201F: "\""
        case 0x2010...0x2015, 0x2212: "-"
        default: nil
        }
    }

    /// The character reference (`&name;`, `&#ddd;`, `&#xhh;`) starting at `index`, if it is
    /// a valid one: its character and length in bytes.
    static func reference(in text: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        var end = index + 1
        let scalar: Unicode.Scalar
        if end < text.count, text[end] == UInt8(ascii: "#") {
            end += 1
            let radix: UInt32 = end < text.count && (text[end] | 0x20) == UInt8(ascii: "x") ? 16 : 10
            if radix == 16 { end += 1 }
            let digitsStart = end
            var value: UInt32 = 0
            while end < text.count, end - digitsStart < 7, let digit = digitValue(text[end], radix: radix) {
                value = value * radix + digit
                end += 1
            }
            guard end > digitsStart, let decoded = Unicode.Scalar(value), !isControl(decoded) else { return nil }
            scalar = decoded
        } else {
            while end < text.count, end - index <= longestReferenceName, isNameByte(text[end]) { end += 1 }
            let name = String(decoding: UnsafeBufferPointer(rebasing: text[(index + 1)..<end]), as: UTF8.self)
            guard let named = namedReferences[name] else { return nil }
            scalar = named
        }
        guard end < text.count, text[end] == UInt8(ascii: ";") else { return nil }
        return (scalar, end + 1 - index)
    }

    private static func digitValue(_ byte: UInt8, radix: UInt32) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// NUL and control characters other than tab are not decoded: a reference must not
    /// break a line or paragraph that the original text does not break.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control && scalar != "\t"
    }

    private static let longestReferenceName = namedReferences.keys.map(\.utf8.count).max() ?? 0

    /// The named references decoded: the XML five, spaces and invisibles, typographic
    /// punctuation, and the Latin-1 letters and signs common in English text.
    static let namedReferences: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
        "nbsp": "\u{00A0}", "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "hairsp": "\u{200A}",
        "shy": "\u{00AD}", "zwj": "\u{200D}", "zwnj": "\u{200C}", "lrm": "\u{200E}", "rlm": "\u{200F}",
        "ZeroWidthSpace": "\u{200B}", "NoBreak": "\u{2060}",
        "lsquo": "\u{2018}", "rsquo": "\u{2019}", "sbquo": "\u{201A}", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
        "bdquo": "\u{201E}", "laquo": "\u{00AB}", "raquo": "\u{00BB}", "prime": "\u{2032}", "Prime": "\u{2033}",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "minus": "\u{2212}", "hyphen": "\u{2010}", "hellip": "\u{2026}",
        "bull": "\u{2022}", "middot": "\u{00B7}", "iexcl": "\u{00A1}", "iquest": "\u{00BF}",
        "copy": "\u{00A9}", "reg": "\u{00AE}", "trade": "\u{2122}", "deg": "\u{00B0}", "micro": "\u{00B5}",
        "para": "\u{00B6}", "sect": "\u{00A7}", "plusmn": "\u{00B1}", "times": "\u{00D7}", "divide": "\u{00F7}",
        "frac14": "\u{00BC}", "frac12": "\u{00BD}", "frac34": "\u{00BE}", "sup1": "\u{00B9}", "sup2": "\u{00B2}", "sup3": "\u{00B3}",
        "euro": "\u{20AC}", "pound": "\u{00A3}", "cent": "\u{00A2}", "yen": "\u{00A5}", "dollar": "$", "percnt": "%",
        "aacute": "\u{00E1}", "Aacute": "\u{00C1}", "agrave": "\u{00E0}", "Agrave": "\u{00C0}",
        "acirc": "\u{00E2}", "Acirc": "\u{00C2}", "auml": "\u{00E4}", "Auml": "\u{00C4}",
        "atilde": "\u{00E3}", "Atilde": "\u{00C3}", "aring": "\u{00E5}", "Aring": "\u{00C5}",
        "aelig": "\u{00E6}", "AElig": "\u{00C6}", "ccedil": "\u{00E7}", "Ccedil": "\u{00C7}",
        "eacute": "\u{00E9}", "Eacute": "\u{00C9}", "egrave": "\u{00E8}", "Egrave": "\u{00C8}",
        "ecirc": "\u{00EA}", "Ecirc": "\u{00CA}", "euml": "\u{00EB}", "Euml": "\u{00CB}",
        "iacute": "\u{00ED}", "Iacute": "\u{00CD}", "igrave": "\u{00EC}", "Igrave": "\u{00CC}",
        "icirc": "\u{00EE}", "Icirc": "\u{00CE}", "iuml": "\u{00EF}", "Iuml": "\u{00CF}",
        "ntilde": "\u{00F1}", "Ntilde": "\u{00D1}", "oacute": "\u{00F3}", "Oacute": "\u{00D3}",
        "ograve": "\u{00F2}", "Ograve": "\u{00D2}", "ocirc": "\u{00F4}", "Ocirc": "\u{00D4}",
        "ouml": "\u{00F6}", "Ouml": "\u{00D6}", "otilde": "\u{00F5}", "Otilde": "\u{00D5}",
        "oslash": "\u{00F8}", "Oslash": "\u{00D8}", "szlig": "\u{00DF}",
        "uacute": "\u{00FA}", "Uacute": "\u{00DA}", "ugrave": "\u{00F9}", "Ugrave": "\u{00D9}",
        "ucirc": "\u{00FB}", "Ucirc": "\u{00DB}", "uuml": "\u{00FC}", "Uuml": "\u{00DC}",
        "yacute": "\u{00FD}", "Yacute": "\u{00DD}", "yuml": "\u{00FF}",
    ]
}
