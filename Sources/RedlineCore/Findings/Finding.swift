/// One problem found in one document: which rule, how bad, where, and what to do.
public struct Finding: Sendable, Hashable, Codable {
    /// Rule id, `pack/name`.
    public var rule: String
    public var category: Category
    public var severity: Severity
    /// Points this finding adds to the document's score.
    public var score: Double
    /// What is wrong and what to do.
    public var message: String
    /// Optional concrete rewrite advice.
    public var suggestion: String?
    /// Where, in original-byte offsets.
    public var span: Span
    /// The original bytes at `span`, decoded as UTF-8.
    public var match: String
    /// Other rules of the same category that flagged overlapping words.
    public var alsoMatched: [String]
    /// `true` when the finding touches text readers do not see (hidden HTML); `nil`
    /// otherwise, so the JSON key `hidden` appears only on such findings.
    public var hidden: Bool?
    /// The finding's identity across runs and edits (see `Fingerprint`), set by the scanner.
    public var fingerprint: String
    /// The fingerprints of the findings this one stands for since they overlapped it (the
    /// hits of `alsoMatched`): a diff or a baseline knows them as present, so a finding that
    /// was merged into another one before is not new when it stands alone.
    public var alsoMatchedFingerprints: [String] = []

    public init(rule: String, category: Category, severity: Severity, score: Double, message: String,
                suggestion: String?, span: Span, match: String, alsoMatched: [String] = [], hidden: Bool = false, fingerprint: String = "") {
        self.rule = rule
        self.category = category
        self.severity = severity
        self.score = score
        self.message = message
        self.suggestion = suggestion
        self.span = span
        self.match = match
        self.alsoMatched = alsoMatched
        self.hidden = hidden ? true : nil
        self.fingerprint = fingerprint
    }
}

extension Finding {
    /// Report order: by span start, then span end, then rule id.
    static func inReportOrder(_ a: Finding, _ b: Finding) -> Bool {
        (a.span.start, a.span.end, a.rule) < (b.span.start, b.span.end, b.rule)
    }
}
