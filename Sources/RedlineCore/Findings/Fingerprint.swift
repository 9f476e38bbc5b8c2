/// A finding's identity across runs and edits, computed offline from the finding itself:
/// its rule id, its matched text (lower-cased, white space collapsed) and its occurrence
/// among the document's findings with the same rule and text. Line numbers and offsets play
/// no part, so adding a paragraph above a finding does not change it. Written as
/// `HASH:N`: a 64-bit FNV-1a hash in hex and the 1-based occurrence, like GitHub's
/// `primaryLocationLineHash`. SARIF carries it as `partialFingerprints["redline/v1"]`.
public enum Fingerprint {
    /// The fingerprint of each finding, index for index. `findings` are one document's, in
    /// report order (by span), which fixes the occurrence numbers.
    public static func of(_ findings: [Finding]) -> [String] {
        var seen: [String: Int] = [:]
        return findings.map { finding in
            let key = finding.rule + "\u{0}" + normalized(finding.match)
            seen[key, default: 0] += 1
            return "\(hex(fnv1a(key))):\(seen[key]!)"
        }
    }

    /// Lower-cased, runs of white space folded to one space, trimmed.
    static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
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

extension DocumentResult {
    /// The fingerprint of each of `findings`, index for index (see `Fingerprint`).
    public var fingerprints: [String] { Fingerprint.of(findings) }
}
