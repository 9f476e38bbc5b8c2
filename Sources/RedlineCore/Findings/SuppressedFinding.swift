/// A finding an inline suppression turned off: counted in the summary, listed with
/// `--show-suppressed`, never scored or failing a run.
public struct SuppressedFinding: Sendable, Hashable, Codable {
    public var finding: Finding
    /// The line of the comment that suppressed it (1-based).
    public var line: Int
    /// The comment's directive, as written: `redline-disable unsafe-claims/cure-claim -- quoted to refute it`.
    public var directive: String
    /// The reason after `--`, if the comment gives one.
    public var reason: String?
}
