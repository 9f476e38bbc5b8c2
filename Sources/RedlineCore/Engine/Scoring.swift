/// A document's overall call, like a spam filter's: from its total score.
public enum Verdict: String, Sendable, Codable, CaseIterable, Comparable {
    /// Nothing an editor must fix.
    case pass
    /// Problems an editor should look at (unsafe claims, missing caveats, residue).
    case review
    /// Spam or illicit sale: do not publish as is.
    case reject

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Score thresholds: a document scoring at least `review` gets `review`, at least `reject` gets `reject`.
public struct ScoreThresholds: Sendable, Equatable, Codable {
    public var review: Double
    public var reject: Double

    /// Defaults chosen on `Corpus/` (see README, "Verdicts").
    public static let `default` = ScoreThresholds(review: 1, reject: 10)

    public init(review: Double, reject: Double) {
        self.review = review
        self.reject = reject
    }

    /// The verdict for a total score.
    public func verdict(for score: Double) -> Verdict {
        score >= reject ? .reject : score >= review ? .review : .pass
    }
}
