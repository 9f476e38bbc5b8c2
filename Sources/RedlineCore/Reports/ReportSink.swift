import Foundation

/// What sinks learn before the first document.
public struct RunInfo: Sendable {
    /// The active rules (SARIF lists them; others may ignore them).
    public var rules: [RuleSpec]
    /// Findings at or above this severity fail the run (`nil`: none fail).
    public var failOn: Severity?
    public var thresholds: ScoreThresholds
    /// Whether reports list suppressed findings (`--show-suppressed`); they always count them.
    public var showSuppressed: Bool

    public init(rules: [RuleSpec], failOn: Severity?, thresholds: ScoreThresholds, showSuppressed: Bool = false) {
        self.rules = rules
        self.failOn = failOn
        self.thresholds = thresholds
        self.showSuppressed = showSuppressed
    }
}

/// Totals of a run: every input accounted for, findings by severity and category, verdicts.
public struct RunSummary: Sendable, Codable, Equatable {
    public var documentsScanned = 0
    public var documentsSkipped = 0
    public var bytesScanned = 0
    public var findings = 0
    public var bySeverity: [String: Int] = [:]
    public var byCategory: [String: Int] = [:]
    public var verdicts: [String: Int] = [:]
    /// Findings at or above the fail-on severity.
    public var failing = 0
    public var diagnostics = 0
    /// Findings inline comments turned off.
    public var suppressed = 0
    /// Findings left out because the baseline (`scan --baseline`) knows them.
    public var baselined = 0
    /// Every input that was not scanned, with its reason.
    public var skipped: [SkippedInput] = []

    public init() {}

    /// Counts one scanned document.
    public mutating func add(_ result: DocumentResult, failOn: Severity?) {
        documentsScanned += 1
        bytesScanned += result.byteCount
        findings += result.findings.count
        suppressed += result.suppressed.count
        diagnostics += result.diagnostics.count
        verdicts[result.verdict.rawValue, default: 0] += 1
        for finding in result.findings {
            bySeverity[finding.severity.rawValue, default: 0] += 1
            byCategory[finding.category.rawValue, default: 0] += 1
            if let failOn, finding.severity >= failOn { failing += 1 }
        }
    }

    /// Counts one skipped input.
    public mutating func add(_ skipped: SkippedInput) {
        documentsSkipped += 1
        self.skipped.append(skipped)
    }
}

/// A report format. The scanner pushes results in; a sink never matches, the scanner never
/// formats. Sinks stream: they write each document as it comes and hold no run-wide list
/// of documents unless their format demands it (and then say so in their doc comment).
public protocol ReportSink: AnyObject {
    func begin(_ run: RunInfo) throws
    func document(_ result: DocumentResult) throws
    func skipped(_ input: SkippedInput) throws
    /// Writes the closing part and commits the output (an atomic rename for files).
    func end(_ summary: RunSummary) throws
}

/// Where a report goes: standard output, or a file written atomically (a temporary file
/// beside the target, renamed over it when the report is complete).
public final class ReportOutput {
    private let handle: FileHandle
    private let target: String?
    private let temporary: String?
    private var buffer: [UInt8] = []
    private var committed = false

    /// Standard output.
    public static func standardOutput() -> ReportOutput { ReportOutput(handle: .standardOutput, target: nil, temporary: nil) }

    /// A file at `path`, created atomically on `commit()`.
    public static func file(_ path: String) throws -> ReportOutput {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let temporary = "\(path).\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw ReportOutputError.cannotCreate(path: temporary, reason: String(cString: strerror(errno)))
        }
        return ReportOutput(handle: handle, target: path, temporary: temporary)
    }

    private init(handle: FileHandle, target: String?, temporary: String?) {
        self.handle = handle
        self.target = target
        self.temporary = temporary
    }

    /// A file report that was never committed (the run failed) leaves nothing behind.
    deinit {
        guard !committed, let temporary else { return }
        try? handle.close()
        unlink(temporary)
    }

    /// Whether this output is an interactive terminal (colour and progress are for people only).
    public var isTerminal: Bool { target == nil && isatty(STDOUT_FILENO) == 1 }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, renames the temporary file over the target.
    public func commit() throws {
        flush()
        guard let target, let temporary else { return }
        try handle.close()
        committed = true
        if rename(temporary, target) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ReportOutputError.cannotReplace(path: target, reason: reason)
        }
    }
}

/// A report file that could not be written. Nothing is left behind: no partial report and
/// no temporary file.
public enum ReportOutputError: Error, CustomStringConvertible {
    /// The temporary file beside the target could not be created.
    case cannotCreate(path: String, reason: String)
    /// The finished report could not be renamed over the target.
    case cannotReplace(path: String, reason: String)
    /// A temporary file holding part of the report was cut short before the report was assembled.
    case truncatedSpool(path: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason):
            "cannot create the report file \(path): \(reason); check that its directory is writable"
        case .cannotReplace(let path, let reason):
            "cannot write the report to \(path): \(reason); choose another path (an existing directory cannot be replaced)"
        case .truncatedSpool(let path):
            "the temporary file \(path) of the report was cut short; check the space left in the temporary directory and scan again"
        }
    }
}
