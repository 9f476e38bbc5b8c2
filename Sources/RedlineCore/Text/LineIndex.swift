import Foundation

/// Maps byte offsets of one buffer to 1-based line and column numbers. Columns count
/// Unicode scalars (UTF-8 lead bytes), so a column points at the same character an editor shows.
public struct LineIndex: Sendable {
    private let bytes: [UInt8]
    /// Offset of the first byte of each line.
    private let lineStarts: [Int]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // memchr from line feed to line feed: a vectorized scan of the bytes between them.
            var offset = 0
            while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        lineStarts = starts
    }

    /// A line and column, both 1-based.
    public struct Location: Sendable, Equatable {
        public var line: Int
        public var column: Int
    }

    /// The line and column of the byte at `offset` (`offset == count` is allowed: end of input).
    public func location(of offset: Int) -> Location {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        var column = 1
        var i = lineStarts[low]
        while i < clamped {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return Location(line: low + 1, column: column)
    }

    /// The byte range of the line holding `offset`, without its line terminator.
    public func lineRange(containing offset: Int) -> Range<Int> {
        let line = location(of: offset).line
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    /// A span for the byte range `range`, with line and column of both ends.
    public func span(_ range: Range<Int>) -> Span {
        let start = location(of: range.lowerBound)
        let end = location(of: range.upperBound)
        return Span(start: range.lowerBound, end: range.upperBound, line: start.line, column: start.column,
                    endLine: end.line, endColumn: end.column)
    }
}
