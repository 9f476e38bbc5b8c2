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
        let joinsLines = steps.contains(.softLineBreaks)
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte < 0x80 {
                if byte == 0x0A, joinsLines, let next = Self.softLineBreakEnd(text, at: index, end: text.count) {
                    rewrite.replace(index..<next, with: [0x20])
                    index = next
                } else if byte == UInt8(ascii: "&"), decodesReferences, let reference = HTMLEntities.reference(in: text, at: index, end: text.count, strict: true) {
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

    /// When the line feed at `index` is a soft line break (the line before it has text and the
    /// next line, after its indentation, starts with a lower-case ASCII letter), the offset of
    /// that letter: the line feed and the indentation read as one space.
    static func softLineBreakEnd(_ text: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int? {
        var before = index
        while before > 0, text[before - 1] == 0x20 || text[before - 1] == 0x09 || text[before - 1] == 0x0D { before -= 1 }
        guard before > 0, text[before - 1] != 0x0A else { return nil }
        var next = index + 1
        while next < end, text[next] == 0x20 || text[next] == 0x09 { next += 1 }
        guard next < end, text[next] >= UInt8(ascii: "a"), text[next] <= UInt8(ascii: "z") else { return nil }
        return next
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
}
