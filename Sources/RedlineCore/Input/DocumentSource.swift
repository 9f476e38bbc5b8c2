import Foundation

/// An input that was not scanned, and why. Every one is counted in the run summary.
public struct SkippedInput: Sendable, Codable, Hashable {
    /// The file (or `-`); for a JSONL record, the JSONL file.
    public var path: String
    /// For a JSONL record, its 1-based line.
    public var line: Int?
    public var reason: Diagnostic

    public init(path: String, line: Int? = nil, reason: Diagnostic) {
        self.path = path
        self.line = line
        self.reason = reason
    }
}

/// What a `DocumentSource` yields: a document to scan, or an input it had to skip.
public enum InputItem: Sendable {
    case document(Document)
    case skipped(SkippedInput)
}

/// Options for reading inputs.
public struct InputOptions: Sendable {
    /// JSONL field holding a record's id.
    public var idField = "id"
    /// JSONL field holding a record's text.
    public var textField = "text"
    /// How to read standard input (`-`).
    public var stdinFormat: StdinFormat = .plain
    /// Files found by walking a directory that are left out (the configuration's `ignore`);
    /// files named on the command line are always read.
    public var isIgnored: @Sendable (String) -> Bool = { _ in false }

    /// Formats accepted for standard input.
    public enum StdinFormat: String, Sendable, CaseIterable {
        case plain, markdown, html, jsonl
    }

    public init() {}
}

/// A lazy sequence of documents from files, directories (walked recursively, in sorted
/// order), JSONL files (one record per line) and standard input (`-`). Only one document is
/// in memory at a time; a JSONL file is read in chunks, never whole; a directory being
/// walked holds its entries' names, not their paths (`DirectoryListing`).
public struct DocumentSource: Sequence, Sendable {
    /// File extensions picked up when walking a directory.
    public static let walkedExtensions: Set<String> = ["txt", "md", "markdown", "html", "htm", "jsonl"]

    public let paths: [String]
    public let options: InputOptions

    public init(paths: [String], options: InputOptions = InputOptions()) {
        self.paths = paths
        self.options = options
    }

    public func makeIterator() -> Iterator { Iterator(paths: paths, options: options) }

    /// Walks the inputs one item at a time.
    public struct Iterator: IteratorProtocol {
        private var pending: [String]
        /// The directories being walked, innermost last.
        private var walks: [DirectoryListing.Iterator] = []
        private let options: InputOptions
        private let decoder: JSONRecordDecoder
        private var jsonl: (reader: LineReader, path: String)?

        init(paths: [String], options: InputOptions) {
            pending = paths.reversed()
            self.options = options
            decoder = JSONRecordDecoder(idField: options.idField, textField: options.textField)
        }

        public mutating func next() -> InputItem? {
            while true {
                if let item = nextJSONLRecord() { return item }
                if !walks.isEmpty {
                    if let entry = walks[walks.count - 1].next() {
                        if entry.isDirectory || !options.isIgnored(entry.path), let item = open(entry.path) { return item }
                    } else {
                        walks.removeLast()
                    }
                    continue
                }
                guard let path = pending.popLast() else { return nil }
                if let item = open(path) { return item }
            }
        }

        /// Opens one path: returns an item, or starts walking a directory / reading a JSONL file.
        private mutating func open(_ path: String) -> InputItem? {
            if path == "-" {
                let bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
                if options.stdinFormat == .jsonl {
                    jsonl = (LineReader(bytes: bytes), "-")
                    return nil
                }
                let format = DocumentFormat(rawValue: options.stdinFormat.rawValue) ?? .plain
                return DocumentSource.document(path: "-", bytes: bytes, format: format)
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                return .skipped(SkippedInput(path: path, reason: Diagnostic(code: .unreadable, message: "no such file or directory")))
            }
            if isDirectory.boolValue {
                walks.append(DirectoryListing(path).makeIterator())
                return nil
            }
            let ext = (path as NSString).pathExtension.lowercased()
            if ext == "jsonl" {
                guard let reader = LineReader(path: path) else {
                    return .skipped(SkippedInput(path: path, reason: Diagnostic(code: .unreadable, message: "cannot open the file for reading")))
                }
                jsonl = (reader, path)
                return nil
            }
            return DocumentSource.read(path, format: DocumentFormat(pathExtension: ext) ?? .plain)
        }

        private mutating func nextJSONLRecord() -> InputItem? {
            guard let current = jsonl else { return nil }
            defer { jsonl = current.reader.isAtEnd ? nil : current }
            while let (lineNumber, line) = current.reader.nextLine() {
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                let outcome = line.withUnsafeBufferPointer { buffer in
                    Result { () throws(JSONRecordDecoder.DecodeError) in try decoder.decode(buffer) }
                }
                switch outcome {
                case .success(let record):
                    let id = record.id ?? "\(current.path):\(lineNumber)"
                    var document = Document(id: id, path: current.path, recordLine: lineNumber, bytes: record.text, format: .plain)
                    if record.hadLoneSurrogate {
                        document.diagnostics.append(Diagnostic(
                            code: .invalidUTF8,
                            message: "JSONL line \(lineNumber): a \\u escape holds a lone surrogate; read as U+FFFD"))
                    }
                    return .document(document)
                case .failure(let error):
                    return .skipped(SkippedInput(path: current.path, line: lineNumber, reason: Diagnostic(
                        code: .badRecord, message: error.message, line: lineNumber, column: error.column)))
                }
            }
            return nil
        }
    }
}

extension DocumentSource {
    /// The document in the file at `path`, or the reason it cannot be scanned.
    static func read(_ path: String, format: DocumentFormat) -> InputItem {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .skipped(SkippedInput(path: path, reason: Diagnostic(code: .unreadable, message: "cannot read the file")))
        }
        return document(path: path, bytes: Array(data), format: format)
    }

    /// A document of `bytes` read from `path`, or a skipped input when they are binary.
    static func document(path: String, bytes: [UInt8], format: DocumentFormat) -> InputItem {
        if let nul = bytes.firstIndex(of: 0) {
            let place = LineIndex(bytes).location(of: nul)
            return .skipped(SkippedInput(path: path, reason: Diagnostic(
                code: .binaryInput, message: "contains a NUL byte: binary files are not scanned",
                line: place.line, column: place.column)))
        }
        return .document(Document(id: path, path: path, bytes: bytes, format: format))
    }
}

/// Reads a file (or a byte buffer) line by line in 1 MiB chunks; memory stays bounded by
/// the longest line.
final class LineReader {
    private let handle: FileHandle?
    private var buffer: [UInt8]
    private var position = 0
    private var lineNumber = 0
    private var exhausted: Bool

    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
        buffer = []
        exhausted = false
    }

    init(bytes: [UInt8]) {
        handle = nil
        buffer = bytes
        exhausted = true
    }

    deinit { try? handle?.close() }

    var isAtEnd: Bool { exhausted && position >= buffer.count }

    /// The next line without its `\n` (and without a trailing `\r`), with its 1-based number.
    func nextLine() -> (Int, [UInt8])? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                var end = newline
                if end > position, buffer[end - 1] == 0x0D { end -= 1 }
                let line = Array(buffer[position..<end])
                position = newline + 1
                lineNumber += 1
                return (lineNumber, line)
            }
            if exhausted {
                guard position < buffer.count else { return nil }
                let line = Array(buffer[position...])
                position = buffer.count
                lineNumber += 1
                return (lineNumber, line)
            }
            refill()
        }
    }

    private func refill() {
        buffer.removeSubrange(0..<position)
        position = 0
        let chunk = handle?.readData(ofLength: 1 << 20) ?? Data()
        if chunk.isEmpty { exhausted = true } else { buffer.append(contentsOf: chunk) }
    }
}
