/// A finding's identity across runs and edits, computed offline from the finding itself:
/// its rule id, the text it matched as the normalized layer reads it (de-obfuscated, so
/// "k3tamine" and "ketamine" agree; lower-cased, white space collapsed) and its occurrence
/// among the document's hits with the same rule and text (counted before overlapping
/// findings are merged, see `Finding.alsoMatchedFingerprints`). Line numbers and offsets play
/// no part, so moving a paragraph or editing another one does not change it. Written as
/// `HASH:N`: a 64-bit FNV-1a hash in hex and the 1-based occurrence, like GitHub's
/// `primaryLocationLineHash`. The scanner stores it in `Finding.fingerprint`; JSON writes it
/// as `fingerprint`, SARIF as `partialFingerprints["redline/v1"]`, baselines and diffs
/// compare by it.
public enum Fingerprint {
    /// Sets the fingerprint of each of `findings`, one document's hits in report order
    /// (`Finding.inReportOrder`), which fixes the occurrence numbers. `text` gives the normalized text a finding matched.
    static func assign(to findings: inout [Finding], text: (Finding) -> String) {
        var seen: [String: Int] = [:]
        for index in findings.indices {
            let key = findings[index].rule + "\u{0}" + normalized(text(findings[index]))
            seen[key, default: 0] += 1
            findings[index].fingerprint = "\(hex(fnv1a(key))):\(seen[key]!)"
        }
    }

    /// Lower-cased, runs of white space folded to one space, trimmed.
    static func normalized(_ text: String) -> String {
        var text = text
        // ASCII text (most matches) byte by byte: the same result as the general path, whose
        // white space in ASCII is exactly tab, line feed, vertical tab, form feed, carriage return and space.
        if let ascii = text.withUTF8({ asciiNormalized($0) }) { return ascii }
        return generalNormalized(text)
    }

    /// `normalized` by way of `Character`s, for any text.
    static func generalNormalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `normalized` of ASCII bytes; nil when `utf8` holds a non-ASCII byte.
    private static func asciiNormalized(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            if byte >= 0x80 { return nil }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(0x20)
                pendingSpace = false
            }
            result.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 0x20 : byte)
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// Something known by fingerprints: a finding, or a baseline's record of one. Diffs and
/// baselines match on these alone.
public protocol Fingerprinted {
    /// Its own fingerprint (see `Fingerprint`).
    var fingerprint: String { get }
    /// The fingerprints of the findings it stands for (see `Finding.alsoMatchedFingerprints`).
    var alsoMatchedFingerprints: [String] { get }
}

extension Finding: Fingerprinted {}
