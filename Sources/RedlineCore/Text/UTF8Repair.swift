/// Replaces each ill-formed UTF-8 sequence (each maximal invalid subpart, as Unicode
/// recommends) with U+FFFD, keeping a map back to the original bytes.
enum UTF8Repair {
    struct Result {
        var bytes: [UInt8]
        var map: OffsetMap
        /// Offset of the first invalid byte, if any.
        var firstInvalid: Int?
        var invalidCount: Int
    }

    static func repair(_ input: [UInt8]) -> Result {
        guard let firstBad = firstInvalidOffset(input) else {
            return Result(bytes: input, map: .identity(length: input.count), firstInvalid: nil, invalidCount: 0)
        }
        var out: [UInt8] = []
        out.reserveCapacity(input.count + 16)
        var map = OffsetMap()
        var runStart = 0
        var i = firstBad
        var count = 0
        while i < input.count {
            let length = validSequenceLength(input, at: i)
            if length > 0 { i += length; continue }
            let bad = invalidSubpartLength(input, at: i)
            out.append(contentsOf: input[runStart..<i])
            map.appendIdentity(sourceStart: runStart, length: i - runStart)
            out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            map.appendReplacement(source: i..<(i + bad), derivedLength: 3)
            count += 1
            i += bad
            runStart = i
        }
        out.append(contentsOf: input[runStart...])
        map.appendIdentity(sourceStart: runStart, length: input.count - runStart)
        return Result(bytes: out, map: map, firstInvalid: firstBad, invalidCount: count)
    }

    /// Offset of the first byte that does not start a valid sequence, or nil when all is valid.
    static func firstInvalidOffset(_ input: [UInt8]) -> Int? {
        input.withUnsafeBufferPointer { buffer in
            var i = 0
            while i < buffer.count {
                if buffer[i] < 0x80 { i += 1; continue }
                let length = validSequenceLength(buffer, at: i)
                if length == 0 { return i }
                i += length
            }
            return nil
        }
    }

    /// Length of the valid multi-byte or ASCII sequence at `i`, or 0 when it is ill-formed.
    static func validSequenceLength<C: RandomAccessCollection>(_ b: C, at i: Int) -> Int where C.Element == UInt8, C.Index == Int {
        let lead = b[i]
        if lead < 0x80 { return 1 }
        func cont(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            i + k < b.count && range.contains(b[i + k])
        }
        switch lead {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0...0xBF) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80...0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90...0xBF) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80...0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    /// Length of the maximal invalid subpart at `i` (at least 1).
    private static func invalidSubpartLength(_ b: [UInt8], at i: Int) -> Int {
        let lead = b[i]
        let secondRange: ClosedRange<UInt8>
        let needed: Int
        switch lead {
        case 0xC2...0xDF: secondRange = 0x80...0xBF; needed = 2
        case 0xE0: secondRange = 0xA0...0xBF; needed = 3
        case 0xE1...0xEC, 0xEE...0xEF: secondRange = 0x80...0xBF; needed = 3
        case 0xED: secondRange = 0x80...0x9F; needed = 3
        case 0xF0: secondRange = 0x90...0xBF; needed = 4
        case 0xF1...0xF3: secondRange = 0x80...0xBF; needed = 4
        case 0xF4: secondRange = 0x80...0x8F; needed = 4
        default: return 1
        }
        var length = 1
        if i + 1 < b.count, secondRange.contains(b[i + 1]) {
            length = 2
            while length < needed, i + length < b.count, (0x80...0xBF).contains(b[i + length]) { length += 1 }
        }
        return length
    }
}
