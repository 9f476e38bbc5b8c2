#if canImport(Glibc)
import CGlibcMalloc
#endif

/// How the process allocates, set once at start by the command-line tool.
public enum MemoryPolicy {
    /// The size from which glibc serves an allocation with its own `mmap`, returned to the
    /// system on `free`.
    static let mmapThreshold: Int32 = 256 << 10

    /// Keeps peak RSS flat over a long run: buffers of 256 KiB and more (a large document's
    /// bytes and text layers, a report's spool buffers) get pages of their own, returned when freed.
    ///
    /// By default glibc raises its mmap threshold to the largest block freed so far (up to
    /// 32 MiB), after which such buffers come from the threads' heaps and leave holes there
    /// that the heap keeps: scanning the 100 MB bench JSONL with all seven report formats and
    /// `--jobs 2` peaked at 58.8 MB, and at 48.2 MB with the threshold fixed (`/usr/bin/time`,
    /// same run time). Setting it also stops the heap trim threshold from following it.
    public static func apply() {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, mmapThreshold)
        #endif
    }
}
