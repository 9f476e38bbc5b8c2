import Foundation
import RedlineCore

// In-process measurements for `make bench` (.ci/bench/bench.sh), one `key=value` line each:
//   RedlineBench startup [REPS] [ARTICLE]   what a scan pays before its first document: loading
//       the default packs (YAML, specs, pcre2_compile) and the prefilter (cached Hyperscan
//       database). PCRE2 JIT is lazy (each regex on its first match), so it also reports what
//       JIT-compiling every regex would add, and the scan of ARTICLE (default: a small FAQ of
//       Corpus/) with a fresh rule set, which pays the JIT of the regexes that article reaches.
//   RedlineBench decode FILE.jsonl [REPS]   JSONL reading and text-field decoding alone

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "startup":
    let reps = arguments.dropFirst().first.flatMap { Int($0) } ?? 5
    let articlePath = arguments.dropFirst(2).first ?? "Corpus/faq/ketamine-clinic-faq.txt"
    guard let articleBytes = FileManager.default.contents(atPath: articlePath) else { fatalError("cannot read \(articlePath)") }
    let article = Document(id: articlePath, path: articlePath, bytes: Array(articleBytes), format: .plain)
    var load: [Double] = []
    var prefilter: [Double] = []
    var firstArticle: [Double] = []
    var jitAll: [Double] = []
    var rules = 0
    var regexes = 0
    for _ in 0..<reps {
        var ruleSet: RuleSet?
        var scanner: RedlineCore.Scanner?
        load.append(try seconds { ruleSet = try RuleSet.load(files: RuleSet.defaultPackFiles()) })
        prefilter.append(seconds { scanner = RedlineCore.Scanner(ruleSet: ruleSet!) })
        firstArticle.append(seconds { _ = scanner!.scan(article, scratch: MatchScratch()) })
        // A second rule set, none of whose regexes has matched yet.
        let fresh = try RuleSet.load(files: RuleSet.defaultPackFiles())
        jitAll.append(seconds { regexes = fresh.compileJITNow() })
        rules = ruleSet!.specs.count
    }
    print(String(format: "startup rules=%d regexes=%d load_compile_ms=%.1f prefilter_ms=%.1f total_ms=%.1f jit=lazy "
                 + "jit_all_ms=%.1f first_article_scan_ms=%.1f", rules, regexes, median(load) * 1000, median(prefilter) * 1000,
                 (median(load) + median(prefilter)) * 1000, median(jitAll) * 1000, median(firstArticle) * 1000))
case "decode":
    guard let path = arguments.dropFirst().first else { fatalError("usage: RedlineBench decode FILE.jsonl [REPS]") }
    let reps = arguments.dropFirst(2).first.flatMap { Int($0) } ?? 3
    var times: [Double] = []
    var textBytes = 0
    var documents = 0
    for _ in 0..<reps {
        textBytes = 0
        documents = 0
        times.append(seconds {
            for item in DocumentSource(paths: [path]) {
                if case .document(let document) = item { textBytes += document.bytes.count; documents += 1 }
            }
        })
    }
    let fileBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print(String(format: "decode documents=%d file_bytes=%d text_bytes=%d decode_s_median=%.4f decode_mb_s=%.1f", documents,
                 fileBytes, textBytes, median(times), Double(fileBytes) / median(times) / 1e6))
default:
    print("usage: RedlineBench startup [REPS] [ARTICLE] | decode FILE.jsonl [REPS]")
}
