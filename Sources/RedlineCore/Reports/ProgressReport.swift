import Foundation

/// A one-line progress display for a person at a terminal, beside a report: documents done,
/// MB/s, elapsed time and, when the total size is known, the time left. It stays silent
/// during the first second (short runs print nothing), redraws at most ten times a second
/// over itself (`\r`, clear to end of line) and erases itself at the end. It writes through
/// `write` (the CLI passes standard error, and only when that is a terminal), never into a
/// report.
public final class ProgressReport: ReportSink {
    private let totalBytes: Int?
    private let write: (String) -> Void
    private let clock: () -> TimeInterval
    private var started: TimeInterval = 0
    private var lastDrawn: TimeInterval?
    private var documents = 0
    private var bytes = 0

    /// - Parameters:
    ///   - totalBytes: the size of all inputs, for the time left; `nil` when unknown (stdin).
    ///   - write: where the line goes.
    ///   - clock: seconds on a monotonic clock.
    public init(totalBytes: Int?, write: @escaping (String) -> Void,
                clock: @escaping () -> TimeInterval = { ProcessInfo.processInfo.systemUptime }) {
        self.totalBytes = totalBytes
        self.write = write
        self.clock = clock
    }

    public func begin(_ run: RunInfo) throws { started = clock() }

    public func document(_ result: DocumentResult) throws {
        documents += 1
        bytes += result.byteCount
        redraw()
    }

    public func skipped(_ input: SkippedInput) throws { redraw() }

    public func end(_ summary: RunSummary) throws {
        if lastDrawn != nil { write("\r\u{1B}[K") }
    }

    private func redraw() {
        let now = clock()
        guard now - started > 1, lastDrawn.map({ now - $0 >= 0.1 }) ?? true else { return }
        lastDrawn = now
        write("\r\u{1B}[K" + Self.line(documents: documents, bytes: bytes, elapsed: now - started, totalBytes: totalBytes))
    }

    /// The progress text: `120 documents, 3.4 MB/s, 0:05 elapsed, ETA 0:12`.
    static func line(documents: Int, bytes: Int, elapsed: TimeInterval, totalBytes: Int?) -> String {
        let rate = elapsed > 0 ? Double(bytes) / elapsed : 0
        var text = "\(documents) document(s), \(String(format: "%.1f", rate / 1_000_000)) MB/s, \(clockTime(elapsed)) elapsed"
        if let totalBytes, rate > 0 { text += ", ETA \(clockTime(Double(max(0, totalBytes - bytes)) / rate))" }
        return text
    }

    /// `m:ss`, or `h:mm:ss` from an hour on.
    static func clockTime(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }

    /// The total size of the files a scan of `paths` reads (directories walked for the
    /// extensions `DocumentSource` reads), or `nil` when a path is standard input.
    public static func totalBytes(of paths: [String]) -> Int? {
        guard !paths.contains("-") else { return nil }
        let manager = FileManager.default
        let size = { (path: String) in ((try? manager.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0 }
        return paths.reduce(0) { total, path in
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return total }
            guard isDirectory.boolValue else { return total + size(path) }
            guard let files = manager.enumerator(atPath: path) else { return total }
            // One file at a time: a directory of 100,000 articles is never listed whole.
            var sum = total
            for case let file as String in files where DocumentSource.walkedExtensions.contains((file as NSString).pathExtension.lowercased()) {
                sum += size((path as NSString).appendingPathComponent(file))
            }
            return sum
        }
    }
}
