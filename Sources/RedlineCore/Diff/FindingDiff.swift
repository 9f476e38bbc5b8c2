/// The findings of two versions of an article compared by fingerprint (see `Fingerprint`),
/// never by position: a finding whose words moved, or whose neighbours were edited, is
/// unchanged. Per rule and matched text the counts decide (`HASH:1...HASH:m` before,
/// `HASH:1...HASH:n` after: `n - m` introduced or `m - n` resolved), and a finding that
/// another one stood for before (`alsoMatchedFingerprints`) is not new when it stands alone
/// (nor resolved when it merges into another). Which of several equal findings is the
/// introduced or resolved one follows the text: findings on the same sentence pair up
/// first, so a fixed claim is resolved where it was fixed.
public struct FindingDiff: Sendable {
    /// In the new version only, in report order, with new-version spans.
    public var introduced: [Finding]
    /// In the old version only, in report order, with old-version spans.
    public var resolved: [Finding]
    /// In both versions, in report order, with new-version spans.
    public var unchanged: [Finding]

    /// One identity a finding carries: its own fingerprint, or one it stands for.
    private struct Token {
        var finding: Int
        var own: Bool
        /// The rule-and-text part of the fingerprint, without the occurrence.
        var content: Substring
    }

    /// Compares the findings of the old and the new version of one article (either empty
    /// for an added or removed article). `sameSentence` tells whether an old and a new
    /// finding stand on the same sentence of the text.
    public init(old: [Finding], new: [Finding], sameSentence: (Finding, Finding) -> Bool = { _, _ in false }) {
        let (keptOld, keptNew) = Self.match(old: old, new: new) { sameSentence(old[$0], new[$1]) }
        introduced = new.indices.filter { !keptNew.contains($0) }.map { new[$0] }
        resolved = old.indices.filter { !keptOld.contains($0) }.map { old[$0] }
        unchanged = new.indices.filter { keptNew.contains($0) }.map { new[$0] }
    }

    /// Which of `old` and of `new` are in both (indices): the rest of `new` is introduced,
    /// the rest of `old` resolved. `sameSentence(i, j)` tells whether `old[i]` and `new[j]`
    /// stand on the same sentence.
    static func match(old: [some Fingerprinted], new: [some Fingerprinted], sameSentence: (Int, Int) -> Bool) -> (old: Set<Int>, new: Set<Int>) {
        let oldTokens = tokens(old)
        let newTokens = tokens(new)
        let newByContent = Dictionary(grouping: newTokens.indices) { newTokens[$0].content }
        var pairedOld = Set<Int>()
        var pairedNew = Set<Int>()
        // Own identities with each other before one that is only stood for; the same sentence before any other.
        let passes = [(true, true), (false, true), (true, false)].flatMap { [($0.0, $0.1, true), ($0.0, $0.1, false)] }
        for (oldOwn, newOwn, sentenceMustMatch) in passes {
            for (o, token) in oldTokens.enumerated() where token.own == oldOwn && !pairedOld.contains(o) {
                let match = newByContent[token.content]?.first { n in
                    newTokens[n].own == newOwn && !pairedNew.contains(n)
                        && (!sentenceMustMatch || sameSentence(token.finding, newTokens[n].finding))
                }
                if let match {
                    pairedOld.insert(o)
                    pairedNew.insert(match)
                }
            }
        }
        let kept = { (tokens: [Token], paired: Set<Int>) in Set(paired.filter { tokens[$0].own }.map { tokens[$0].finding }) }
        return (kept(oldTokens, pairedOld), kept(newTokens, pairedNew))
    }

    /// Every identity of `findings`, in report order.
    private static func tokens(_ findings: [some Fingerprinted]) -> [Token] {
        let content = { (fingerprint: String) in fingerprint.prefix { $0 != ":" } }
        return findings.enumerated().flatMap { index, finding in
            [Token(finding: index, own: true, content: content(finding.fingerprint))]
                + finding.alsoMatchedFingerprints.map { Token(finding: index, own: false, content: content($0)) }
        }
    }
}
