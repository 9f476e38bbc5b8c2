/// What a contact token is. Rules name kinds in `near` and `pattern` parts as `@url`,
/// `@email`, `@phone`, `@handle`, `@link`, or `@contact` for the first four.
public enum ContactKind: String, Sendable, CaseIterable {
    /// A web address written in the text: `https://...`, `www...`, or a bare domain with a
    /// common top-level domain (`rx-meds.shop/buy`).
    case url
    /// An e-mail address.
    case email
    /// A phone number of at least 7 digits (`+1 555 013 4567`, `(555) 013-4567`, `0161 555 0192`).
    case phone
    /// A messenger contact: a messenger name with a number or user name ("WhatsApp +1 ...",
    /// "Telegram @name", "Wickr: name"), or a messenger link (`t.me/name`, `wa.me/15550134`).
    case handle
    /// The text of a hyperlink to another site (HTML `<a href>`, Markdown `[text](url)`):
    /// the URL is not in the text, the words that carry it are.
    case link

    /// The kinds `@contact` stands for: everything written in the text itself.
    public static let writtenContacts: Set<ContactKind> = [.url, .email, .phone, .handle]
}

/// One contact found in a text, as a byte range of that text.
struct ContactToken: Sendable, Hashable {
    var kind: ContactKind
    var range: Range<Int>
}

/// Finds URLs, e-mail addresses, phone numbers and messenger handles in a text, so rules
/// can say "a sale phrase near a contact". Where tokens overlap, the most specific wins:
/// a handle over the number or URL inside it, an e-mail address over the domain inside it.
/// Dates (2024-05-01), prices ($25.99), versions (v1.2.3), doses (3.5 mg) and years are
/// not phone numbers: a phone needs a `+` country code, an area code pattern such as
/// `(555) 013-4567` / `555-013-4567`, or a leading-zero trunk prefix, and 7 to 15 digits.
enum ContactScanner {
    private static let messenger = #"(?:whats\s?app|telegram|wickr(?:\s?me)?|signal|threema|kik|wechat|viber)"#

    /// The patterns, most specific kind first (the order decides overlaps).
    private static let patterns: [(ContactKind, String)] = [
        (.handle, #"\b(?:t\.me|telegram\.me|wa\.me|signal\.me)/[\w+#./-]*\w"#),
        (.handle, #"\b\#(messenger)\b(?:\s*(?:[:/\-–—]|\bor\s+\#(messenger)\b|\b(?:on|at|me|id|via|us|number)\b)){0,4}\s*"#
            + #"(?:@[\w.]{3,32}|\+?\(?\d(?:[ ().\-]{0,3}\d){6,14}|(?<=:)\s*(?-i:[a-z][a-z0-9_.]{2,31}))"#),
        (.email, #"\b[\w.%+\-]+@(?:[a-z0-9\-]+\.)+[a-z]{2,24}\b"#),
        (.url, #"\b(?:https?://|www\.)[^\s<>"'(){}\[\]]+"#),
        (.url, #"(?<![@\w.\-])(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+"#
            + #"(?:com|net|org|info|biz|io|co|me|us|uk|ca|au|de|ru|su|cn|in|eu|nz|shop|store|online|site|top|xyz|club|"#
            + #"live|pro|app|dev|health|pharmacy|care|clinic|vip|icu|cc|tv|ly|gov|edu|example|test)(?![\w\-])"#
            + #"(?:/[^\s<>"'(){}\[\]]*)?"#),
        (.phone, #"(?<![\w.,/+\-])\+\d{1,3}(?:[ .\-]?\(?\d{1,5}\)?){2,5}(?![\w.,]\d)"#),
        (.phone, #"(?<![\w.,/+\-])(?:1[ .\-])?\(?\d{3}\)?[ .\-]?\d{3}[ .\-]\d{4}(?![\w.,]?\d)"#),
        (.phone, #"(?<![\w.,/+\-])0\d{2,4}[ \-]\d{3,4}[ \-]?\d{3,4}(?![\w.,]?\d)"#),
    ]

    private static let compiled: [(ContactKind, Regex)] = patterns.map { kind, pattern in
        do {
            return (kind, try Regex(pattern))
        } catch {
            fatalError("ContactScanner pattern does not compile: \(error)")
        }
    }

    /// The regexes of every kind, for the prefilter.
    static var regexes: [Regex] { compiled.map(\.1) }

    /// The contacts in `bytes` (valid UTF-8), sorted by position, none overlapping. `matches`,
    /// when given, finds a regex's matches in `bytes` (the scanner's prefiltered search);
    /// otherwise each regex runs over the whole text.
    static func scan(_ bytes: [UInt8], scratch: MatchScratch, matches: ((Regex) -> [Range<Int>])? = nil) -> [ContactToken] {
        var accepted: [ContactToken] = []
        bytes.withUnsafeBufferPointer { buffer in
            for (kind, regex) in compiled {
                // Each pass's matches are sorted and disjoint: merge them into the tokens
                // accepted so far, dropping those that overlap a more specific token.
                var merged: [ContactToken] = []
                merged.reserveCapacity(accepted.count)
                var next = 0
                for found in matches?(regex) ?? regex.allMatches(in: buffer, scratch: scratch, onLimit: { _, _ in }) {
                    let range = trimmed(found, in: buffer)
                    guard accepts(kind, range, in: buffer) else { continue }
                    while next < accepted.count, accepted[next].range.upperBound <= range.lowerBound {
                        merged.append(accepted[next])
                        next += 1
                    }
                    if next < accepted.count, accepted[next].range.lowerBound < range.upperBound { continue }
                    merged.append(ContactToken(kind: kind, range: range))
                }
                accepted = merged + accepted[next...]
            }
        }
        return accepted
    }

    /// The kind of contact a link to `url` is: a `mailto:` an e-mail, a `tel:` a phone, a
    /// messenger link a handle, any other absolute URL a link; nil for links inside the site
    /// (relative paths, `#fragments`), which carry no contact.
    static func kind(ofLink url: String) -> ContactKind? {
        let lower = url.lowercased()
        if lower.hasPrefix("mailto:") { return .email }
        if lower.hasPrefix("tel:") || lower.hasPrefix("sms:") { return .phone }
        let host = lower.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
        if ["t.me/", "telegram.me/", "wa.me/", "signal.me/", "api.whatsapp.com/"].contains(where: host.hasPrefix) { return .handle }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("//") || lower.hasPrefix("www.") { return .link }
        return nil
    }

    /// `range` without trailing sentence punctuation (`https://x.example/.` ends at `/`).
    private static func trimmed(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var end = range.upperBound
        while end > range.lowerBound + 1, ".,;:!?'\"".utf8.contains(text[end - 1]) { end -= 1 }
        return range.lowerBound..<end
    }

    /// Whether a match is a real token of its kind: phone numbers carry 7 to 15 digits.
    private static func accepts(_ kind: ContactKind, _ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard kind == .phone else { return true }
        let digits = text[range].filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        return (7...15).contains(digits)
    }
}
