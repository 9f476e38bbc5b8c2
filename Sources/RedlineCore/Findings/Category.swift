/// What kind of problem a rule looks for. The four built-in categories have names;
/// packs may introduce others, kept as their raw string.
public struct Category: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// A claim about safety or efficacy that is unsubstantiated or dangerous.
    public static let unsafeClaim = Category(rawValue: "unsafe-claim")
    /// An offer to sell a controlled or prescription drug outside medical channels.
    public static let illicitSale = Category(rawValue: "illicit-sale")
    /// An article that promotes a treatment without the safety caveats it needs.
    public static let missingCaveat = Category(rawValue: "missing-caveat")
    /// Leftovers of comment spam: form boilerplate, link drops, contact-to-buy lines.
    public static let spamResidue = Category(rawValue: "spam-residue")

    /// The built-in categories, in report order.
    public static let builtIn: [Category] = [.unsafeClaim, .illicitSale, .missingCaveat, .spamResidue]

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: Category, rhs: Category) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}
