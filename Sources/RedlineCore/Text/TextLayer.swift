/// A text the matcher reads (valid UTF-8), with the chain of offset maps that leads from
/// its bytes back to the document's original bytes.
public struct TextLayer: Sendable {
    /// The text, always valid UTF-8.
    public let bytes: [UInt8]
    /// Maps from this text back towards the original, the one nearest the original first.
    let maps: [OffsetMap]

    init(bytes: [UInt8], maps: [OffsetMap]) {
        self.bytes = bytes
        self.maps = maps.filter { !$0.isIdentity }
    }

    /// A layer that is the original bytes themselves.
    static func original(_ bytes: [UInt8]) -> TextLayer { TextLayer(bytes: bytes, maps: []) }

    /// The same text's bytes, derived again by one more step whose map leads back to this layer.
    func deriving(bytes: [UInt8], map: OffsetMap) -> TextLayer {
        TextLayer(bytes: bytes, maps: maps + [map])
    }

    /// The offset in this text of the byte at `offset` of `ancestor`, a layer this one was
    /// derived from (see `OffsetMap.derivedOffset(ofSource:)`).
    func derivedOffset(of offset: Int, in ancestor: TextLayer) -> Int {
        precondition(ancestor.maps.count <= maps.count, "not an ancestor of this layer")
        return maps[ancestor.maps.count...].reduce(offset) { $1.derivedOffset(ofSource: $0) }
    }

    /// The original byte range that produced `range` of this text.
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        var result = range
        for map in maps.reversed() { result = map.sourceRange(of: result) }
        return result
    }

    /// The range of this text produced by `range` of `ancestor`, a layer this one was derived
    /// from (an extracted text, for a normalized one).
    func derivedRange(of range: Range<Int>, from ancestor: TextLayer) -> Range<Int> {
        maps.dropFirst(ancestor.maps.count).reduce(range) { $1.derivedRange(of: $0) }
    }
}
