/// Cuts a text into pieces at every boundary of some ranges, so that each piece is covered
/// by the same ranges throughout: a report can then mark each piece with flat tags that
/// never cross, however the ranges overlap.
enum Highlight {
    /// The pieces of `0..<count`, in order, each with the indices (ascending) of the
    /// `ranges` covering it. Bounds are clamped to `0...count`; empty ranges cover nothing.
    static func pieces(count: Int, ranges: [Range<Int>]) -> [(range: Range<Int>, covering: [Int])] {
        let clamp = { (offset: Int) in max(0, min(offset, count)) }
        let boundaries = Set([0, count] + ranges.flatMap { [clamp($0.lowerBound), clamp($0.upperBound)] }).sorted()
        let startsAt = Dictionary(grouping: ranges.indices, by: { clamp(ranges[$0].lowerBound) })
        let endsAt = Dictionary(grouping: ranges.indices, by: { clamp(ranges[$0].upperBound) })
        var active = Set<Int>()
        var pieces: [(range: Range<Int>, covering: [Int])] = []
        for (position, offset) in boundaries.enumerated() where position + 1 < boundaries.count {
            active.subtract(endsAt[offset] ?? [])
            active.formUnion((startsAt[offset] ?? []).filter { clamp(ranges[$0].upperBound) > offset })
            pieces.append((offset..<boundaries[position + 1], active.sorted()))
        }
        return pieces
    }
}
