import Foundation

/// Runs `git` in the current directory and returns what it wrote to standard output.
/// Redline reads revisions only through git itself (`git diff`, `git cat-file`), never by
/// parsing the repository.
enum Git {
    static func run(_ arguments: [String]) throws(DiffInputError) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let command = "git " + arguments.joined(separator: " ")
        do {
            try process.run()
        } catch {
            throw .git(command: command, message: "cannot run git: \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = process.terminationStatus == 127 ? "git is not installed" : message.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .git(command: command, message: reason)
        }
        return Array(data)
    }

    /// The output of `git arguments` as one trimmed line.
    static func line(_ arguments: [String]) throws(DiffInputError) -> String {
        String(decoding: try run(arguments), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Why `redline diff` cannot compare what it was given. Printed as is, exit code 2.
public enum DiffInputError: Error, CustomStringConvertible {
    /// A git command failed (not a repository, an unknown revision, ...).
    case git(command: String, message: String)
    /// OLD and NEW are not both files or both directories.
    case notComparable(old: String, new: String)
    /// OLD or NEW does not exist.
    case missing(path: String)

    public var description: String {
        switch self {
        case .git(let command, let message):
            "\(command) failed: \(message)"
        case .notComparable(let old, let new):
            "cannot compare \(old) with \(new): give two files or two directories"
        case .missing(let path):
            "\(path): no such file or directory"
        }
    }
}
