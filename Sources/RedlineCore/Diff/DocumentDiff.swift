/// Two versions of one article compared: each version's scan result, the findings
/// introduced, resolved and unchanged, and the sentence diff with each introduced or
/// resolved finding placed on its sentence. This is what `DiffRun` hands to diff sinks.
public struct DocumentDiff: Sendable {
    /// What happened to the article.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case added, removed, modified, unchanged
    }

    /// The old version's scan (`nil` for an added article).
    public var old: DocumentResult?
    /// The new version's scan (`nil` for a removed article).
    public var new: DocumentResult?
    public var findings: FindingDiff
    public var text: TextDiff
    /// The index in `text.new` of the sentence each of `findings.introduced` stands on.
    public var introducedSentences: [Int?]
    /// The index in `text.old` of the sentence each of `findings.resolved` stands on.
    public var resolvedSentences: [Int?]

    /// Compares two scanned versions whose sentences are `oldSentences` and `newSentences`
    /// (see `TextDiff.sentences(of:source:)`).
    public init(old: DocumentResult?, new: DocumentResult?, oldSentences: [TextDiff.Sentence], newSentences: [TextDiff.Sentence]) {
        self.old = old
        self.new = new
        let text = TextDiff(old: oldSentences, new: newSentences)
        self.text = text
        findings = FindingDiff(old: old?.findings ?? [], new: new?.findings ?? []) { before, after in
            let sentence = TextDiff.sentenceIndex(containing: before.span.start, in: text.old)
            return sentence != nil && sentence.flatMap { text.old[$0].counterpart } == TextDiff.sentenceIndex(containing: after.span.start, in: text.new)
        }
        introducedSentences = findings.introduced.map { TextDiff.sentenceIndex(containing: $0.span.start, in: newSentences) }
        resolvedSentences = findings.resolved.map { TextDiff.sentenceIndex(containing: $0.span.start, in: oldSentences) }
    }

    public var status: Status {
        guard let old else { return .added }
        guard let new else { return .removed }
        return old.source == new.source ? .unchanged : .modified
    }

    /// The path of the new version (of the old one for a removed article).
    public var path: String { (new ?? old)?.path ?? "" }

    /// The old version's path when it differs from `path` (a rename, two files compared).
    public var oldPath: String? {
        guard let old, let new, old.path != new.path else { return nil }
        return old.path
    }

    /// How reports name the article: `path`, or `old → new` when the paths differ.
    public var displayName: String { oldPath.map { "\($0) → \(path)" } ?? path }

    /// The diff lines a report shows: every sentence removed or added, and every sentence
    /// an introduced or resolved finding stands on. Moved and other unchanged sentences are
    /// left out, and so are the sentences of an added or removed article that carry no
    /// finding (its whole text would say nothing more than its status).
    public var shownLines: [TextDiff.Line] {
        let flaggedOld = Set(resolvedSentences.compactMap { $0 })
        let flaggedNew = Set(introducedSentences.compactMap { $0 })
        let showsChanges = status == .modified
        return text.lines.filter { line in
            if let index = line.old, (showsChanges && text.old[index].change == .removed) || flaggedOld.contains(index) { return true }
            if let index = line.new, (showsChanges && text.new[index].change == .added) || flaggedNew.contains(index) { return true }
            return false
        }
    }

    /// The sentence a diff line shows: the new version's, or the old one's for a line only the old version has.
    public func sentence(_ line: TextDiff.Line) -> TextDiff.Sentence {
        line.new.map { text.new[$0] } ?? text.old[line.old ?? 0]
    }

    /// The introduced findings on new sentence `index`.
    public func findings(onNew index: Int?) -> [Finding] {
        guard let index else { return [] }
        return zip(findings.introduced, introducedSentences).filter { $0.1 == index }.map(\.0)
    }

    /// The resolved findings on old sentence `index`.
    public func findings(onOld index: Int?) -> [Finding] {
        guard let index else { return [] }
        return zip(findings.resolved, resolvedSentences).filter { $0.1 == index }.map(\.0)
    }
}
