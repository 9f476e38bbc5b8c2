import CHyperscan
import Foundation

/// Compiled prefilter databases kept on disk, so start-up does not pay Hyperscan's compile
/// (about a second for the default packs) more than once per rule change. The cache lives in
/// `$REDLINE_CACHE_DIR`, else `$XDG_CACHE_HOME/redline`, else `~/.cache/redline`; a file
/// is named by a hash of Hyperscan's version, the CPU it compiles for (tuning and features:
/// under valgrind, which hides AVX-512, Hyperscan rejects a native database and compiles one
/// that a native run would otherwise load, built without AVX-512) and every pattern with its
/// flags. Any problem
/// (no home, unwritable, corrupt file) means compiling again, never a failure.
enum PrefilterCache {
    static var directory: String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["REDLINE_CACHE_DIR"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/redline" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/redline" }
        return nil
    }

    /// A file-name-safe key for the patterns.
    static func key(_ patterns: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let version = String(cString: hs_version())
        var platform = hs_platform_info_t()
        let cpu = hs_populate_platform(&platform) == HS_SUCCESS ? "\(platform.tune) \(platform.cpu_features)" : "unknown"
        for byte in ("redline-prefilter 5\n" + version + "\n" + cpu + "\n" + patterns.joined(separator: "\n")).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return String(hash, radix: 16) + "-\(patterns.count)"
    }

    /// The modes, which patterns are split into head and tail, and the database stored under `key`.
    static func load(key: String, count: Int) -> ([PrefilterMode], [Bool], OpaquePointer)? {
        guard let directory, let text = try? String(contentsOfFile: "\(directory)/\(key).modes", encoding: .utf8),
              let data = FileManager.default.contents(atPath: "\(directory)/\(key).hsdb") else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        guard lines.count == count else { return nil }
        var modes: [PrefilterMode] = []
        var split: [Bool] = []
        for line in lines {
            var fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            split.append(fields[0].hasSuffix("+"))
            if split.last! { fields[0].removeLast() }
            switch fields[0] {
            case "w": modes.append(.windowed(maxWidth: fields.count > 1 ? Int(fields[1]) : nil, singleLine: false))
            case "l": modes.append(.windowed(maxWidth: fields.count > 1 ? Int(fields[1]) : nil, singleLine: true))
            case "a": modes.append(.approximate)
            case "d": modes.append(.direct(reason: fields.count > 1 ? fields[1] : ""))
            default: return nil
            }
        }
        var database: OpaquePointer?
        let rc = data.withUnsafeBytes { raw in
            hs_deserialize_database(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count, &database)
        }
        guard rc == HS_SUCCESS, let database else { return nil }
        return (modes, split, database)
    }

    /// Stores `database` with each pattern's mode and split under `key`; a split pattern's mode
    /// letter carries a `+`.
    static func store(key: String, modes: [PrefilterMode], split: [Bool], database: OpaquePointer) {
        guard let directory else { return }
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        guard hs_serialize_database(database, &bytes, &length) == HS_SUCCESS, let bytes else { return }
        defer { free(bytes) }
        let text = zip(modes, split).map { mode, isSplit -> String in
            switch mode {
            case .windowed(let maxWidth, let singleLine): (singleLine ? "l" : "w") + (isSplit ? "+" : "") + (maxWidth.map { "\t\($0)" } ?? "")
            case .approximate: "a"
            case .direct(let reason): "d\t" + reason.replacingOccurrences(of: "\n", with: " ")
            }
        }.joined(separator: "\n") + "\n"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let suffix = ".\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let database = Data(bytes: bytes, count: length)
        // The database first: a modes file only ever names a complete database.
        for (name, data) in [("\(key).hsdb", database), ("\(key).modes", Data(text.utf8))] {
            let path = "\(directory)/\(name)"
            guard FileManager.default.createFile(atPath: path + suffix, contents: data) else { return }
            if rename(path + suffix, path) != 0 { unlink(path + suffix); return }
        }
    }
}
