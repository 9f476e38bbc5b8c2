import CHyperscan
import Foundation

/// How the prefilter knows one pattern.
public enum PrefilterMode: Sendable, Equatable {
    /// Hyperscan compiled a superset of the pattern (`PrefilterPattern.relax`): it reports
    /// the end of every match PCRE2 could find, so PCRE2 confirms only in a window before each
    /// end. `maxWidth` bounds a match's length in bytes (nil: unbounded).
    /// `singleLine`: a match never holds a line feed, so an unbounded one starts after the
    /// last line feed before its end.
    case windowed(maxWidth: Int?, singleLine: Bool = false)
    /// Hyperscan compiled an approximation (`HS_FLAG_PREFILTER`): a document without a hit
    /// has no match; a document with one is confirmed by PCRE2 over the whole text.
    case approximate
    /// Hyperscan rejects the pattern even as an approximation (or it can match the empty
    /// string): it always runs directly. `redline rules lint` lists its rule as slow.
    case direct(reason: String)
}

/// Many patterns scanned with one Hyperscan pass; each hit is then confirmed by the
/// pattern's own PCRE2 regex, only near the hit. Immutable after creation and shared
/// across threads; the Hyperscan scratch lives in `MatchScratch`.
public final class RegexSet: @unchecked Sendable {
    /// The patterns, in id order (Hyperscan ids index this array).
    public let regexes: [Regex]
    /// Each pattern's mode, by index.
    public let modes: [PrefilterMode]
    private let index: [ObjectIdentifier: Int]
    /// For a pattern cut around its gap (`PrefilterPattern.headAndTail`), the Hyperscan id of
    /// its head; its own id then reports the tail. Nil: the whole relaxed pattern is compiled.
    private let headIDs: [Int?]
    private let database: OpaquePointer?
    /// A process-unique number, so a scratch knows which databases it was grown for.
    let serial: Int

    private static let serials = SerialCounter()

    /// Compiles `regexes` (duplicates by identity are kept once) into one block-mode database,
    /// or loads it from the prefilter cache (see `PrefilterCache`) when it was compiled before.
    public init(_ regexes: [Regex]) {
        var unique: [Regex] = []
        var index: [ObjectIdentifier: Int] = [:]
        for regex in regexes where index[ObjectIdentifier(regex)] == nil {
            index[ObjectIdentifier(regex)] = unique.count
            unique.append(regex)
        }
        self.regexes = unique
        self.index = index
        serial = RegexSet.serials.next()
        // The key holds what is compiled (the relaxed patterns), so a change to the rewriting
        // never loads a stale database.
        let key = PrefilterCache.key(unique.map {
            "\($0.caseless ? "i" : "-")\t\(PrefilterPattern.relax($0.pattern, unbounded: false))\t\(PrefilterPattern.relax($0.pattern, unbounded: true))"
        })
        if let (modes, split, database) = PrefilterCache.load(key: key, count: unique.count) {
            self.modes = modes
            self.headIDs = RegexSet.headIDs(split)
            self.database = database
            return
        }
        let started = DispatchTime.now().uptimeNanoseconds
        let (modes, split, database) = RegexSet.compile(unique)
        self.modes = modes
        self.headIDs = RegexSet.headIDs(split)
        self.database = database
        // Only a slow compile is worth a file (tests compile many tiny sets in microseconds).
        if let database, DispatchTime.now().uptimeNanoseconds - started > 5_000_000 {
            PrefilterCache.store(key: key, modes: modes, split: split, database: database)
        }
    }

    /// Head ids for the split patterns: one past the patterns, in pattern order.
    private static func headIDs(_ split: [Bool]) -> [Int?] {
        var next = split.count
        return split.map { isSplit in
            guard isSplit else { return nil }
            defer { next += 1 }
            return next
        }
    }

    /// How the prefilter would handle `pattern`, with the Hyperscan source and flags it compiles.
    static func classify(_ pattern: String, caseless: Bool) -> (mode: PrefilterMode, source: String, flags: UInt32) {
        let base = UInt32(HS_FLAG_UTF8 | HS_FLAG_UCP) | (caseless ? UInt32(HS_FLAG_CASELESS) : 0)
        let compiled = PrefilterPattern.relax(pattern, unbounded: true)
        // The width comes from the relaxed pattern with its counted repeats kept.
        switch RegexSet.info(PrefilterPattern.relax(pattern, unbounded: false), flags: base) {
        case .success(let info):
            return (info.minWidth == 0 ? .direct(reason: "it can match the empty string")
                        : .windowed(maxWidth: info.maxWidth, singleLine: !PrefilterPattern.canMatchNewline(pattern)),
                    compiled, base)
        case .failure(let exactError):
            let flags = base | UInt32(HS_FLAG_PREFILTER)
            if case .success(let info) = RegexSet.info(compiled, flags: flags) {
                return (info.minWidth > 0 ? .approximate : .direct(reason: "it can match the empty string"), compiled, flags)
            }
            return (.direct(reason: "Hyperscan cannot compile it (\(exactError))"), compiled, flags)
        }
    }

    /// Compiles the prefilter database: each pattern's mode, whether it is split into head
    /// and tail (windowed patterns with a literal head and tail, see
    /// `PrefilterPattern.headAndTail`), and the database (nil when no pattern is prefiltered).
    private static func compile(_ unique: [Regex]) -> ([PrefilterMode], [Bool], OpaquePointer?) {
        var modes: [PrefilterMode] = []
        var flags: [UInt32] = []
        var sources: [String] = []
        var cuts: [(head: String, tail: String)?] = []
        for regex in unique {
            let classified = classify(regex.pattern, caseless: regex.caseless)
            modes.append(classified.mode)
            flags.append(classified.flags)
            sources.append(classified.source)
            if case .windowed = classified.mode { cuts.append(PrefilterPattern.headAndTail(classified.source)) } else { cuts.append(nil) }
        }
        // Compile the database; a split pattern the multi-compile rejects is compiled whole,
        // a whole pattern it still rejects becomes direct.
        var database: OpaquePointer?
        while true {
            let members = modes.indices.filter { if case .direct = modes[$0] { false } else { true } }
            if members.isEmpty { break }
            let headIDs = headIDs(cuts.map { $0 != nil })
            // (pattern, expression, Hyperscan id): a split pattern's tail under its own id, its head after all patterns.
            var expressions: [(pattern: Int, source: String, id: Int)] = members.map { ($0, cuts[$0]?.tail ?? sources[$0], $0) }
            expressions += members.compactMap { member in cuts[member].map { (member, $0.head, headIDs[member]!) } }
            var errorPointer: UnsafeMutablePointer<hs_compile_error_t>?
            let cStrings = expressions.map { strdup($0.source) }
            defer { cStrings.forEach { free($0) } }
            let expressionFlags = expressions.map { flags[$0.pattern] }
            let ids = expressions.map { UInt32($0.id) }
            var pointers: [UnsafePointer<CChar>?] = cStrings.map { UnsafePointer($0) }
            let rc = hs_compile_multi(&pointers, expressionFlags, ids, UInt32(expressions.count), UInt32(HS_MODE_BLOCK), nil,
                                      &database, &errorPointer)
            if rc == HS_SUCCESS { break }
            let message = errorPointer.map { String(cString: $0.pointee.message) } ?? "error \(rc)"
            let failed = errorPointer.map { Int($0.pointee.expression) } ?? -1
            if let errorPointer { hs_free_compile_error(errorPointer) }
            database = nil
            guard failed >= 0, failed < expressions.count else {
                // The whole database failed: every pattern runs directly.
                for member in members { modes[member] = .direct(reason: "Hyperscan: \(message)") }
                break
            }
            let pattern = expressions[failed].pattern
            if cuts[pattern] != nil {
                cuts[pattern] = nil
            } else {
                modes[pattern] = .direct(reason: "Hyperscan cannot compile it (\(message))")
            }
        }
        return (modes, cuts.map { $0 != nil }, database)
    }

    deinit { if let database { hs_free_database(database) } }

    /// The prefilter's mode for `regex`, or nil when it is not in the set.
    public func mode(of regex: Regex) -> PrefilterMode? {
        index[ObjectIdentifier(regex)].map { modes[$0] }
    }

    func id(of regex: Regex) -> Int? { index[ObjectIdentifier(regex)] }

    /// One pass over `text`: the sorted, distinct end offsets of each pattern's hits.
    func scan(_ text: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> PrefilterHits {
        var hits = PrefilterHits(patternCount: regexes.count)
        guard let database, let base = text.baseAddress, text.count > 0, text.count <= Int(UInt32.max) else {
            hits.complete = database == nil || text.count == 0
            return hits
        }
        guard let hsScratch = scratch.hyperscan.prepare(for: database, serial: serial) else { return hits }
        var raw = redline_hits()
        defer { redline_hits_free(&raw) }
        let rc = base.withMemoryRebound(to: CChar.self, capacity: text.count) {
            redline_hs_scan(database, $0, UInt32(text.count), hsScratch, &raw)
        }
        guard rc == HS_SUCCESS else { return hits }
        // Group the ends by Hyperscan id (a counting sort), keeping Hyperscan's order inside a group.
        let idCount = regexes.count + headIDs.lazy.compactMap { $0 }.count
        var starts = [Int](repeating: 0, count: idCount + 1)
        for k in 0..<raw.count { starts[Int(raw.ids[k]) + 1] += 1 }
        for id in 0..<idCount { starts[id + 1] += starts[id] }
        var fill = starts
        var ends = [Int](repeating: 0, count: raw.count)
        for k in 0..<raw.count {
            let id = Int(raw.ids[k])
            ends[fill[id]] = Int(raw.ends[k])
            fill[id] += 1
        }
        for id in 0..<idCount where starts[id + 1] - starts[id] > 1 {
            let range = starts[id]..<starts[id + 1]
            if !zip(ends[range], ends[range].dropFirst()).allSatisfy({ $0 <= $1 }) { ends[range].sort() }
        }
        // A split pattern's candidates: the tail ends with a head end close enough before them.
        hits.ends.reserveCapacity(raw.count)
        for id in 0..<regexes.count {
            let tails = ends[starts[id]..<starts[id + 1]]
            if let head = headIDs[id], case .windowed(let maxWidth, let singleLine) = modes[id] {
                hits.ends += RegexSet.endsAfterHead(tails, heads: ends[starts[head]..<starts[head + 1]], maxWidth: maxWidth,
                                                    singleLine: singleLine, text: text)
            } else {
                hits.ends += tails
            }
            hits.starts[id + 1] = hits.ends.count
        }
        hits.complete = true
        return hits
    }

    /// The tail ends `e` (sorted) that a match of the whole pattern may end at: some head end
    /// `h` (sorted) lies in `[e - maxWidth, e]`, with no line feed between them when the
    /// pattern never holds one. The latest head end at or before `e` is the best witness.
    static func endsAfterHead(_ tails: ArraySlice<Int>, heads: ArraySlice<Int>, maxWidth: Int?, singleLine: Bool,
                              text: UnsafeBufferPointer<UInt8>) -> [Int] {
        var kept: [Int] = []
        var next = heads.startIndex
        for e in tails {
            while next < heads.endIndex, heads[next] <= e { next += 1 }
            guard next > heads.startIndex else { continue }
            let h = heads[next - 1]
            if let maxWidth, h < e - maxWidth { continue }
            if singleLine, h < e, memchr(text.baseAddress! + h, 0x0A, e - h) != nil { continue }
            kept.append(e)
        }
        return kept
    }

    private struct Info {
        var minWidth: Int
        var maxWidth: Int?
    }

    private static func info(_ pattern: String, flags: UInt32) -> Result<Info, PrefilterError> {
        var infoPointer: UnsafeMutablePointer<hs_expr_info_t>?
        var errorPointer: UnsafeMutablePointer<hs_compile_error_t>?
        let rc = hs_expression_info(pattern, flags, &infoPointer, &errorPointer)
        defer {
            if let infoPointer { free(infoPointer) }
            if let errorPointer { hs_free_compile_error(errorPointer) }
        }
        guard rc == HS_SUCCESS, let info = infoPointer?.pointee else {
            return .failure(PrefilterError(message: errorPointer.map { String(cString: $0.pointee.message) } ?? "error \(rc)"))
        }
        return .success(Info(minWidth: Int(info.min_width), maxWidth: info.max_width == UInt32.max ? nil : Int(info.max_width)))
    }
}

struct PrefilterError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The prefilter's hits in one text: per pattern id, the sorted end offsets.
struct PrefilterHits {
    /// Where each pattern's ends start in `ends` (one more entry than patterns).
    var starts: [Int]
    /// Every end offset, grouped by pattern id, sorted inside a group.
    var ends: [Int] = []
    /// False when the scan failed: then nothing can be skipped.
    var complete = false

    init(patternCount: Int) { starts = [Int](repeating: 0, count: patternCount + 1) }

    /// The sorted end offsets of pattern `id` (empty: no hit).
    func ends(of id: Int) -> ArraySlice<Int> { ends[starts[id]..<starts[id + 1]] }
}

/// Per-thread Hyperscan scratch, grown for every database it has been used with.
final class HyperscanScratch {
    private(set) var pointer: OpaquePointer?
    private var prepared: Set<Int> = []

    func prepare(for database: OpaquePointer, serial: Int) -> OpaquePointer? {
        if prepared.contains(serial) { return pointer }
        var scratch = pointer
        guard hs_alloc_scratch(database, &scratch) == HS_SUCCESS else { return nil }
        pointer = scratch
        prepared.insert(serial)
        return pointer
    }

    deinit { if let pointer { hs_free_scratch(pointer) } }
}

/// A thread-safe counter.
final class SerialCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value
    }
}
