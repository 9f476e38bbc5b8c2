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
        var out = ""
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
                    case "w": out += "[\(wordASCII)\(nonASCII)]"
                    case "s": out += "[\(spaceASCII)\(nonASCII)]"
                    case "d": out += "[\(digitASCII)\(nonASCII)]"
                    case "W": out += "[^\(wordASCII)]"
                    case "S": out += "[^\(spaceASCII)]"
                    case "D": out += "[^\(digitASCII)]"
                    default: out.unicodeScalars.append(c); out.unicodeScalars.append(e)
                    }
                } else {
                    switch e {
                    case "w": out += negated ? wordASCII : wordASCII + nonASCII
                    case "s": out += negated ? spaceASCII : spaceASCII + nonASCII
                    case "d": out += negated ? digitASCII : digitASCII + nonASCII
                    default: out.unicodeScalars.append(c); out.unicodeScalars.append(e)
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
                out += "["
                i += 1
                negated = i < p.count && p[i] == "^"
                if negated { out += "^"; i += 1 }
                if i < p.count, p[i] == "]" { out += "]"; i += 1 }
                continue
            }
            if inClass, c == "]" { inClass = false }
            if unbounded, !inClass, c == "{", let (minimum, maximum, length) = countedRepeat(p, at: i), maximum > 4 {
                out += "{\(minimum),}"
                i += length
                continue
            }
            out.unicodeScalars.append(c)
            i += 1
        }
        return out
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
