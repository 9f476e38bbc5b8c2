import Yams

/// The vocabulary part of reading YAML: vocabulary files, classes with their word forms,
/// guard sets, and the categories a pack declares.
extension NodeReader {
    static let classKeys: Set<String> = ["description", "extends", "entries", "lookalikes"]
    static let guardKeys: Set<String> = ["description", "include", "before", "after"]

    /// A vocabulary file: `vocabulary` (its name), `description`, optional `source` and
    /// `import`, and `classes` and / or `guards`.
    mutating func vocabularyFile(_ mapping: Node.Mapping, root: Node) -> VocabularyFile? {
        checkKeys(mapping, allowed: RulePackLoader.vocabularyKeys, what: "vocabulary file")
        let name = requiredString(mapping, "vocabulary", in: root) ?? ""
        let description = requiredString(mapping, "description", in: root) ?? ""
        let source = mapping["source"].flatMap { string($0, what: "'source'") }
        let imports = stringList(mapping["import"], what: "'import'").map(\.0)
        let classes = vocabularyClasses(mapping["classes"])
        let guards = guardSets(mapping["guards"])
        if mapping["classes"] == nil && mapping["guards"] == nil {
            fail(root, "a vocabulary file needs 'classes', 'guards' or both")
        }
        guard !name.isEmpty else { return nil }
        return VocabularyFile(name: name, description: description, source: source, file: file, imports: imports, classes: classes, guards: guards)
    }

    /// `classes:` — a mapping of class names to `{description, extends, entries, lookalikes}`.
    /// An entry is a literal word or phrase, `word: [form, +suffix, ...]` (its declared forms; a
    /// `+suffix` is added to the word), or `pattern: REGEX` for what a literal cannot say. With
    /// `lookalikes: true` an `i` or `l` of a literal entry matches either, as in spam that
    /// swaps them ("vlagra", "cialls").
    mutating func vocabularyClasses(_ node: Node?) -> [VocabularyClass] {
        guard let node, let mapping = mapping(node, what: "'classes'") else { return [] }
        var classes: [VocabularyClass] = []
        for (key, value) in mapping {
            guard let name = key.string, checkName(name, at: key, what: "class") else { continue }
            guard let body = self.mapping(value, what: "class '\(name)'") else { continue }
            checkKeys(body, allowed: Self.classKeys, what: "class '\(name)'")
            let extends = stringList(body["extends"], what: "'extends'").map(\.0)
            var alternatives: [ClassEntry] = []
            var words: [String] = []
            var lookalikes = false
            if let node = body["lookalikes"] {
                if let value = node.bool { lookalikes = value } else { fail(node, "lookalikes must be true or false") }
            }
            if let entriesNode = body["entries"], let entries = sequence(entriesNode, what: "'entries'") {
                for entry in entries { read(entry: entry, lookalikes: lookalikes, into: &alternatives, words: &words) }
            } else if extends.isEmpty {
                fail(value, "class '\(name)' needs 'entries' or 'extends'")
            }
            classes.append(VocabularyClass(name: name, description: body["description"].flatMap { string($0, what: "'description'") },
                                           extends: extends, alternatives: alternatives, words: words, location: location(key)))
        }
        return classes
    }

    private mutating func read(entry: Node, lookalikes: Bool, into alternatives: inout [ClassEntry], words: inout [String]) {
        if let word = entry.scalar?.string {
            guard checkEntry(word, at: entry) else { return }
            alternatives.append(VocabularyLibrary.literalAlternative(word, lookalikes: lookalikes))
            words.append(word)
            return
        }
        guard let forms = entry.mapping, forms.count == 1, let (key, value) = forms.first, let base = key.string else {
            fail(entry, "a class entry is a word or phrase, 'word: [forms]' or 'pattern: REGEX'")
            return
        }
        if base == "pattern" {
            guard let regex = string(value, what: "'pattern'") else { return }
            if case .failure(let error) = Result(catching: { () throws(RegexError) in try Regex(regex) }) {
                fail(value, "class entry pattern does not compile: \(error.message) at offset \(error.offset) in /\(regex)/")
                return
            }
            alternatives.append(.pattern(regex))
            words.append("/" + regex + "/")
            return
        }
        guard checkEntry(base, at: key) else { return }
        var all = [base]
        for (form, item) in stringList(value, what: "the forms of '\(base)'") {
            let word = form.hasPrefix("+") ? base + form.dropFirst() : form
            if checkEntry(word, at: item) { all.append(word) }
        }
        alternatives += all.map { VocabularyLibrary.literalAlternative($0, lookalikes: lookalikes) }
        words += all
    }

    /// A literal entry is lower case (patterns match caselessly) and not blank.
    private mutating func checkEntry(_ word: String, at node: Node) -> Bool {
        if word.allSatisfy(\.isWhitespace) { fail(node, "a class entry must not be empty"); return false }
        if word != word.lowercased() { fail(node, "class entry '\(word)' must be lower case (patterns match caselessly)"); return false }
        return true
    }

    /// Names of classes and guard sets: lower-case letters, digits and hyphens, starting with a letter.
    private mutating func checkName(_ name: String, at node: Node, what: String) -> Bool {
        let valid = name.first.map { $0.isASCII && $0.isLowercase } == true
            && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "_" }
        if !valid { fail(node, "\(what) name '\(name)' must be lower-case letters, digits and hyphens, starting with a letter") }
        return valid
    }

    /// `guards:` — a mapping of guard-set names to `{description, include, before, after}`;
    /// `include` names other sets (`[$negation]`).
    mutating func guardSets(_ node: Node?) -> [GuardSet] {
        guard let node, let mapping = mapping(node, what: "'guards'") else { return [] }
        var sets: [GuardSet] = []
        for (key, value) in mapping {
            guard let name = key.string, checkName(name, at: key, what: "guard set") else { continue }
            guard let body = self.mapping(value, what: "guard set '$\(name)'") else { continue }
            checkKeys(body, allowed: Self.guardKeys, what: "guard set '$\(name)'")
            let includes = stringList(body["include"], what: "'include'").compactMap { text, item -> String? in
                guard text.hasPrefix("$") else { fail(item, "'include' names guard sets as $name, not '\(text)'"); return nil }
                return String(text.dropFirst())
            }
            let sources = { (reader: inout NodeReader, key: String) in
                reader.stringList(body[key], what: "'\(key)'").map { PatternSource(text: $0, location: reader.location($1), written: $0) }
            }
            let before = sources(&self, "before"), after = sources(&self, "after")
            if before.isEmpty && after.isEmpty && includes.isEmpty { fail(value, "guard set '$\(name)' needs 'before', 'after' or 'include'") }
            sets.append(GuardSet(name: name, description: body["description"].flatMap { string($0, what: "'description'") },
                                 includes: includes, before: before, after: after, location: location(key)))
        }
        return sets
    }

    /// The categories a pack root declares under `categories:` (names, or `{name, description}`).
    static func declaredCategories(in root: Node) -> [String] {
        guard let list = root.mapping?["categories"]?.sequence else { return [] }
        return list.compactMap { $0.scalar?.string ?? $0.mapping?["name"]?.scalar?.string }
    }
}
