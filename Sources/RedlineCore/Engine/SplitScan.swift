import Foundation

/// When one huge document's matching is spread over threads (see `SplitScan`).
public struct DocumentSplitting: Sendable, Equatable {
    /// Documents whose de-obfuscated text has at least this many bytes are split.
    public var minimumBytes: Int
    /// The size a chunk aims at; it ends at the first paragraph boundary after that.
    public var chunkBytes: Int
    /// Threads one document's chunks may use; 1 never splits. `ScanRun` sets it from `--jobs`.
    public var jobs: Int

    /// Splits documents of 1 MiB and more into chunks of about 256 KiB, on `jobs` threads.
    public init(minimumBytes: Int = 1 << 20, chunkBytes: Int = 256 << 10, jobs: Int = 1) {
        self.minimumBytes = minimumBytes
        self.chunkBytes = chunkBytes
        self.jobs = jobs
    }
}

/// One huge document matched in chunks on several threads, with the findings of an unsplit scan.
///
/// Extraction and normalization run once. Each text layer is cut into chunks at paragraph
/// boundaries (the start of a line after a blank line); chunk `i` of every layer is matched
/// by one `RuleContext` that owns that range and reads the whole layer, so a match, sentence
/// or paragraph may reach past the owned range (the overlap is the rest of the text, never
/// less than the longest match window). The prefilter's pass is split the same way
/// (`prefilterHits`): every pattern whose matches never hold a line feed (`isLineLocal`, most of
/// the packs) is scanned per chunk; the others in one pass over the whole layer with a set of
/// their own (`SplitPrefilter`). A rule's hits come from its chunk's matches:
/// - a line-local pattern's matches starting in the chunk are found by confirming the
///   prefilter's ends inside the chunk from the chunk's start: no match crosses the line
///   break before it, so the whole-text search starts afresh there, with the same PCRE2 calls;
/// - any other pattern, and the contact tokens, are found once in the whole text
///   (`SharedMatches`) and each chunk takes those starting in it;
/// - a near rule groups its parts by sentence or paragraph, which never cross a chunk start,
///   and a pattern rule's negation guard reads the hit's sentence: both see what an unsplit
///   scan sees.
/// Rules that read the whole document (`readsWholeDocument`: "promotes a treatment but never
/// discusses risks") run once, on the whole text. Everything after matching (fingerprints,
/// suppressions, merging, scoring) runs once on the whole document, as for any document.
/// When a chunk hits a PCRE2 limit, the unsplit search would have stopped that pattern for
/// the rest of the document: the document is then scanned again unsplit, so diagnostics and
/// findings stay those of an unsplit scan.
enum SplitScan {
    /// Whether the prefilter's hits for a pattern of `mode` are complete per chunk: it is
    /// confirmed in windows before the hits' ends (`windowed`) and never holds a line feed.
    static func isLineLocal(_ mode: PrefilterMode) -> Bool {
        if case .windowed(_, singleLine: true) = mode { return true }
        return false
    }

    /// The ranges chunk `0..<count` owns in `bytes`: they follow each other from 0 to the end,
    /// and each one after the first starts at a paragraph boundary: the start of a line that
    /// follows a blank line (only spaces, tabs or carriage returns), so no line, sentence or
    /// paragraph crosses it. Chunk `i` starts at the first boundary at or after `i × stride`;
    /// ranges are empty where boundaries are missing.
    static func ownedRanges(_ bytes: [UInt8], count: Int, stride: Int) -> [Range<Int>] {
        var starts = [0]
        bytes.withUnsafeBufferPointer { text in
            for i in 1..<max(count, 1) {
                starts.append(max(starts[starts.count - 1], paragraphBoundary(text, atOrAfter: i * stride) ?? text.count))
            }
        }
        return starts.indices.map { starts[$0]..<(($0 + 1 < starts.count) ? starts[$0 + 1] : bytes.count) }
    }

    /// The first offset at or after `offset` (before the end) that starts a line following a blank line.
    private static func paragraphBoundary(_ text: UnsafeBufferPointer<UInt8>, atOrAfter offset: Int) -> Int? {
        var lineFeed = max(offset - 1, 0)
        while lineFeed + 1 < text.count {
            if text[lineFeed] == 0x0A {
                var before = lineFeed - 1
                while before >= 0, text[before] == 0x20 || text[before] == 0x09 || text[before] == 0x0D { before -= 1 }
                if before < 0 || text[before] == 0x0A { return lineFeed + 1 }
            }
            lineFeed += 1
        }
        return nil
    }

    /// The hits one `set.scan` of the whole `text` finds, from one scan per chunk (its owned
    /// range with the line feed before and the line after, so start and end anchors behave as
    /// in the whole text for the ends inside the chunk) for the line-local patterns, and one
    /// scan of the whole text with `others` for the rest, run as tasks of `perform`.
    static func prefilterHits(_ set: RegexSet, others: SplitPrefilter.Others, text: [UInt8], owned: [Range<Int>],
                              jobs: Int) -> PrefilterHits {
        let blocks = text.withUnsafeBufferPointer { buffer in owned.map { scanBlock(for: $0, in: buffer) } }
        // Task `blocks.count` scans the whole text for the other patterns.
        let scans = perform(blocks.count + 1, jobs: jobs) { task, scratch in
            text.withUnsafeBufferPointer { buffer in
                task < blocks.count ? set.scan(UnsafeBufferPointer(rebasing: buffer[blocks[task]]), scratch: scratch)
                                    : others.set.scan(buffer, scratch: scratch)
            }
        }
        let whole = scans[blocks.count]
        var hits = PrefilterHits(patternCount: set.regexes.count)
        hits.complete = scans.allSatisfy(\.complete)
        for id in set.regexes.indices {
            if let other = others.ids[id] {
                hits.ends += whole.ends(of: other)
            } else {
                for (chunk, range) in owned.enumerated() {
                    let start = blocks[chunk].lowerBound
                    hits.ends += scans[chunk].ends(of: id).lazy.map { $0 + start }.filter { range.lowerBound < $0 && $0 <= range.upperBound }
                }
            }
            hits.starts[id + 1] = hits.ends.count
        }
        return hits
    }

    /// What the prefilter scans for the chunk owning `owned`: from the line feed before it
    /// (a match cannot hold it) to the end of the line after it (an end anchor there reports
    /// ends past the chunk only).
    private static func scanBlock(for owned: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var end = min(owned.upperBound + 1, text.count)
        while end < text.count, text[end - 1] != 0x0A { end += 1 }
        return max(owned.lowerBound - 1, 0)..<end
    }

    /// Runs tasks `0..<count` on at most `jobs` threads (the calling one among them), each
    /// thread with its own `MatchScratch`; the results in task order. The other threads are
    /// started here, with the stack size of the scan's worker threads (`Pipeline`).
    static func perform<Result: Sendable>(_ count: Int, jobs: Int, _ task: @escaping @Sendable (Int, MatchScratch) -> Result) -> [Result] {
        let results = TaskResults<Result>(count: count)
        let next = SerialCounter()
        let work: @Sendable () -> Void = {
            let scratch = MatchScratch()
            while true {
                let index = next.next() - 1
                guard index < count else { return }
                results.set(index, task(index, scratch))
            }
        }
        let helpers = DispatchGroup()
        for _ in 1..<max(min(jobs, count), 1) {
            helpers.enter()
            let thread = Thread {
                work()
                helpers.leave()
            }
            thread.stackSize = Pipeline.stackSize
            thread.start()
        }
        work()
        helpers.wait()
        return results.values
    }
}

/// Results of concurrent tasks, each stored once by its task.
private final class TaskResults<Result>: @unchecked Sendable {
    private var slots: [Result?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = value
    }

    var values: [Result] {
        lock.lock(); defer { lock.unlock() }
        return slots.map { $0! }
    }
}

/// The chunk a `RuleContext` matches in: the range of each text layer it owns, and the
/// whole-text results every chunk shares.
struct ChunkScope {
    let normalized: Range<Int>
    let original: Range<Int>
    let shared: SharedMatches

    /// The owned range of the text for `target`.
    func owned(_ target: MatchTarget) -> Range<Int> { target == .original ? original : normalized }
}

/// The whole-text searches of a split document that chunks share: the patterns of the
/// chunked rules that are not line-local, and the contact tokens. They run before the
/// chunks, as tasks of their own on the scan's threads, each in a `RuleContext` of the whole
/// document, so each is the search an unsplit scan makes.
struct SharedMatches: Sendable {
    private let matches: [MatchKey: WholeTextMatches]
    private let contactTokens: [MatchTarget: [ContactToken]]

    private struct MatchKey: Hashable {
        var regex: ObjectIdentifier
        var target: MatchTarget
    }

    /// Every match of a pattern in the whole text, and where a limit stopped the search.
    struct WholeTextMatches: @unchecked Sendable {
        var regex: Regex
        var target: MatchTarget
        var matches: [Range<Int>] = []
        var stop: LimitStop?
    }

    /// Runs the searches of `rules` that chunks cannot make alone (patterns for which
    /// `isLocal` is false, contact tokens) on up to `jobs` threads, each in a context from `newContext`.
    init(rules: [any CompiledRule], isLocal: (Regex, MatchTarget) -> Bool, jobs: Int,
         newContext: @escaping @Sendable (MatchScratch) -> RuleContext) {
        var searches: [MatchKey: WholeTextMatches] = [:]
        for rule in rules {
            for regex in rule.hitRegexes where !isLocal(regex, rule.spec.matchOn) {
                searches[MatchKey(regex: ObjectIdentifier(regex), target: rule.spec.matchOn)] = WholeTextMatches(regex: regex, target: rule.spec.matchOn)
            }
        }
        let pending = Array(searches.values)
        let contactTargets = Array(Set(rules.filter(\.usesContacts).map(\.spec.matchOn)))
        // The last task finds the contact tokens.
        let results = SplitScan.perform(pending.count + 1, jobs: jobs) { task, scratch in
            let context = newContext(scratch)
            guard task < pending.count else {
                return (WholeTextMatches?.none, contactTargets.map { ($0, context.contacts($0)) })
            }
            var search = pending[task]
            (search.matches, search.stop) = context.wholeTextMatches(search.regex, target: search.target)
            return (search, [])
        }
        matches = Dictionary(uniqueKeysWithValues: results.compactMap(\.0).map { (MatchKey(regex: ObjectIdentifier($0.regex), target: $0.target), $0) })
        contactTokens = Dictionary(uniqueKeysWithValues: results.flatMap(\.1))
    }

    /// Every match of `regex` in the whole text for `target` and where a limit stopped the
    /// search, or nil when it was not searched.
    func matches(_ regex: Regex, target: MatchTarget) -> (matches: [Range<Int>], stop: LimitStop?)? {
        matches[MatchKey(regex: ObjectIdentifier(regex), target: target)].map { ($0.matches, $0.stop) }
    }

    /// The document's contact tokens as ranges of the text for `target`, or nil when they were not searched.
    func contacts(_ target: MatchTarget) -> [ContactToken]? { contactTokens[target] }
}

/// The prefilter sets a split scan needs besides the scanner's own: per text layer, one set
/// of the patterns that are not line-local, built when the first huge document arrives.
final class SplitPrefilter: @unchecked Sendable {
    /// The patterns of a layer's set that are not line-local, in a set of their own.
    struct Others {
        let set: RegexSet
        /// By id in the layer's set: the id in `set`, nil for a line-local pattern.
        let ids: [Int?]
    }

    private let lock = NSLock()
    private var built: [MatchTarget: Others?] = [:]

    /// The set for `target`'s prefilter `set`, or nil when it cannot stand in for `set`
    /// (Hyperscan treats one of its patterns differently there): then the document is not split.
    func others(of set: RegexSet, target: MatchTarget) -> Others? {
        lock.lock(); defer { lock.unlock() }
        if let known = built[target] { return known }
        let members = set.regexes.indices.filter { !SplitScan.isLineLocal(set.modes[$0]) }
        let others = RegexSet(members.map { set.regexes[$0] })
        var ids = [Int?](repeating: nil, count: set.regexes.count)
        for (index, member) in members.enumerated() { ids[member] = index }
        let agrees = members.enumerated().allSatisfy { index, member in others.modes[index] == set.modes[member] }
        let result = agrees ? Others(set: others, ids: ids) : nil
        built[target] = result
        return result
    }
}
