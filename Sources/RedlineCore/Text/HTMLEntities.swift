/// HTML character references (`&amp;`, `&#8217;`, `&#x2019;`): where one starts in a byte
/// text and what it stands for. Named references need their `;`, except the few legacy
/// ones browsers also accept without it (`&amp`, `&lt`, `&gt`, `&quot`, `&nbsp`) when no
/// letter, digit or `=` follows. Numeric references follow the HTML rules: 0, surrogates and
/// values past U+10FFFF become U+FFFD, and 0x80–0x9F are read as Windows-1252.
enum HTMLEntities {
    /// A decoded reference: how many source bytes it spans and the character it stands for.
    struct Reference {
        var length: Int
        var scalar: Unicode.Scalar
        /// The character's UTF-8 bytes.
        var utf8: [UInt8] { Array(String(Character(scalar)).utf8) }
    }

    /// The reference starting at `start` (which must hold `&`) in `bytes[..<end]`, or nil
    /// when no known reference starts there. `strict` (for plain text, where `&` is rarely
    /// markup) accepts only complete references: a closing `;`, and a numeric value that is
    /// a real character other than a control (so a reference never breaks a line).
    static func reference<Bytes: RandomAccessCollection>(in bytes: Bytes, at start: Int, end: Int, strict: Bool = false) -> Reference?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var i = start + 1
        guard i < end else { return nil }
        if bytes[i] == UInt8(ascii: "#") {
            i += 1
            let hex = i < end && (bytes[i] | 0x20) == UInt8(ascii: "x")
            if hex { i += 1 }
            let digitsStart = i
            var value: UInt32 = 0
            while i < end, let digit = digitValue(bytes[i], hex: hex) {
                value = min(value &* (hex ? 16 : 10) &+ digit, 0x110000)
                i += 1
            }
            guard i > digitsStart else { return nil }
            let closed = i < end && bytes[i] == UInt8(ascii: ";")
            if closed { i += 1 }
            if strict {
                guard closed, let scalar = Unicode.Scalar(value), value != 0,
                      scalar.properties.generalCategory != .control || scalar == "\t" else { return nil }
            }
            return Reference(length: i - start, scalar: numericScalar(value))
        }
        let nameStart = i
        while i < end, i - nameStart < 32, isAlphanumeric(bytes[i]) { i += 1 }
        guard i > nameStart else { return nil }
        let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
        if i < end, bytes[i] == UInt8(ascii: ";") {
            guard let scalar = named[name], !strict || scalar.properties.generalCategory != .control || scalar == "\t" else { return nil }
            return Reference(length: i + 1 - start, scalar: scalar)
        }
        guard !strict, legacy.contains(name), let scalar = named[name],
              i >= end || bytes[i] != UInt8(ascii: "=") else { return nil }
        return Reference(length: i - start, scalar: scalar)
    }

    /// `bytes` with every reference decoded (for attribute values such as `href` and `style`).
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        let array = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(array.count)
        var i = 0
        while i < array.count {
            if array[i] == UInt8(ascii: "&"), let found = reference(in: array, at: i, end: array.count) {
                out += found.utf8
                i += found.length
            } else {
                out.append(array[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func numericScalar(_ value: UInt32) -> Unicode.Scalar {
        if (0x80...0x9F).contains(value), let mapped = windows1252[value] { return mapped }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// Names browsers decode even without the closing `;`.
    private static let legacy: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "AMP", "LT", "GT", "QUOT"]

    /// What `&#128;` to `&#159;` mean in practice (Windows-1252), as the HTML standard says.
    private static let windows1252: [UInt32: Unicode.Scalar] = [
        0x80: "\u{20AC}", 0x82: "\u{201A}", 0x83: "\u{0192}", 0x84: "\u{201E}", 0x85: "\u{2026}", 0x86: "\u{2020}",
        0x87: "\u{2021}", 0x88: "\u{02C6}", 0x89: "\u{2030}", 0x8A: "\u{0160}", 0x8B: "\u{2039}", 0x8C: "\u{0152}",
        0x8E: "\u{017D}", 0x91: "\u{2018}", 0x92: "\u{2019}", 0x93: "\u{201C}", 0x94: "\u{201D}", 0x95: "\u{2022}",
        0x96: "\u{2013}", 0x97: "\u{2014}", 0x98: "\u{02DC}", 0x99: "\u{2122}", 0x9A: "\u{0161}", 0x9B: "\u{203A}",
        0x9C: "\u{0153}", 0x9E: "\u{017E}", 0x9F: "\u{0178}",
    ]

    /// The named references Redline decodes: markup, spaces and invisibles, punctuation,
    /// symbols, Latin-1 letters and the Greek alphabet.
    static let named: [String: Unicode.Scalar] = [
        // Markup and spaces
        "amp": "&", "AMP": "&", "lt": "<", "LT": "<", "gt": ">", "GT": ">", "quot": "\"", "QUOT": "\"", "apos": "'",
        "nbsp": "\u{00A0}", "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "hairsp": "\u{200A}",
        "zwnj": "\u{200C}", "zwj": "\u{200D}", "ZeroWidthSpace": "\u{200B}", "NoBreak": "\u{2060}", "lrm": "\u{200E}", "rlm": "\u{200F}", "shy": "\u{00AD}",
        "Tab": "\t", "NewLine": "\n",
        // Punctuation
        "ndash": "\u{2013}", "mdash": "\u{2014}", "hyphen": "\u{2010}", "dash": "\u{2010}", "minus": "\u{2212}",
        "lsquo": "\u{2018}", "rsquo": "\u{2019}", "sbquo": "\u{201A}", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
        "bdquo": "\u{201E}", "laquo": "\u{00AB}", "raquo": "\u{00BB}", "lsaquo": "\u{2039}", "rsaquo": "\u{203A}",
        "hellip": "\u{2026}", "bull": "\u{2022}", "middot": "\u{00B7}", "prime": "\u{2032}", "Prime": "\u{2033}",
        "dagger": "\u{2020}", "Dagger": "\u{2021}", "iexcl": "\u{00A1}", "iquest": "\u{00BF}", "sect": "\u{00A7}",
        "para": "\u{00B6}", "excl": "!", "num": "#", "dollar": "$", "percnt": "%", "lpar": "(", "rpar": ")",
        "ast": "*", "plus": "+", "comma": ",", "period": ".", "sol": "/", "colon": ":", "semi": ";", "equals": "=",
        "quest": "?", "commat": "@", "lsqb": "[", "rsqb": "]", "bsol": "\\", "lowbar": "_", "grave": "`",
        "lcub": "{", "rcub": "}", "verbar": "|", "vert": "|",
        // Symbols
        "copy": "\u{00A9}", "COPY": "\u{00A9}", "reg": "\u{00AE}", "REG": "\u{00AE}", "trade": "\u{2122}",
        "deg": "\u{00B0}", "plusmn": "\u{00B1}", "times": "\u{00D7}", "divide": "\u{00F7}", "permil": "\u{2030}",
        "frac12": "\u{00BD}", "frac14": "\u{00BC}", "frac34": "\u{00BE}", "sup1": "\u{00B9}", "sup2": "\u{00B2}",
        "sup3": "\u{00B3}", "micro": "\u{00B5}", "cent": "\u{00A2}", "pound": "\u{00A3}", "yen": "\u{00A5}",
        "euro": "\u{20AC}", "curren": "\u{00A4}", "ordf": "\u{00AA}", "ordm": "\u{00BA}", "not": "\u{00AC}",
        "macr": "\u{00AF}", "acute": "\u{00B4}", "cedil": "\u{00B8}", "uml": "\u{00A8}", "brvbar": "\u{00A6}",
        "larr": "\u{2190}", "rarr": "\u{2192}", "uarr": "\u{2191}", "darr": "\u{2193}", "harr": "\u{2194}",
        "le": "\u{2264}", "ge": "\u{2265}", "ne": "\u{2260}", "asymp": "\u{2248}", "infin": "\u{221E}",
        "check": "\u{2713}", "cross": "\u{2717}", "star": "\u{2606}", "starf": "\u{2605}", "hearts": "\u{2665}",
        "fnof": "\u{0192}", "circ": "\u{02C6}", "tilde": "\u{02DC}",
        // Latin letters
        "Agrave": "\u{00C0}", "Aacute": "\u{00C1}", "Acirc": "\u{00C2}", "Atilde": "\u{00C3}", "Auml": "\u{00C4}",
        "Aring": "\u{00C5}", "AElig": "\u{00C6}", "Ccedil": "\u{00C7}", "Egrave": "\u{00C8}", "Eacute": "\u{00C9}",
        "Ecirc": "\u{00CA}", "Euml": "\u{00CB}", "Igrave": "\u{00CC}", "Iacute": "\u{00CD}", "Icirc": "\u{00CE}",
        "Iuml": "\u{00CF}", "ETH": "\u{00D0}", "Ntilde": "\u{00D1}", "Ograve": "\u{00D2}", "Oacute": "\u{00D3}",
        "Ocirc": "\u{00D4}", "Otilde": "\u{00D5}", "Ouml": "\u{00D6}", "Oslash": "\u{00D8}", "Ugrave": "\u{00D9}",
        "Uacute": "\u{00DA}", "Ucirc": "\u{00DB}", "Uuml": "\u{00DC}", "Yacute": "\u{00DD}", "THORN": "\u{00DE}",
        "szlig": "\u{00DF}", "agrave": "\u{00E0}", "aacute": "\u{00E1}", "acirc": "\u{00E2}", "atilde": "\u{00E3}",
        "auml": "\u{00E4}", "aring": "\u{00E5}", "aelig": "\u{00E6}", "ccedil": "\u{00E7}", "egrave": "\u{00E8}",
        "eacute": "\u{00E9}", "ecirc": "\u{00EA}", "euml": "\u{00EB}", "igrave": "\u{00EC}", "iacute": "\u{00ED}",
        "icirc": "\u{00EE}", "iuml": "\u{00EF}", "eth": "\u{00F0}", "ntilde": "\u{00F1}", "ograve": "\u{00F2}",
        "oacute": "\u{00F3}", "ocirc": "\u{00F4}", "otilde": "\u{00F5}", "ouml": "\u{00F6}", "oslash": "\u{00F8}",
        "ugrave": "\u{00F9}", "uacute": "\u{00FA}", "ucirc": "\u{00FB}", "uuml": "\u{00FC}", "yacute": "\u{00FD}",
        "thorn": "\u{00FE}", "yuml": "\u{00FF}", "Yuml": "\u{0178}", "OElig": "\u{0152}", "oelig": "\u{0153}",
        "Scaron": "\u{0160}", "scaron": "\u{0161}", "Zcaron": "\u{017D}", "zcaron": "\u{017E}",
        // Greek
        "Alpha": "\u{0391}", "Beta": "\u{0392}", "Gamma": "\u{0393}", "Delta": "\u{0394}", "Epsilon": "\u{0395}",
        "Zeta": "\u{0396}", "Eta": "\u{0397}", "Theta": "\u{0398}", "Iota": "\u{0399}", "Kappa": "\u{039A}",
        "Lambda": "\u{039B}", "Mu": "\u{039C}", "Nu": "\u{039D}", "Xi": "\u{039E}", "Omicron": "\u{039F}",
        "Pi": "\u{03A0}", "Rho": "\u{03A1}", "Sigma": "\u{03A3}", "Tau": "\u{03A4}", "Upsilon": "\u{03A5}",
        "Phi": "\u{03A6}", "Chi": "\u{03A7}", "Psi": "\u{03A8}", "Omega": "\u{03A9}",
        "alpha": "\u{03B1}", "beta": "\u{03B2}", "gamma": "\u{03B3}", "delta": "\u{03B4}", "epsilon": "\u{03B5}",
        "zeta": "\u{03B6}", "eta": "\u{03B7}", "theta": "\u{03B8}", "iota": "\u{03B9}", "kappa": "\u{03BA}",
        "lambda": "\u{03BB}", "mu": "\u{03BC}", "nu": "\u{03BD}", "xi": "\u{03BE}", "omicron": "\u{03BF}",
        "pi": "\u{03C0}", "rho": "\u{03C1}", "sigmaf": "\u{03C2}", "sigma": "\u{03C3}", "tau": "\u{03C4}",
        "upsilon": "\u{03C5}", "phi": "\u{03C6}", "chi": "\u{03C7}", "psi": "\u{03C8}", "omega": "\u{03C9}",
    ]
}
