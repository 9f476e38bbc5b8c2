import Foundation

/// Inline suppressions, read from a document's markup comments (HTML and Markdown; plain text
/// has none, so it uses the configuration file's per-path `disable`):
///
/// - `<!-- redline-disable SELECTOR -->` ... `<!-- redline-enable SELECTOR -->`: off between
///   the two comments (to the end of the document without an enable); a bare
///   `redline-enable` ends every open block.
/// - `<!-- redline-disable-next-line SELECTOR -->`: off on the next line that is not blank.
///
/// A selector names a rule id, a pack or a category; several are separated by commas or
/// spaces; a reason may follow `--`. A finding is suppressed when it starts where one of its
/// names is off. Every directive selector that suppresses nothing becomes an info finding,
/// `redline/unused-suppression`, on its comment.
struct Suppressions {
    /// The rule id of an unused suppression.
    static let unusedRule = "redline/unused-suppression"

    private enum Kind: String {
        case disable = "redline-disable"
        case enable = "redline-enable"
        case disableNextLine = "redline-disable-next-line"
    }

    private struct Directive {
        var kind: Kind
        var selectors: [String]
        var reason: String?
        /// The comment's text, trimmed.
        var text: String
        /// The whole comment, in original bytes.
        var range: Range<Int>
        var line: Int
    }

    /// Where one selector of one directive is off, in original bytes.
    private struct Region {
        var range: Range<Int>
        var selector: String
        var directive: Int
    }

    /// One selector of one directive.
    private struct Use: Hashable {
        var directive: Int
        var selector: String
    }

    private let directives: [Directive]
    private let regions: [Region]
    private let lines: LineIndex

    /// Reads the directives among `comments` of a document whose original bytes are `source`.
    init(comments: [ExtractedText.Comment], source: [UInt8], lines: LineIndex) {
        self.lines = lines
        let directives = comments.compactMap { Self.directive($0, lines: lines) }
        var regions: [Region] = []
        var open: [String: (start: Int, directive: Int)] = [:]
        for (index, directive) in directives.enumerated() {
            switch directive.kind {
            case .disable:
                for selector in directive.selectors where open[selector] == nil {
                    open[selector] = (directive.range.upperBound, index)
                }
            case .enable:
                for selector in directive.selectors.isEmpty ? Array(open.keys) : directive.selectors {
                    guard let block = open.removeValue(forKey: selector) else { continue }
                    regions.append(Region(range: block.start..<directive.range.lowerBound, selector: selector, directive: block.directive))
                }
            case .disableNextLine:
                let line = Self.nextLine(after: directive.range.upperBound, in: source, lines: lines)
                regions += directive.selectors.map { Region(range: line, selector: $0, directive: index) }
            }
        }
        for (selector, block) in open.sorted(by: { ($0.value.directive, $0.key) < ($1.value.directive, $1.key) }) {
            regions.append(Region(range: block.start..<source.count, selector: selector, directive: block.directive))
        }
        self.directives = directives
        self.regions = regions
    }

    /// Splits `findings` into those that stay and those suppressed, and reports every
    /// directive selector that suppressed nothing as an info finding (`activeNames` gives
    /// the names the scan's rules answer to, for its message).
    func apply(to findings: [Finding], activeNames: () -> Set<String>) -> (kept: [Finding], suppressed: [SuppressedFinding], unused: [Finding]) {
        guard !directives.isEmpty else { return (findings, [], []) }
        var used = Set<Use>()
        var kept: [Finding] = []
        var suppressed: [SuppressedFinding] = []
        for finding in findings {
            let names = finding.selectorNames
            let covering = regions.filter { $0.range.contains(finding.span.start) && names.contains($0.selector) }
            guard let region = covering.first else {
                kept.append(finding)
                continue
            }
            used.formUnion(covering.map { Use(directive: $0.directive, selector: $0.selector) })
            let directive = directives[region.directive]
            suppressed.append(SuppressedFinding(finding: finding, line: directive.line, directive: directive.text, reason: directive.reason))
        }
        var unused: [Finding] = []
        lazy var active = activeNames()
        for (index, directive) in directives.enumerated() where directive.kind != .enable {
            for selector in directive.selectors.isEmpty ? [""] : directive.selectors where !used.contains(Use(directive: index, selector: selector)) {
                let problem = selector.isEmpty ? "names no rule, pack or category"
                    : active.contains(selector) ? "suppresses nothing here" : "names no active rule, pack or category"
                let named = ([directive.kind.rawValue, selector].filter { !$0.isEmpty }).joined(separator: " ")
                unused.append(Finding(
                    rule: Self.unusedRule, category: Category(rawValue: "suppression"), severity: .info, score: 0,
                    message: "\(named) \(problem).", suggestion: "Remove the comment, or correct its rule id, pack or category.",
                    span: lines.span(directive.range), match: directive.text))
            }
        }
        return (kept, suppressed, unused)
    }

    /// The directive a comment holds, if it holds one.
    private static func directive(_ comment: ExtractedText.Comment, lines: LineIndex) -> Directive? {
        let text = comment.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = text.split(separator: "--", maxSplits: 1, omittingEmptySubsequences: false)
        let words = parts[0].split { $0 == "," || $0.isWhitespace }.map(String.init)
        guard let first = words.first, let kind = Kind(rawValue: first) else { return nil }
        let reason = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespacesAndNewlines) : nil
        return Directive(kind: kind, selectors: Array(words.dropFirst()), reason: reason?.isEmpty == false ? reason : nil,
                         text: text, range: comment.originalRange, line: lines.location(of: comment.originalRange.lowerBound).line)
    }

    /// The first line after the one holding `offset` that is not blank, as original bytes.
    private static func nextLine(after offset: Int, in source: [UInt8], lines: LineIndex) -> Range<Int> {
        var line = lines.lineRange(containing: offset)
        while line.upperBound < source.count {
            line = lines.lineRange(containing: line.upperBound + 1)
            if source[line].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) { return line }
        }
        return source.count..<source.count
    }
}
