/// A message or suggestion that names what matched: `{drug}` (or `{drug|the drug}`, with
/// the words to use when the class matched nothing in the finding) is replaced by the first
/// text of that vocabulary class inside the finding's match.
public struct MessageTemplate: Sendable {
    struct Slot: Sendable {
        var range: Range<Int>
        var regex: Regex
        var fallback: String
    }

    /// The text as written.
    public let text: String
    let slots: [Slot]

    /// Whether the text names any class.
    var isTemplate: Bool { !slots.isEmpty }

    /// The slots of `text`, each class resolved in `lexicon`; problems (an unknown class)
    /// are returned, not thrown, so a load reports them all.
    static func parse(_ text: String, lexicon: Lexicon) -> (MessageTemplate, [String]) {
        var slots: [Slot] = []
        var problems: [String] = []
        let bytes = Array(text.utf8)
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "{")) {
            guard let close = bytes[open...].firstIndex(of: UInt8(ascii: "}")) else { break }
            let inside = String(decoding: bytes[(open + 1)..<close], as: UTF8.self)
            index = close + 1
            let parts = inside.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard let first = name.unicodeScalars.first, ("a"..."z").contains(first),
                  name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }) else { continue }
            guard let resolved = lexicon.classes[name] else {
                problems.append("the text names {\(name)}, which is no class this pack can see\(lexicon.unknownHint(name, guardSet: false))")
                continue
            }
            guard let regex = try? Regex("\\b" + resolved.fragment + "\\b") else { continue }
            let fallback = parts.count > 1 ? String(parts[1]) : name.replacingOccurrences(of: "-", with: " ")
            slots.append(Slot(range: open..<(close + 1), regex: regex, fallback: fallback))
        }
        return (MessageTemplate(text: text, slots: slots), problems)
    }

    /// The text with each slot filled from `matched` (the finding's text as the rules read it).
    func render(matched: String, scratch: MatchScratch) -> String {
        guard isTemplate else { return text }
        let bytes = Array(text.utf8)
        let subject = Array(matched.utf8)
        var result: [UInt8] = []
        var copied = 0
        for slot in slots {
            result += bytes[copied..<slot.range.lowerBound]
            let found = subject.withUnsafeBufferPointer { buffer -> Range<Int>? in
                if case .match(let range) = slot.regex.firstMatch(in: buffer, from: 0, to: buffer.count, scratch: scratch) { return range }
                return nil
            }
            result += found.map { Array(subject[$0]) } ?? Array(slot.fallback.utf8)
            copied = slot.range.upperBound
        }
        result += bytes[copied...]
        return String(decoding: result, as: UTF8.self)
    }
}
