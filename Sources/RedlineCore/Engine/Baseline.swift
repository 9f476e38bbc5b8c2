import Foundation

/// The findings a team has accepted for now, so that a scan reports only new ones: written by
/// `redline scan --write-baseline FILE`, read by `redline scan --baseline FILE`. Each entry
/// records a finding by its document and fingerprint, with its rule, matched text and a
/// little context for the people who read the file; matching uses the fingerprints alone,
/// so the old article is never read again (unlike a baseline that re-reads changed files).
/// A JSON file: `{"version": 1, "entries": [...]}`, sorted, one key per line, so that it
/// reads well in a code review.
public struct Baseline: Codable, Sendable, Equatable {
    /// One accepted finding.
    public struct Entry: Codable, Sendable, Hashable, Fingerprinted {
        /// The document as scanned: its path (`path#id` for a JSONL record).
        public var document: String
        public var fingerprint: String
        public var alsoMatchedFingerprints: [String]
        public var rule: String
        /// The matched text.
        public var match: String
        /// The source line around the match.
        public var context: String
    }

    public private(set) var version = 1
    public private(set) var entries: [Entry] = []
    /// `entries` by document.
    private var byDocument: [String: [Entry]] = [:]

    private enum CodingKeys: String, CodingKey {
        case version, entries
    }

    public init() {}

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        entries = try container.decode([Entry].self, forKey: .entries)
        byDocument = Dictionary(grouping: entries, by: \.document)
    }

    /// Records the findings of one scanned document.
    public mutating func add(_ result: DocumentResult) {
        let document = Self.key(result)
        let added = result.findings.map { finding in
            Entry(document: document, fingerprint: finding.fingerprint, alsoMatchedFingerprints: finding.alsoMatchedFingerprints,
                  rule: finding.rule, match: finding.match, context: SourceExcerpt(source: result.source, span: finding.span).text)
        }
        entries += added
        byDocument[document, default: []] += added
    }

    /// Removes from `result` the findings the baseline knows (by fingerprint, per document;
    /// a finding known as merged into another counts as known) and returns how many.
    public func removeKnown(from result: inout DocumentResult) -> Int {
        let known = byDocument[Self.key(result)] ?? []
        guard !known.isEmpty else { return 0 }
        let kept = FindingDiff.match(old: known, new: result.findings) { _, _ in false }.new
        let before = result.findings.count
        result.findings = result.findings.indices.filter { !kept.contains($0) }.map { result.findings[$0] }
        return before - result.findings.count
    }

    /// A document's key: its path without a leading `./`, and `#id` for a JSONL record.
    private static func key(_ result: DocumentResult) -> String {
        var path = Substring(result.displayName)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        return String(path)
    }

    /// Reads a baseline file.
    public static func load(path: String) throws(BaselineError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        do {
            return try JSONDecoder().decode(Baseline.self, from: data)
        } catch {
            throw .invalid(path: path, reason: "\(error)")
        }
    }

    /// The file's bytes: entries sorted by document, then fingerprint.
    public func encoded() throws -> [UInt8] {
        var sorted = self
        sorted.entries.sort { ($0.document, $0.fingerprint) < ($1.document, $1.fingerprint) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(sorted)) + [0x0A]
    }
}

/// A baseline file that cannot be used. Exit code 2.
public enum BaselineError: Error, CustomStringConvertible {
    case unreadable(path: String)
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path):
            "cannot read the baseline \(path); write one with redline scan --write-baseline \(path)"
        case .invalid(let path, let reason):
            "\(path) is not a Redline baseline (\(reason)); write it again with redline scan --write-baseline"
        }
    }
}
