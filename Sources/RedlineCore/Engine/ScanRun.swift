import Foundation

/// Drives one scan: documents from a source through the scanner into every sink, counting
/// each input (scanned or skipped) in the summary.
public enum ScanRun {
    /// Scans everything `source` (usually a `DocumentSource`) yields. Returns the summary also
    /// handed to the sinks. A document's findings fail at `failOn`, or at its path's override
    /// in the scanner's configuration. Findings `baseline` knows are left out and counted as `baselined`;
    /// with `showSuppressed`, sinks list suppressed findings too. With `jobs` > 1, documents are
    /// scanned on that many threads; the calling thread reads the input, applies the baseline
    /// and feeds the sinks, in input order. A huge document's chunks use up to `jobs` threads
    /// too (the scanner's `splitting.jobs` is set to `jobs`).
    public static func run(source: some Sequence<InputItem>, scanner: Scanner, sinks: [any ReportSink], failOn: Severity?,
                           baseline: Baseline? = nil, showSuppressed: Bool = false, jobs: Int = 1) throws -> RunSummary {
        var scanner = scanner
        scanner.splitting.jobs = jobs
        let info = RunInfo(rules: scanner.ruleSet.specs, failOn: failOn, thresholds: scanner.thresholds, showSuppressed: showSuppressed)
        for sink in sinks { try sink.begin(info) }
        var summary = RunSummary()
        func emit(_ item: ScannedItem) throws {
            switch item {
            case .result(var result):
                result.failOn = scanner.configuration.failOn(forPath: result.path, fallback: failOn)
                summary.baselined += baseline?.removeKnown(from: &result) ?? 0
                summary.add(result, failOn: result.failOn)
                for sink in sinks { try sink.document(result) }
            case .skipped(let input):
                summary.add(input)
                for sink in sinks { try sink.skipped(input) }
            }
        }
        if jobs <= 1 {
            let scratch = MatchScratch()
            for item in source {
                switch item {
                case .document(let document): try emit(.result(scanner.scan(document, scratch: scratch)))
                case .skipped(let input): try emit(.skipped(input))
                }
            }
        } else {
            let pipeline = Pipeline(scanner: scanner, jobs: jobs)
            defer { pipeline.finish() }
            for item in source {
                while let ready = pipeline.submit(item) { try emit(ready) }
                while let ready = pipeline.nextReady(wait: false) { try emit(ready) }
            }
            pipeline.close()
            while let ready = pipeline.nextReady(wait: true) { try emit(ready) }
        }
        for sink in sinks { try sink.end(summary) }
        return summary
    }
}

/// An input after scanning: a result, or the reason it was skipped.
enum ScannedItem: Sendable {
    case result(DocumentResult)
    case skipped(SkippedInput)
}

/// Worker threads between the reading thread and the sinks: a bounded queue of documents
/// in, a reorder buffer of results out. At most `documentsPerJob × jobs` documents and
/// `bytesPerJob × jobs` bytes of input are in flight (read and not yet handed to the sinks),
/// so memory stays flat however large the input.
///
/// The window is measured in bytes because results leave in input order: while one thread
/// scans a large document, the others go on with the documents after it only as far as the
/// window reaches, and then wait. A document up to the split threshold (1 MiB of text,
/// `DocumentSplitting`) is scanned whole by one thread, so each thread gets as many bytes
/// meanwhile. (With 4 documents in flight, the 15 documents of 0.3–1 MB in the 100 MB bench
/// corpus left a core idle for 1.3 of 5 seconds with `--jobs 2`.)
final class Pipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [(index: Int, document: Document)] = []
    private var queueHead = 0
    private var done: [Int: ScannedItem] = [:]
    private var submitted = 0
    private var emitted = 0
    private var bytesInFlight = 0
    private var sizes: [Int: Int] = [:]
    private var closed = false
    private var threads: [Thread] = []
    private let maxInFlight: Int
    private let maxBytesInFlight: Int
    /// Documents in flight per scanning thread.
    static let documentsPerJob = 256
    /// Bytes of input in flight per scanning thread.
    static let bytesPerJob = 1 << 20
    /// The stack of each scanning thread.
    static let stackSize = 8 << 20

    init(scanner: Scanner, jobs: Int) {
        maxInFlight = Pipeline.documentsPerJob * jobs
        maxBytesInFlight = Pipeline.bytesPerJob * jobs
        for _ in 0..<jobs {
            let thread = Thread { [self] in self.work(scanner) }
            thread.stackSize = Pipeline.stackSize
            threads.append(thread)
            thread.start()
        }
    }

    private func work(_ scanner: Scanner) {
        let scratch = MatchScratch()
        while true {
            condition.lock()
            while queueHead == queue.count && !closed { condition.wait() }
            if queueHead == queue.count {
                condition.unlock()
                return
            }
            let (index, document) = queue[queueHead]
            queueHead += 1
            if queueHead > 64 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            condition.unlock()
            let result = scanner.scan(document, scratch: scratch)
            condition.lock()
            done[index] = .result(result)
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Queues `item`. When the pipeline is full, returns the next result in input order
    /// instead (call again with the same item until it returns nil).
    func submit(_ item: InputItem) -> ScannedItem? {
        condition.lock()
        defer { condition.unlock() }
        let size: Int
        if case .document(let document) = item { size = document.bytes.count } else { size = 0 }
        let inFlight = submitted - emitted
        if inFlight > 0 && (inFlight >= maxInFlight || bytesInFlight + size > maxBytesInFlight) {
            return takeNext(wait: true)
        }
        let index = submitted
        submitted += 1
        bytesInFlight += size
        sizes[index] = size
        switch item {
        case .document(let document):
            queue.append((index, document))
            condition.broadcast()
        case .skipped(let input):
            done[index] = .skipped(input)
        }
        return nil
    }

    /// The next result in input order: nil when it is not ready (and `wait` is false) or
    /// when everything submitted has been returned.
    func nextReady(wait: Bool) -> ScannedItem? {
        condition.lock()
        defer { condition.unlock() }
        return takeNext(wait: wait)
    }

    private func takeNext(wait: Bool) -> ScannedItem? {
        while emitted < submitted {
            if let item = done.removeValue(forKey: emitted) {
                bytesInFlight -= sizes.removeValue(forKey: emitted) ?? 0
                emitted += 1
                return item
            }
            if !wait { return nil }
            condition.wait()
        }
        return nil
    }

    /// No more input: workers exit once the queue is empty.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the workers (also after an error in a sink).
    func finish() {
        condition.lock()
        closed = true
        queue.removeAll()
        queueHead = 0
        condition.broadcast()
        condition.unlock()
    }
}
