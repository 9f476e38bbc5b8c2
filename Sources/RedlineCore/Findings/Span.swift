/// A half-open range of byte offsets into a document's original bytes, with the
/// 1-based line and column (in Unicode scalars) of both ends.
public struct Span: Sendable, Hashable, Codable {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte.
    public var end: Int
    /// Line of `start`, 1-based.
    public var line: Int
    /// Column of `start`, 1-based, counted in Unicode scalars.
    public var column: Int
    /// Line of the last byte (of `start` for an empty span).
    public var endLine: Int
    /// Column one past the last scalar, 1-based (exclusive, like `end`).
    public var endColumn: Int

    public init(start: Int, end: Int, line: Int, column: Int, endLine: Int, endColumn: Int) {
        self.start = start
        self.end = end
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
    }

    /// The byte range `start..<end`.
    public var range: Range<Int> { start..<end }

    /// Whether the two spans share at least one byte.
    public func overlaps(_ other: Span) -> Bool { start < other.end && other.start < end }
}
