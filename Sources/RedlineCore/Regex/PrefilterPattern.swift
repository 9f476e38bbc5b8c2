/// Rewrites a PCRE2 pattern (UTF + UCP) into one Hyperscan compiles quickly and whose
/// matches are a superset of the original's: every match PCRE2 can find ends where the
/// rewritten pattern also has a match. Word boundaries (`\b`, `\B`, which Hyperscan does not
/// support in UCP mode) are dropped; `\w` `\s` `\d` widen to their ASCII set plus every
/// non-ASCII character (their negations narrow to "not the ASCII set"), so Hyperscan never
/// builds Unicode property tables; lookarounds are dropped; with `unbounded`, a counted repeat `{m,n}` with n > 4
/// becomes `{m,}` (Hyperscan compiles big counted repeats of wide classes slowly).
enum PrefilterPattern {
    private static let nonASCII = "\\x{80}-\\x{10FFFF}"
    private static let wordASCII = "0-9A-Za-z_"
    private static let spaceASCII = "\\t\\n\\x0B\\f\\r "
    private static let digitASCII = "0-9"

    static func relax(_ pattern: String, unbounded: Bool) -> String {
        let p = Array(pattern.unicodeScalars)
        // UTF-8 bytes: appending scalars to a String costs hundreds of instructions each.
        var out: [UInt8] = []
        out.reserveCapacity(p.count + 64)
        var i = 0
        var inClass = false
        var negated = false
        while i < p.count {
            let c = p[i]
            if c == "\\", i + 1 < p.count {
                let e = p[i + 1]
                i += 2
                if !inClass {
                    switch e {
                    case "b", "B": break
                    case "w": out += "[\(wordASCII)\(nonASCII)]".utf8
                    case "s": out += "[\(spaceASCII)\(nonASCII)]".utf8
                    case "d": out += "[\(digitASCII)\(nonASCII)]".utf8
                    case "W": out += "[^\(wordASCII)]".utf8
                    case "S": out += "[^\(spaceASCII)]".utf8
                    case "D": out += "[^\(digitASCII)]".utf8
                    default: append(c, to: &out); append(e, to: &out)
                    }
                } else {
                    switch e {
                    case "w": out += (negated ? wordASCII : wordASCII + nonASCII).utf8
                    case "s": out += (negated ? spaceASCII : spaceASCII + nonASCII).utf8
                    case "d": out += (negated ? digitASCII : digitASCII + nonASCII).utf8
                    default: append(c, to: &out); append(e, to: &out)
                    }
                }
                continue
            }
            if !inClass, c == "(", let end = lookaroundEnd(p, at: i) {
                i = end
                continue
            }
            if !inClass, c == "[" {
                inClass = true
                out += "[".utf8
                i += 1
                negated = i < p.count && p[i] == "^"
                if negated { out += "^".utf8; i += 1 }
                if i < p.count, p[i] == "]" { out += "]".utf8; i += 1 }
                continue
            }
            if inClass, c == "]" { inClass = false }
            if unbounded, !inClass, c == "{", let (minimum, maximum, length) = countedRepeat(p, at: i), maximum > 4 {
                out += "{\(minimum),}".utf8
                i += length
                continue
            }
            append(c, to: &out)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A relaxed pattern cut around its gap: `head` is its longest prefix of literal top-level
    /// items (letters, small classes, groups of alternatives, each at most optional), `tail`
    /// its longest literal suffix, and something else (a repeat, a wide class) lies between.
    /// Every match of the pattern starts with a match of the head and ends with one of the
    /// tail, so a tail end `e` with a head end in `[e - maxWidth, e]` is a superset of the
    /// pattern's ends; Hyperscan finds two literal sets far faster than one long alternation
    /// followed by a gap. Nil when the pattern has no such cut (a top-level `|`, inline
    /// options, all literal, a head or tail that may be empty).
    static func headAndTail(_ relaxed: String) -> (head: String, tail: String)? {
        let p = Array(relaxed.unicodeScalars)
        guard let items = topLevelItems(p), items.count > 2 else { return nil }
        var k = items.count
        while k > 0, isLiteral(p[items[k - 1]]) { k -= 1 }
        var h = 0
        while h < k, isLiteral(p[items[h]]) { h += 1 }
        guard h > 0, h < k, k < items.count, items[..<h].contains(where: { !isOptional(p[$0]) }),
              items[k...].contains(where: { !isOptional(p[$0]) }) else { return nil }
        func text(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: p[items[range.lowerBound].lowerBound..<items[range.upperBound - 1].upperBound])
            return String(view)
        }
        return (text(0..<h), text(k..<items.count))
    }

    /// The top-level items of `p` (atom plus quantifier), or nil when it has a top-level `|`,
    /// a group other than `(?:`, or brackets that do not balance.
    private static func topLevelItems(_ p: [Unicode.Scalar]) -> [Range<Int>]? {
        var items: [Range<Int>] = []
        var i = 0
        while i < p.count {
            let start = i
            switch p[i] {
            case "|", ")": return nil
            case "(":
                guard i + 2 < p.count, p[i + 1] == "?", p[i + 2] == ":" else { return nil }
                var depth = 0
                while i < p.count {
                    if p[i] == "\\" { i += 2; continue }
                    if p[i] == "[" { i = classEnd(p, at: i); continue }
                    if p[i] == "(" { depth += 1 }
                    if p[i] == ")" { depth -= 1; if depth == 0 { break } }
                    i += 1
                }
                guard i < p.count else { return nil }
                i += 1
            case "[":
                i = classEnd(p, at: i)
                guard i <= p.count else { return nil }
            case "\\":
                i += 2
                if i < p.count, p[i] == "{", "xpP".unicodeScalars.contains(p[i - 1]) {
                    while i < p.count, p[i] != "}" { i += 1 }
                    i += 1
                }
            default:
                i += 1
            }
            // The quantifier, with its lazy or possessive mark.
            if i < p.count, "*+?".unicodeScalars.contains(p[i]) {
                i += 1
            } else if i < p.count, p[i] == "{", let close = p[i...].firstIndex(of: "}"),
                      p[(i + 1)..<close].allSatisfy({ ("0"..."9").contains($0) || $0 == "," }) {
                i = close + 1
            }
            if i < p.count, i > start + 1, p[i] == "?" || p[i] == "+", "*+?}".unicodeScalars.contains(p[i - 1]) { i += 1 }
            guard i <= p.count else { return nil }
            items.append(start..<i)
        }
        return items
    }

    /// The index just past the class opening at `i`.
    private static func classEnd(_ p: [Unicode.Scalar], at i: Int) -> Int {
        var j = i + 1
        if j < p.count, p[j] == "^" { j += 1 }
        if j < p.count, p[j] == "]" { j += 1 }
        while j < p.count, p[j] != "]" { j += p[j] == "\\" ? 2 : 1 }
        return j + 1
    }

    /// Whether an item matches a finite set of short strings: no repeat but `?`, no wide
    /// class (relaxed `\w`, a negated class), no `.` or other escape than an escaped symbol.
    private static func isLiteral(_ item: ArraySlice<Unicode.Scalar>) -> Bool {
        var i = item.startIndex
        while i < item.endIndex {
            let c = item[i]
            if c == "\\" {
                guard i + 1 < item.endIndex, item[i + 1].isASCII, !item[i + 1].properties.isAlphabetic,
                      !("0"..."9").contains(item[i + 1]) else { return false }
                i += 2
                continue
            }
            if c == "*" || c == "+" || c == "{" || c == "." || c == "^" || c == "$" { return false }
            i += 1
        }
        return true
    }

    /// Whether an item may match nothing (it ends in `?`, `*` or a `{0,…}`).
    private static func isOptional(_ item: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let last = item.last else { return true }
        let body = last == "?" && item.count > 1 && "*+?}".unicodeScalars.contains(item[item.endIndex - 2]) && item[item.endIndex - 2] != "\\"
            ? item.dropLast() : item
        guard let end = body.last else { return true }
        if end == "?" || end == "*" { return body.count > 1 && body[body.endIndex - 2] != "\\" }
        if end == "}", let open = body.lastIndex(of: "{") { return body[open + 1] == "0" }
        return false
    }

    private static func append(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        if scalar.isASCII { out.append(UInt8(scalar.value)) } else { out += UTF8.encode(scalar)! }
    }

    /// Whether a match of `pattern` might contain a line feed. Conservative: true unless every
    /// construct is known to exclude it (`.` without `(?s)`, `\S`, classes that exclude it,
    /// literals), so a false answer is a guarantee.
    static func canMatchNewline(_ pattern: String) -> Bool {
        let p = Array(pattern.unicodeScalars)
        var i = 0
        while i < p.count {
            let c = p[i]
            if c == "\n" || c == "\r" { return true }
            if c == "\\", i + 1 < p.count {
                let e = p[i + 1]
                // Escapes that can match a line feed, or whose meaning this check does not model.
                if "sWDRvHNXpPxQ0123456789cuok".unicodeScalars.contains(e) || e == "n" { return true }
                i += 2
                continue
            }
            if c == "(", i + 2 < p.count, p[i + 1] == "?", p[i + 2] != ":" {
                // Inline options may switch on (?s) or (?x); lookarounds are fine.
                var j = i + 2
                while j < p.count, p[j] != ")" && p[j] != ":" {
                    if p[j] == "s" || p[j] == "x" { return true }
                    if p[j] == "=" || p[j] == "!" || p[j] == "<" { break }
                    j += 1
                }
            }
            if c == "[" {
                var j = i + 1
                let negated = j < p.count && p[j] == "^"
                if negated { j += 1 }
                var excludesNewline = false
                var first = true
                while j < p.count, p[j] != "]" || first {
                    first = false
                    if p[j] == "\\", j + 1 < p.count {
                        let e = p[j + 1]
                        if e == "s" || e == "n" { if negated { excludesNewline = true } else { return true } }
                        else if !"wdbtfae.-+*?()[]{}|/^$&@#%:;,'\"<>!=_~`\\".unicodeScalars.contains(e) { return true }
                        j += 2
                        continue
                    }
                    if p[j] == "\n" { return true }
                    if p[j] == "[" { return true } // POSIX classes and nesting: not modelled
                    j += 1
                }
                if negated && !excludesNewline { return true }
                i = j + 1
                continue
            }
            i += 1
        }
        return false
    }

    /// When a lookaround group (`(?=`, `(?!`, `(?<=`, `(?<!`) opens at `i`, the index just
    /// past its closing parenthesis. Dropping an assertion only widens what matches.
    private static func lookaroundEnd(_ p: [Unicode.Scalar], at i: Int) -> Int? {
        guard i + 2 < p.count, p[i + 1] == "?" else { return nil }
        var j: Int
        if p[i + 2] == "=" || p[i + 2] == "!" {
            j = i + 3
        } else if p[i + 2] == "<", i + 3 < p.count, p[i + 3] == "=" || p[i + 3] == "!" {
            j = i + 4
        } else {
            return nil
        }
        var depth = 1
        var inClass = false
        while j < p.count {
            let c = p[j]
            if c == "\\" { j += 2; continue }
            if inClass {
                if c == "]" { inClass = false }
            } else if c == "[" {
                inClass = true
                if j + 1 < p.count, p[j + 1] == "^" { j += 1 }
                if j + 1 < p.count, p[j + 1] == "]" { j += 1 }
            } else if c == "(" {
                depth += 1
            } else if c == ")" {
                depth -= 1
                if depth == 0 { return j + 1 }
            }
            j += 1
        }
        return nil
    }

    /// `{m,n}` at `i`: its bounds and length in scalars.
    private static func countedRepeat(_ p: [Unicode.Scalar], at i: Int) -> (Int, Int, Int)? {
        var j = i + 1
        var minimum = 0
        var digits = 0
        while j < p.count, let d = p[j].properties.numericType != nil ? Int(String(p[j])) : nil { minimum = minimum * 10 + d; j += 1; digits += 1 }
        guard digits > 0, j < p.count, p[j] == "," else { return nil }
        j += 1
        var maximum = 0
        digits = 0
        while j < p.count, let d = p[j].properties.numericType != nil ? Int(String(p[j])) : nil { maximum = maximum * 10 + d; j += 1; digits += 1 }
        guard digits > 0, j < p.count, p[j] == "}" else { return nil }
        return (minimum, maximum, j - i + 1)
    }
}
