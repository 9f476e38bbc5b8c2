/// A path pattern as `.gitignore` writes them, for the configuration's `ignore` and
/// `overrides`: `*` matches within one path component, `**` across components (`drafts/**`,
/// `**/faq/*.md`), `?` one character. A pattern without `/` matches the last component
/// anywhere (`*.txt`); a pattern ending in `/` matches everything below that directory.
/// Paths are relative to the configuration file's directory, with `/` separators.
public struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let components: [Substring]
    private let anyDepth: Bool

    public init(_ pattern: String) {
        self.pattern = pattern
        var text = Substring(pattern)
        while text.hasPrefix("./") { text = text.dropFirst(2) }
        if text.hasPrefix("/") { text = text.dropFirst() }
        if text.hasSuffix("/") { text += "**" }
        anyDepth = !text.contains("/")
        components = text.split(separator: "/", omittingEmptySubsequences: true)
    }

    public var description: String { pattern }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if anyDepth { return parts.last.map { Self.matches(Array(components[0].utf8), Array($0.utf8)) } ?? false }
        return Self.matches(components[...], parts[...])
    }

    /// Component patterns against path components, `**` taking any number of them.
    private static func matches(_ patterns: ArraySlice<Substring>, _ parts: ArraySlice<Substring>) -> Bool {
        guard let first = patterns.first else { return parts.isEmpty }
        if first == "**" {
            let rest = patterns.dropFirst()
            return parts.indices.contains { matches(rest, parts[$0...]) } || matches(rest, parts[parts.endIndex...])
        }
        guard let part = parts.first, matches(Array(first.utf8), Array(part.utf8)) else { return false }
        return matches(patterns.dropFirst(), parts.dropFirst())
    }

    /// One component: `*` any run of bytes, `?` one byte (of ASCII; a multi-byte character
    /// needs one `?` per byte or a `*`).
    private static func matches(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
        var (p, t) = (0, 0)
        var star: (p: Int, t: Int)?
        while t < text.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                star = (p, t)
                p += 1
            } else if p < pattern.count, pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let backtrack = star {
                p = backtrack.p + 1
                t = backtrack.t + 1
                star = (backtrack.p, backtrack.t + 1)
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}
