import XCTest
@testable import RedlineCore

final class NormalizerTests: XCTestCase {
    private func normalize(_ text: String, steps: Normalizer.Steps = .all) -> TextLayer {
        Normalizer(steps: steps).normalize(.original(Array(text.utf8)))
    }

    private func normalized(_ text: String, steps: Normalizer.Steps = .all) -> String {
        String(decoding: normalize(text, steps: steps).bytes, as: UTF8.self)
    }

    /// The original text behind the first occurrence of `piece` in the normalized `text`.
    private func original(of piece: String, in text: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        let layer = normalize(text)
        let bytes = Array(piece.utf8)
        guard let start = (0...(layer.bytes.count - bytes.count)).first(where: { layer.bytes[$0..<($0 + bytes.count)].elementsEqual(bytes) }) else {
            XCTFail("\(piece.debugDescription) not in \(String(decoding: layer.bytes, as: UTF8.self).debugDescription)", file: file, line: line)
            return nil
        }
        let source = layer.originalRange(of: start..<(start + bytes.count))
        return String(decoding: Array(text.utf8)[source], as: UTF8.self)
    }

    // MARK: - Character steps

    func testSoftLineBreaksInsideAParagraphReadAsOneSpaceMappedToTheBreak() {
        XCTAssertEqual(normalized("a low risk of\n   side effects"), "a low risk of side effects")
        XCTAssertEqual(original(of: "of side", in: "a low risk of\n   side effects"), "of\n   side")
        // A blank line, a capital after the break, or a line of spaces before it keep the break.
        XCTAssertEqual(normalized("first part\n\nsecond part"), "first part\n\nsecond part")
        XCTAssertEqual(normalized("Heading\nKetamine works"), "Heading\nKetamine works")
        XCTAssertEqual(normalized("text\n  \nmore"), "text\n  \nmore")
        XCTAssertEqual(normalized("a low risk of\nside effects", steps: .all.subtracting(.softLineBreaks)), "a low risk of\nside effects")
    }

    func testLettersSplitBySpacedOrMixedSeparatorsCollapseButWrittenTextStays() {
        XCTAssertEqual(normalized("get v - i - a - g - r - a now"), "get viagra now")
        XCTAssertEqual(normalized("x ' a ' n . a * x 30 pills"), "xanax 30 pills")
        XCTAssertEqual(normalized("c . i , a . l . i , s"), "cialis")
        XCTAssertEqual(normalized("vitamins A, D, E and K at 10 a.m. The U.S. team, J. R. R. Tolkien"),
                       "vitamins A, D, E and K at 10 a.m. The U.S. team, J. R. R. Tolkien")
    }

    func testCharacterReferencesAreDecodedAndInvalidOnesStayAsWritten() {
        XCTAssertEqual(normalized("&#x6B;etamine &#107;etamine &amp; AT&T &eacute;t&eacute;"), "ketamine ketamine & AT&T été")
        XCTAssertEqual(normalized("it&rsquo;s &ldquo;safe&rdquo; &mdash; &nbsp;really"), "it's \"safe\" -  really")
        XCTAssertEqual(normalized("&bogus; &#; &#xZZ; &#0; &#10; &#x110000; &amp"), "&bogus; &#; &#xZZ; &#0; &#10; &#x110000; &amp")
        XCTAssertEqual(original(of: "ketamine", in: "buy &#x6B;etamine"), "&#x6B;etamine")
    }

    func testInvisibleCharactersAreRemovedByTheDefaultIgnorableProperty() {
        let invisibles = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}", "\u{202E}", "\u{2066}", "\u{200E}", "\u{FE0F}", "\u{180E}"]
        for invisible in invisibles {
            XCTAssertEqual(normalized("ket\(invisible)amine"), "ketamine", "U+\(String(invisible.unicodeScalars.first!.value, radix: 16))")
        }
        XCTAssertEqual(original(of: "ketamine", in: "k\u{200B}e\u{00AD}tamine"), "k\u{200B}e\u{00AD}tamine")
        XCTAssertEqual(normalized("pre&shy;scription"), "prescription")
    }

    func testCompatibilityFormsBecomeTheirNFKCForm() {
        XCTAssertEqual(normalized("Ｂｕｙ ｋｅｔａｍｉｎｅ"), "Buy ketamine")
        XCTAssertEqual(normalized("ﬁnd eﬀective \u{1D42C}\u{1D41A}\u{1D41F}\u{1D41E}"), "find effective safe")
        XCTAssertEqual(normalized("no\u{00A0}side\u{2009}effects"), "no side effects")
        XCTAssertEqual(original(of: "fi", in: "ﬁne"), "ﬁ")
        XCTAssertEqual(original(of: "i", in: "ﬁne"), "ﬁ", "a range inside a replacement widens to all of it")
    }

    func testTypographicQuotesAndDashesBecomeASCII() {
        XCTAssertEqual(normalized("O\u{2019}Neil\u{2019}s \u{201C}cure\u{201D} \u{2018}now\u{2019}"), "O'Neil's \"cure\" 'now'")
        XCTAssertEqual(normalized("ketamine\u{2014}ever, 2\u{2013}3 days, \u{2212}5"), "ketamine-ever, 2-3 days, -5")
        XCTAssertEqual(normalized("O\u{2019}Neil", steps: .all.subtracting(.punctuation)), "O\u{2019}Neil")
    }

    // MARK: - Confusables

    func testConfusableLettersInAMixedScriptWordBecomeLatin() {
        XCTAssertEqual(normalized("\u{043E}rder k\u{0435}tamin\u{0435} \u{03BF}nline"), "order ketamine online")
        XCTAssertEqual(normalized("\u{0412}UY \u{041A}ETAMINE"), "BUY KETAMINE")
        XCTAssertEqual(normalized("bu\u{0443} \u{043A}etamine"), "buy ketamine", "к (skeleton ĸ) and у map too")
        XCTAssertEqual(original(of: "order", in: "\u{043E}rder now"), "\u{043E}rder")
    }

    func testAWordOfConfusablesAloneIsMappedOnlyOnAMostlyLatinLine() {
        XCTAssertEqual(normalized("Please \u{0441}\u{043E}\u{0440}\u{0443} this form"), "Please copy this form")
        XCTAssertEqual(normalized("\u{0441}\u{043E}\u{0440}\u{0443} \u{0438} \u{043C}\u{0438}\u{0440}"),
                       "\u{0441}\u{043E}\u{0440}\u{0443} \u{0438} \u{043C}\u{0438}\u{0440}")
    }

    func testRussianAndGreekSentencesStayAsWritten() {
        let russian = "Кетамин назначают только по рецепту врача. Он вызывает побочные эффекты."
        let greek = "Η κεταμίνη χορηγείται μόνο με ιατρική συνταγή. Όλα τα φάρμακα έχουν παρενέργειες."
        XCTAssertEqual(normalized(russian), russian)
        XCTAssertEqual(normalized(greek), greek)
        XCTAssertEqual(normalized("The Russian word \u{00AB}\(russian)\u{00BB} is quoted."), "The Russian word \u{00AB}\(russian)\u{00BB} is quoted.")
    }

    // MARK: - Leetspeak

    func testLeetspeakInsideWordsReadsAsLetters() {
        XCTAssertEqual(normalized("k3tamine pr3scr1pt10n v1agra ph@rmacy $hipping 0nline"),
                       "ketamine prescription viagra pharmacy shipping online")
        XCTAssertEqual(normalized("BUY K3TAMINE, Ph@rmacy, v!agra, bu|k"), "BUY KETAMINE, Pharmacy, viagra, bulk")
        XCTAssertEqual(original(of: "ketamine", in: "buy k3tamine now"), "k3tamine")
        XCTAssertEqual(original(of: "shipping", in: "free $hipping"), "$hipping")
    }

    func testALeadingOrTrailingDigitAloneReadsAsALetterOnlyNextToCertainLeetspeak() {
        XCTAssertEqual(normalized("buy k3tamine onlin3"), "buy ketamine online")
        XCTAssertEqual(normalized("k3tamine 5ale today"), "ketamine sale today")
        XCTAssertEqual(normalized("onlin3 and 5ale"), "onlin3 and 5ale")
        XCTAssertEqual(normalized("Take omega3 for 5days.\nBuy k3tamine."), "Take omega3 for 5days.\nBuy ketamine.")
    }

    func testCodesUnitsNumbersAndPunctuationAreNotLeetspeak() {
        let clean = "Dr. O'Neil's B12 study at 3 p.m. on H1N1, COVID-19, HbA1c and CoQ10: 2.5 mg, 5mg, 100mg, 24/7, 24h, mp3, x2, "
            + "3pm, 1st, 4th, $100, $5k, 2019, 3.5, BRCA1, ketamine100mg. Wow! Now!!"
        XCTAssertEqual(normalized(clean), clean)
    }

    func testEmailAddressesAndURLsKeepTheirDigitsAndSymbols() {
        let clean = "Write to john.d0e@example.com or see https://example.org/a-b-c/p4ge?id=a1b and www.t3st.com/x.y.z now."
        XCTAssertEqual(normalized(clean), clean)
    }

    // MARK: - Spaced letters

    func testSpacedLettersCollapseIntoWords() {
        XCTAssertEqual(normalized("Please b u y now"), "Please buy now")
        XCTAssertEqual(normalized("B-U-Y it"), "BUY it")
        XCTAssertEqual(normalized("no p.r.e.s.c.r.i.p.t.i.o.n needed"), "no prescription needed")
        XCTAssertEqual(normalized("k*e*t*a*m*i*n*e and k_e_t and k\u{00B7}e\u{00B7}t"), "ketamine and ket and ket")
        XCTAssertEqual(normalized("B U Y  K E T A M I N E  O N L I N E today"), "BUY KETAMINE ONLINE today")
        XCTAssertEqual(normalized("buy  k e t a m i n e  online, 100%  s a f e"), "buy ketamine online, 100% safe")
        XCTAssertEqual(normalized("w i t h o u t  a  p r e s c r i p t i o n"), "without a prescription")
        XCTAssertEqual(normalized("B U Y  N O W"), "BUY NOW")
        XCTAssertEqual(normalized("k.e.t.a.m.i.n.e o.n.l.i.n.e"), "ketamine online")
        XCTAssertEqual(normalized("k 3 t a m i n e"), "ketamine")
        XCTAssertEqual(normalized("b u y k.e.t.a.m.i.n.e  n o w and k-e-t  b u y"), "buy ketamine now and ket buy")
        XCTAssertEqual(original(of: "prescription", in: "no p.r.e.s.c.r.i.p.t.i.o.n needed"), "p.r.e.s.c.r.i.p.t.i.o.n")
        XCTAssertEqual(original(of: "BUY KET", in: "B U Y  K E T A"), "B U Y  K E T")
        XCTAssertEqual(original(of: "UY", in: "B U Y it"), "U Y")
    }

    func testAbbreviationsAndInitialsAreNotSpacedLetters() {
        let clean = "The U.S. and U.K. (e.g. i.e. a.m. p.m.) data at 3 p.m. by J. R. Smith, A. B. C. Jones, a, b, c and X-ray T-cells."
        XCTAssertEqual(normalized(clean), clean)
    }

    // MARK: - Fast path and maps

    func testPlainTextComesBackAsTheSameLayer() {
        let text = "Ketamine is given under medical supervision. Side effects include nausea (in 5% of patients)."
        let layer = TextLayer.original(Array(text.utf8))
        let result = Normalizer().normalize(layer)
        XCTAssertEqual(result.bytes, layer.bytes)
        XCTAssertEqual(result.maps.count, 0)
        XCTAssertFalse(text.utf8.withContiguousStorageIfAvailable { NormalizerScreen.mayNeedNormalization($0, in: 0..<$0.count) } ?? true)
    }

    func testEveryNormalizedScalarMapsBackToWholeSourceScalars() {
        let text = "Ｂｕｙ k3t\u{200B}аmine &#x6B;now! b u y  o.n.l.i.n.e \u{201C}ﬁne\u{201D} — Кетамин"
        let layer = normalize(text)
        let source = Array(text.utf8)
        let boundaries = (0...layer.bytes.count).filter { $0 == layer.bytes.count || layer.bytes[$0] & 0xC0 != 0x80 }
        for (start, end) in zip(boundaries, boundaries.dropFirst()) {
            let range = layer.originalRange(of: start..<end)
            XCTAssertTrue(range.lowerBound >= 0 && range.upperBound <= source.count)
            XCTAssertTrue(range.lowerBound == source.count || source[range.lowerBound] & 0xC0 != 0x80, "starts inside a scalar: \(range)")
            XCTAssertTrue(range.upperBound == source.count || source[range.upperBound] & 0xC0 != 0x80, "ends inside a scalar: \(range)")
        }
        XCTAssertEqual(String(decoding: layer.bytes, as: UTF8.self), "Buy ketamine know! buy online \"fine\" - Кетамин")
    }

    func testEachStepCanBeSwitchedOff() {
        let text = "&amp; k\u{200B}3tamine Ｂ \u{043E}rder b u y"
        XCTAssertEqual(normalized(text, steps: []), text)
        XCTAssertEqual(normalized(text, steps: .all.subtracting(.characterReferences)), "&amp; ketamine B order buy")
        XCTAssertEqual(normalized(text, steps: .all.subtracting(.invisibles)), "& k\u{200B}3tamine B order buy")
        XCTAssertEqual(normalized(text, steps: .all.subtracting(.compatibility)), "& ketamine Ｂ order buy")
        XCTAssertEqual(normalized(text, steps: .all.subtracting(.confusables)), "& ketamine B \u{043E}rder buy")
        XCTAssertEqual(normalized(text, steps: .all.subtracting(.leetspeak)), "& k3tamine B order buy")
        XCTAssertEqual(normalized(text, steps: .all.subtracting(.spacedLetters)), "& ketamine B order b u y")
    }

    // MARK: - Scanning

    func testAFindingUnderlinesTheObfuscatedOriginalAndMatchOnOriginalSeesItAsWritten() throws {
        let set = try ruleSet(yaml: pack("""
          - id: t/sale
            kind: pattern
            category: illicit-sale
            severity: error
            score: 5
            message: m
            patterns: ['\\bbuy ketamine\\b']
            examples: {match: ["buy ketamine"], no_match: ["sell"]}
          - id: t/leet
            kind: pattern
            category: obfuscation
            severity: info
            score: 1
            message: m
            match_on: original
            patterns: ['\\bk3tamine\\b', '\\bketamine\\b']
            examples: {match: ["k3tamine"], no_match: ["sell"]}
        """, categories: ["obfuscation"]), test: self)
        let result = scan("You can b\u{200B}uy k3tamine here.", with: set)
        XCTAssertEqual(Set(result.findings.map(\.rule)), ["t/sale", "t/leet"])
        XCTAssertEqual(result.findings.first { $0.rule == "t/sale" }?.match, "b\u{200B}uy k3tamine")
        XCTAssertEqual(result.findings.first { $0.rule == "t/leet" }?.match, "k3tamine")
    }

    func testSentencesAreStillFoundInTheNormalizedText() throws {
        let set = try ruleSet(yaml: pack("""
          - id: t/near
            kind: near
            category: illicit-sale
            severity: error
            score: 5
            message: m
            all: ['\\bbuy\\b', '\\bketamine\\b']
            within: 5
            scope: sentence
            examples: {match: ["buy ketamine"], no_match: ["sell"]}
        """), test: self)
        XCTAssertEqual(scan("We never sell it. Buy? No. K3tamine is a medicine.", with: set).findings.count, 0)
        XCTAssertEqual(scan("You can b u y k3tamine here.", with: set).findings.map(\.match), ["b u y k3tamine"])
    }
}
