import ArgumentParser
import Foundation
import RedlineCore

/// `redline text PATH`: shows the text rules read, for rule authors.
struct Text: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the text rules see: extracted from markup (--original) or also de-obfuscated (default).")

    @Argument(help: "An article file.") var path: String
    @Flag(help: "Print the extracted text as written, before de-obfuscation.") var original = false

    func run() throws {
        for case .document(let document) in DocumentSource(paths: [path]) {
            let layers = Scanner.textLayers(of: document)
            print(String(decoding: (original ? layers.extracted.layer : layers.normalized).bytes, as: UTF8.self))
        }
    }
}
