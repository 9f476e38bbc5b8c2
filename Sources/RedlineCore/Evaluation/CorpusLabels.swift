import Foundation
import Yams

/// What an article's sidecar (`NAME.expect.yml`) says an editor expects: the phrases that
/// must be flagged (per category), whether the article must carry a missing-caveat
/// finding, the categories that must not appear, and the expected verdict.
public struct ArticleLabels: Sendable, Codable, Equatable {
    /// One labelled phrase.
    public struct SpanLabel: Sendable, Codable, Equatable {
        public var category: Category
        /// The exact bytes as they occur in the article.
        public var phrase: String
        /// 1-based occurrence to label; nil labels every occurrence.
        public var occurrence: Int?
        public var note: String?
    }

    public var description: String?
    public var verdict: Verdict
    public var missingCaveat: Bool
    public var spans: [SpanLabel]
    public var absent: [Category]

    enum CodingKeys: String, CodingKey {
        case description, verdict, spans, absent
        case missingCaveat = "missing_caveat"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        verdict = try container.decode(Verdict.self, forKey: .verdict)
        missingCaveat = try container.decode(Bool.self, forKey: .missingCaveat)
        spans = try container.decodeIfPresent([SpanLabel].self, forKey: .spans) ?? []
        absent = try container.decodeIfPresent([Category].self, forKey: .absent) ?? []
    }

    /// The sidecar path for an article: `dir/NAME.ext` -> `dir/NAME.expect.yml`.
    public static func sidecarPath(for articlePath: String) -> String {
        ((articlePath as NSString).deletingPathExtension) + ".expect.yml"
    }

    /// Reads and checks a sidecar. Errors name the file and, where YAML says, line and column.
    public static func load(sidecar path: String) throws(LabelError) -> ArticleLabels {
        guard let data = FileManager.default.contents(atPath: path) else { throw LabelError(file: path, message: "cannot read the sidecar") }
        do {
            return try YAMLDecoder().decode(ArticleLabels.self, from: String(decoding: data, as: UTF8.self))
        } catch let error as YamlError {
            throw LabelError(file: path, message: "invalid YAML: \(error)")
        } catch let DecodingError.keyNotFound(key, context) {
            throw LabelError(file: path, message: "missing key '\(key.stringValue)'\(LabelError.where(context))")
        } catch let DecodingError.dataCorrupted(context) {
            throw LabelError(file: path, message: "bad value\(LabelError.where(context)): \(context.debugDescription)")
        } catch let DecodingError.typeMismatch(_, context) {
            throw LabelError(file: path, message: "wrong type\(LabelError.where(context)): \(context.debugDescription)")
        } catch {
            throw LabelError(file: path, message: "\(error)")
        }
    }

    /// The byte ranges of every labelled phrase in `bytes`, per label (in label order).
    /// A phrase that does not occur (or lacks the requested occurrence) is an error.
    public func ranges(in bytes: [UInt8], sidecar: String) throws(LabelError) -> [(label: SpanLabel, range: Range<Int>)] {
        var result: [(SpanLabel, Range<Int>)] = []
        for label in spans {
            let occurrences = ArticleLabels.occurrences(of: Array(label.phrase.utf8), in: bytes)
            if let wanted = label.occurrence {
                guard wanted >= 1, wanted <= occurrences.count else {
                    throw LabelError(file: sidecar, message: "phrase \(label.phrase.debugDescription) has \(occurrences.count) occurrence(s), not \(wanted)")
                }
                result.append((label, occurrences[wanted - 1]))
            } else {
                guard !occurrences.isEmpty else {
                    throw LabelError(file: sidecar, message: "phrase \(label.phrase.debugDescription) does not occur in the article")
                }
                result += occurrences.map { (label, $0) }
            }
        }
        return result
    }

    static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        var found: [Range<Int>] = []
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], haystack[i..<(i + needle.count)].elementsEqual(needle) {
                found.append(i..<(i + needle.count))
                i += needle.count
            } else {
                i += 1
            }
        }
        return found
    }
}

/// A sidecar that cannot be used, with its file.
public struct LabelError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): error: \(message)" }

    static func `where`(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "" : " at \(path)"
    }
}
