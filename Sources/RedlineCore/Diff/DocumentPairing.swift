import Foundation

/// Two versions of one article to compare. `old` is `nil` for an added article, `new` for a
/// removed one.
public struct DocumentPair: Sendable {
    public var old: Document?
    public var new: Document?

    public init(old: Document?, new: Document?) {
        self.old = old
        self.new = new
    }
}

/// What a pairing yields: two versions to compare, or an input it could not read.
public enum DiffItem: Sendable {
    case pair(DocumentPair)
    case skipped(SkippedInput)
}

/// The articles `redline diff` compares, read lazily one pair at a time: two files, two
/// directories paired by relative path, or the articles that changed between two git
/// revisions (or a revision and the working tree). Only articles count (`.txt`, `.md`,
/// `.markdown`, `.html`, `.htm`); a JSONL batch or a binary file is a skipped input.
public struct DocumentPairs: Sequence, Sendable {
    /// Where one version of an article is read from.
    enum Version: Sendable {
        case file(String)
        /// A blob of a git revision: the path in the repository, and the path as shown.
        case blob(revision: String, path: String, shown: String)
    }

    struct Entry: Sendable {
        var old: Version?
        var new: Version?
    }

    let entries: [Entry]
    /// Inputs found but not comparable (JSONL batches), yielded first.
    let skipped: [SkippedInput]

    /// Two files, or two directories paired by path relative to each (leaving out the files
    /// `isIgnored` names).
    public static func paths(old: String, new: String, isIgnored: (String) -> Bool = { _ in false }) throws(DiffInputError) -> DocumentPairs {
        switch (try isDirectory(old), try isDirectory(new)) {
        case (false, false): DocumentPairs(entries: [Entry(old: .file(old), new: .file(new))], skipped: [])
        case (true, true): directories(old: old, new: new, isIgnored: isIgnored)
        default: throw .notComparable(old: old, new: new)
        }
    }

    private static func isDirectory(_ path: String) throws(DiffInputError) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .missing(path: path) }
        return isDirectory.boolValue
    }

    /// The articles of two directories, paired by relative path, in path order; an article
    /// in one directory only is added or removed.
    static func directories(old: String, new: String, isIgnored: (String) -> Bool) -> DocumentPairs {
        var skipped: [SkippedInput] = []
        func articles(in root: String) -> [String: String] {
            var found: [String: String] = [:]
            var pending = [root]
            while let directory = pending.popLast() {
                for entry in DirectoryListing(directory) where entry.isDirectory || !isIgnored(entry.path) {
                    if entry.isDirectory {
                        pending.append(entry.path)
                    } else if DocumentFormat(pathExtension: (entry.path as NSString).pathExtension) != nil {
                        found[String(entry.path.dropFirst(root.count).trimmingPrefix("/"))] = entry.path
                    } else {
                        skipped.append(notComparable(entry.path))
                    }
                }
            }
            return found
        }
        let oldArticles = articles(in: old)
        let newArticles = articles(in: new)
        let entries = Set(oldArticles.keys).union(newArticles.keys).sorted().map { relative in
            Entry(old: oldArticles[relative].map(Version.file), new: newArticles[relative].map(Version.file))
        }
        return DocumentPairs(entries: entries, skipped: skipped.sorted { $0.path < $1.path })
    }

    /// The articles that differ between two revisions of the git repository holding the
    /// current directory, as `git diff --name-status` lists them (a rename pairs its two
    /// paths). `range` is `BASE` (against the working tree, untracked articles included),
    /// `BASE..HEAD`, or `BASE...HEAD` (from the merge base, as in a pull request).
    /// `pathspecs` limit the articles as in `git diff -- PATH...`, and `isIgnored` leaves
    /// some out. Paths are shown relative to the current directory.
    public static func git(range: String, pathspecs: [String] = [], isIgnored: (String) -> Bool = { _ in false }) throws(DiffInputError) -> DocumentPairs {
        let prefix = try Git.line(["rev-parse", "--show-prefix"])
        let (base, head) = try revisions(range)
        let shown = { (path: String) in relative(path, toPrefix: prefix) }
        let version = { (revision: String?, path: String) -> Version in
            revision.map { .blob(revision: $0, path: path, shown: shown(path)) } ?? .file(shown(path))
        }
        var fields = try Git.run(["diff", "--name-status", "-z", "--find-renames", "--no-ext-diff", base] + (head.map { [$0] } ?? []) + ["--"] + pathspecs)
            .split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }.reversed() as [String]
        var entries: [Entry] = []
        var skipped: [SkippedInput] = []
        func isArticle(_ path: String) -> Bool {
            DocumentFormat(pathExtension: (path as NSString).pathExtension) != nil && !isIgnored(shown(path))
        }
        while let status = fields.popLast(), let path = fields.popLast(), !status.isEmpty {
            let renamed = status.hasPrefix("R") || status.hasPrefix("C")
            let newPath = renamed ? fields.popLast() ?? path : path
            let oldSide = status.hasPrefix("A") || status.hasPrefix("C") ? nil : version(base, path)
            let newSide = status.hasPrefix("D") ? nil : version(head, newPath)
            if isArticle(path) || isArticle(newPath) {
                entries.append(Entry(old: isArticle(path) ? oldSide : nil, new: isArticle(newPath) ? newSide : nil))
            } else if (newPath as NSString).pathExtension.lowercased() == "jsonl" {
                skipped.append(notComparable(shown(newPath)))
            }
        }
        if head == nil {
            let untracked = try Git.run(["ls-files", "--others", "--exclude-standard", "--full-name", "-z", "--"] + pathspecs)
                .split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            entries += untracked.filter(isArticle).map { Entry(old: nil, new: .file(shown($0))) }
        }
        return DocumentPairs(entries: entries, skipped: skipped)
    }

    /// The base revision and the head revision (`nil`: the working tree) of a range.
    private static func revisions(_ range: String) throws(DiffInputError) -> (String, String?) {
        if let dots = range.range(of: "...") {
            let head = String(range[dots.upperBound...]).nonEmpty ?? "HEAD"
            let base = try Git.line(["merge-base", String(range[..<dots.lowerBound]).nonEmpty ?? "HEAD", head])
            return (base, head)
        }
        if let dots = range.range(of: "..") {
            return (String(range[..<dots.lowerBound]).nonEmpty ?? "HEAD", String(range[dots.upperBound...]).nonEmpty ?? "HEAD")
        }
        return (range, nil)
    }

    /// A path relative to the repository's top level, made relative to the current directory
    /// (`prefix` is the current directory's path from the top level, as `git rev-parse
    /// --show-prefix` prints it).
    static func relative(_ path: String, toPrefix prefix: String) -> String {
        var directory = prefix.split(separator: "/").map(String.init)
        var parts = path.split(separator: "/").map(String.init)
        while let first = directory.first, first == parts.first, parts.count > 1 {
            directory.removeFirst()
            parts.removeFirst()
        }
        return (Array(repeating: "..", count: directory.count) + parts).joined(separator: "/")
    }

    private static func notComparable(_ path: String) -> SkippedInput {
        SkippedInput(path: path, reason: Diagnostic(code: .unsupportedType, message: "JSONL batches are not compared; scan them with redline scan"))
    }

    public func makeIterator() -> Iterator { Iterator(pairs: self) }

    /// Reads one pair at a time.
    public struct Iterator: IteratorProtocol {
        private var skipped: IndexingIterator<[SkippedInput]>
        private var entries: IndexingIterator<[Entry]>

        init(pairs: DocumentPairs) {
            skipped = pairs.skipped.makeIterator()
            entries = pairs.entries.makeIterator()
        }

        public mutating func next() -> DiffItem? {
            if let input = skipped.next() { return .skipped(input) }
            guard let entry = entries.next() else { return nil }
            var pair = DocumentPair(old: nil, new: nil)
            for (version, side) in [(entry.old, \DocumentPair.old), (entry.new, \DocumentPair.new)] {
                guard let version else { continue }
                switch Self.read(version) {
                case .document(let document): pair[keyPath: side] = document
                case .skipped(let input): return .skipped(input)
                }
            }
            return .pair(pair)
        }

        private static func read(_ version: Version) -> InputItem {
            switch version {
            case .file(let path):
                return DocumentSource.read(path, format: format(of: path))
            case .blob(let revision, let path, let shown):
                do {
                    return DocumentSource.document(path: shown, bytes: try Git.run(["cat-file", "blob", "\(revision):\(path)"]), format: format(of: path))
                } catch {
                    return .skipped(SkippedInput(path: shown, reason: Diagnostic(code: .unreadable, message: error.description)))
                }
            }
        }

        private static func format(of path: String) -> DocumentFormat {
            DocumentFormat(pathExtension: (path as NSString).pathExtension) ?? .plain
        }
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
