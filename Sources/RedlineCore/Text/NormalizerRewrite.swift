/// A derived text built from a source by replacing or dropping pieces of it, left to right,
/// with the `OffsetMap` back to the source. Nothing is allocated or copied until the first
/// change, so a text that needs none costs nothing.
struct NormalizerRewrite {
    /// The derived text and its map back to the source.
    struct Result {
        var bytes: [UInt8]
        var map: OffsetMap
    }

    private let source: UnsafeBufferPointer<UInt8>
    private var bytes: [UInt8] = []
    private var map = OffsetMap()
    /// Source bytes before this offset are already in `bytes`.
    private var copiedUpTo = 0
    private var changed = false

    init(source: UnsafeBufferPointer<UInt8>) {
        self.source = source
    }

    /// Replaces the source bytes `range` (after everything replaced so far) with
    /// `replacement`, which is empty when they are dropped. The caller passes only real
    /// changes, so that unchanged text stays an identity run.
    mutating func replace(_ range: Range<Int>, with replacement: some Collection<UInt8>) {
        copySource(upTo: range.lowerBound)
        bytes.append(contentsOf: replacement)
        map.appendReplacement(source: range, derivedLength: replacement.count)
        copiedUpTo = range.upperBound
    }

    /// The derived text, or nil when nothing was replaced.
    mutating func finish() -> Result? {
        guard changed else { return nil }
        copySource(upTo: source.count)
        return Result(bytes: bytes, map: map)
    }

    private mutating func copySource(upTo offset: Int) {
        if !changed {
            changed = true
            bytes.reserveCapacity(source.count + source.count / 16)
        }
        guard offset > copiedUpTo else { return }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[copiedUpTo..<offset]))
        map.appendIdentity(sourceStart: copiedUpTo, length: offset - copiedUpTo)
        copiedUpTo = offset
    }
}
