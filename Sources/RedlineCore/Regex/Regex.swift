import CPCRE2
import Synchronization

/// A pattern that PCRE2 rejected, with PCRE2's message and the offset in the pattern.
public struct RegexError: Error, Sendable, Equatable, CustomStringConvertible {
    public var pattern: String
    public var message: String
    /// Offset (in code units of the pattern) where PCRE2 noticed the problem.
    public var offset: Int

    public var description: String { "\(message) at offset \(offset) in /\(pattern)/" }
}

/// Resource limits applied to every match, so a pathological pattern or input can never
/// hang a scan: it hits a limit, the scan records a diagnostic and moves on.
public struct MatchLimits: Sendable, Equatable {
    /// PCRE2 match limit (calls of its internal match function / JIT equivalent).
    public var matchLimit: UInt32 = 2_000_000
    /// PCRE2 depth limit (backtracking depth, interpreter only).
    public var depthLimit: UInt32 = 10_000
    /// PCRE2 heap limit in KiB (interpreter only).
    public var heapLimitKiB: UInt32 = 20_000

    public init() {}
}

/// The result of one match attempt.
public enum MatchOutcome: Equatable, Sendable {
    case match(Range<Int>)
    case noMatch
    /// A limit was hit at this start offset; PCRE2's message says which.
    case limitExceeded(String)
}

/// Per-thread matching state: PCRE2 match data, a match context holding the limits, and a
/// JIT stack. Create one per worker; never share one across threads.
public final class MatchScratch {
    let matchData: OpaquePointer
    let context: OpaquePointer
    let jitStack: OpaquePointer?
    /// The offset limit currently set in `context` (nil: none).
    var offsetLimit: Int?
    /// Hyperscan scratch space, grown for each prefilter database it scans with.
    let hyperscan = HyperscanScratch()

    public init(limits: MatchLimits = MatchLimits()) {
        matchData = pcre2_match_data_create_8(1, nil)
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        pcre2_set_heap_limit_8(context, limits.heapLimitKiB)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }
}

/// One compiled PCRE2 pattern (UTF + UCP, caseless unless asked otherwise), JIT-compiled
/// when the platform allows. Shared across threads; the per-thread state lives in `MatchScratch`.
///
/// `init` runs `pcre2_compile`, so a bad pattern is reported when its pack loads. The JIT
/// compilation (three quarters of the compile cost; the prefilter keeps most regexes from
/// ever running on a small article: one of the FAQs of `Corpus/` reaches 38 of the default
/// packs' 432) runs once, on the first match attempt, so no match runs in the interpreter
/// for want of JIT code.
public final class Regex: @unchecked Sendable {
    public let pattern: String
    public let caseless: Bool
    /// Whether the pattern may assert the subject's end (`$`, `\z`, `\Z`; conservative: any
    /// `$` counts), so its matches in a range that cuts the text may end where none ends in the whole text.
    let anchorsOnSubjectEnd: Bool
    private let code: OpaquePointer
    /// Set (releasing) once `pcre2_jit_compile` has run, so the match path checks one atomic.
    private let jitAttempted = Atomic<Bool>(false)
    /// Whether `pcre2_jit_compile` succeeded (nil: not run yet); the lock makes it run once.
    private let jitOutcome = Mutex<Bool?>(nil)

    /// Compiles `pattern`. Throws `RegexError` with PCRE2's message and offset.
    public init(_ pattern: String, caseless: Bool = true) throws(RegexError) {
        self.pattern = pattern
        self.caseless = caseless
        var pattern = pattern
        anchorsOnSubjectEnd = pattern.withUTF8 { bytes in
            var escaped = false
            for byte in bytes {
                if byte == UInt8(ascii: "$") || escaped && (byte == UInt8(ascii: "z") || byte == UInt8(ascii: "Z")) { return true }
                escaped = !escaped && byte == UInt8(ascii: "\\")
            }
            return false
        }
        // USE_OFFSET_LIMIT lets the prefilter bound where a confirming match may start.
        var options = UInt32(PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C) | PCRE2_USE_OFFSET_LIMIT
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let compiled = pattern.withCString { cString in
            cString.withMemoryRebound(to: UInt8.self, capacity: pattern.utf8.count) { bytes in
                pcre2_compile_8(bytes, pattern.utf8.count, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw RegexError(pattern: pattern, message: Regex.message(for: errorCode), offset: errorOffset)
        }
        code = compiled
    }

    deinit { pcre2_code_free_8(code) }

    /// Whether JIT compilation succeeded (otherwise the interpreter runs). Compiles it if no
    /// match has yet.
    public var isJITCompiled: Bool {
        compileJITOnce()
        return jitOutcome.withLock { $0 ?? false }
    }

    /// Runs `pcre2_jit_compile` the first time any thread gets here; other threads arriving
    /// meanwhile wait for it, since matching reads what it writes into `code`.
    @inline(__always)
    private func compileJITOnce() {
        if jitAttempted.load(ordering: .acquiring) { return }
        jitOutcome.withLock { outcome in
            if outcome == nil { outcome = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0 }
        }
        jitAttempted.store(true, ordering: .releasing)
    }

    /// PCRE2's text for an error code.
    static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
        return length > 0 ? String(decoding: buffer[0..<Int(length)], as: UTF8.self) : "PCRE2 error \(errorCode)"
    }

    /// The first match in `text[from..<to]`. Bytes before `from` are visible to lookbehind
    /// and `\b`; the subject ends at `to`. `text` must be valid UTF-8. With `startLimit`, the
    /// match must start at or before that offset (the search gives up there).
    public func firstMatch(in text: UnsafeBufferPointer<UInt8>, from: Int, to: Int, startLimit: Int? = nil,
                           scratch: MatchScratch) -> MatchOutcome {
        guard from <= to, let base = text.baseAddress else { return .noMatch }
        compileJITOnce()
        if startLimit != scratch.offsetLimit {
            pcre2_set_offset_limit_8(scratch.context, startLimit ?? -1) // -1: PCRE2_UNSET
            scratch.offsetLimit = startLimit
        }
        let rc = pcre2_match_8(code, base, to, from, UInt32(PCRE2_NO_UTF_CHECK), scratch.matchData, scratch.context)
        if rc >= 0 {
            let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
            return .match(Int(ovector[0])..<Int(ovector[1]))
        }
        if rc == PCRE2_ERROR_NOMATCH { return .noMatch }
        return .limitExceeded(Regex.message(for: rc))
    }

    /// Every non-overlapping match in `text[from..<to]`, in order. Stops at the first limit
    /// hit and reports it through `onLimit` with the offset where the attempt started.
    public func allMatches(in text: UnsafeBufferPointer<UInt8>, from: Int = 0, to: Int? = nil, scratch: MatchScratch,
                           onLimit: (Int, String) -> Void) -> [Range<Int>] {
        let end = to ?? text.count
        var results: [Range<Int>] = []
        var start = from
        while start <= end {
            switch firstMatch(in: text, from: start, to: end, scratch: scratch) {
            case .noMatch:
                return results
            case .limitExceeded(let message):
                onLimit(start, message)
                return results
            case .match(let range):
                results.append(range)
                if range.upperBound > range.lowerBound {
                    start = range.upperBound
                } else {
                    start = range.upperBound + 1
                    while start < end, text[start] & 0xC0 == 0x80 { start += 1 }
                }
            }
        }
        return results
    }

    /// Convenience for tests and tools: whether the pattern matches anywhere in `string`.
    public func matches(_ string: String, scratch: MatchScratch) -> Bool {
        let bytes = Array(string.utf8)
        return bytes.withUnsafeBufferPointer {
            if case .match = firstMatch(in: $0, from: 0, to: $0.count, scratch: scratch) { return true }
            return false
        }
    }
}
