/// Extracts the readable text of an HTML document with a byte-exact map back to the markup.
///
/// Tags are dropped (inline tags join the words around them: `ke<b>tam</b>ine` reads
/// "ketamine"); block elements become paragraph breaks and `<br>` a line break; `<q>` and
/// `</q>` read as `"`, so rules see a quotation as one (spam quoted in an article about spam); `script`,
/// `style` and comments are skipped; character references are decoded, each mapping to its
/// whole `&...;`; white space collapses as a browser renders it (kept inside `<pre>` and
/// `<textarea>`). `<title>` and `<h1>`–`<h6>` start sections. `<img alt>` and other attribute
/// text is not scanned. Text a reader does not see (the `hidden` attribute,
/// `aria-hidden="true"`, inline styles with `display:none`, `visibility:hidden`,
/// `font-size:0`, `opacity:0`, or an off-screen position of -999 or less) is extracted
/// like the rest and its range recorded in `hiddenRanges`. `<a href>` records the link text
/// and its target in `links`; comments are recorded in `comments`.
///
/// Why a hand-written tokenizer and not libxml2's HTML parser: offsets are the point.
/// libxml2's SAX callbacks hand over text already decoded and split at its own buffer
/// boundaries, with no byte offset per character reference, and its tree builder moves
/// and invents nodes for broken markup; recovering exact source offsets from that means
/// re-scanning the bytes anyway. This tokenizer follows the HTML5 tokenization rules that
/// matter for text (tags with quoted, unquoted and value-less attributes, `<` inside quoted
/// values, comments and bogus comments, doctype, raw text in `script`/`style`, escapable
/// raw text in `title`/`textarea`, void elements, a stray `<` kept as text) and a lenient
/// version of tree building (an end tag closes the nearest open element of its name, a
/// stray end tag is ignored, `<p>`, `<li>`, `<dt>`/`<dd>`, `<tr>`/`<td>` close their
/// predecessor implicitly), so every text byte it keeps maps to its own bytes in the file,
/// and it needs no system library.
enum HTMLExtractor {
    /// Extracts `layer` (HTML, valid UTF-8) into text derived from it.
    static func extract(_ layer: TextLayer) -> ExtractedText {
        var parser = Parser(html: layer.bytes)
        parser.run()
        return parser.builder.finish(deriving: layer)
    }

    /// Elements with no content and no end tag.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    /// Elements whose content is raw text, skipped (`style`, `script`, ...).
    static let skippedRawText: Set<String> = ["script", "style", "xmp", "iframe", "noembed", "noframes"]
    /// Elements whose content is text with references but no tags.
    static let escapableRawText: Set<String> = ["title", "textarea"]
    /// Elements that start and end a paragraph.
    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "head", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "option", "p", "pre",
        "section", "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "title", "tr", "ul",
    ]
    /// Elements that start a section.
    static let headingElements: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6", "title"]
    /// Start tags that close an open `<p>` first.
    static let closesParagraph: Set<String> = [
        "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
        "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
    ]
    /// For a start tag, the open elements it closes implicitly, and the elements that stop the search.
    static let impliedEnds: [String: (closes: Set<String>, boundary: Set<String>)] = [
        "li": (["li"], ["ul", "ol", "menu"]),
        "dt": (["dt", "dd"], ["dl"]),
        "dd": (["dt", "dd"], ["dl"]),
        "tr": (["tr", "td", "th"], ["table", "thead", "tbody", "tfoot"]),
        "td": (["td", "th"], ["tr", "table"]),
        "th": (["td", "th"], ["tr", "table"]),
        "option": (["option"], ["select", "datalist"]),
    ]

    /// Whether a start tag's attributes hide the element from readers.
    static func hides(_ attributes: [String: String]) -> Bool {
        if attributes["hidden"] != nil { return true }
        if attributes["aria-hidden"].map({ $0.trimmingWhitespace().lowercased() == "true" }) ?? false { return true }
        guard let style = attributes["style"] else { return false }
        for declaration in style.lowercased().split(separator: ";") {
            let parts = declaration.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let property = String(parts[0]).trimmingWhitespace()
            var value = String(parts[1]).replacingOccurrences(of: "!important", with: "").trimmingWhitespace()
            value = value.filter { !$0.isWhitespace }
            switch property {
            case "display": if value == "none" { return true }
            case "visibility": if value == "hidden" || value == "collapse" { return true }
            case "font-size", "opacity": if leadingNumber(value) == 0 { return true }
            case "left", "top", "text-indent", "margin-left", "margin-top": if let number = leadingNumber(value), number <= -999 { return true }
            default: break
            }
        }
        return false
    }

    /// The number a CSS value starts with (`0px` -> 0, `-9999px` -> -9999), if any.
    private static func leadingNumber(_ value: String) -> Double? {
        let number = value.prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }
        return Double(number)
    }

    /// One open element.
    private struct OpenElement {
        var name: String
        /// Derived offset where the hidden region this element starts begins (nil when it
        /// is visible or an ancestor already hides it).
        var hiddenStart: Int?
        /// For `<a href>`: where its text starts, and the target.
        var link: (start: Int, url: String)?
    }

    /// A parsed start or end tag.
    private struct Tag {
        var name: String
        var attributes: [String: String]
        var selfClosing: Bool
        /// The tag's bytes, `<` to `>`.
        var range: Range<Int>
    }

    private struct Parser {
        let html: [UInt8]
        var builder: ExtractionBuilder
        private var stack: [OpenElement] = []
        /// Where the text not yet written starts.
        private var textStart = 0
        private var i = 0

        init(html: [UInt8]) {
            self.html = html
            builder = ExtractionBuilder(source: html)
        }

        private var insideHidden: Bool { stack.contains { $0.hiddenStart != nil } }
        private var preservesSpace: Bool { stack.contains { $0.name == "pre" || $0.name == "textarea" } }

        mutating func run() {
            while i < html.count {
                guard html[i] == UInt8(ascii: "<"), i + 1 < html.count else { i += 1; continue }
                let next = html[i + 1]
                if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                    text(upTo: i)
                    markupDeclaration()
                } else if next == UInt8(ascii: "/"), i + 2 < html.count, html[i + 2].isASCIILetter {
                    text(upTo: i)
                    if let tag = tag(isEnd: true) { endTag(tag) }
                } else if next == UInt8(ascii: "/") {
                    text(upTo: i)
                    // `</>` is dropped; `</ ...>` and `</3...>` are bogus comments.
                    skipToClose(from: i + 2, what: "`</`")
                } else if next.isASCIILetter {
                    text(upTo: i)
                    if let tag = tag(isEnd: false) { startTag(tag) }
                } else {
                    i += 1 // a stray `<` is text
                }
            }
            text(upTo: html.count)
            for element in stack.reversed() { close(element) }
            stack = []
        }

        // MARK: Text

        /// Writes the source text from `textStart` to `end`: white space collapsed, references decoded.
        private mutating func text(upTo end: Int) {
            var j = textStart
            var runStart = j
            let keepSpace = preservesSpace
            while j < end {
                let byte = html[j]
                if ExtractionBuilder.isSpace(byte), !keepSpace {
                    var k = j
                    while k < end, ExtractionBuilder.isSpace(html[k]) { k += 1 }
                    // A run of plain spaces inside text is kept as written: letter-spaced spam
                    // ("B U Y  X A N A X") separates its words by wider gaps, which the
                    // normalizer needs to see. Other white space collapses as a browser shows it.
                    if k - j > 1, j > textStart, k < end, html[j..<k].allSatisfy({ $0 == 0x20 }) {
                        j = k
                        continue
                    }
                    builder.copy(runStart..<j)
                    builder.space(j..<k)
                    runStart = k
                    j = k
                } else if byte == UInt8(ascii: "&"), let found = HTMLEntities.reference(in: html, at: j, end: end) {
                    builder.copy(runStart..<j)
                    builder.replace(j..<(j + found.length), with: found.utf8)
                    j += found.length
                    runStart = j
                } else {
                    j += 1
                }
            }
            builder.copy(runStart..<end)
            textStart = end
        }

        // MARK: Markup

        /// `<!-- comment -->`, `<!DOCTYPE>`, `<![CDATA[...]]>`, `<?...>` at `i`.
        private mutating func markupDeclaration() {
            let start = i
            if html.hasBytes("<!--", at: start) {
                let bodyStart = start + 4
                // `<!-->` and `<!--->` are complete (empty) comments.
                for closer in [">", "->"] where html.hasBytes(closer, at: bodyStart) {
                    finishComment(start..<(bodyStart + closer.utf8.count), body: bodyStart..<bodyStart)
                    return
                }
                if let close = html.firstOffset(of: "-->", from: bodyStart) {
                    finishComment(start..<(close + 3), body: bodyStart..<close)
                } else {
                    builder.problem(at: start, "unterminated HTML comment: the rest of the document is inside it and was not scanned")
                    finishComment(start..<html.count, body: bodyStart..<html.count)
                }
                return
            }
            skipToClose(from: start + 2, what: "markup declaration `<!` or `<?`")
        }

        private mutating func finishComment(_ range: Range<Int>, body: Range<Int>) {
            builder.addComment(range, text: String(decoding: html[body], as: UTF8.self))
            i = range.upperBound
            textStart = i
        }

        /// Drops everything from `i` to the next `>` (a bogus comment, a doctype, `</>`).
        private mutating func skipToClose(from start: Int, what: String) {
            var end = start
            while end < html.count, html[end] != UInt8(ascii: ">") { end += 1 }
            if end == html.count {
                builder.problem(at: i, "unterminated \(what): the rest of the document was not scanned")
            } else {
                end += 1
            }
            builder.drop(i..<end)
            i = end
            textStart = end
        }

        /// Parses the tag at `i` (`<name ...>` or `</name ...>`) and moves past it; nil (and
        /// a problem) when the input ends inside it.
        private mutating func tag(isEnd: Bool) -> Tag? {
            let start = i
            var j = start + (isEnd ? 2 : 1)
            let nameStart = j
            while j < html.count, !ExtractionBuilder.isSpace(html[j]), html[j] != UInt8(ascii: "/"), html[j] != UInt8(ascii: ">") { j += 1 }
            let name = String(decoding: html[nameStart..<j], as: UTF8.self).lowercased()
            var attributes: [String: String] = [:]
            var selfClosing = false
            while j < html.count {
                let byte = html[j]
                if byte == UInt8(ascii: ">") {
                    let tag = Tag(name: name, attributes: attributes, selfClosing: selfClosing, range: start..<(j + 1))
                    i = j + 1
                    textStart = i
                    return tag
                }
                if ExtractionBuilder.isSpace(byte) || byte == UInt8(ascii: "/") {
                    selfClosing = byte == UInt8(ascii: "/")
                    j += 1
                    continue
                }
                selfClosing = false
                // An attribute: name, then optionally `=` and a quoted or unquoted value.
                let attributeStart = j
                j += 1 // a name may start with `=`
                while j < html.count, !ExtractionBuilder.isSpace(html[j]), html[j] != UInt8(ascii: "/"),
                      html[j] != UInt8(ascii: ">"), html[j] != UInt8(ascii: "=") { j += 1 }
                let attributeName = String(decoding: html[attributeStart..<j], as: UTF8.self).lowercased()
                var k = j
                while k < html.count, ExtractionBuilder.isSpace(html[k]) { k += 1 }
                var value = ""
                if k < html.count, html[k] == UInt8(ascii: "=") {
                    k += 1
                    while k < html.count, ExtractionBuilder.isSpace(html[k]) { k += 1 }
                    if k < html.count, html[k] == UInt8(ascii: "\"") || html[k] == UInt8(ascii: "'") {
                        let quote = html[k]
                        var close = k + 1
                        while close < html.count, html[close] != quote { close += 1 }
                        value = HTMLEntities.decode(html[(k + 1)..<close])
                        j = min(close + 1, html.count)
                    } else {
                        var close = k
                        while close < html.count, !ExtractionBuilder.isSpace(html[close]), html[close] != UInt8(ascii: ">") { close += 1 }
                        value = HTMLEntities.decode(html[k..<close])
                        j = close
                    }
                }
                if attributes[attributeName] == nil { attributes[attributeName] = value }
            }
            builder.problem(at: start, "unterminated tag <\(isEnd ? "/" : "")\(name): the rest of the document is inside it and was not scanned")
            builder.drop(start..<html.count)
            i = html.count
            textStart = i
            return nil
        }

        // MARK: Tree building

        private mutating func startTag(_ tag: Tag) {
            let name = tag.name
            if HTMLExtractor.closesParagraph.contains(name),
               let index = stack.lastIndex(where: { !HTMLExtractor.inlineElements.contains($0.name) }), stack[index].name == "p" {
                while stack.count > index { close(stack.removeLast()) }
            }
            if let implied = HTMLExtractor.impliedEnds[name] { closeImplied(implied.closes, boundary: implied.boundary) }
            if HTMLExtractor.headingElements.contains(name) {
                builder.startHeading(tag.range)
            } else if name == "br" {
                builder.lineBreak(tag.range)
            } else if HTMLExtractor.blockElements.contains(name) {
                builder.paragraphBreak(tag.range)
            } else if name == "q" {
                builder.replace(tag.range, with: [UInt8(ascii: "\"")])
            } else {
                builder.drop(tag.range)
            }
            // Void elements never open; `/>` closes only elements outside HTML's own set (SVG, MathML).
            let knownHTML = HTMLExtractor.blockElements.contains(name) || HTMLExtractor.inlineElements.contains(name)
            guard !HTMLExtractor.voidElements.contains(name), !(tag.selfClosing && !knownHTML) else { return }
            var element = OpenElement(name: name)
            if !insideHidden, HTMLExtractor.hides(tag.attributes) { element.hiddenStart = builder.count }
            if name == "a", let href = tag.attributes["href"]?.trimmingWhitespace(), !href.isEmpty {
                element.link = (builder.count, href)
            }
            stack.append(element)
            if HTMLExtractor.skippedRawText.contains(name) || HTMLExtractor.escapableRawText.contains(name) {
                rawText(of: name, escapable: HTMLExtractor.escapableRawText.contains(name))
            }
        }

        /// The content of `script`, `style` (skipped) or `title`, `textarea` (written as text),
        /// up to its end tag, which is then handled.
        private mutating func rawText(of name: String, escapable: Bool) {
            var closeTag: Int?
            var search = i
            while closeTag == nil, let candidate = html.firstOffset(of: "</", from: search) {
                let nameEnd = candidate + 2 + name.utf8.count
                if nameEnd <= html.count, String(decoding: html[(candidate + 2)..<nameEnd], as: UTF8.self).lowercased() == name,
                   nameEnd == html.count || ExtractionBuilder.isSpace(html[nameEnd]) || html[nameEnd] == UInt8(ascii: ">")
                    || html[nameEnd] == UInt8(ascii: "/") {
                    closeTag = candidate
                }
                search = candidate + 2
            }
            if closeTag == nil {
                builder.problem(at: i, "<\(name)> is never closed: the rest of the document is inside it\(escapable ? "" : " and was not scanned")")
            }
            let end = closeTag ?? html.count
            if escapable { text(upTo: end) } else { builder.drop(i..<end) }
            i = end
            textStart = end
            if closeTag != nil, let tag = tag(isEnd: true) { endTag(tag) }
        }

        private mutating func endTag(_ tag: Tag) {
            guard let index = stack.lastIndex(where: { $0.name == tag.name }) else {
                // A stray end tag: `</p>` and `</br>` still break the text, as in browsers; others vanish.
                if tag.name == "br" {
                    builder.lineBreak(tag.range)
                } else if tag.name == "p" {
                    builder.paragraphBreak(tag.range)
                } else {
                    builder.drop(tag.range)
                }
                return
            }
            while stack.count > index + 1 { close(stack.removeLast()) }
            let element = stack.removeLast()
            if HTMLExtractor.blockElements.contains(element.name) {
                builder.paragraphBreak(tag.range)
            } else if element.name == "q" {
                builder.replace(tag.range, with: [UInt8(ascii: "\"")])
            } else {
                builder.drop(tag.range)
            }
            close(element)
        }

        /// Closes the nearest open element named in `names`, unless a `boundary` element is nearer.
        private mutating func closeImplied(_ names: Set<String>, boundary: Set<String>) {
            guard let index = stack.lastIndex(where: { names.contains($0.name) || boundary.contains($0.name) }),
                  names.contains(stack[index].name) else { return }
            while stack.count > index { close(stack.removeLast()) }
        }

        /// Records what an element that has just been closed leaves behind: its link, its hidden range.
        private mutating func close(_ element: OpenElement) {
            if let link = element.link { builder.addLink(from: link.start, url: link.url) }
            if let start = element.hiddenStart { builder.markHidden(from: start) }
        }
    }

    /// Common inline elements (they may not self-close either).
    static let inlineElements: Set<String> = [
        "a", "abbr", "b", "bdi", "bdo", "button", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
        "label", "mark", "noscript", "q", "s", "samp", "select", "small", "span", "strike", "strong", "sub", "sup",
        "time", "tt", "u", "var", "template", "object", "picture", "video", "audio", "canvas", "map", "output",
        "progress", "meter", "datalist", "ruby", "rt", "rp",
    ]
}

extension String {
    /// The string without leading and trailing white space.
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
