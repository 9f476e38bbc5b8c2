/// The findings of two versions of an article compared by fingerprint (see `Fingerprint`),
/// never by position: a finding whose words moved, or whose neighbours were edited, is
/// unchanged.
public struct FindingDiff: Sendable {
    /// In the new version only, in report order, with new-version spans.
    public var introduced: [Finding]
    /// In the old version only, in report order, with old-version spans.
    public var resolved: [Finding]
    /// In both versions, in report order, with new-version spans.
    public var unchanged: [Finding]

    /// Compares the findings of the old and the new version of one article (either empty
    /// for an added or removed article).
    public init(old: [Finding], new: [Finding]) {
        let oldPrints = Set(old.map(\.fingerprint))
        let newPrints = Set(new.map(\.fingerprint))
        introduced = new.filter { !oldPrints.contains($0.fingerprint) }
        resolved = old.filter { !newPrints.contains($0.fingerprint) }
        unchanged = new.filter { oldPrints.contains($0.fingerprint) }
    }
}
