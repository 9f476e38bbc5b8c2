/// Maps byte offsets of a derived text (extracted or normalized) back to byte offsets of
/// the text it came from. Built left to right from identity runs (bytes copied unchanged)
/// and replacements (some source bytes turned into other bytes, or dropped).
public struct OffsetMap: Sendable {
    private struct Segment {
        var derivedStart: Int
        var derivedLength: Int
        var sourceStart: Int
        var sourceLength: Int
        var identity: Bool
    }

    private var segments: [Segment] = []
    /// Length of the derived text.
    public private(set) var derivedLength = 0
    /// Length of the source text covered so far.
    public private(set) var sourceLength = 0

    /// An empty map, to be filled with `appendIdentity` and `appendReplacement`.
    public init() {}

    /// The identity map over `length` bytes.
    public static func identity(length: Int) -> OffsetMap {
        var map = OffsetMap()
        map.appendIdentity(sourceStart: 0, length: length)
        return map
    }

    /// Whether every derived byte is the source byte at the same offset.
    public var isIdentity: Bool {
        segments.allSatisfy { $0.identity && $0.derivedStart == $0.sourceStart }
    }

    /// Records `length` bytes copied unchanged from `sourceStart`.
    public mutating func appendIdentity(sourceStart: Int, length: Int) {
        guard length > 0 else { return }
        if var last = segments.last, last.identity,
           last.derivedStart + last.derivedLength == derivedLength,
           last.sourceStart + last.sourceLength == sourceStart {
            last.derivedLength += length
            last.sourceLength += length
            segments[segments.count - 1] = last
        } else {
            segments.append(Segment(derivedStart: derivedLength, derivedLength: length,
                                    sourceStart: sourceStart, sourceLength: length, identity: true))
        }
        derivedLength += length
        sourceLength = max(sourceLength, sourceStart + length)
    }

    /// Records that the source bytes `source` became `derivedLength` derived bytes
    /// (0 when they were dropped).
    public mutating func appendReplacement(source: Range<Int>, derivedLength length: Int) {
        segments.append(Segment(derivedStart: derivedLength, derivedLength: length,
                                sourceStart: source.lowerBound, sourceLength: source.count, identity: false))
        derivedLength += length
        sourceLength = max(sourceLength, source.upperBound)
    }

    /// Index of the segment whose derived range holds `offset` (skipping dropped segments).
    private func segmentIndex(containing offset: Int) -> Int? {
        var low = 0
        var high = segments.count - 1
        var found: Int?
        while low <= high {
            let mid = (low + high) / 2
            let segment = segments[mid]
            if segment.derivedStart + segment.derivedLength <= offset {
                low = mid + 1
            } else if segment.derivedStart > offset {
                high = mid - 1
            } else {
                found = mid
                high = mid - 1
            }
        }
        guard var index = found else { return nil }
        while segments[index].derivedLength == 0, index + 1 < segments.count { index += 1 }
        return index
    }

    /// Where the source byte at `offset` ended up in the derived text: the same byte inside
    /// an identity run, the start of the replacement when it was replaced, the next derived
    /// byte when it was dropped, and `derivedLength` past the end. Segments are in source
    /// order, as every map is built left to right.
    public func derivedOffset(ofSource offset: Int) -> Int {
        var low = 0
        var high = segments.count
        while low < high {
            let mid = (low + high) / 2
            let segment = segments[mid]
            if segment.sourceStart + segment.sourceLength <= offset { low = mid + 1 } else { high = mid }
        }
        guard low < segments.count else { return derivedLength }
        let segment = segments[low]
        guard segment.identity, offset >= segment.sourceStart else { return segment.derivedStart }
        return segment.derivedStart + (offset - segment.sourceStart)
    }

    /// The source range that produced the derived bytes `range`. A range that starts or
    /// ends inside a replacement widens to the whole replaced source, so a finding always
    /// covers every original byte that produced the text it matched.
    public func sourceRange(of range: Range<Int>) -> Range<Int> {
        guard !segments.isEmpty else { return range }
        let start: Int
        if let index = segmentIndex(containing: range.lowerBound) {
            let segment = segments[index]
            start = segment.identity ? segment.sourceStart + (range.lowerBound - segment.derivedStart) : segment.sourceStart
        } else {
            start = sourceLength
        }
        guard range.upperBound > range.lowerBound else { return start..<start }
        let lastByte = range.upperBound - 1
        let end: Int
        if let index = segmentIndex(containing: lastByte) {
            let segment = segments[index]
            end = segment.identity ? segment.sourceStart + (lastByte - segment.derivedStart) + 1
                                   : segment.sourceStart + segment.sourceLength
        } else {
            end = sourceLength
        }
        return start..<max(start, end)
    }

    /// The derived range produced by the source bytes `range` (the inverse of `sourceRange`):
    /// from the first derived byte whose source lies at or after `range.lowerBound` to the
    /// last one whose source starts before `range.upperBound`. Segments must be in source
    /// order, as every extractor and normalizer writes them.
    public func derivedRange(of range: Range<Int>) -> Range<Int> {
        guard !segments.isEmpty else { return range }
        // First segment whose source ends after range.lowerBound.
        var low = 0
        var high = segments.count
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].sourceStart + segments[mid].sourceLength <= range.lowerBound { low = mid + 1 } else { high = mid }
        }
        var start = derivedLength
        if low < segments.count {
            let segment = segments[low]
            start = segment.identity ? segment.derivedStart + max(0, range.lowerBound - segment.sourceStart) : segment.derivedStart
        }
        // Last segment whose source starts before range.upperBound.
        low = 0
        high = segments.count
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].sourceStart < range.upperBound { low = mid + 1 } else { high = mid }
        }
        var end = 0
        if low > 0 {
            let segment = segments[low - 1]
            end = segment.identity ? segment.derivedStart + min(segment.derivedLength, range.upperBound - segment.sourceStart)
                                   : segment.derivedStart + segment.derivedLength
        }
        return start..<max(start, end)
    }
}
