import Foundation

/// The entries of one directory that a walk visits, sorted by name: its sub-directories and
/// its files with a walked extension (`DocumentSource.walkedExtensions`); hidden entries
/// (`.name`) are left out. The names are read with `readdir` into one byte buffer and each
/// entry's path is made only when it is visited, so a directory of 100,000 articles costs
/// a few megabytes, not a string per path.
struct DirectoryListing: Sequence {
    private struct Entry {
        var start: Int32
        var end: Int32
        var isDirectory: Bool
    }

    let directory: String
    private var names: [UInt8] = []
    private var entries: [Entry] = []

    /// Lists `directory`; one that cannot be read has no entries.
    init(_ directory: String) {
        self.directory = directory
        guard let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            guard name.first != UInt8(ascii: "."), let isDirectory = isWalked(name, type: entry.pointee.d_type) else { continue }
            entries.append(Entry(start: Int32(names.count), end: Int32(names.count + name.count), isDirectory: isDirectory))
            names += name
        }
        sortByName()
    }

    /// Whether the entry `name` is a directory (`nil`: the walk leaves it out). Symbolic
    /// links are followed, as `FileManager.fileExists` does.
    private func isWalked(_ name: [UInt8], type: UInt8) -> Bool? {
        var isDirectory = Int32(type) == DT_DIR
        if Int32(type) != DT_DIR && Int32(type) != DT_REG {
            var status = stat()
            isDirectory = stat(path(name[...]), &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
        }
        if isDirectory { return true }
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > 0 else { return nil }
        let ext = String(decoding: name[(dot + 1)...], as: UTF8.self).lowercased()
        return DocumentSource.walkedExtensions.contains(ext) ? false : nil
    }

    /// Sorts as `String` does: by bytes when every name is ASCII, else by the names as strings.
    private mutating func sortByName() {
        let names = self.names
        if names.allSatisfy({ $0 < 0x80 }) {
            names.withUnsafeBufferPointer { bytes in
                entries.sort { lhs, rhs in
                    let left = bytes[Int(lhs.start)..<Int(lhs.end)], right = bytes[Int(rhs.start)..<Int(rhs.end)]
                    return left.lexicographicallyPrecedes(right)
                }
            }
        } else {
            entries.sort { lhs, rhs in
                String(decoding: names[Int(lhs.start)..<Int(lhs.end)], as: UTF8.self)
                    < String(decoding: names[Int(rhs.start)..<Int(rhs.end)], as: UTF8.self)
            }
        }
    }

    private func path(_ name: ArraySlice<UInt8>) -> String {
        let separator = directory.hasSuffix("/") ? "" : "/"
        return directory + separator + String(decoding: name, as: UTF8.self)
    }

    func makeIterator() -> Iterator { Iterator(listing: self) }

    /// Yields each entry's path and whether it is a directory, in name order.
    struct Iterator: IteratorProtocol {
        fileprivate let listing: DirectoryListing
        private var position = 0

        fileprivate init(listing: DirectoryListing) { self.listing = listing }

        mutating func next() -> (path: String, isDirectory: Bool)? {
            guard position < listing.entries.count else { return nil }
            let entry = listing.entries[position]
            position += 1
            return (listing.path(listing.names[Int(entry.start)..<Int(entry.end)]), entry.isDirectory)
        }
    }
}
