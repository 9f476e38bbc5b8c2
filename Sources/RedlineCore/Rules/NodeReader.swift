import Foundation
import Yams

/// Walks Yams nodes, collecting every problem with its location instead of stopping at the
/// first. Shared by the rule packs and the configuration file.
struct NodeReader {
    let file: String
    /// The folder the file is in on disk, for files it names (a classifier's model).
    var directory: String
    var errors: [RuleLoadError] = []

    init(file: String, directory: String? = nil) {
        self.file = file
        self.directory = directory ?? (file as NSString).deletingLastPathComponent
    }

    func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1)
    }

    mutating func fail(_ node: Node?, _ message: String) {
        errors.append(RuleLoadError(location(node), message))
    }

    private func error(for yamlError: YamlError) -> RuleLoadError {
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return RuleLoadError(SourceLocation(file: file, line: mark.line, column: mark.column), "invalid YAML: \(problem)")
        default:
            return RuleLoadError(SourceLocation(file: file, line: 1, column: 1), "invalid YAML: \(yamlError)")
        }
    }

    mutating func missing(_ key: String, in node: Node) {
        fail(node, "missing required key '\(key)'")
    }

    mutating func mapping(_ node: Node, what: String) -> Node.Mapping? {
        if let mapping = node.mapping { return mapping }
        fail(node, "\(what) must be a mapping")
        return nil
    }

    mutating func sequence(_ node: Node, what: String) -> Node.Sequence? {
        if let sequence = node.sequence { return sequence }
        fail(node, "\(what) must be a list")
        return nil
    }

    func scalarString(_ node: Node?) -> String? { node?.scalar?.string }

    mutating func string(_ node: Node, what: String) -> String? {
        if let scalar = node.scalar { return scalar.string }
        fail(node, "\(what) must be a string")
        return nil
    }

    mutating func requiredString(_ mapping: Node.Mapping, _ key: String, in parent: Node) -> String? {
        guard let node = mapping[key] else { missing(key, in: parent); return nil }
        guard let value = string(node, what: "'\(key)'") else { return nil }
        // Stops at the first scalar that is not blank (trimming would copy every value).
        if value.unicodeScalars.allSatisfy(CharacterSet.whitespacesAndNewlines.contains) {
            fail(node, "'\(key)' must not be empty")
            return nil
        }
        return value
    }

    mutating func checkKeys(_ mapping: Node.Mapping, allowed: Set<String>, what: String) {
        for (key, _) in mapping {
            guard let name = key.string else { fail(key, "keys must be strings"); continue }
            if !allowed.contains(name) {
                fail(key, "unknown key '\(name)' in \(what)\(DidYouMean.hint(name, in: allowed)) (allowed: \(allowed.sorted().joined(separator: ", ")))")
            }
        }
    }

    mutating func stringList(_ node: Node?, what: String) -> [(String, Node)] {
        guard let node else { return [] }
        if let scalar = node.scalar { return [(scalar.string, node)] }
        guard let sequence = sequence(node, what: what) else { return [] }
        return sequence.compactMap { item in string(item, what: "each entry of \(what)").map { ($0, item) } }
    }

    /// The document node of `yaml`, or `nil` with the problem recorded when it does not parse.
    mutating func compose(_ yaml: String) -> Node? {
        do {
            // The basic resolver: every scalar is tagged a string, and readers convert it
            // (`Node.int`, `.bool`, `.float` parse the scalar's text whatever its tag). The
            // default resolver would run a set of NSRegularExpressions on each key at every
            // mapping lookup, a third of loading the default packs.
            return try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            errors.append(self.error(for: error))
        } catch {
            errors.append(RuleLoadError(SourceLocation(file: file, line: 1, column: 1), "cannot parse YAML: \(error)"))
        }
        return nil
    }
}
